"""The ticket's bytes: the same dots on paper, as few bytes as every ESC/POS printer allows."""

import pytest

from printers.escpos_bytes import encode_ticket
from printers.layout import render_ticket
from tests.support.escpos_decode import decode, same_pixels
from tests.support.tickets import sample_ticket


@pytest.mark.parametrize(("lang", "width"), [("th", 576), ("en", 576), ("th", 384)])
def test_the_decoded_bytes_are_the_ticket_image_dot_for_dot(lang, width):
    image = render_ticket(sample_ticket(lang), width)
    assert same_pixels(decode(encode_ticket(image)).image(width), image)


def test_the_number_and_the_qr_are_sent_at_half_size_for_the_printer_to_double():
    commands = decode(encode_ticket(render_ticket(sample_ticket(), 576))).commands
    doubled = [c for c in commands if c.startswith("raster") and "×2" in c]
    assert len(doubled) == 2, commands


def test_each_band_starts_at_its_ink_not_at_the_paper_edge():
    """Found: about a third of the raster was white space left of the text."""
    image = render_ticket(sample_ticket(), 576)
    decoded = decode(encode_ticket(image))
    margins = [int(c.rsplit(" ", 1)[1]) for c in decoded.commands if c.startswith("raster")]
    assert min(margins) > 0 and sum(margins) / len(margins) > 40
