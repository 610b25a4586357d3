"""Thai labels for Kivy: shaped, and broken into lines only between words.

Kivy shapes Thai correctly only with ``font_script_name='Thai'``, and it
breaks lines at spaces alone: a long Thai phrase (no spaces between words)
is cut wherever the width runs out, mid-word (a zero-width space does not
help, its layout ignores it). So ThaiLabel wraps the text itself, at the
word boundaries PyThaiNLP finds, measuring each line with the same font, and
hands Kivy lines that already fit.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from kivy.core.text import Label as CoreLabel
from kivy.graphics import Color
from kivy.properties import BooleanProperty, NumericProperty, StringProperty
from kivy.uix.label import Label

from thaitext.words import wrap

from . import theme

WHITE = (1.0, 1.0, 1.0, 1.0)
# Room for the difference between measuring a line and drawing it.
_SLACK_PX = 6


def _measure(font_name: str, font_size: float) -> CoreLabel:
    return CoreLabel(font_name=font_name, font_size=font_size, font_script_name="Thai")


def wrap_for_width(text: str, width: float, font_name: str, font_size: float) -> str:
    """``text`` with a newline wherever a line must break to fit ``width`` pixels."""
    if width <= _SLACK_PX * 2 or not text:
        return text
    measure = _measure(font_name, font_size)

    def fits(line: str) -> bool:
        return bool(measure.get_extents(line)[0] <= width - _SLACK_PX)

    return "\n".join(
        "\n".join(wrap(paragraph, fits)) if paragraph.strip() else ""
        for paragraph in text.split("\n")
    )


# Marks that sit above or below a Thai consonant: a line holding them is drawn taller
# than the font's line box (stacked ปั้, ฎุ), and how much taller depends on the marks.
_MARKS = re.compile("[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]")


@lru_cache(maxsize=4096)
def drawn_height(text: str, font_name: str, font_size: float) -> int:
    """How tall ``text`` is as Kivy draws it, rendered: asked only of text with marks
    above or below, which may reach past the font's line boxes."""
    drawn = CoreLabel(text=text, font_name=font_name, font_size=font_size,
                      font_script_name="Thai")  # fmt: skip
    drawn.refresh()
    return int(drawn.texture.height)


@lru_cache(maxsize=4096)
def fit_text(
    text: str, width: float, height: float, font_name: str, font_size: float, wrap_words: bool
) -> tuple[str, float]:
    """The wrapped text and the largest size up to ``font_size`` at which it fits the box.

    Shrinks rather than clips: a long service name on a small screen is
    smaller, never cut off.
    """
    # Whole pixel sizes only: Kivy keeps every (font, size) it opens for the life of the app.
    size = float(round(font_size))
    while True:
        wrapped = wrap_for_width(text, width, font_name, size) if wrap_words else text
        lines = wrapped.split("\n")
        measure = _measure(font_name, size)
        extents = [measure.get_extents(line or " ") for line in lines]
        # A line as drawn may be taller than the font's line box (marks above ผู้ and below
        # ฎ): counting only the boxes let a caption hang over the widget below ("(Prioritv)").
        drawn = sum(h for _, h in extents)
        if _MARKS.search(wrapped):
            drawn = max(drawn, drawn_height(wrapped, font_name, size))
        total_height = drawn + 2 * len(lines)
        widest = max(w for w, _ in extents)
        fits = total_height <= height and (wrap_words or widest <= width)
        if fits or size <= 10 or height <= 0 or width <= 0:
            return wrapped, size
        size = float(round(size * 0.9))


class ThaiLabel(Label):
    """A Label whose ``words`` are shaped as Thai and wrapped at word boundaries.

    Set ``words`` (not ``text``). With ``wrap_words`` off it stays on one line.
    """

    words = StringProperty("")
    wrap_words = BooleanProperty(True)
    # The size wanted; the label draws smaller when the text would not fit otherwise.
    wanted_size = NumericProperty(20)

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("font_name", theme.FONT)
        kwargs.setdefault("color", theme.TEXT)
        kwargs.setdefault("halign", "center")
        kwargs.setdefault("valign", "middle")
        kwargs.setdefault("wanted_size", kwargs.pop("font_size", 20))
        super().__init__(font_script_name="Thai", **kwargs)
        self.bind(
            words=self._rewrap,
            size=self._rewrap,
            wanted_size=self._rewrap,
            font_name=self._rewrap,
            wrap_words=self._rewrap,
        )
        self.bind(size=self._fit_box, halign=self._fit_box)
        self._rewrap()
        # The kv rule's Color before the text's rectangle: the ink, applied when drawn.
        self._tint = next(i for i in self.canvas.children if isinstance(i, Color))
        self._label.options["color"] = WHITE
        self._retint()

    def _trigger_texture_update(
        self, name: str | None = None, source: Any = None, value: Any = None
    ) -> None:
        """A change of colour tints the text instead of drawing it again.

        Kivy bakes a label's colour into its texture, so a board's flash (the
        counter's name turning dark on yellow and back) drew the text anew twice
        a call, 15–150 ms each under software OpenGL. The text is drawn once in
        white and tinted by the canvas: the same pixels.
        """
        if name in ("color", "disabled_color", "disabled"):
            self._retint()
            return
        super()._trigger_texture_update(name, source, value)

    def _retint(self) -> None:
        if hasattr(self, "_tint"):
            self._tint.rgba = self.disabled_color if self.disabled else self.color

    def _fit_box(self, *_: Any) -> None:
        # Width only: Kivy centres the text vertically itself, and a texture as tall as the
        # text (not the box) renders several times faster. Centred text needs no width at
        # all (its lines are already wrapped to fit): a texture as wide as the text, not the
        # box, is fewer pixels to blend every frame (issue 22: a board's labels were a third
        # of a 1920×1080 screen of texture).
        self.text_size = (None, None) if self.halign == "center" else (self.width, None)

    def _rewrap(self, *_: Any) -> None:
        if not self.words:
            self.text = ""
            return
        self.text, self.font_size = fit_text(
            self.words, self.width, self.height, self.font_name, self.wanted_size, self.wrap_words
        )
