"""UI fixtures: one real Kivy window (offscreen without a screen), a real broker and server."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from screens.common.boot import prepare_kivy

# Square and large: an offscreen window can shrink for each app, but not grow.
prepare_kivy(size=(1920, 1920), fullscreen=False, home=Path(tempfile.mkdtemp(prefix="kivy-home-")))

from queue_server.config import Site  # noqa: E402
from screens.common import theme  # noqa: E402
from tests.integration.bus.conftest import (  # noqa: E402, F401
    app,
    bus_site,
    clock,
    mosquitto_broker,
    server,
    start_server,
)
from tests.support.brokers import RunningBroker  # noqa: E402
from tests.support.kivy_window import Window  # noqa: E402


@pytest.fixture(scope="session")
def kivy_window() -> Window:
    theme.register_fonts()
    return Window()


@pytest.fixture
def window(kivy_window: Window) -> Iterator[Window]:
    yield kivy_window
    kivy_window.clear()


@pytest.fixture
def broker(mosquitto_broker: RunningBroker) -> RunningBroker:
    return mosquitto_broker


@pytest.fixture
def site(bus_site: Site) -> Site:
    return bus_site
