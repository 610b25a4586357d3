"""The demo centre: the default site, open around the clock, with its broker and server.

Open around the clock so the demo works at night and at weekends; an empty
database each run so every run tells the same story; the centre's broker on
a free port so a broker already running on 1883 does not get in the way.
"""

from __future__ import annotations

import re
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from assets import DEFAULT_CATALOG, DEFAULT_LOGO, DEFAULT_SITE
from queue_server.bootstrap import centre
from queue_server.bus.accounts import credentials_for, server_client_id
from queue_server.bus.local_broker import start_local_broker
from queue_server.bus.server import QueueServer
from queue_server.config import Site, load_site
from queue_server.domain.service_day import BANGKOK
from queue_server.domain.staff import StaffRole
from queue_server.ops.phone_address import with_phone_pages
from queue_server.storage import upgrade

STAFF, PIN = "s01", "1234"
SUPERVISOR, SUPERVISOR_PIN = "sup1", "5678"  # the console's supervisor pages


def free_port(preferred: int = 1883) -> int:
    for port in (preferred, 0):
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return int(probe.getsockname()[1])
    raise OSError("no free port on 127.0.0.1")


def open_all_day(site_yaml: str) -> str:
    """The site.yaml text with every day open around the clock and no holidays."""
    text = re.sub(
        r"^  (mon|tue|wed|thu|fri|sat|sun): .*$", r'  \1: ["00:00-23:59"]', site_yaml, flags=re.M
    )
    text = text.replace("  stop_issuing_minutes: 15", "  stop_issuing_minutes: 0")
    return re.sub(r"  holidays:\n(    - .*\n)+", "  holidays: []\n", text)


def demo_site(
    directory: Path, port: int, tickets: Path | None = None, web_port: int | None = None
) -> Site:
    """Write the demo's site.yaml (fresh each run) and an empty database; with ``web_port``,
    the tickets' QR opens their phone page on this desktop's console."""
    directory.mkdir(parents=True, exist_ok=True)
    text = open_all_day(DEFAULT_SITE.read_text(encoding="utf-8"))
    text = text.replace("url: mqtt://127.0.0.1:1883", f"url: mqtt://127.0.0.1:{port}")
    if "mqtt://127.0.0.1:" not in text:
        text = text.replace("broker:\n", f"broker:\n  url: mqtt://127.0.0.1:{port}\n", 1)
    if tickets is not None:
        text = text.replace("  dir: tickets\n", f"  dir: {tickets.resolve()}\n")
    if web_port is not None:
        text = with_phone_pages(text, "127.0.0.1", free_port(web_port + 1))
    (directory / "site.yaml").write_text(text, encoding="utf-8")
    (directory / "catalog.yaml").write_bytes(DEFAULT_CATALOG.read_bytes())
    (directory / "logo.png").write_bytes(DEFAULT_LOGO.read_bytes())
    site = load_site(directory / "site.yaml")
    database = Path(site.database_url.removeprefix("sqlite:///"))
    leftovers = [*database.parent.glob(database.name + "*"), directory / "broker/mosquitto.db"]
    for leftover in leftovers:
        leftover.unlink(missing_ok=True)
    upgrade(site.database_url)
    return site


@dataclass
class RunningCentre:
    site: Site
    broker_url: str
    server: QueueServer


@contextmanager
def running_centre(
    directory: Path, tickets: Path | None = None, web_port: int | None = None
) -> Iterator[RunningCentre]:
    """The centre's broker (Mosquitto with one account per device, as a centre runs it) and
    the queue server in this process, until the block ends."""
    port = free_port()
    site = demo_site(directory, port, tickets, web_port)
    broker = start_local_broker(site, log_file=directory / "mosquitto.log")
    parts = centre(site)
    parts.staff.set_pin(STAFF, PIN, datetime.now(BANGKOK))
    parts.staff.set_pin(SUPERVISOR, SUPERVISOR_PIN, datetime.now(BANGKOK), StaffRole.SUPERVISOR)
    url = f"mqtt://127.0.0.1:{port}"
    server = parts.server(url, credentials=credentials_for(site, server_client_id(site.id)))
    server.start()
    try:
        yield RunningCentre(site, url, server)
    finally:
        server.stop()
        parts.close()
        broker.stop()
