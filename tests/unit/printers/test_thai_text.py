"""Thai for print: Buddhist-era dates, digits, and line breaks only between words."""

import pytest

from queue_server.testing import at
from thaitext.words import digits, thai_date, thai_time, words, wrap

COMBINING = set(
    "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d\u0e4e"
)


def test_the_date_is_in_the_buddhist_era():
    assert thai_date(at(9, 5), thai_digits=False) == "23 พ.ย. 2569"


def test_the_date_and_time_in_thai_digits():
    assert thai_date(at(9, 5), thai_digits=True) == "๒๓ พ.ย. ๒๕๖๙"
    assert thai_time(at(9, 5), thai_digits=True) == "๐๙:๐๕ น."


def test_digits_are_converted_only_when_asked():
    assert digits("10–20", thai=True) == "๑๐–๒๐"
    assert digits("10–20", thai=False) == "10–20"


TEXTS = [
    "ขอรับสารเร่ง พด. หญ้าแฝก และเมล็ดพันธุ์พืชปุ๋ยสด",
    "กรมส่งเสริมและพัฒนาคุณภาพชีวิตคนพิการ",
    "หนังสือรับรองการหักภาษี ณ ที่จ่าย (50 ทวิ)",
    "ยื่นแบบแสดงรายการภาษีเงินได้บุคคลธรรมดา",
]


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("limit", [8, 12, 20])
def test_lines_break_only_between_words(text, limit):
    lines = wrap(text, lambda line: len(line) <= limit)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    boundaries, position = set(), 0
    for word in words(text.replace(" ", "")):
        position += len(word)
        boundaries.add(position)
    position = 0
    longest = max(len(w) for w in words(text))
    for line in lines[:-1]:
        position += len(line.replace(" ", ""))
        assert position in boundaries or longest > limit, (lines, line)


@pytest.mark.parametrize("text", TEXTS)
def test_a_mark_never_starts_a_line(text):
    for line in wrap(text, lambda line: len(line) <= 4):
        assert line[0] not in COMBINING, line


def test_short_text_stays_on_one_line():
    assert wrap("คำร้องทั่วไป", lambda line: True) == ["คำร้องทั่วไป"]


def test_the_word_set_segments_exactly_as_pythainlps_own_trie() -> None:
    """The memory-saving word set gives the same words for every text the centre shows."""
    from pythainlp.corpus import thai_words
    from pythainlp.tokenize import word_tokenize
    from pythainlp.util import Trie

    from assets import DEFAULT_SITE
    from queue_server.config import load_site
    from thaitext.words import project_words, words

    trie = Trie(thai_words() | project_words())
    catalog = load_site(DEFAULT_SITE).catalog
    texts = [c.name.th for c in catalog.categories]
    for service in catalog.services:
        texts += [service.name.th, service.agency.th, *(d.th for d in service.documents)]
    for text in texts:
        expected = word_tokenize(text, custom_dict=trie, engine="newmm", keep_whitespace=True)
        assert list(words(text)) == expected


def _narrow(limit: int):
    return lambda line: len(line) <= limit


@pytest.mark.parametrize(
    ("text", "compound"),
    [
        ("ขอรับสารเร่ง พด. หญ้าแฝก และเมล็ดพันธุ์พืชปุ๋ยสด", "ปุ๋ยสด"),
        ("ค้นหาตำแหน่งงานและคนหางาน (Smart Job Center)", "(Smart Job Center)"),
        ("ขออนุญาตการใช้ประโยชน์ริมฝั่งน้ำ", "ริมฝั่งน้ำ"),
        ("ลงทะเบียนผู้ขอรับเงินเบี้ยยังชีพ", "ผู้ขอ"),
    ],
)
@pytest.mark.parametrize("limit", [20, 24, 30])
def test_the_projects_compounds_are_never_cut(text, compound, limit):
    """The cuts a citizen saw on the kiosk and the ticket: ปุ๋ย / สด, ผู้ / ขอ, (Smart Job / Center)."""
    lines = wrap(text, _narrow(limit))
    assert any(compound in line for line in lines), lines


@pytest.mark.parametrize("prefix", ["ผู้", "การ", "ความ"])
def test_a_line_never_ends_on_a_bound_prefix(prefix):
    text = f"ลงทะเบียนรับเงิน{prefix}สูงอายุและ{prefix}ช่วยเหลือประจำปี"
    for limit in range(len(prefix) + 6, 30):
        for line in wrap(text, _narrow(limit))[:-1]:
            assert not line.endswith(prefix), (limit, line)


def test_the_last_line_is_not_one_lone_word_when_the_line_before_can_share():
    lines = wrap("ขอรับสารเร่ง พด. หญ้าแฝก และเมล็ดพันธุ์พืชปุ๋ยสด", _narrow(24))
    assert lines == ["ขอรับสารเร่ง พด. หญ้าแฝก", "และเมล็ดพันธุ์พืชปุ๋ยสด"]
    assert wrap("ยื่นคำร้องทั่วไปเรื่อง", _narrow(16)) == ["ยื่นคำร้อง", "ทั่วไปเรื่อง"]


def test_a_bracketed_phrase_too_long_for_a_line_breaks_between_its_words():
    lines = wrap("หางาน (Smart Job Center)", _narrow(10))
    assert lines == ["หางาน", "(Smart Job", "Center)"]


def test_a_range_of_minutes_stays_on_one_line():
    """Found on the board: "ประมาณ 17 / –48 นาที"."""
    assert "17–48" in wrap("ประมาณ 17–48 นาที", _narrow(9))[1]


def test_a_browser_is_told_to_break_thai_where_the_screens_do():
    """Found on the phone page: Chromium's own dictionary broke เจ้า|หน้าที่ and ช่อง|บริการ."""
    from thaitext.words import BREAK_HERE, WORD_JOINER, for_browser, unmarked

    text = "ท่านพึงพอใจด้านเจ้าหน้าที่มากน้อยเพียงใด"
    marked = for_browser(text)
    assert unmarked(marked) == text
    pieces = [unmarked(piece) for piece in marked.split(BREAK_HERE)]
    assert "เจ้าหน้าที่" in pieces  # no break inside it; between its letters, joiners
    assert all(WORD_JOINER in piece for piece in marked.split(BREAK_HERE) if len(piece) > 1)


def test_no_joiner_comes_between_a_letter_and_its_mark():
    """A joiner before a tone mark or a vowel above would leave it on a dotted circle."""
    import unicodedata

    from thaitext.words import WORD_JOINER, for_browser

    marked = for_browser("ใช้เวลาไม่ถึงหนึ่งนาที ไม่มีการบันทึกชื่อหรือเบอร์โทร")
    assert all(
        unicodedata.category(marked[i + 1]) != "Mn"
        for i, char in enumerate(marked[:-1])
        if char == WORD_JOINER
    )
