"""A large on-screen keypad: a row of queue letters, then digits, delete and OK."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from kivy.uix.boxlayout import BoxLayout
from kivy.uix.gridlayout import GridLayout

from screens.common import theme
from screens.common.widgets import TapButton

DELETE, OK = "del", "ok"


class Keypad(BoxLayout):
    def __init__(
        self,
        letters: Sequence[str],
        on_change: Callable[[str], None],
        on_ok: Callable[[str], None],
        ok_label: str,
        max_length: int = 6,
        **kwargs: Any,
    ) -> None:
        super().__init__(orientation="vertical", spacing=10, **kwargs)
        self.value = ""
        self.max_length = max_length
        self.on_change = on_change
        self.on_ok = on_ok
        if letters:
            row = GridLayout(cols=len(letters), spacing=10, size_hint_y=0.25)
            for letter in letters:
                row.add_widget(self._key(letter, TapButton(words=letter, name=f"key-{letter}")))
            self.add_widget(row)
        digits = GridLayout(cols=3, spacing=10)
        for key in [*"123456789", DELETE, "0", OK]:
            if key == DELETE:
                button = TapButton(words="ลบ · Del", name="key-del", background=theme.WARN)
            elif key == OK:
                button = TapButton(words=ok_label, name="key-ok", background=theme.OK)
            else:
                button = TapButton(words=key, name=f"key-{key}")
            digits.add_widget(self._key(key, button))
        self.add_widget(digits)

    def _key(self, key: str, button: TapButton) -> TapButton:
        button.wanted_size = 40
        button.bind(on_release=lambda _b: self.press(key))
        return button

    def press(self, key: str) -> None:
        if key == DELETE:
            self.value = self.value[:-1]
        elif key == OK:
            self.on_ok(self.value)
            return
        elif len(self.value) < self.max_length:
            self.value += key
        self.on_change(self.value)

    def clear(self) -> None:
        self.value = ""
        self.on_change("")
