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
        assert self.controller is not None
        self.controller.start()

    def on_stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
