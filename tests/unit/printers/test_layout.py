"""The ticket image: 1-bit, the paper's width, a big number, and the golden references."""

from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from printers.layout import render_ticket
from printers.tickets import parse_ticket_qr, ticket_qr
from queue_server.testing import MONDAY
from tests.support.tickets import sample_ticket
from thaitext.fonts import FontSetupError, check_thai_layout

GOLDEN = Path(__file__).parents[2] / "golden"


def test_thai_layout_is_available():
    check_thai_layout()


def test_a_missing_raqm_is_a_clear_error(monkeypatch):
    monkeypatch.setattr("thaitext.fonts.features.check", lambda name: False)
    with pytest.raises(FontSetupError, match="libraqm0"):
        check_thai_layout()


@pytest.mark.parametrize("width", [576, 512, 384])
def test_the_ticket_is_a_one_bit_image_of_the_paper_width(width):
    image = render_ticket(sample_ticket(), width)
    assert image.mode == "1" and image.width == width
    assert 400 < image.height < 1400


@pytest.mark.parametrize("width", [576, 384])
def test_nothing_is_drawn_in_the_margins(width):
    service = "ldd-soil-supplies"  # the longest service name in the catalog
    image = render_ticket(sample_ticket("en", service), width).convert("L")
    margin = 4
    for x in (*range(margin), *range(width - margin, width)):
        column = image.crop((x, 0, x + 1, image.height))
        assert column.getextrema()[0] == 255, f"ink at x={x}"


def _number_height(image: Image.Image) -> int:
    """Height of the first tall run of rows inked across the middle third: the number
    (the QR further down is a run of its own)."""
    gray = image.convert("L")
    inked = [
        gray.crop((gray.width // 3, y, 2 * gray.width // 3, y + 1)).getextrema()[0] < 128
        for y in range(gray.height)
    ]
    run = 0
    for row in [*inked, False]:
        if row:
            run += 1
        elif run >= 60:
            return run
        else:
            run = 0
    return 0


def test_the_number_reads_from_two_metres():
    # Letters about 15 mm tall are read from 2 m; at 203 dpi that is 120 dots.
    assert _number_height(render_ticket(sample_ticket(), 576)) >= 120
    assert _number_height(render_ticket(sample_ticket(), 384)) >= 80


def test_the_ticket_qr_reads_back():
    text = ticket_qr("maekorn", MONDAY, "A042")
    ref = parse_ticket_qr(text)
    assert ref is not None and (ref.site, ref.day, ref.number) == ("maekorn", MONDAY, "A042")
    assert parse_ticket_qr("https://example.com") is None


@pytest.mark.parametrize(("lang", "width"), [("th", 576), ("en", 576), ("th", 384), ("en", 384)])
def test_the_ticket_matches_its_golden_image(lang, width, tmp_path):
    """Golden images were looked at by a person; a change to the layout must be looked at again.

    Regenerate with: python -m tests.support.golden
    """
    actual = render_ticket(sample_ticket(lang, thai_digits=width == 384), width)
    expected = Image.open(GOLDEN / f"ticket-{lang}-{width}.png").convert("1")
    assert actual.size == expected.size
    diff = ImageChops.difference(actual.convert("L"), expected.convert("L"))
    changed = actual.width * actual.height - diff.histogram()[0]
    if changed > actual.width * actual.height * 0.0005:
        actual.save(tmp_path / "actual.png")
        name = f"ticket-{lang}-{width}.png"
        pytest.fail(f"{changed} pixels differ from golden {name}; see {tmp_path}/actual.png")


def test_importing_the_printer_code_writes_nothing_and_survives_an_unwritable_cache(tmp_path):
    """It used to create a cache folder and set the environment at import: an unwritable
    cache path crashed the import."""
    import os
    import subprocess
    import sys

    blocker = tmp_path / "a-file"  # a cache path below a file cannot be made, even by root
    blocker.write_text("")
    code = (
        "import os, printers.escpos_bytes as e\n"
        "assert 'ESCPOS_CAPABILITIES_PICKLE_DIR' not in os.environ, 'set at import'\n"
        "from PIL import Image\n"
        "assert e.encode_ticket(Image.new('1', (384, 40), 0))\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "ESCPOS_CAPABILITIES_PICKLE_DIR"}
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={**env, "XDG_CACHE_HOME": str(blocker / "cache")},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


def _quiet_zone_ink(image: Image.Image, module: int) -> int:
    """Dark pixels within four modules of the QR (zxing-cpp finds the code)."""
    import zxingcpp

    gray = image.convert("L")
    (found,) = zxingcpp.read_barcodes(gray)
    corners = found.position
    xs = [p.x for p in (corners.top_left, corners.top_right, corners.bottom_left)]
    ys = [p.y for p in (corners.top_left, corners.bottom_left, corners.bottom_right)]
    left, right, top, bottom = min(xs), max(xs), min(ys), max(ys)
    quiet = 4 * module
    ring = [
        (left - quiet, top - quiet, right + quiet, top - 1),  # above
        (left - quiet, bottom + 2, right + quiet, bottom + quiet + 1),  # below
        (left - quiet, top, left - 1, bottom),
        (right + 2, top, right + quiet + 1, bottom),
    ]
    return sum(sum(gray.crop(box).histogram()[:128]) for box in ring)


@pytest.mark.parametrize(
    ("lang", "width", "module"), [("th", 576, 5), ("en", 576, 5), ("th", 384, 4)]
)
def test_the_qr_keeps_its_quiet_zone_clear(lang, width, module):
    """A caption's tone marks once sat three dots under the code; scanners need four modules."""
    assert _quiet_zone_ink(render_ticket(sample_ticket(lang), width), module) == 0


def _longest_black_band(image: Image.Image) -> int:
    gray = image.convert("L")
    margin = round(16 * gray.width / 576)
    row_width = gray.width - 2 * margin
    best = run = 0
    for y in range(gray.height):
        dark = sum(gray.crop((margin, y, gray.width - margin, y + 1)).histogram()[:128])
        run = run + 1 if dark >= 0.8 * row_width else 0
        best = max(best, run)
    return best


def test_a_priority_ticket_carries_a_black_band_a_normal_one_does_not():
    priority = render_ticket(sample_ticket(), 576)
    normal = render_ticket(replace(sample_ticket(), priority=False), 576)
    assert _longest_black_band(priority) >= 6
    assert _longest_black_band(normal) <= 2  # the rules between parts


def _drawn_texts(monkeypatch, content, width=576) -> list[str]:
    from printers import layout

    drawn: list[str] = []
    text = layout._Canvas.text

    def record(self, line, size, **kwargs):
        drawn.append(line)
        return text(self, line, size, **kwargs)

    monkeypatch.setattr(layout._Canvas, "text", record)
    render_ticket(content, width)
    return drawn


def test_the_ticket_says_what_the_kiosk_says_about_the_wait(monkeypatch):
    from queue_server.domain.wait_words import wait_line

    drawn = _drawn_texts(monkeypatch, replace(sample_ticket(), people_ahead=0, wait_minutes=(0, 9)))
    assert wait_line(0, (0, 9)).th in drawn
    assert "ท่านเป็นคิวถัดไป · ไม่เกิน 9 นาที" in drawn


def test_the_ticket_asks_the_citizen_to_watch_the_screen(monkeypatch):
    drawn = _drawn_texts(monkeypatch, sample_ticket("en"))
    assert "โปรดดูหมายเลขของท่านที่จอเรียกคิว" in drawn
    assert "Please watch the screen for your number" in drawn


def test_the_number_is_as_tall_as_printing_md_says():
    """docs/printing.md gives the number's height; the layout must keep its word."""
    import re

    doc = (Path(__file__).parents[3] / "docs" / "printing.md").read_text()
    said = re.search(r"about (\d+(?:\.\d+)?) mm tall on 80 mm", doc)
    assert said, "printing.md no longer says how tall the number is"
    measured = _number_height(render_ticket(sample_ticket(), 576)) / 8  # 203 dpi: 8 dots a mm
    assert abs(measured - float(said.group(1))) <= 0.5, measured


def test_a_phone_address_fits_a_version_3_qr_as_the_old_code_did():
    """In capitals to the token, the QR takes its alphanumeric mode: 29 modules, as before."""
    import qrcode

    from queue_server.domain.follow import follow_url, new_token

    def version(data: str) -> int:
        code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M)
        code.add_data(data)
        code.make(fit=True)
        return code.version

    url = follow_url("http://192.168.100.200:8080", new_token())
    assert version(url) <= version(ticket_qr("maekorn", MONDAY, "A042")) == 3


def test_a_case_slip_for_phones_opens_its_tickets_page():
    import dataclasses

    from assets import DEFAULT_SITE
    from printers.tickets import SLIP_PHONE_CAPTION, TicketPrinting
    from queue_server.bus.messages import CaseWire
    from queue_server.config import load_site

    site = load_site(DEFAULT_SITE)
    web = site.config.web.model_copy(update={"phone_url": "http://192.168.1.10:8080"})
    site = dataclasses.replace(site, config=site.config.model_copy(update={"web": web}))
    case = CaseWire(
        reference="ส-2569-000001", number="D001", service="general-petition", agency="อบต.",
        channel="paper", sent_on="2026-12-07", status="sent", standard_days=15, age_days=0,
        overdue=False, token="A" * 24,
    )  # fmt: skip
    slip = TicketPrinting(site, printer=object()).slip_content(case)  # type: ignore[arg-type]
    assert slip.qr_data == "HTTP://192.168.1.10:8080/T/" + "A" * 24
    assert slip.qr_caption == SLIP_PHONE_CAPTION
