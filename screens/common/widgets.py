"""Building blocks: coloured panels, big Thai buttons, a tap-anywhere area."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kivy.graphics import Color, Rectangle, RoundedRectangle
from kivy.properties import ColorProperty, NumericProperty, StringProperty
from kivy.uix.behaviors import ButtonBehavior
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.image import Image
from kivy.uix.label import Label

from . import theme
from .thai import ThaiLabel


class Filled:
    """Paints the widget's rectangle in ``fill`` (a mixin for layouts)."""

    fill = ColorProperty(theme.BACKGROUND)

    def _paint(self) -> None:
        with self.canvas.before:  # type: ignore[attr-defined]
            self._fill_colour = Color(*self.fill)
            self._fill_rect = Rectangle(pos=self.pos, size=self.size)  # type: ignore[attr-defined]
        self.bind(pos=self._moved, size=self._moved, fill=self._recolour)  # type: ignore[attr-defined]

    def _moved(self, *_: Any) -> None:
        self._fill_rect.pos = self.pos  # type: ignore[attr-defined]
        self._fill_rect.size = self.size  # type: ignore[attr-defined]

    def _recolour(self, *_: Any) -> None:
        self._fill_colour.rgba = self.fill


class Panel(Filled, BoxLayout):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._paint()


class TapButton(ButtonBehavior, ThaiLabel):
    """A large rounded button with a Thai label; darker while pressed.

    ``name`` identifies it for tests and keyboard shortcuts.
    """

    background = ColorProperty(theme.ACCENT)
    name = StringProperty("")

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("font_size", 34)
        super().__init__(**kwargs)
        with self.canvas.before:
            self._bg_colour = Color(*self.background)
            self._bg = RoundedRectangle(pos=self.pos, size=self.size, radius=[14])
        self.bind(pos=self._moved, size=self._moved, background=self._restyle, state=self._restyle)
        self.bind(disabled=self._restyle)

    def _moved(self, *_: Any) -> None:
        self._bg.pos = self.pos
        self._bg.size = self.size

    def _restyle(self, *_: Any) -> None:
        r, g, b, a = self.background
        factor = 0.7 if self.state == "down" else 1.0
        alpha = 0.35 if self.disabled else a
        self._bg_colour.rgba = (r * factor, g * factor, b * factor, alpha)


class Pictograms(Label):
    """Pictures from the icon font, sized like the labels around them (``wanted_size``)."""

    wanted_size = NumericProperty(40)

    def __init__(self, glyphs: str, **kwargs: Any) -> None:
        kwargs.setdefault("color", theme.NUMBER)
        super().__init__(text=glyphs, font_name=theme.ICONS, **kwargs)
        self.bind(wanted_size=self.setter("font_size"))


class LogoButton(ButtonBehavior, Image):
    """The centre's emblem, and a tap target (the kiosk's hidden staff corner)."""

    name = StringProperty("")

    def __init__(self, logo: Path | None, **kwargs: Any) -> None:
        super().__init__(source=str(logo) if logo else "", fit_mode="contain", **kwargs)
        self.color = (1, 1, 1, 1) if logo else (0, 0, 0, 0)  # no emblem: an empty corner
