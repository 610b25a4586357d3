"""ESC/POS bytes for a ticket image, made with python-escpos.

Laid out once as a raster (``GS v 0``), fed past the cutter and cut. The same
bytes go to every backend; only the transport differs.
"""

from __future__ import annotations

import os
from pathlib import Path

from PIL import Image

# python-escpos caches its printer profiles in a pickle; keep it in our cache,
# not a new temporary folder per process.
_CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "oss-queue" / "escpos"
_CACHE.mkdir(parents=True, exist_ok=True)
os.environ.setdefault("ESCPOS_CAPABILITIES_PICKLE_DIR", str(_CACHE))

from escpos.printer import Dummy  # noqa: E402  (needs the environment above)

FEED_LINES_BEFORE_CUT = 6  # the cutter sits about 20 mm above the print head


def encode_ticket(image: Image.Image) -> bytes:
    """Initialise, print the raster, feed past the cutter, cut."""
    printer = Dummy(profile="default")
    printer.hw("INIT")
    printer.image(image.convert("1"), impl="bitImageRaster", fragment_height=960)
    printer.cut(mode="PART")
    return printer.output
