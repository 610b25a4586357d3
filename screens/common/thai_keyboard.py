"""The Thai on-screen keyboard of the kiosk and the tablet (no system keyboard on glass)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kivy.uix.boxlayout import BoxLayout

from queue_server.domain.catalog import Text

from . import theme
from .thai_keys import Typed, label, rows
from .widgets import TapButton

SHIFT = Text("Shift", "Shift")
SPACE = Text("เว้นวรรค", "Space")
DELETE = Text("ลบ", "Delete")
DONE = Text("เสร็จ", "Done")


class ThaiKeyboard(BoxLayout):
    """Kedmanee keys, shift for the second layer; ``on_change(text)`` after every key."""

    def __init__(
        self, on_change: Callable[[str], None], on_done: Callable[[], None], **kwargs: Any
    ) -> None:
        super().__init__(orientation="vertical", spacing=6, **kwargs)
        self.typed = Typed()
        self.on_change, self.on_done = on_change, on_done
        self._draw()

    def start(self, text: str = "") -> None:
        self.typed = Typed(text)
        self._draw()

    def _key(self, words: str, name: str, action: Callable[[], None], **kw: Any) -> TapButton:
        button = TapButton(words=words, name=name, font_size=30, **kw)
        button.bind(on_release=lambda *_: action())
        return button

    def _draw(self) -> None:
        self.clear_widgets()
        for row in rows(self.typed.shifted):
            line = BoxLayout(spacing=6)
            for key in row:
                line.add_widget(self._key(label(key), f"thai-key-{key}",
                                          lambda k=key: self._press(k)))  # fmt: skip
            self.add_widget(line)
        bottom = BoxLayout(spacing=6)
        shift = theme.OK if self.typed.shifted else theme.PANEL_LIGHT
        bottom.add_widget(self._key(SHIFT.th, "thai-shift", self._shift, background=shift,
                                    size_hint_x=0.5))  # fmt: skip
        bottom.add_widget(self._key(SPACE.th, "thai-space", self._space, size_hint_x=1.6))
        bottom.add_widget(self._key(DELETE.th, "thai-delete", self._delete, background=theme.WARN,
                                    size_hint_x=0.6))  # fmt: skip
        bottom.add_widget(self._key(DONE.both(), "thai-done", self.on_done, background=theme.OK,
                                    size_hint_x=0.8))  # fmt: skip
        self.add_widget(bottom)

    def _changed(self, redraw: bool = False) -> None:
        if redraw:
            self._draw()
        self.on_change(self.typed.text)

    def _press(self, key: str) -> None:
        was_shifted = self.typed.shifted
        if self.typed.press(key):
            self._changed(redraw=was_shifted)

    def _shift(self) -> None:
        self.typed.shifted = not self.typed.shifted
        self._changed(redraw=True)

    def _space(self) -> None:
        self.typed.space()
        self._changed()

    def _delete(self) -> None:
        self.typed.delete()
        self._changed()
