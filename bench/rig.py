"""A site, its database and a running queue server for a benchmark (a fixed clock, 10:00)."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from assets import DEFAULT_CATALOG, DEFAULT_SITE
from queue_server.bootstrap import centre
from queue_server.bus.accounts import server_client_id
from queue_server.bus.mqtt import Credentials
from queue_server.bus.server import QueueServer
from queue_server.config import Site, load_site
from queue_server.storage import upgrade
from queue_server.testing import at
from tests.support.sites import without_rate_limits

PIN = "1111"


def new_site(
    folder: Path, edit: dict[str, str] | None = None, *, rate_limits: bool = False
) -> Site:
    """The default site; without the rate limits unless asked (a benchmark's kiosk issues
    far faster than citizens can)."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(DEFAULT_SITE, folder / "site.yaml")
    shutil.copy(DEFAULT_CATALOG, folder / "catalog.yaml")
    text = (folder / "site.yaml").read_text(encoding="utf-8")
    for old, new in (edit or {}).items():
        text = text.replace(old, new, 1)
    (folder / "site.yaml").write_text(text, encoding="utf-8")
    if not rate_limits:
        without_rate_limits(folder / "site.yaml")
    site = load_site(folder / "site.yaml")
    upgrade(site.database_url)
    return site


@contextmanager
def running_server(
    site: Site, broker_url: str, credentials: Callable[[str], Credentials | None] | None = None
) -> Iterator[QueueServer]:
    """``credentials``: the server's login by client id, on a broker with accounts."""
    parts = centre(site, clock=lambda: at(10, 0))
    parts.staff.set_pin("s01", PIN, at(10, 0))
    login = credentials(server_client_id(site.id)) if credentials else None
    server = parts.server(broker_url, credentials=login)
    server.start()
    try:
        yield server
    finally:
        server.stop()
        parts.close()
