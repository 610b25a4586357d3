"""Drive the apps without anyone at the screen: show a root, run frames, save a picture.

The headless demo uses it to play a morning and keep a screenshot of each
step; the UI tests build their tapping helpers on it. Kivy has one window per
process: each app's root is shown in turn, at the size that app would have.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any


class OffscreenWindow:
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

    def shot(self, path: Path) -> Path:
        """Save what the window shows as a PNG.

        Read as RGBA: Kivy's own screenshot reads RGB rows, which come out
        skewed when a row is not a multiple of 4 bytes (1366 px wide).
        """
        from kivy.graphics.opengl import GL_RGBA, GL_UNSIGNED_BYTE, glReadPixels
        from PIL import Image

        path.parent.mkdir(parents=True, exist_ok=True)
        self.pump(0.05)
        width, height = self.window.size
        data = glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE)
        image = Image.frombytes("RGBA", (width, height), bytes(data))
        image.transpose(Image.Transpose.FLIP_TOP_BOTTOM).convert("RGB").save(path)
        return path
