"""The fixed tickets the golden images and byte-capture tests print."""

from __future__ import annotations

from assets import DEFAULT_CATALOG
from printers.layout import TicketContent
from printers.tickets import QR_CAPTION, ticket_qr
from queue_server.config import load_catalog
from queue_server.domain.catalog import Text
from queue_server.testing import MONDAY, at

CENTRE = Text(
    "ศูนย์บริการร่วม องค์การบริหารส่วนตำบลแม่กรณ์",
    "One Stop Service Centre, Mae Korn Subdistrict Administrative Organization",
)


def sample_ticket(
    lang: str = "th", service: str = "ldd-soil-supplies", thai_digits: bool = False
) -> TicketContent:
    catalog = load_catalog(DEFAULT_CATALOG)[1]
    return TicketContent(
        centre=CENTRE,
        number="A042",
        service=catalog.get(service),
        issued_at=at(9, 5),
        lang=lang,
        priority=True,
        people_ahead=3,
        wait_minutes=(10, 20),
        qr_data=ticket_qr("maekorn", MONDAY, "A042"),
        qr_caption=QR_CAPTION,
        thai_digits=thai_digits,
    )
