"""ESC/POS bytes for a ticket image, in commands every ESC/POS printer knows.

Laid out once as a raster (``GS v 0``), fed past the cutter and cut. The same
bytes go to every backend; only the transport differs. python-escpos gives the
command constants (and drives USB printers); the few raster bytes are written
here, so a kiosk with a network or serial printer never imports its printer
classes (with their barcode and USB libraries).
"""

from __future__ import annotations

import functools
import itertools
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

from escpos.constants import ESC, GS, HW_INIT, PAPER_PART_CUT
from PIL import Image

from .layout import DOUBLED, NATIVE

ESC_J = ESC + b"J"  # print and feed n dots
GS_L = GS + b"L"  # set the left margin
GS_V0 = GS + b"v0"  # print a raster image
BURN = bytes(255 - b for b in range(256))  # PIL's mode "1" packs white as 1; printers burn 1
ESC_A = ESC + b"a"  # justification: 0 left, 1 centre
ESC_E = ESC + b"E"  # emphasis (bold)
GS_SIZE = GS + b"!"  # character size: (width - 1) << 4 | (height - 1)
GS_2D = GS + b"(k"  # two-dimensional codes
FONT_A_WIDTH = 12  # dots a character of font A takes before it is enlarged
MIN_GAP = 2  # blank rows worth sending as a paper feed instead of raster
BAND_HEADER = 12  # bytes a band costs before its raster: GS L (4) + GS v 0 (8)
BAND_LOOKBACK = 32  # rows a band is grown back over when choosing where bands break


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


def _row_ink(image: Image.Image) -> list[tuple[int, int]]:
    """Each row's first and last inked byte (+1); (0, 0) for a blank row."""
    mono = image.convert("1")
    stride = (mono.width + 7) // 8
    packed = mono.tobytes()  # mode "1": a set bit is white
    ink = []
    for y in range(mono.height):
        row = packed[y * stride : (y + 1) * stride]
        right = len(row.rstrip(b"\xff"))
        ink.append((right and stride - len(row.lstrip(b"\xff")), right))
    return ink


def _cheapest_breaks(ink: Sequence[tuple[int, int]]) -> list[int]:
    """Where to break a run of inked rows into bands so that header and raster bytes are
    fewest: a band is as wide as its widest row, so a wide line and the narrow one under
    it go apart, but not at 12 bytes for every row (dynamic programming, each band at
    most BAND_LOOKBACK rows back from where it ends; longer ones saved nothing here)."""
    n = len(ink)
    cost, start = [0] * (n + 1), [0] * (n + 1)
    for end in range(1, n + 1):
        low, high, best = 1 << 30, 0, 1 << 62
        for first in range(end - 1, max(-1, end - 1 - BAND_LOOKBACK), -1):
            left, right = ink[first]
            if right:  # a blank row within the ink widens nothing
                if left < low:
                    low = left
                if right > high:
                    high = right
            raster = (end - first) * (high - low if high > low else 0)
            if BAND_HEADER + raster >= best:
                break  # a band reaching further back is only taller and wider
            total = cost[first] + BAND_HEADER + raster
            if total < best:
                best, start[end] = total, first
        cost[end] = best
    breaks, end = [], n
    while end:
        breaks.append(end)
        end = start[end]
    return [0, *reversed(breaks)]


def bands(image: Image.Image) -> list[tuple[int, int, int, int]]:
    """Runs of rows as (top, bottom, left, right) in pixels; left == right is blank paper.

    Blank paper goes out as "feed n dots" (3 bytes) instead of raster rows
    (72 bytes each on 80 mm), and each inked band is cut to the bytes between
    its leftmost and rightmost ink: a ticket is mostly white space, a third of
    it left of the text. Where a band breaks is chosen for the fewest bytes.
    """
    ink = _row_ink(image)
    runs: list[tuple[int, int]] = []  # (top, bottom) of ink, blank gaps under MIN_GAP inside
    y = 0
    while y < len(ink):
        if not ink[y][1]:
            y += 1
            continue
        top = y
        while y < len(ink) and (
            ink[y][1] or any(ink[k][1] for k in range(y, min(len(ink), y + MIN_GAP)))
        ):
            y += 1
        runs.append((top, y))
    out, y = [], 0
    for top, bottom in runs:
        if top > y:
            out.append((y, top, 0, 0))
        rows = ink[top:bottom]
        breaks = _cheapest_breaks(rows)
        for first, end in itertools.pairwise(breaks):
            inked = [(left, right) for left, right in rows[first:end] if right]
            if not inked:  # a lone blank row left between two bands: a feed
                out.append((top + first, top + end, 0, 0))
                continue
            left, right = min(i[0] for i in inked), max(i[1] for i in inked)
            out.append((top + first, top + end, left * 8, min(image.width, right * 8)))
        y = bottom
    if y < len(ink):
        out.append((y, len(ink), 0, 0))
    return out


def pieces(
    height: int, doubled: Sequence[tuple[int, int]], cuts: Sequence[int] = ()
) -> list[tuple[int, int, int]]:
    """The image's rows as (top, bottom, scale): 2 where drawn at half size and doubled;
    also broken at each of ``cuts`` (where the printer's own commands go in)."""
    out, y = [], 0
    for top, bottom in sorted(doubled):
        if top > y:
            out.append((y, top, 1))
        out.append((top, bottom, 2))
        y = bottom
    if y < height:
        out.append((y, height, 1))
    for cut in cuts:
        split = []
        for top, bottom, scale in out:
            if top < cut < bottom:
                split += [(top, cut, scale), (cut, bottom, scale)]
            else:
                split.append((top, bottom, scale))
        out = split
    return out


def native_number(text: str, paper: int) -> bytes:
    """The number in the printer's own font, centred, as large as the paper allows
    (font A enlarged up to 8 times: 96 × 192 dots a character)."""
    scale = max(1, min(8, paper // (FONT_A_WIDTH * max(1, len(text)))))
    size = (scale - 1) << 4 | (scale - 1)
    return (
        ESC_A + b"\x01" + ESC_E + b"\x01" + GS_SIZE + bytes([size]) + text.encode("ascii") + b"\n"
        + GS_SIZE + b"\x00" + ESC_E + b"\x00" + ESC_A + b"\x00"
    )  # fmt: skip


def native_qr(data: str, module: int) -> bytes:
    """The QR made by the printer (GS ( k: model 2, error correction M), centred."""
    payload = data.encode("utf-8")
    store = len(payload) + 3
    return (
        ESC_A + b"\x01"
        + GS_2D + b"\x04\x00\x31\x41\x32\x00"  # model 2
        + GS_2D + b"\x03\x00\x31\x43" + bytes([module])  # module size in dots
        + GS_2D + b"\x03\x00\x31\x45\x31"  # error correction M
        + GS_2D + store.to_bytes(2, "little") + b"\x31\x50\x30" + payload  # store
        + GS_2D + b"\x03\x00\x31\x51\x30"  # print
        + ESC_A + b"\x00"
    )  # fmt: skip


def left_margin(dots: int) -> bytes:
    """GS L: where the next raster starts, in dots (the motion unit of 203 dpi printers)."""
    return GS_L + dots.to_bytes(2, "little")


def raster(band: Image.Image, doubled: bool) -> bytes:
    """GS v 0 for one band, written here rather than by python-escpos's image(): that
    converts and inverts each band afresh through its own image class, 0.3 ms a band
    against the 12 bytes of header that choosing the band breaks weighs (a ticket has
    80 bands). m = 3 asks the printer to double each dot both ways."""
    width_bytes = (band.width + 7) // 8
    size = width_bytes.to_bytes(2, "little") + band.height.to_bytes(2, "little")
    return GS_V0 + bytes([3 if doubled else 0]) + size + band.tobytes().translate(BURN)


def _native(kind: str, text: str, module: int, paper: int) -> bytes:
    """From the paper's edge (a raster band's GS L would otherwise hold), the printer's own
    number or QR."""
    code = native_number(text, paper) if kind == "number" else native_qr(text, module)
    return left_margin(0) + code


def encode_ticket(image: Image.Image) -> bytes:
    """Initialise, print the raster band by band, feed past the cutter, cut.

    Each band starts at its own left margin (GS L) and is as wide as its ink;
    rows drawn doubled (the number, the QR) are sent at half size for the
    printer to double (GS v 0 with m = 3): the same dots on paper. A ticket laid
    out for printer.native_codes gets the printer's own number and QR instead.
    """
    mono = image.convert("1")
    if mono.width % 8:  # whole bytes a row, the padding white
        padded = Image.new("1", (mono.width + 8 - mono.width % 8, mono.height), 1)
        padded.paste(mono)
        mono = padded
    out = [HW_INIT]
    natives = sorted(image.info.get(NATIVE, ()))
    for top, bottom, scale in pieces(
        mono.height, image.info.get(DOUBLED, ()), [row for row, *_ in natives]
    ):
        while natives and natives[0][0] <= top:
            out.append(_native(*natives.pop(0)[1:], paper=image.width))
        piece = mono.crop((0, top, mono.width, bottom))
        if scale == 2:
            piece = piece.resize((mono.width // 2, (bottom - top) // 2), Image.Resampling.NEAREST)
        for band_top, band_bottom, left, right in bands(piece):
            if right > left:
                out.append(left_margin(left * scale))
                out.append(raster(piece.crop((left, band_top, right, band_bottom)), scale == 2))
            else:
                rows = (band_bottom - band_top) * scale
                out.extend(ESC_J + bytes([min(255, rows - s)]) for s in range(0, rows, 255))
    out.extend(_native(*native[1:], paper=image.width) for native in natives)
    # python-escpos's cut(): six lines clear of the cutter, then a partial cut
    out += [left_margin(0), ESC + b"d" + bytes([6]), PAPER_PART_CUT]
    return b"".join(out)
