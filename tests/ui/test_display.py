"""The display board in a real window, fed by a real server over Mosquitto."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from queue_server.bus.client import BusClient
from queue_server.bus.server import QueueServer
from queue_server.config import Site
from queue_server.config.models import Role
from queue_server.domain.catalog import Text as m_text
from screens.common.bus_link import BusLink, make_bus
from screens.display.app import DisplayController, voice_for
from screens.voice.players import KivyPlayer
from screens.voice.site import site_clips, site_pack
from tests.integration.bus.conftest import signed_in_counter
from tests.support.brokers import RunningBroker
from tests.support.kivy_window import Window
from tests.support.voice import tone_pack


@pytest.fixture
def display(
    site: Site, broker: RunningBroker, window: Window, tmp_path
) -> Iterator[DisplayController]:
    pack = tone_pack(site_pack(site).folder, site_clips(site))
    assert pack.exists()
    link = BusLink(make_bus(site, "display-1", Role.DISPLAY, broker.url))
    controller = DisplayController(site, link, voice_for(site, KivyPlayer()))
    window.show(controller.screen, (1920, 1080))
    controller.start()
    yield controller
    controller.stop()


def test_board_shows_a_call_from_a_counter_and_announces_it_once(
    server: QueueServer,
    app: Callable[..., BusClient],
    display: DisplayController,
    window: Window,
) -> None:
    """Found too: the called number was 82 px of 1080 (7.6 %); waiting rows in several sizes."""
    kiosk = app("kiosk-1")
    for service in ("general-petition", "general-petition", "disability-card",
                    "government-supplier-registration"):  # fmt: skip
        kiosk.call("ticket.issue", {"service": service})
    counter = signed_in_counter(app, "counter-2", "2")
    window.pump(5, until=lambda: display.state is not None and display.link.online)
    window.shot("display-01-waiting")
    called = counter.call("counter.call_next", {"counter": "2", "staff": "s01"})
    window.pump(5, until=lambda: len(display.announcer.history) == 1)
    assert called.number in window.texts()
    window.shot("display-02-call-flashing")
    assert display.screen.hero.number.words == called.number
    share = _ink_height(display.screen.hero.number) / display.screen.height
    assert 0.25 <= share <= 0.30, share
    window.pump(2)
    rows = display.screen.queue_rows  # drawn a moment after the call: one size for all
    assert len({label.font_size for row in rows for label in row if label.words}) == 1
    history = list(display.announcer.history)
    assert [a.call.ticket for a in history] == [called.number]
    assert history[0].spoken


def test_fast_calls_from_two_counter_apps_are_announced_once_each_in_order(
    server: QueueServer,
    app: Callable[..., BusClient],
    display: DisplayController,
    window: Window,
    site: Site,
    broker: RunningBroker,
) -> None:
    from screens.counter.app import CounterController
    from tests.integration.bus.conftest import PIN

    kiosk = app("kiosk-1")
    for _ in range(3):
        kiosk.call("ticket.issue", {"service": "general-petition"})
    terminals = []
    for client_id, counter in (("counter-2", "2"), ("counter-3", "3")):
        terminal = CounterController(
            site, BusLink(make_bus(site, client_id, Role.COUNTER, broker.url)), counter
        )
        terminal.start()
        terminals.append(terminal)
    try:
        window.pump(5, until=lambda: all(t.link.online for t in terminals))
        for terminal, counter in zip(terminals, ("2", "3"), strict=True):
            terminal.do_sign_in("s01", PIN, counter)
        window.pump(5, until=lambda: all(t.state is not None for t in terminals))
        for terminal in terminals:
            terminal.act("open")
        window.pump(5, until=lambda: all(t.state.counter.status == "open" for t in terminals))
        # Three calls within a few milliseconds: 2 calls, 3 calls, 2 recalls.
        terminals[0].act("call_next")
        terminals[1].act("call_next")
        window.pump(5, until=lambda: all(t.state.ticket is not None for t in terminals))
        # Whichever counter reached the server first has D001.
        at_2, at_3 = (t.state.ticket.number for t in terminals)
        terminals[0].act("recall")
        window.pump(10, until=lambda: len(display.announcer.history) == 3)
        window.shot("display-03-two-counters")
        window.pump(1)
    finally:
        for terminal in terminals:
            terminal.stop()
    heard = [(c.ticket, c.counter, c.recall) for c in display.calls_heard]
    announced = [(a.call.ticket, a.call.counter, a.call.recall) for a in display.announcer.history]
    assert announced == heard
    assert sorted(announced) == sorted([(at_2, "2", 0), (at_2, "2", 1), (at_3, "3", 0)])
    assert {at_2, at_3} == {"D001", "D002"}
    assert announced.index((at_2, "2", 0)) < announced.index((at_2, "2", 1))


@pytest.mark.parametrize(
    "orientation,size", [("landscape", (1366, 768)), ("portrait", (1080, 1920))]
)
def test_board_fits_other_screens(
    server: QueueServer,
    app: Callable[..., BusClient],
    site: Site,
    broker: RunningBroker,
    window: Window,
    orientation: str,
    size: tuple[int, int],
) -> None:
    from queue_server.config import load_site
    from screens.voice.players import SilentPlayer

    text = site.path.read_text(encoding="utf-8")
    site.path.write_text(text.replace("orientation: landscape", f"orientation: {orientation}"))
    configured = load_site(site.path)
    link = BusLink(make_bus(configured, "display-1", Role.DISPLAY, broker.url))
    board = DisplayController(configured, link, voice_for(configured, SilentPlayer()))
    window.show(board.root, size)
    board.start()
    try:
        app("admin").call("ticket.issue", {"service": "general-petition"})
        signed_in_counter(app, "counter-3", "3").call(
            "counter.call_next", {"counter": "3", "staff": "s01"}
        )
        window.pump(5, until=lambda: len(board.calls_heard) == 1)
        window.pump(0.5)
        window.shot(f"display-06-{orientation}-{size[0]}x{size[1]}")
        assert "D001" in window.texts()
    finally:
        board.stop()


def _ink_height(number) -> float:
    """How tall a BigNumber's letters are drawn: the inked rows of each character's texture,
    at the scale it is drawn."""
    from kivy.graphics import Rectangle

    heights = []
    for instruction in number.canvas.children:
        if isinstance(instruction, Rectangle) and instruction.texture is not None:
            width, height = instruction.texture.size
            pixels = instruction.texture.pixels
            rows = sum(
                1
                for y in range(height)
                if any(pixels[(y * width + x) * 4 + 3] for x in range(0, width, 2))
            )
            heights.append(rows * instruction.size[1] / height)
    return max(heights)


def test_a_closed_board_says_so_where_the_number_goes(window: Window) -> None:
    from screens.display.board import BoardScreen
    from screens.display.view import board_view
    from tests.unit.screens.test_views import NOW, board, counter

    state = board(False, "2026-11-24T08:30:00+07:00").model_copy(
        update={"counters": [counter("closed")]}
    )
    screen = BoardScreen(m_text("ศูนย์บริการร่วม", "One Stop Service"), None, portrait=False)
    window.show(screen, (1920, 1080))
    screen.show(board_view(state, {}, 6, NOW), set())
    window.pump(0.3)
    window.shot("display-08-closed")
    assert "08:30" in screen.hero.reason.words


def test_the_board_shows_a_qr_to_the_centres_page_for_phones(window: Window) -> None:
    """Read back from the window as a phone's camera would: the centre's page."""
    import zxingcpp
    from PIL import Image

    from screens.display.board import BoardScreen
    from screens.display.view import board_view
    from tests.unit.screens.test_views import NOW, board, counter

    address = "HTTP://192.168.1.10:8080/Q"
    screen = BoardScreen(
        m_text("ศูนย์บริการร่วม", "One Stop Service"), m_text("ยินดีต้อนรับ", "Welcome"),
        portrait=False, phone_qr=address,
    )  # fmt: skip
    window.show(screen, (1920, 1080))
    screen.show(board_view(board(True).model_copy(update={"counters": [counter("open")]}),
                           {}, 6, NOW), set())  # fmt: skip
    window.pump(0.3)
    path = window.shot("display-09-phone-qr")
    (read,) = zxingcpp.read_barcodes(Image.open(path).convert("L"))
    assert read.text == address
