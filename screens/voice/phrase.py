"""Which clips make up one announcement, and which a site needs recorded.

A clip is named by what it says: a Latin letter ("A"), a digit ("7"), a Thai
number word ("สิบ") or a word of the configured wording ("ขอเชิญหมายเลข").
Ticket numbers are read digit by digit ("A 0 1 2") or as Thai number words
("A สิบสอง"); a centre chooses in site.yaml.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Literal

from pythainlp.util import num_to_thaiword

Reading = Literal["digits", "words"]

DIGITS = tuple("0123456789")
# The pieces num_to_thaiword builds every number below 1000 from.
NUMBER_WORDS = (
    "ศูนย์", "หนึ่ง", "สอง", "สาม", "สี่", "ห้า", "หก", "เจ็ด", "แปด", "เก้า",
    "สิบ", "ยี่", "เอ็ด", "ร้อย",
)  # fmt: skip
# How a Latin letter is said in Thai, for the person recording it.
LETTER_SAYING = {
    "A": "เอ", "B": "บี", "C": "ซี", "D": "ดี", "E": "อี", "F": "เอฟ", "G": "จี",
    "H": "เอช", "I": "ไอ", "J": "เจ", "K": "เค", "L": "แอล", "M": "เอ็ม", "N": "เอ็น",
    "O": "โอ", "P": "พี", "Q": "คิว", "R": "อาร์", "S": "เอส", "T": "ที", "U": "ยู",
    "V": "วี", "W": "ดับเบิลยู", "X": "เอ็กซ์", "Y": "วาย", "Z": "แซด",
}  # fmt: skip

_TOKEN = re.compile(r"\{number\}|\{counter\}|[^\s{}]+")
_PART = re.compile(r"[A-Za-z]|[0-9]+")
_NUMBER_WORD = re.compile("|".join(sorted(NUMBER_WORDS, key=len, reverse=True)))


def number_words(value: int) -> list[str]:
    """Thai number words as clip names: 112 → หนึ่ง ร้อย สิบ สอง."""
    return _NUMBER_WORD.findall(num_to_thaiword(value))


def read_code(code: str, reading: Reading) -> list[str]:
    """A ticket number or counter id as clips: letters one by one, then its digits."""
    clips: list[str] = []
    for part in _PART.findall(code.upper()):
        if part.isalpha():
            clips.append(part)
        elif reading == "digits":
            clips.extend(part)
        else:
            clips.extend(number_words(int(part)))
    return clips


def announcement(wording: str, number: str, counter: str, reading: Reading) -> list[str]:
    """The clips of one call, in the order they are spoken."""
    clips: list[str] = []
    for token in _TOKEN.findall(wording):
        if token == "{number}":
            clips.extend(read_code(number, reading))
        elif token == "{counter}":
            # Counters are few: "ช่องบริการ 2" is said as a number either way.
            clips.extend(read_code(counter, "words" if counter.isdigit() else reading))
        else:
            clips.append(token)
    return clips


def wording_words(wording: str) -> list[str]:
    return [t for t in _TOKEN.findall(wording) if t not in ("{number}", "{counter}")]


def required_clips(
    wording: str, prefixes: Iterable[str], counters: Iterable[str], reading: Reading
) -> list[str]:
    """Every clip a site's calls can need, wording first, without repeats."""
    needed: list[str] = list(wording_words(wording))
    letters = sorted({c for code in [*prefixes, *counters] for c in code.upper() if c.isalpha()})
    needed.extend(letters)
    needed.extend(DIGITS if reading == "digits" else NUMBER_WORDS[1:])
    for counter in counters:
        needed.extend(read_code(counter, "words" if counter.isdigit() else reading))
    return list(dict.fromkeys(needed))


def how_to_say(clip: str) -> str:
    """What the person recording should say for a clip."""
    if clip in LETTER_SAYING:
        return LETTER_SAYING[clip]
    if clip in DIGITS:
        return NUMBER_WORDS[int(clip)]
    return clip
