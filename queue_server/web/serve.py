"""The console's composition: the site's parts, its bus reader and the app, made once."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from starlette.applications import Starlette

from queue_server.bootstrap import centre
from queue_server.bus.accounts import AccountError, credentials_for
from queue_server.bus.client import BusClient
from queue_server.config import Site
from queue_server.config.models import Role
from queue_server.service import utc_now

from .app import build_app, build_phone_app
from .console import Console
from .feed import FloorFeed


def console_client_id(site: Site) -> str | None:
    """The console's client id: the one listed with role ``web`` in site.yaml."""
    return next((c for c, role in site.config.clients.items() if role is Role.WEB), None)


def feed_of(site: Site, mqtt_url: str | None = None) -> tuple[FloorFeed, str]:
    """The live floor's reader, and a line saying where it reads from (or why not)."""
    client_id = console_client_id(site)
    if client_id is None:
        return FloorFeed(None), "no live floor: add `console: web` under clients in site.yaml"
    try:
        credentials = credentials_for(site, client_id)
    except AccountError as exc:
        return FloorFeed(None), f"no live floor: {exc}"
    url = mqtt_url or site.config.broker.url
    client = BusClient(
        site=site.id, client_id=client_id, role=Role.WEB.value, broker_url=url,
        credentials=credentials,
    )  # fmt: skip
    return FloorFeed(client), f"live floor from {url} as {client_id}"


def console_app(
    site: Site, mqtt_url: str | None = None, clock: Callable[[], datetime] = utc_now
) -> tuple[Starlette, Starlette | None, str]:
    """The console's app, the phone pages' own (with ``web.phone_port``), and where the
    live floor reads from."""
    feed, where = feed_of(site, mqtt_url)
    console = Console(site, centre(site, clock), feed, clock)
    phones = build_phone_app(console) if site.config.web.phone_port else None
    return build_app(console), phones, where
