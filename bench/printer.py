"""bench/printer: render + encode time and ESC/POS bytes per ticket, for each paper width.

Target for an 80 mm (576 px) ticket: ≤ 50 ms and ≤ 16 KB (issue 22: a serial printer at
19 200 baud takes about 0.5 s a KB).

    python -m bench.printer [--repeat 30]
"""

from __future__ import annotations

import argparse
import statistics
import time

from printers.escpos_bytes import encode_ticket
from printers.layout import render_ticket
from tests.support.tickets import sample_ticket

TARGET_MS, TARGET_KB = 50.0, 16.0
BAUDS = (19_200, 115_200)


def line_seconds(size: int, baud: int) -> float:
    """The time a serial line takes to carry ``size`` bytes (8N1: ten bits a byte); a
    printer that prints as the bytes come cannot be faster than its line."""
    return size * 10 / baud


def main(argv: list[str] | None = None) -> list[dict[str, object]]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args(argv)
    render_ticket(sample_ticket(), 576)  # warm the font cache and word segmenter
    rows = []
    for lang in ("th", "en"):
        for width in (576, 512, 384):
            times, size = [], 0
            content = sample_ticket(lang)  # reading the catalog is not the printer's work
            for _ in range(args.repeat):
                start = time.perf_counter()
                data = encode_ticket(render_ticket(content, width))
                times.append((time.perf_counter() - start) * 1000)
                size = len(data)
            rows.append(
                {
                    "lang": lang,
                    "width": width,
                    "ms_median": statistics.median(times),
                    "ms_max": max(times),
                    "kb": size / 1024,
                    **{f"s_{baud}": line_seconds(size, baud) for baud in BAUDS},
                }
            )
    print(
        "bench/printer — render + ESC/POS encode of the sample ticket (priority, 2 documents, QR)"
    )
    lines = "".join(f"{f's @{baud}':>10}" for baud in BAUDS)
    print(f"{'ticket':<8}{'width':>6}{'ms p50':>9}{'ms max':>9}{'KB':>8}{lines}   target (576 px)")
    for r in rows:
        target = f"≤{TARGET_MS:.0f} ms, ≤{TARGET_KB:.0f} KB" if r["width"] == 576 else ""
        serial = "".join(f"{r[f's_{baud}']:>10.1f}" for baud in BAUDS)
        print(
            f"{r['lang']:<8}{r['width']:>6}{r['ms_median']:>9.1f}{r['ms_max']:>9.1f}"
            f"{r['kb']:>8.1f}{serial}   {target}"
        )
    print("'en' tickets carry Thai and English lines; 'th' tickets Thai only; "
          "s @baud: the serial line's time to the last byte")  # fmt: skip
    return rows


if __name__ == "__main__":
    main()
