"""The province board's tiles, from what each centre's bridge carries."""

from __future__ import annotations

from datetime import timedelta

from queue_server.bus import messages as m
from queue_server.testing import at
from screens.province.view import (
    CLOSED,
    OFFLINE,
    OPEN,
    SILENT,
    CentreFeed,
    centre_tile,
    province_view,
)

NOW = at(10, 0)


def board(
    site: str = "maekorn", th: str = "อบต.แม่กรณ์", open_: bool = True, waiting: int = 3
) -> m.BoardState:
    counter = {"name": {"th": "ช่องบริการ 1", "en": "Counter 1"}, "pause_reason": None}
    return m.BoardState.model_validate({
        "seq": 1, "site": site, "service_day": "2026-11-23", "at": NOW.isoformat(),
        "open": open_, "next_opening": None,
        "name": {"th": th, "en": site},
        "counters": [
            {"id": "1", **counter, "status": "open", "staff": "s01", "ticket": "A004"},
            {"id": "2", **counter, "status": "closed", "staff": None, "ticket": None},
        ],
        "last_calls": [{"ticket": "A004", "counter": "1", "service": "x", "recall": 0,
                        "at": NOW.isoformat(),
                        "counter_name": {"th": "ช่องบริการ 1", "en": "Counter 1"}}],
        "queues": [
            {"service": "x", "prefix": "A", "waiting": waiting, "wait_minutes": [5, 20]},
            {"service": "y", "prefix": "B", "waiting": 0, "wait_minutes": [0, 10]},
        ],
        "waiting_by_prefix": {"A": waiting, "B": 0},
    })  # fmt: skip


def presence(role: str, client: str, online: bool = True, **extra: object) -> m.Presence:
    return m.Presence(online=online, role=role, client=client, extra=extra)


def feed(*presences: m.Presence, heard=NOW, **board_args: object) -> CentreFeed:
    return CentreFeed(
        board=board(**board_args),  # type: ignore[arg-type]
        presences={f"oss/x/presence/{p.role}/{p.client}": p for p in presences},
        heard=heard,
    )


def test_an_open_centre_shows_who_waits_its_counters_and_its_longest_wait():
    tile = centre_tile("maekorn", feed(presence("server", "server-1")), NOW)
    assert (tile.status, tile.name.th, tile.waiting) == (OPEN, "อบต.แม่กรณ์", 3)
    assert (tile.counters_open, tile.counters) == (1, 2)
    assert tile.longest_wait is not None and tile.longest_wait.th == "ประมาณ 5–20 นาที"
    assert tile.last_call == "A004 → ช่องบริการ 1"
    assert tile.alerts == ()


def test_a_closed_centre_says_so_and_no_wait_range():
    tile = centre_tile("maekorn", feed(open_=False), NOW)
    assert (tile.status, tile.longest_wait) == (CLOSED, None)


def test_a_centre_whose_queue_server_is_down_is_offline():
    tile = centre_tile("maekorn", feed(presence("server", "server-1", online=False)), NOW)
    assert tile.status == OFFLINE


def test_a_centre_not_heard_from_for_minutes_is_silent_whatever_its_last_board_said():
    tile = centre_tile("maekorn", feed(heard=NOW - timedelta(minutes=3)), NOW)
    assert tile.status == SILENT


def test_a_kiosk_out_of_paper_is_an_alert_on_its_centres_tile():
    tile = centre_tile("maekorn", feed(presence("kiosk", "kiosk-1", paper="out")), NOW)
    assert tile.alerts == ("ตู้บัตรคิว kiosk-1: กระดาษหมด · out of paper",)


def test_centres_come_in_thai_order_and_the_header_counts_them():
    feeds = {
        "maekorn": feed(th="อบต.แม่กรณ์"),
        "nanglae": feed(th="เทศบาลตำบลนางแล", heard=NOW - timedelta(minutes=5)),
        "bandu": feed(presence("kiosk", "kiosk-1", paper="out"), th="อบต.บ้านดู่", waiting=2),
    }
    view = province_view(feeds, NOW)
    # ท (เทศบาล, its leading vowel set aside) before อ; then บ before ม
    assert [t.site for t in view.tiles] == ["nanglae", "bandu", "maekorn"]
    assert (view.open, view.down, view.waiting, view.alerts) == (2, 1, 5, 1)


def test_a_centre_heard_only_by_its_presence_shows_its_site_id():
    tile = centre_tile("nameless", CentreFeed(presences={}, heard=NOW), NOW)
    assert (tile.name.th, tile.waiting, tile.counters) == ("nameless", 0, 0)
