"""Write the golden ticket images: ``python -m tests.support.golden``; look at them first."""

from pathlib import Path

from printers.layout import render_ticket
from tests.support.tickets import sample_ticket

GOLDEN = Path(__file__).parents[1] / "golden"

if __name__ == "__main__":
    GOLDEN.mkdir(exist_ok=True)
    for lang in ("th", "en"):
        for width in (576, 384):
            path = GOLDEN / f"ticket-{lang}-{width}.png"
            render_ticket(sample_ticket(lang, thai_digits=width == 384), width).save(path)
            print(path)
