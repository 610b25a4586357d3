"""Shared set-up for the kiosk UI tests: a kiosk on a real network printer (a TCP listener)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from printers.tickets import TicketPrinting
from queue_server.config import Site, load_site
from queue_server.config.models import Role
from queue_server.pins import hash_pin
from screens.common.bus_link import BusLink, make_bus
from tests.support.escpos_decode import decode
from tests.support.fake_printer import TcpPrinter

STAFF_PIN = "8642"
PNG_PRINTER = "printer:\n  backend: png\n  width_px: 576\n  dir: tickets\n"


def kiosk_site(site: Site, printer: TcpPrinter, **kiosk_options: object) -> Site:
    """The test's site, printing to ``printer``, with a staff PIN for the kiosk corner."""
    path: Path = site.path
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        PNG_PRINTER,
        f"printer:\n  backend: network\n  host: 127.0.0.1\n  port: {printer.port}\n"
        "  timeout_s: 1.0\n",
    )
    options = {"staff_pin_hash": hash_pin(STAFF_PIN), **kiosk_options}
    for key, value in options.items():
        line = f"    {key}: {json.dumps(value)}"
        text, count = re.subn(rf"^    {key}: .*$", line, text, count=1, flags=re.M)
        if not count:
            text = text.replace("  kiosk:\n", f"  kiosk:\n{line}\n", 1)
    path.write_text(text, encoding="utf-8")
    return load_site(path)


def kiosk_link(site: Site, broker_url: str) -> BusLink:
    return BusLink(make_bus(site, "kiosk-1", Role.KIOSK, broker_url))


def printed_image(site: Site, printer: TcpPrinter, ticket: dict, index: int = -1):
    """What reached the printer, decoded, and what the ticket should look like."""
    capture = printer.captures[index]
    capture.done.wait(5)
    want = TicketPrinting(site).render(ticket)
    got = decode(bytes(capture.data)).image(want.width)
    return got, want


def tap_service(window, code: str) -> None:
    """Tap ``service-<code>`` in a category's list, turning its pages until it is there."""
    name = f"service-{code}"
    for _ in range(10):
        shown = window.find(lambda w: getattr(w, "name", None) == name and w.get_root_window())
        if shown:
            break
        window.tap(window.button("page-next"))
    window.tap(window.button(name))
