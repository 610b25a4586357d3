"""Type that scales with the window, so one layout reads well at 1366×768 and 1920×1080."""

from __future__ import annotations

import weakref
from typing import Any

from kivy.uix.widget import Widget


class Sizer:
    """Keeps each registered label's font size a fixed share of the root's short side."""

    def __init__(self, root: Widget) -> None:
        self.root = root
        # Weak: a label the app dropped (a page rebuilt, a notice never shown) must not
        # live on here. Strong references leaked one label per kiosk visit (bench/kiosk).
        self._items: weakref.WeakKeyDictionary[Any, float] = weakref.WeakKeyDictionary()
        root.bind(size=self._apply)

    @property
    def unit(self) -> float:
        return min(self.root.width, self.root.height) / 100

    def __call__(self, label: Any, percent: float) -> Any:
        self._items[label] = percent
        label.wanted_size = max(8, round(percent * self.unit))
        return label

    def forget(self, widgets: set[Any]) -> None:
        """Stop sizing widgets that were removed for good."""
        for widget in widgets:
            self._items.pop(widget, None)

    def clear(self, container: Widget) -> None:
        """Empty ``container`` and forget all that was in it (pages are rebuilt per visit)."""
        gone: set[Any] = set()
        stack = list(container.children)
        while stack:
            widget = stack.pop()
            gone.add(widget)
            stack.extend(widget.children)
        self.forget(gone)
        container.clear_widgets()

    def _apply(self, *_: Any) -> None:
        unit = self.unit
        for label, percent in list(self._items.items()):
            label.wanted_size = max(8, round(percent * unit))
