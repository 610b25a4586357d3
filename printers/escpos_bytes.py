"""ESC/POS bytes for a ticket image, made with python-escpos.

Laid out once as a raster (``GS v 0``), fed past the cutter and cut. The same
bytes go to every backend; only the transport differs.
"""

from __future__ import annotations

import copy
import functools
import os
import tempfile
from pathlib import Path
from types import ModuleType

from PIL import Image

ESC_J = b"\x1bJ"  # print and feed n dots
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


def bands(image: Image.Image) -> list[tuple[int, int, int]]:
    """Runs of rows as (top, bottom, width in pixels); width 0 is blank paper.

    Blank paper goes out as "feed n dots" (3 bytes) instead of raster rows
    (72 bytes each on 80 mm), and each inked band stops at its rightmost
    inked byte: a ticket is mostly white space.
    """
    mono = image.convert("1")
    stride = (mono.width + 7) // 8
    packed = mono.tobytes()  # mode "1": a set bit is white
    # bytes of each row up to its last inked byte (0 for a blank row)
    used = [len(packed[y * stride : (y + 1) * stride].rstrip(b"\xff")) for y in range(mono.height)]
    runs: list[list[int]] = []  # [top, bottom, width in bytes]
    for y, row in enumerate(used):
        if runs and bool(runs[-1][2]) == bool(row):
            runs[-1][1] = y + 1
            runs[-1][2] = max(runs[-1][2], row)
        else:
            runs.append([y, y + 1, row])
    merged: list[list[int]] = []
    for top, bottom, width in runs:
        if merged and merged[-1][2] and (width or bottom - top < MIN_GAP):
            merged[-1][1] = bottom  # ink continues, or a gap too short to feed
            merged[-1][2] = max(merged[-1][2], width)
        else:
            merged.append([top, bottom, width])
    return [(top, bottom, min(mono.width, width * 8)) for top, bottom, width in merged]


def encode_ticket(image: Image.Image) -> bytes:
    """Initialise, print the raster, feed past the cutter, cut."""
    printer = escpos_printers().Dummy(profile="default")
    # The generic profile knows no paper width; tell it ours (this also lets
    # python-escpos refuse an image wider than the paper).
    media = copy.deepcopy(printer.profile.profile_data["media"])
    media["width"]["pixels"] = image.width
    printer.profile.profile_data = {**printer.profile.profile_data, "media": media}
    printer.hw("INIT")
    mono = image.convert("1")
    for top, bottom, band_width in bands(mono):
        if band_width:
            band = mono.crop((0, top, band_width, bottom))
            printer.image(band, impl="bitImageRaster", fragment_height=960)
        else:
            for start in range(top, bottom, 255):
                printer._raw(ESC_J + bytes([min(255, bottom - start)]))
    printer.cut(mode="PART")
    return printer.output
