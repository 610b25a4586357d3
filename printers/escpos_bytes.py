"""ESC/POS bytes for a ticket image, made with python-escpos.

Laid out once as a raster (``GS v 0``), fed past the cutter and cut. The same
bytes go to every backend; only the transport differs.
"""

from __future__ import annotations

import copy
import functools
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

from PIL import Image

from .layout import DOUBLED

ESC_J = b"\x1bJ"  # print and feed n dots
GS_L = b"\x1dL"  # set the left margin
MIN_GAP = 2  # blank rows worth sending as a paper feed instead of raster


@functools.cache
def escpos_printers() -> ModuleType:
    """``escpos.printer``, imported on first use with its profile cache in ours.

    python-escpos pickles its printer profiles into the folder this variable
    names (or a new temporary folder per process); where our cache folder
    cannot be written, a temporary one serves rather than a crash at import.
    """
    if "ESCPOS_CAPABILITIES_PICKLE_DIR" not in os.environ:
        home = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
        cache = home / "oss-queue" / "escpos"
        try:
            cache.mkdir(parents=True, exist_ok=True)
            probe = tempfile.NamedTemporaryFile(dir=cache)  # noqa: SIM115 - only a probe
            probe.close()
        except OSError:
            cache = Path(tempfile.mkdtemp(prefix="oss-queue-escpos-"))
        os.environ["ESCPOS_CAPABILITIES_PICKLE_DIR"] = str(cache)
    import escpos.printer

    return escpos.printer


def bands(image: Image.Image) -> list[tuple[int, int, int, int]]:
    """Runs of rows as (top, bottom, left, right) in pixels; left == right is blank paper.

    Blank paper goes out as "feed n dots" (3 bytes) instead of raster rows
    (72 bytes each on 80 mm), and each inked band is cut to the bytes between
    its leftmost and rightmost ink: a ticket is mostly white space, a third of
    it left of the text.
    """
    mono = image.convert("1")
    stride = (mono.width + 7) // 8
    packed = mono.tobytes()  # mode "1": a set bit is white
    rows = [packed[y * stride : (y + 1) * stride] for y in range(mono.height)]
    # each row's first and last inked byte (+1); (0, 0) for a blank row
    ink = []
    for row in rows:
        right = len(row.rstrip(b"\xff"))
        ink.append((right and len(row) - len(row.lstrip(b"\xff")), right))
    runs: list[list[int]] = []  # [top, bottom, left byte, right byte]
    for y, (left, right) in enumerate(ink):
        inked = bool(right)
        if runs and bool(runs[-1][3]) == inked:
            runs[-1][1] = y + 1
            if inked:
                runs[-1][2], runs[-1][3] = min(runs[-1][2], left), max(runs[-1][3], right)
        else:
            runs.append([y, y + 1, left, right])
    merged: list[list[int]] = []
    for top, bottom, left, right in runs:
        if merged and merged[-1][3] and (right or bottom - top < MIN_GAP):
            last = merged[-1]  # ink continues, or a gap too short to feed
            last[1] = bottom
            if right:
                last[2], last[3] = min(last[2], left), max(last[3], right)
        else:
            merged.append([top, bottom, left, right])
    return [
        (top, bottom, left * 8, min(mono.width, right * 8)) for top, bottom, left, right in merged
    ]


def pieces(height: int, doubled: Sequence[tuple[int, int]]) -> list[tuple[int, int, int]]:
    """The image's rows as (top, bottom, scale): 2 where drawn at half size and doubled."""
    out, y = [], 0
    for top, bottom in sorted(doubled):
        if top > y:
            out.append((y, top, 1))
        out.append((top, bottom, 2))
        y = bottom
    if y < height:
        out.append((y, height, 1))
    return out


def left_margin(dots: int) -> bytes:
    """GS L: where the next raster starts, in dots (the motion unit of 203 dpi printers)."""
    return GS_L + dots.to_bytes(2, "little")


def encode_ticket(image: Image.Image) -> bytes:
    """Initialise, print the raster band by band, feed past the cutter, cut.

    Each band starts at its own left margin (GS L) and is as wide as its ink;
    rows drawn doubled (the number, the QR) are sent at half size for the
    printer to double (GS v 0 with m = 3): the same dots on paper.
    """
    printer = escpos_printers().Dummy(profile="default")
    # The generic profile knows no paper width; tell it ours (this also lets
    # python-escpos refuse an image wider than the paper).
    media = copy.deepcopy(printer.profile.profile_data["media"])
    media["width"]["pixels"] = image.width
    printer.profile.profile_data = {**printer.profile.profile_data, "media": media}
    printer.hw("INIT")
    mono = image.convert("1")
    for top, bottom, scale in pieces(mono.height, image.info.get(DOUBLED, ())):
        piece = mono.crop((0, top, mono.width, bottom))
        if scale == 2:
            piece = piece.resize((mono.width // 2, (bottom - top) // 2), Image.Resampling.NEAREST)
        for band_top, band_bottom, left, right in bands(piece):
            if right > left:
                printer._raw(left_margin(left * scale))
                printer.image(
                    piece.crop((left, band_top, right, band_bottom)),
                    impl="bitImageRaster",
                    fragment_height=960,
                    high_density_horizontal=scale == 1,
                    high_density_vertical=scale == 1,
                )
            else:
                rows = (band_bottom - band_top) * scale
                for start in range(0, rows, 255):
                    printer._raw(ESC_J + bytes([min(255, rows - start)]))
    printer._raw(left_margin(0))
    printer.cut(mode="PART")
    return printer.output
