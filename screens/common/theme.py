"""The one look all screens share: colours, the bundled Thai font, sizes.

High contrast (white and yellow on deep blue, >= 7:1) because the board is
read across a waiting room and the kiosk by people with ageing eyes.
"""

from __future__ import annotations

from dataclasses import dataclass

from thaitext.fonts import font_path

Colour = tuple[float, float, float, float]


def rgb(hex_code: str, alpha: float = 1.0) -> Colour:
    h = hex_code.lstrip("#")
    r, g, b = (int(h[i : i + 2], 16) / 255 for i in (0, 2, 4))
    return (r, g, b, alpha)


BACKGROUND = rgb("#0b1f3a")
PANEL = rgb("#13315c")
PANEL_LIGHT = rgb("#1d4477")
TEXT = rgb("#ffffff")
MUTED = rgb("#c9d6e8")
NUMBER = rgb("#ffd23f")
ACCENT = rgb("#1565c0")
OK = rgb("#2e7d32")
WARN = rgb("#b26a00")
DANGER = rgb("#b71c1c")
FLASH = rgb("#ffd23f")
ON_FLASH = rgb("#0b1f3a")

FONT = "Sarabun"
FONT_BOLD = "SarabunBold"
ICONS = "Pictograms"  # Font Awesome Free's solid set (SIL OFL; icons CC BY 4.0)

# Who may take a priority ticket, as pictures a citizen reads without reading:
# a wheelchair, an older person with a cane, a pregnant woman, the dharma wheel (monks).
PRIORITY_PICTOGRAMS = "\uf193\ue53c\ue31e\uf655"


def icons_path() -> str:
    from importlib.resources import files

    return str(files("fontawesomefree") / "static/fontawesomefree/webfonts/fa-solid-900.ttf")


def register_fonts() -> None:
    """Register the bundled Sarabun under short names (Kivy's default font has no Thai)."""
    from kivy.core.text import LabelBase

    LabelBase.register(
        name=FONT,
        fn_regular=str(font_path("Regular")),
        fn_bold=str(font_path("Bold")),
    )
    LabelBase.register(name=FONT_BOLD, fn_regular=str(font_path("Bold")))
    LabelBase.register(name=ICONS, fn_regular=icons_path())


@dataclass(frozen=True)
class Scale:
    """Turns millimetres on the physical screen into pixels."""

    px_per_mm: float

    @classmethod
    def of(cls, window_width_px: float, screen_width_mm: float) -> Scale:
        return cls(window_width_px / screen_width_mm)

    def mm(self, millimetres: float) -> float:
        return millimetres * self.px_per_mm
