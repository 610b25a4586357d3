"""The ticket's bytes: the same dots on paper, as few bytes as every ESC/POS printer allows."""

import pytest
from PIL import Image, ImageDraw

from printers.escpos_bytes import encode_ticket, native_number
from printers.layout import DOUBLED, render_ticket
from tests.support.escpos_decode import decode, same_pixels
from tests.support.tickets import sample_ticket


@pytest.mark.parametrize(("lang", "width"), [("th", 576), ("en", 576), ("th", 384)])
def test_the_decoded_bytes_are_the_ticket_image_dot_for_dot(lang, width):
    image = render_ticket(sample_ticket(lang), width)
    assert same_pixels(decode(encode_ticket(image)).image(width), image)


def paper_rows(commands: list[str], doubled: bool) -> set[int]:
    """The rows of paper that rasters sent at half size (or at full size) print."""
    rows, y = set(), 0
    for command in commands:
        if command.startswith("feed") and command.endswith("dots"):
            y += int(command.split()[1])
        elif command.startswith("raster"):
            height = int(command.split()[1].split("x")[1]) * (2 if "×2" in command else 1)
            if ("×2" in command) == doubled:
                rows.update(range(y, y + height))
            y += height
    return rows


def test_the_number_and_the_qr_are_sent_at_half_size_for_the_printer_to_double():
    image = render_ticket(sample_ticket(), 576)
    number, qr = (set(range(top, bottom)) for top, bottom in image.info[DOUBLED])
    commands = decode(encode_ticket(image)).commands
    doubled = paper_rows(commands, doubled=True)
    assert doubled <= number | qr and doubled & number and doubled & qr
    assert not paper_rows(commands, doubled=False) & doubled


def test_a_wide_line_and_the_narrow_one_under_it_go_as_two_bands():
    """Found: a band was as wide as its widest line, so a short date line under a long
    service name was sent 500 dots wide; where bands break is chosen for the fewest bytes."""
    wide = Image.new("1", (576, 40), 1)
    ImageDraw.Draw(wide).rectangle((8, 0, 567, 19), fill=0)  # a line the paper's width
    ImageDraw.Draw(wide).rectangle((256, 20, 319, 39), fill=0)  # a short one touching it
    commands = decode(encode_ticket(wide)).commands
    assert [c for c in commands if c.startswith("raster")] == [
        "raster 560x20 at 8",
        "raster 64x20 at 256",
    ]


def test_each_band_starts_at_its_ink_not_at_the_paper_edge():
    """Found: about a third of the raster was white space left of the text."""
    image = render_ticket(sample_ticket(), 576)
    decoded = decode(encode_ticket(image))
    margins = [int(c.rsplit(" ", 1)[1]) for c in decoded.commands if c.startswith("raster")]
    assert min(margins) > 0 and sum(margins) / len(margins) > 40


def test_a_printer_with_native_codes_gets_its_own_number_and_qr_in_their_places():
    content = sample_ticket()
    drawn = encode_ticket(render_ticket(content, 576))
    commands = decode(encode_ticket(render_ticket(content, 576, native=True))).commands
    number = commands.index("text A042")
    assert commands[number - 3 : number + 2] == ["align 1", "bold 1", "size 8x8", "text A042", "lf"]
    assert f"qr store {content.qr_data}" in commands
    assert commands.index("qr print") > commands.index(f"qr store {content.qr_data}") > number
    assert not [c for c in commands if "×2" in c]  # nothing left to double
    assert len(encode_ticket(render_ticket(content, 576, native=True))) < len(drawn) - 2500


def test_the_native_number_fits_narrow_paper():
    """Five characters of 8× font A are 480 dots: wider than 58 mm paper (384)."""
    commands = decode(native_number("AB123", 384)).commands
    assert "size 6x6" in commands
