"""The Thai on-screen keyboard's keys and what typing on it makes, without a window.

The Kedmanee layout every Thai keyboard has (the one a citizen has seen on a
phone or an office PC), two layers, shift between them. A mark typed where it
cannot stand (a vowel or tone mark with no consonant before it) is refused, so
what is typed always shapes; the text is scrubbed of phone and ID numbers
before it is sent, as everything a citizen writes.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

NORMAL = (
    "ๅ/-ภถุึคตจขช",
    "ๆไำพะัีรนยบลฃ",
    "ฟหกดเ้่าสวง",
    "ผปแอิืทมใฝ",
)
SHIFTED = (
    "+๑๒๓๔ู฿๕๖๗๘๙",
    '๐"ฎฑธํ๊ณฯญฐ,ฅ',
    "ฤฆฏโฌ็๋ษศซ.",
    "()ฉฮฺ์?ฒฬฦ",
)
MAX_TYPED = 300


def rows(shifted: bool) -> tuple[str, ...]:
    return SHIFTED if shifted else NORMAL


def combining(key: str) -> bool:
    """A mark drawn on the consonant before it (above or below): ั ิ ี ึ ื ุ ู ็ ่ ้ ๊ ๋ ์ ํ ฺ."""
    return unicodedata.category(key) == "Mn"


TONES = frozenset("่้๊๋์")  # tone marks and the thanthakhat: they stack on a vowel mark


def can_follow(previous: str, key: str) -> bool:
    """A mark sits on a consonant, or a tone on a vowel mark already on one (ที่, ทั่ว)."""
    if "ก" <= previous <= "ฮ":
        return True
    return combining(previous) and previous not in TONES and key in TONES


def label(key: str) -> str:
    """What the key shows: a mark on อ, as Thai schoolbooks write a vowel alone (อิ, อุ)."""
    return f"อ{key}" if combining(key) else key


@dataclass
class Typed:
    text: str = ""
    shifted: bool = False

    def press(self, key: str) -> bool:
        """Add ``key``; False when it cannot go there (a mark with nothing to sit on)."""
        if len(self.text) >= MAX_TYPED:
            return False
        if combining(key) and (not self.text or not can_follow(self.text[-1], key)):
            return False
        self.text += key
        self.shifted = False  # one character a shift, as on a phone
        return True

    def space(self) -> None:
        if self.text and not self.text.endswith(" ") and len(self.text) < MAX_TYPED:
            self.text += " "

    def delete(self) -> None:
        self.text = self.text[:-1]
