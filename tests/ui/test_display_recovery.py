"""The board says when the broker is gone and comes back by itself (its own broker)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from queue_server.bus.client import BusClient
from queue_server.bus.server import QueueServer
from screens.common import theme
from screens.display.app import DisplayController
from tests.integration.bus.conftest import signed_in_counter
from tests.support.brokers import RunningBroker, start_mosquitto
from tests.support.kivy_window import Window
from tests.ui.test_display import display  # noqa: F401


@pytest.fixture
def broker() -> Iterator[RunningBroker]:
    running = start_mosquitto()
    yield running
    running.stop()


def test_board_shows_offline_and_recovers_after_a_broker_restart(
    server: QueueServer,
    app: Callable[..., BusClient],
    display: DisplayController,  # noqa: F811
    window: Window,
    broker: RunningBroker,
) -> None:
    kiosk = app("kiosk-1")
    kiosk.call("ticket.issue", {"service": "general-petition"})
    window.pump(5, until=lambda: display.state is not None and display.link.online)
    broker.kill()
    window.pump(10, until=lambda: not display.link.online)
    window.shot("display-04-offline")
    assert tuple(display.screen.footer.fill) == theme.DANGER
    broker.restart()
    window.pump(30, until=lambda: display.link.online)
    counter = signed_in_counter(app, "counter-2", "2")
    called = counter.call("counter.call_next", {"counter": "2", "staff": "s01"}, timeout=20)
    window.pump(10, until=lambda: any(c.ticket == called.number for c in display.calls_heard))
    window.pump(5, until=lambda: display.state.counters[1].ticket == called.number)
    window.shot("display-05-recovered")
    assert tuple(display.screen.footer.fill) != theme.DANGER


def test_board_shows_offline_while_the_queue_server_is_stopped(
    start_server: Callable[[], QueueServer],
    display: DisplayController,  # noqa: F811
    window: Window,
) -> None:
    first = start_server()
    window.pump(5, until=lambda: display.state is not None and display.link.online)
    first.stop()  # the broker stays up: only the server is gone
    window.pump(10, until=lambda: not display.link.online)
    window.shot("display-06-server-stopped")
    assert tuple(display.screen.footer.fill) == theme.DANGER
    start_server()
    window.pump(10, until=lambda: display.link.online)
    assert tuple(display.screen.footer.fill) != theme.DANGER
