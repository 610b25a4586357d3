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

    def on_start(self) -> None:
        from kivy.clock import Clock

        from queue_server import watchdog

        assert self.controller is not None
        self.controller.start()
        watchdog.ready()
        every = watchdog.interval_seconds()
        if every:
            # Pinged from the UI loop: a frozen screen stops pinging and systemd restarts it.
            Clock.schedule_interval(lambda _dt: watchdog.alive(), every)

    def on_stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
