"""What the province board shows of each centre, as plain data (no Kivy).

A centre is heard through its bridge: its retained board and its devices'
presence. Its tile says whether it is open, how many wait, how many of its
counters are open, its longest wait range, its last call, and which kiosks
or displays need someone there. A centre whose queue server is offline, or
that has not been heard for a few minutes (its server republishes the board
every 30 s), is shown so: the line to it or the centre itself is down.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from queue_server.bus import messages as m
from queue_server.bus.fleet import needing_staff
from queue_server.domain.catalog import Text
from queue_server.domain.wait_words import wait_range
from queue_server.thai_order import in_thai_order

from ..common.alerts import device_alert

STALE_AFTER = timedelta(minutes=2)

OPEN, CLOSED, OFFLINE, SILENT = "open", "closed", "offline", "silent"
STATUS = {
    OPEN: Text("เปิดให้บริการ", "Open"),
    CLOSED: Text("ปิดทำการ", "Closed"),
    OFFLINE: Text("ระบบคิวไม่ทำงาน", "Queue server down"),
    SILENT: Text("ขาดการติดต่อ", "Not heard from"),
}


@dataclass
class CentreFeed:
    """What has been heard from one centre."""

    board: m.BoardState | None = None
    presences: dict[str, m.Presence] | None = None  # topic → presence
    heard: datetime | None = None


@dataclass(frozen=True)
class CentreTile:
    site: str
    name: Text
    status: str
    status_text: Text
    waiting: int
    counters_open: int
    counters: int
    longest_wait: Text | None
    last_call: str | None
    alerts: tuple[str, ...]
    heard: datetime | None


@dataclass(frozen=True)
class ProvinceView:
    tiles: tuple[CentreTile, ...]
    open: int
    down: int  # offline or not heard from
    waiting: int
    alerts: int


def _server_up(presences: Mapping[str, m.Presence]) -> bool | None:
    servers = [p.online for p in presences.values() if p.role == "server"]
    return any(servers) if servers else None


def centre_tile(site: str, feed: CentreFeed, now: datetime) -> CentreTile:
    board, presences = feed.board, feed.presences or {}
    name = board.name if board and board.name else Text(site, site)
    if feed.heard is None or now - feed.heard > STALE_AFTER:
        status = SILENT
    elif _server_up(presences) is False:
        status = OFFLINE
    else:
        status = OPEN if board and board.open else CLOSED
    highs = [q.wait_minutes for q in board.queues if q.wait_minutes] if board else []
    longest = max(highs, key=lambda span: span[1]) if highs else None
    last = board.last_calls[0] if board and board.last_calls else None
    return CentreTile(
        site=site,
        name=name,
        status=status,
        status_text=STATUS[status],
        waiting=sum(board.waiting_by_prefix.values()) if board else 0,
        counters_open=sum(c.status != "closed" for c in board.counters) if board else 0,
        counters=len(board.counters) if board else 0,
        longest_wait=wait_range(longest) if longest and board and board.open else None,
        last_call=f"{last.ticket} → {last.counter_name.th}" if last else None,
        alerts=tuple(device_alert(d) for d in needing_staff(presences.values())),
        heard=feed.heard,
    )


def province_view(feeds: Mapping[str, CentreFeed], now: datetime) -> ProvinceView:
    # in Thai order, not by trouble: a tile stays where staff last saw it
    tiles = in_thai_order(
        (centre_tile(site, feed, now) for site, feed in feeds.items()),
        lambda t: t.name.th,
        lambda t: t.site,
    )
    return ProvinceView(
        tiles=tuple(tiles),
        open=sum(t.status == OPEN for t in tiles),
        down=sum(t.status in (OFFLINE, SILENT) for t in tiles),
        waiting=sum(t.waiting for t in tiles if t.status in (OPEN, CLOSED)),
        alerts=sum(len(t.alerts) for t in tiles),
    )
