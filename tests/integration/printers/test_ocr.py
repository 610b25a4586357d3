"""A Thai OCR engine (tesseract, tha) reads the rendered ticket back.

It forgives some misplaced marks, so the golden images are looked at too;
but a ticket whose words OCR cannot find is surely wrong.
"""

import os
import shutil
import subprocess

import pytest

from printers.layout import render_ticket
from tests.support.tickets import sample_ticket

pytestmark = pytest.mark.slow  # tesseract reads whole tickets: a few seconds each


def ocr(image) -> str:
    tesseract = shutil.which("tesseract")
    if tesseract is None:
        if os.environ.get("CI"):
            pytest.fail("tesseract-ocr and tesseract-ocr-tha are required under CI")
        pytest.skip("tesseract is not installed")
    import io

    buffer = io.BytesIO()
    image.convert("L").save(buffer, format="PNG")
    result = subprocess.run(
        [tesseract, "stdin", "stdout", "-l", "tha+eng"],
        input=buffer.getvalue(),
        capture_output=True,
        check=True,
    )
    # Spaces are dropped: tesseract puts them where a glyph leaves room (after ว or ง).
    return result.stdout.decode("utf-8").replace(" ", "")


@pytest.mark.parametrize("width", [576, 384])
def test_ocr_reads_the_thai_ticket(width):
    text = ocr(render_ticket(sample_ticket("th"), width))
    for phrase in ("หญ้าแฝก", "พันธุ์พืช", "รออีก", "ส่งต่อหน่วยงาน", "ข้อมูลส่วนบุคคล"):
        assert phrase in text, (phrase, text)
    if width == 576:  # at 58 mm tesseract reads the big 0 as Q and drops marks on small text
        for phrase in ("A042", "23พ.ย.2569", "ต้องเตรียม", "ไม่ต้องใช้สําเนา"):
            assert phrase in text, (phrase, text)


def test_ocr_reads_the_english_lines():
    text = ocr(render_ticket(sample_ticket("en"), 576))
    for phrase in ("Whattobring", "ThaiIDcard", "3aheadofyou"):
        assert phrase in text, (phrase, text)
