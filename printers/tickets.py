"""From a ticket (as the server returns it) to paper, for a given site.

The kiosk calls ``TicketPrinting.print_ticket`` with the ``ticket.issue``
result; a counter's reprint arrives as the same dict on ``event/reprint``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time

from PIL import Image

from queue_server.bus.messages import CaseWire, TicketWire
from queue_server.config import Site
from queue_server.domain.cases import CHANNEL_NAMES, REFERENCE_MARK
from queue_server.domain.catalog import Service, ServiceKind, Text
from queue_server.domain.follow import follow_url
from queue_server.domain.service_day import BANGKOK, service_day_of
from thaitext.fonts import check_thai_layout

from .backends import TicketPrinter, make_printer
from .layout import SlipContent, TicketContent, render_case_slip, render_ticket
from .status import PrinterStatus, PrintResult

QR_CAPTION = Text(
    "สแกนที่ตู้เพื่อดูสถานะและประเมินความพึงพอใจ", "Scan at the kiosk for status and to rate us"
)
# where the centre's Wi-Fi reaches the phone pages (web.phone_url)
PHONE_QR_CAPTION = Text(
    "สแกนด้วยมือถือ ติดตามคิวและประเมินความพึงพอใจ", "Scan with your phone: follow your turn, rate us"
)
SLIP_PHONE_CAPTION = Text(
    "สแกนด้วยมือถือเพื่อติดตามสถานะเรื่อง", "Scan with your phone to follow your case"
)
ESERVICE_CAPTION = Text("ทำเองได้ทางออนไลน์", "Do it yourself online")
SAMPLE_CAPTION = Text("ตัวอย่าง: รหัสนี้ไม่ใช่บัตรคิว", "Sample: this code is no ticket")
_QR = re.compile(
    r"^OSS:(?P<site>[a-z0-9_-]+):(?P<day>\d{4}-\d{2}-\d{2}):(?P<number>[A-Z]{1,2}\d{3})$"
)


def case_qr(site: str, reference: str) -> str:
    """What a case slip's QR holds: the site and the reference (Thai, in UTF-8)."""
    return f"OSS:{site}:case:{reference}"


def is_sample(number: str) -> bool:
    """Numbers run 001–999 (domain.numbering): one ending in 000 is a printer test's."""
    return number[-3:] == "000"


def sample_ticket(
    site: Site, service_code: str | None = None, lang: str = "th", priority: bool = False
) -> TicketWire:
    """What ``printer test`` and the kiosk's staff corner print: a ticket in every respect
    but its number (A000, never issued) and its QR (no ticket's), and marked as a sample."""
    service = site.catalog.get(service_code) if service_code else site.catalog.services[0]
    return TicketWire(
        number=f"{service.prefix}000", service=service.code, kind=service.kind.value,
        priority=priority, lang=lang, state="waiting",
        issued_at=datetime.now(BANGKOK).isoformat(), people_ahead=3, wait_minutes=[10, 20],
    )  # fmt: skip


def ticket_qr(site: str, day: date, number: str) -> str:
    """What the ticket's QR holds: plain ASCII, so a scanner that types it works too."""
    return f"OSS:{site}:{day.isoformat()}:{number}"


@dataclass(frozen=True)
class TicketRef:
    site: str
    day: date
    number: str


def parse_ticket_qr(text: str) -> TicketRef | None:
    match = _QR.match(text.strip())
    if not match:
        return None
    return TicketRef(match["site"], date.fromisoformat(match["day"]), match["number"])


class TicketPrinting:
    def __init__(self, site: Site, printer: TicketPrinter | None = None) -> None:
        check_thai_layout()
        self.site = site
        self.width = site.config.printer.width_px
        self.phone_url = site.config.web.phone_url
        self.printer = printer or make_printer(site.config.printer, site.base_dir)
        # the number and QR in the printer's own commands (printer.native_codes)
        self.native = bool(getattr(site.config.printer, "native_codes", False))

    def content(self, ticket: TicketWire) -> TicketContent:
        service = self.site.catalog.get(ticket.service)
        issued_at = datetime.fromisoformat(ticket.issued_at or "")
        options = self.site.config.ticket
        sample = is_sample(ticket.number)
        if sample:
            qr, caption = f"OSS:{self.site.id}:sample", SAMPLE_CAPTION
        elif options.qr == "eservice" and service.eservice_url:
            qr, caption = service.eservice_url, ESERVICE_CAPTION
        elif self.phone_url and ticket.token:
            qr, caption = follow_url(self.phone_url, ticket.token), PHONE_QR_CAPTION
        else:
            qr = ticket_qr(self.site.id, service_day_of(issued_at), ticket.number)
            caption = QR_CAPTION
        wait = ticket.wait_minutes
        name = self.site.config.site.name
        return TicketContent(
            centre=name.text,
            number=ticket.number,
            service=service,
            issued_at=issued_at,
            lang=ticket.lang,
            priority=ticket.priority,
            people_ahead=ticket.people_ahead,
            wait_minutes=(wait[0], wait[1]) if wait else None,
            qr_data=qr,
            qr_caption=caption,
            thai_digits=options.thai_digits,
            sample=sample,
        )

    def render(self, ticket: TicketWire, native: bool = False) -> Image.Image:
        """The ticket's picture; ``native``: as laid out for the printer's own number and
        QR (a preview always shows them drawn)."""
        return render_ticket(self.content(ticket), self.width, native)

    def print_ticket(self, ticket: TicketWire) -> PrintResult:
        return self.printer.print_image(self.render(ticket, self.native), ticket.number)

    def slip_content(self, case: CaseWire, lang: str = "th") -> SlipContent:
        if self.phone_url and case.token:
            qr, caption = follow_url(self.phone_url, case.token), SLIP_PHONE_CAPTION
        else:
            qr, caption = case_qr(self.site.id, case.reference), None
        return SlipContent(
            centre=self.site.config.site.name.text,
            service=self._service(case.service),
            reference=case.reference,
            agency=case.agency,
            channel=CHANNEL_NAMES[case.channel],
            sent_on=datetime.combine(date.fromisoformat(case.sent_on), time(12), BANGKOK),
            standard_days=case.standard_days,
            agency_ref=case.agency_ref,
            lang=lang,
            qr_data=qr,
            qr_caption=caption,
            thai_digits=self.site.config.ticket.thai_digits,
        )

    def _service(self, code: str) -> Service:
        """The catalog's service; one withdrawn since (and gone) prints by its code."""
        if code in self.site.catalog:
            return self.site.catalog.get(code)
        return Service(code, "-", ServiceKind.FORWARD, "-", Text(code, code), Text("", ""), 1)

    def render_case_slip(self, case: CaseWire, lang: str = "th") -> Image.Image:
        return render_case_slip(self.slip_content(case, lang), self.width)

    def print_case_slip(self, case: CaseWire, lang: str = "th") -> PrintResult:
        """The forwarded case's slip for the citizen to take away."""
        image = self.render_case_slip(case, lang)
        return self.printer.print_image(image, case.reference.replace(REFERENCE_MARK, "case"))

    def status(self) -> PrinterStatus:
        return self.printer.status()
