"""The composition root: where a site's server-side parts are built and wired, once.

The CLI, the demo, the tests and the benchmarks all get their engine, store,
service, staff registry and queue server from here, so each is made one way
and nothing reaches into another part to find the database.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import Engine

from queue_server.config import Site
from queue_server.service import QueueService, utc_now
from queue_server.storage import QueueStore, make_engine
from queue_server.storage.staff import StaffRegistry

if TYPE_CHECKING:
    from queue_server.bus.mqtt import Credentials
    from queue_server.bus.server import QueueServer


@dataclass
class Centre:
    """One site's server side: its database, the queue service and the staff registry."""

    site: Site
    engine: Engine | None  # None: the memory store (tests)
    service: QueueService
    staff: StaffRegistry

    def server(
        self,
        broker_url: str,
        *,
        credentials: Credentials | None = None,
        client_id: str | None = None,
        wall_clock: Callable[[], datetime] | None = None,
    ) -> QueueServer:
        """The queue server on this centre's parts (not yet connected: ``start()`` it)."""
        from queue_server.bus.server import QueueServer

        return QueueServer(
            self.site,
            self.service,
            self.staff,
            broker_url=broker_url,
            credentials=credentials,
            client_id=client_id,
            wall_clock=wall_clock,
        )

    def close(self) -> None:
        self.service.close()


def centre(
    site: Site, clock: Callable[[], datetime] = utc_now, *, engine: Engine | None = None
) -> Centre:
    """Connect to the site's database (or use ``engine``) and build its parts."""
    engine = engine or make_engine(site.database_url)
    store = QueueStore(
        engine,
        site_id=site.id,
        catalog=site.catalog,
        rules=site.rules(),
        counter_setups=site.counter_setups(),
    )
    service = QueueService(store, clock, site.rating_rules())
    return Centre(site, engine, service, StaffRegistry(engine, site.id))


def memory_centre(site: Site, clock: Callable[[], datetime] = utc_now) -> Centre:
    """The same parts on the memory store and staff registry: for tests that need no
    database (queue_server/testing.py)."""
    from queue_server.testing import MemoryStaff, MemoryStore

    store = MemoryStore(
        site_id=site.id,
        catalog=site.catalog,
        rules=site.rules(),
        counter_setups=site.counter_setups(),
    )
    service = QueueService(store, clock, site.rating_rules())  # type: ignore[arg-type]
    return Centre(site, None, service, MemoryStaff())  # type: ignore[arg-type]


def service_for(site: Site, clock: Callable[[], datetime] = utc_now) -> QueueService:
    """Only the queue service (closing it closes its database)."""
    return centre(site, clock).service
