"""bench/printer: render + encode time and ESC/POS bytes per ticket, for each paper width.

Targets (issue 22: a serial printer at 19 200 baud takes about 0.5 s a KB): an 80 mm
(576 px) ticket ≤ 50 ms and ≤ 16 KB; with the printer's own number and QR
(printer.native_codes) ≤ 13 KB; 58 mm (384 px) ≤ 11 KB; a service with five
documents ≤ 26 KB. "s @baud" is the serial line's own time to the last byte (ten
bits a byte); "pty ms" is the serial backend's time to hand the whole ticket to a
pty, which has no line speed: what the software adds.

    python -m bench.printer [--repeat 30]
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import time

from assets import DEFAULT_CATALOG
from printers.escpos_bytes import encode_ticket
from printers.layout import TicketContent, render_ticket
from queue_server.config import load_catalog
from tests.support.tickets import sample_ticket

TARGET_MS, TARGET_KB = 50.0, 16.0
TARGETS_KB = {"576": 16.0, "384": 11.0, "576 native": 13.0, "576 five documents": 26.0}
BAUDS = (19_200, 115_200)
FIVE_DOCUMENTS = ("elderly-allowance", "disability-card", "unemployment-registration")


def five_documents(lang: str) -> TicketContent:
    """The sample ticket for a service asking for five documents (the catalog's longest
    asks for three; two more from other services)."""
    catalog = load_catalog(DEFAULT_CATALOG)[1]
    documents = [d for code in FIVE_DOCUMENTS for d in catalog.get(code).documents]
    unique = list({d.line.th: d for d in documents}.values())[:5]
    service = dataclasses.replace(catalog.get(FIVE_DOCUMENTS[0]), documents=tuple(unique))
    return dataclasses.replace(sample_ticket(lang), service=service)


def pty_seconds(data: bytes) -> float:
    """The serial backend's time to hand ``data`` to a pty (no line speed: the software)."""
    from printers.backends import SerialLink
    from tests.support.fake_printer import PtyPrinter

    pty = PtyPrinter()
    try:
        link = SerialLink(pty.device, 19_200, 2.0)
        start = time.perf_counter()
        link.write(data)
        link.close()
        return time.perf_counter() - start
    finally:
        pty.close()


def line_seconds(size: int, baud: int) -> float:
    """The time a serial line takes to carry ``size`` bytes (8N1: ten bits a byte); a
    printer that prints as the bytes come cannot be faster than its line."""
    return size * 10 / baud


def main(argv: list[str] | None = None) -> list[dict[str, object]]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args(argv)
    render_ticket(sample_ticket(), 576)  # warm the font cache and word segmenter
    cases = [(lang, width, "", sample_ticket(lang), False)
             for lang in ("th", "en") for width in (576, 512, 384)]  # fmt: skip
    cases += [
        ("th", 576, "native", sample_ticket("th"), True),
        ("th", 384, "native", sample_ticket("th"), True),
        ("th", 576, "five documents", five_documents("th"), False),
    ]
    rows = []
    for lang, width, kind, content, native in cases:
        times, data = [], b""
        for n in range(args.repeat):
            # a new number each time: a ticket's own lines are drawn, the rest kept
            numbered = dataclasses.replace(content, number=f"{content.number[0]}{n + 100:03d}")
            start = time.perf_counter()
            data = encode_ticket(render_ticket(numbered, width, native))
            times.append((time.perf_counter() - start) * 1000)
        rows.append(
            {
                "lang": lang,
                "width": width,
                "kind": kind,
                "ms_median": statistics.median(times),
                "ms_max": max(times),
                "kb": len(data) / 1024,
                "pty_ms": pty_seconds(data) * 1000,
                **{f"s_{baud}": line_seconds(len(data), baud) for baud in BAUDS},
            }
        )
    print(
        "bench/printer — render + ESC/POS encode of the sample ticket (priority, 2 documents, QR)"
    )
    lines = "".join(f"{f's @{baud}':>10}" for baud in BAUDS)
    print(f"{'ticket':<22}{'width':>6}{'ms p50':>9}{'ms max':>9}{'KB':>8}{lines}{'pty ms':>8}"
          "   target")  # fmt: skip
    for r in rows:
        key = f"{r['width']} {r['kind']}".strip()
        kb = TARGETS_KB.get(key) if r["lang"] == "th" else None
        targets = [f"≤{TARGET_MS:.0f} ms"] if r["width"] == 576 else []
        target = ", ".join(targets + ([f"≤{kb:.0f} KB"] if kb else []))
        serial = "".join(f"{r[f's_{baud}']:>10.1f}" for baud in BAUDS)
        print(
            f"{(r['lang'] + ' ' + r['kind']).strip():<22}{r['width']:>6}{r['ms_median']:>9.1f}"
            f"{r['ms_max']:>9.1f}{r['kb']:>8.1f}{serial}{r['pty_ms']:>8.1f}   {target}"
        )
    print("'en' tickets carry Thai and English lines; 'th' tickets Thai only; "
          "s @baud: the serial line's time to the last byte")  # fmt: skip
    return rows


if __name__ == "__main__":
    main()
