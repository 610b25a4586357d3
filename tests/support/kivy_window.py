"""Drive real Kivy widgets in a real (offscreen) window: show, pump frames, tap, screenshot.

Kivy has one window per process; each UI test puts its app's root widget in
it at the size the app would have, and takes it out afterwards.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from screens.offscreen import OffscreenWindow

SHOTS = Path(os.environ.get("OSS_TEST_OUTPUT", "test-output")) / "screens"


def find_all(root: Any, predicate: Callable[[Any], bool]) -> Iterator[Any]:
    if predicate(root):
        yield root
    for child in root.children:
        yield from find_all(child, predicate)


def _settled(widget: Any) -> bool:
    """False while a screen change is under way: a ScreenManager ignores touches then."""
    node, seen = widget.parent, set()
    while node is not None and id(node) not in seen:  # the Window is its own parent
        seen.add(id(node))
        transition = getattr(node, "transition", None)
        if transition is not None and getattr(transition, "is_active", False):
            return False
        node = node.parent
    return True


class Window(OffscreenWindow):
    def tap(self, widget: Any) -> None:
        from kivy.tests.common import UnitTestTouch

        x, y = widget.to_window(*widget.center)
        touch = UnitTestTouch(x, y)
        touch.touch_down()
        self.pump(0.06)  # longer than a Button's min_state_time
        touch.touch_up()
        self.pump(0.05)

    def find(self, predicate: Callable[[Any], bool]) -> list[Any]:
        return list(find_all(self.window, predicate))

    def button(self, name: str, timeout: float = 5.0) -> Any:
        """The enabled button called ``name``, once the screen shows one (state arrives async)."""
        end = time.monotonic() + timeout
        while True:
            found = self.find(
                lambda w: getattr(w, "name", None) == name and hasattr(w, "trigger_action")
            )
            visible = [w for w in found if w.get_root_window() is not None and not w.disabled]
            visible = [w for w in visible if _settled(w)]
            if visible:
                return visible[0]
            if time.monotonic() > end:
                raise AssertionError(f"no enabled button named {name!r} on screen")
            self.pump(0.02)

    def texts(self) -> str:
        """Every label's text on screen, newline-joined (for assertions on what a person reads)."""
        labels = self.find(lambda w: hasattr(w, "words") or type(w).__name__ == "Label")
        return "\n".join(str(getattr(w, "words", None) or getattr(w, "text", "")) for w in labels)

    def shot(self, name: str) -> Path:  # type: ignore[override]
        return super().shot(SHOTS / f"{name}.png")
