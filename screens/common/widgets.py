"""Building blocks: coloured panels, big Thai buttons, a tap-anywhere area."""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from kivy.core.text import Label as CoreLabel
from kivy.graphics import Callback, Color, Rectangle, RoundedRectangle
from kivy.graphics.opengl import GL_BLEND, glDisable, glEnable
from kivy.properties import ColorProperty, NumericProperty, StringProperty
from kivy.uix.behaviors import ButtonBehavior
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.image import Image
from kivy.uix.label import Label
from kivy.uix.widget import Widget

from . import theme
from .thai import ThaiLabel


class Filled:
    """Paints the widget's rectangle in ``fill`` (a mixin for layouts).

    An opaque fill is drawn with blending off. Kivy blends everything it draws, and
    under software OpenGL (llvmpipe) a blended pixel costs the CPU a read of what is
    beneath: the board's panels, most of its area, were a quarter of its frame
    (issue 22: a 1920×1080 board frame 40 → 31 ms). Blending an opaque colour gives
    the same pixels, so nothing changes but the work.
    """

    fill = ColorProperty(theme.BACKGROUND)

    def _paint(self) -> None:
        with self.canvas.before:  # type: ignore[attr-defined]
            Callback(self._opaque_begins)
            self._fill_colour = Color(*self.fill)
            self._fill_rect = Rectangle(pos=self.pos, size=self.size)  # type: ignore[attr-defined]
            Callback(_blending_on)
        self.bind(pos=self._moved, size=self._moved, fill=self._recolour)  # type: ignore[attr-defined]

    def _moved(self, *_: Any) -> None:
        self._fill_rect.pos = self.pos  # type: ignore[attr-defined]
        self._fill_rect.size = self.size  # type: ignore[attr-defined]

    def _recolour(self, *_: Any) -> None:
        self._fill_colour.rgba = self.fill

    def _opaque_begins(self, *_: Any) -> None:
        if self.fill[3] >= 1:
            glDisable(GL_BLEND)


def _blending_on(*_: Any) -> None:
    glEnable(GL_BLEND)


class Panel(Filled, BoxLayout):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._paint()


class Backdrop(Panel):
    """A whole screen's panel, painted by clearing the window rather than by a rectangle.

    The window is cleared every frame anyway, while under software OpenGL (llvmpipe,
    what a board's small PC often has) each layer the size of a 1920×1080 board costs
    about 24 ms a frame: the board's own background was 40 % of its frame (issue 22).
    Only for what fills the window with nothing beneath (a board, a kiosk's page): a
    panel shown over another must paint itself.
    """

    def _paint(self) -> None:
        self.bind(parent=self._clear_colour, fill=self._clear_colour)  # type: ignore[attr-defined]

    def _clear_colour(self, *_: Any) -> None:
        from kivy.core.window import Window

        if self.parent is not None:  # type: ignore[attr-defined]
            Window.clearcolor = self.fill


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


class BigNumber(Widget):
    """A ticket number drawn from a cache of single-character textures.

    A called number changes the board in the frame after the call: rendering a
    400-pixel label anew under software OpenGL took most of a second; with
    each character rendered once per size, a new number is a few rectangles.
    The number is scaled down, never cut, to fit its box.
    """

    words = StringProperty("")
    wanted_size = NumericProperty(40)
    color = ColorProperty(theme.NUMBER)
    font_name = StringProperty(theme.FONT_BOLD)

    _glyphs: ClassVar[dict[tuple[str, str, int], Any]] = {}

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.bind(words=self._draw, wanted_size=self._draw, color=self._draw, size=self._draw,
                  pos=self._draw, font_name=self._draw)  # fmt: skip

    def _glyph(self, char: str, size: int) -> Any:
        key = (char, self.font_name, size)
        texture = self._glyphs.get(key)
        if texture is None:
            if len(self._glyphs) > 512:  # sizes change rarely; start over if they pile up
                self._glyphs.clear()
            label = CoreLabel(text=char, font_name=self.font_name, font_size=size)
            label.refresh()
            texture = self._glyphs[key] = label.texture
        return texture

    def _draw(self, *_: Any) -> None:
        self.canvas.clear()
        if not self.words or self.width <= 0 or self.height <= 0:
            return
        size = max(8, round(self.wanted_size))
        textures = [self._glyph(char, size) for char in self.words]
        width = sum(t.width for t in textures)
        height = max(t.height for t in textures)
        scale = min(1.0, self.width / width, self.height / height)
        x = self.center_x - width * scale / 2
        y = self.center_y - height * scale / 2
        with self.canvas:
            Color(*self.color)
            for texture in textures:
                Rectangle(texture=texture, pos=(x, y), size=(texture.width * scale,
                                                             texture.height * scale))  # fmt: skip
                x += texture.width * scale
