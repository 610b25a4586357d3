"""The one Kivy App class every screen runs in: it builds a controller and starts it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from kivy.app import App


class Controller(Protocol):
    root: Any

    def start(self) -> None: ...

    def stop(self) -> None: ...


class ScreenApp(App):
    def __init__(self, title: str, factory: Callable[[], Controller], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.title = title
        self._factory = factory
        self.controller: Controller | None = None

    def build(self) -> Any:
        self.controller = self._factory()
        return self.controller.root

    def cover_the_screen(self) -> None:
        """Full screen even on a bare X server with no window manager.

        SDL asks the window manager to make the window full screen; a kiosk
        started straight on X (no desktop) has none, so the window stayed at
        its configured size in the middle of the screen while Kivy laid it out
        for the whole screen (found trying docs/install.md on Debian). A
        borderless window of the screen's size at its corner looks the same
        under a window manager and works without one.
        """
        from kivy.clock import Clock
        from kivy.config import Config
        from kivy.core.window import Window

        if Config.get("graphics", "fullscreen") != "auto":
            return
        screen = tuple(Window.system_size)  # what SDL reports for a full-screen window
        Window.fullscreen = False
        Window.borderless = True

        def place(_dt: float) -> None:
            Window.left, Window.top = 0, 0
            Window.system_size = screen

        Clock.schedule_once(place, 0)

    def on_start(self) -> None:
        from kivy.clock import Clock

        from queue_server import watchdog

        assert self.controller is not None
        self.cover_the_screen()
        self.controller.start()
        watchdog.ready()
        every = watchdog.interval_seconds()
        if every:
            # Pinged from the UI loop: a frozen screen stops pinging and systemd restarts it.
            Clock.schedule_interval(lambda _dt: watchdog.alive(), every)

    def on_stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
