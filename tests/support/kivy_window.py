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


class Window:
    def __init__(self) -> None:
        from kivy.base import EventLoop

        EventLoop.ensure_window()
        from kivy.core.window import Window as KivyWindow

        self.window = KivyWindow
        self.root: Any = None

    def show(self, root: Any, size: tuple[int, int]) -> Any:
        self.clear()
        self.window.size = size
        self.window.add_widget(root)
        self.root = root
        self.pump(0.1)
        return root

    def clear(self) -> None:
        for child in list(self.window.children):
            self.window.remove_widget(child)
        self.root = None

    def pump(self, seconds: float = 0.05, until: Callable[[], bool] | None = None) -> None:
        """Run the Kivy loop for ``seconds``, or until ``until()`` holds (else fail)."""
        from kivy.base import EventLoop

        end = time.monotonic() + seconds
        while True:
            EventLoop.idle()
            if until is not None and until():
                return
            if time.monotonic() >= end:
                if until is not None:
                    raise AssertionError("the screen did not reach the expected state in time")
                return

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

    def shot(self, name: str) -> Path:
        """Save what the window shows as test-output/screens/NAME.png.

        Read as RGBA: Kivy's own screenshot reads RGB rows, which come out
        skewed when a row is not a multiple of 4 bytes (1366 px wide).
        """
        from kivy.graphics.opengl import GL_RGBA, GL_UNSIGNED_BYTE, glReadPixels
        from PIL import Image

        SHOTS.mkdir(parents=True, exist_ok=True)
        self.pump(0.05)
        width, height = self.window.size
        data = glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE)
        image = Image.frombytes("RGBA", (width, height), bytes(data))
        target = SHOTS / f"{name}.png"
        image.transpose(Image.Transpose.FLIP_TOP_BOTTOM).convert("RGB").save(target)
        return target
