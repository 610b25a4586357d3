"""Start one screen app for a site: set Kivy up, connect to the bus, run the window.

Kivy is imported only here, after ``prepare_kivy``: the server and the CLI's
other commands never load it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from queue_server import logs
from queue_server.config import Site
from queue_server.config.models import Role
from screens.common.boot import prepare_kivy

# Window sizes when run with --window on a desktop; full screen otherwise.
WINDOW_SIZES = {
    Role.DISPLAY: (1280, 720),
    Role.COUNTER: (1200, 750),
    Role.RATING: (1024, 640),
    Role.KIOSK: (1280, 800),
}
TITLES = {
    Role.DISPLAY: "OSS Queue – display",
    Role.COUNTER: "OSS Queue – counter",
    Role.RATING: "OSS Queue – rating",
    Role.KIOSK: "OSS Queue – kiosk",
}


def window_size(role: Role, site: Site, size: tuple[int, int] | None) -> tuple[int, int]:
    if size is not None:
        return size
    width, height = WINDOW_SIZES[role]
    if role is Role.DISPLAY and site.config.screens.display.orientation == "portrait":
        return (height, width)
    return (width, height)


def controller_factory(
    role: Role, site: Site, client_id: str, mqtt_url: str | None, counter: str | None
) -> Callable[[], Any]:
    """What builds the app's controller (Kivy is loaded by then)."""
    from screens.common.bus_link import BusLink, make_bus

    def link() -> BusLink:
        return BusLink(make_bus(site, client_id, role, mqtt_url))

    if role is Role.DISPLAY:
        from screens.display.app import DisplayController, voice_for

        return lambda: DisplayController(site, link(), voice_for(site))
    if role is Role.COUNTER:
        from screens.counter.app import CounterController

        return lambda: CounterController(site, link(), counter)
    if role is Role.RATING:
        from screens.rating.app import RatingController

        bound = counter or site.config.screens.rating.counters.get(client_id)
        if bound is None:
            raise SystemExit(
                f"which counter does {client_id} sit at? Use --counter, or list it under "
                "screens: rating: counters: in site.yaml"
            )
        return lambda: RatingController(site, link(), bound)
    from kiosk.app import KioskController

    return lambda: KioskController(site, link())


def run_screen(
    role: Role,
    site: Site,
    *,
    client_id: str,
    window: bool,
    mqtt_url: str | None = None,
    counter: str | None = None,
    size: tuple[int, int] | None = None,
    position: tuple[int, int] | None = None,
) -> None:
    _run_app(
        TITLES[role],
        lambda: controller_factory(role, site, client_id, mqtt_url, counter),
        size=window_size(role, site, size),
        window=window,
        position=position,
    )


def _run_app(
    title: str,
    factory: Callable[[], Callable[[], Any]],
    *,
    size: tuple[int, int],
    window: bool,
    position: tuple[int, int] | None,
) -> None:
    """Log to stderr (the journal), set Kivy up, then build the controller and run."""
    logs.setup()
    prepare_kivy(size=size, fullscreen=not window, position=position)
    from screens.common import theme
    from screens.common.app import ScreenApp

    theme.register_fonts()
    ScreenApp(title, factory()).run()


def run_province_board(
    client: Callable[[], Any],
    *,
    page_seconds: float,
    window: bool,
    size: tuple[int, int] | None = None,
    position: tuple[int, int] | None = None,
) -> None:
    """The province board: ``client`` makes its read-only bus client once Kivy is set up."""

    def factory() -> Callable[[], Any]:
        from screens.province.app import ProvinceController

        return lambda: ProvinceController(client(), page_seconds=page_seconds)

    _run_app(
        "OSS Queue – province",
        factory,
        size=size or (1280, 720),
        window=window,
        position=position,
    )
