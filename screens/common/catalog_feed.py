"""Follow the catalog the server publishes, so screens change when staff edit it.

Each screen starts on the catalog file next to its own site.yaml and then
takes the server's retained copy: the server is what accepts or refuses a
service, so a kiosk must offer what the server runs on, even when someone
forgot to copy the edited file to the kiosk.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime

from pydantic import ValidationError

from queue_server import logs
from queue_server.bus import messages as m
from queue_server.config import CatalogFile, Site
from queue_server.config.loader import catalog_of

from .bus_link import BusLink

log = logs.get(__name__)


class CatalogFeed:
    def __init__(self, link: BusLink, site: Site, changed: Callable[[Site], None]) -> None:
        self.site = site
        self.changed = changed
        self.version: str | None = None
        self.updated_at: datetime | None = None  # None: still on the local file
        link.client.on_catalog(self._received)

    def _received(self, _topic: str, state: m.CatalogState) -> None:
        if state.version == self.version:
            return
        try:
            document = CatalogFile.model_validate(state.catalog)
            updated_at = datetime.fromisoformat(state.updated_at)
        except (ValidationError, ValueError) as exc:
            log.warning("catalog_ignored", reason="does not validate", error=exc)
            return
        self.version, self.updated_at = state.version, updated_at
        if document == self.site.catalog_file:
            return  # the same as the file we started on: nothing to redraw
        log.info("catalog_changed", version=state.version)
        self.site = replace(self.site, catalog=catalog_of(document), catalog_file=document)
        self.changed(self.site)
