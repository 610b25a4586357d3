"""The bundled Thai font (Sarabun, OFL, from the ``fontpkg-sarabun`` package) and raqm.

Without raqm, Pillow's basic layout puts Thai vowels and tone marks in the
wrong place; without the font, Thai is boxes. Both are checked at start so
the kiosk fails with a message that says what to install, not with a ticket
nobody can read.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from PIL import ImageFont, features


class FontSetupError(RuntimeError):
    pass


def _font_dir() -> Path:
    try:
        import fontpkg_sarabun
    except ImportError:
        raise FontSetupError(
            "the Thai font package is missing: pip install fontpkg-sarabun (make setup does it)"
        ) from None
    return Path(fontpkg_sarabun.__file__).parent / "files"


def font_path(weight: str = "Regular") -> Path:
    path = _font_dir() / f"Sarabun-{weight}.ttf"
    if not path.exists():
        raise FontSetupError(f"Thai font file not found: {path}")
    return path


def check_thai_layout() -> None:
    """Raise FontSetupError unless Pillow can shape Thai (raqm) with the bundled font."""
    if not features.check("raqm"):
        raise FontSetupError(
            "Pillow cannot shape Thai: its raqm layout needs the system libraries "
            "libraqm0 and libfribidi0 (apt-get install libraqm0 libfribidi0)"
        )
    font_path("Medium")
    font_path("Bold")


@lru_cache(maxsize=64)
def font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    # Medium rather than Regular: thin strokes fade on thermal paper.
    return ImageFont.truetype(
        str(font_path("Bold" if bold else "Medium")), size, layout_engine=ImageFont.Layout.RAQM
    )
