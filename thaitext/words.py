"""Thai text for print: Buddhist-era dates, digits, and line breaks between words.

Thai is written without spaces between words, so a line may only break where
PyThaiNLP's word segmentation says a word ends; breaking anywhere else cuts a
word in half, or worse, separates a vowel or tone mark from its consonant.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from functools import lru_cache

from pythainlp.corpus import thai_words
from pythainlp.tokenize import word_tokenize
from pythainlp.util import Trie, arabic_digit_to_thai_digit, thai_strftime

# A Thai grapheme: a base character followed by any combining vowels, tone marks.
_GRAPHEME = re.compile(r".[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]*", re.DOTALL)


class WordSet(Trie):
    """PyThaiNLP's word list, looked up as a set instead of a character trie.

    The same words and the same answers as the trie newmm builds by default,
    in a tenth of the memory: the trie is a Python object per character of
    62,000 words (about 74 MB), the set holds the words themselves (they are
    loaded anyway). A kiosk or display runs in the memory of a small PC.
    """

    def __init__(self, words: frozenset[str]) -> None:
        super().__init__(())
        self.words = words
        self.longest = max(map(len, words), default=0)

    def prefixes(self, text: str, start: int = 0) -> list[str]:
        end = min(len(text), start + self.longest)
        return [text[start:i] for i in range(start + 1, end + 1) if text[start:i] in self.words]

    def __contains__(self, key: str) -> bool:
        return key in self.words

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self.words)

    def __len__(self) -> int:
        return len(self.words)


@lru_cache(maxsize=1)
def word_set() -> WordSet:
    return WordSet(thai_words())


@lru_cache(maxsize=512)
def words(text: str) -> tuple[str, ...]:
    """Segments whose boundaries are allowed line breaks (spaces kept as segments)."""
    return tuple(word_tokenize(text, custom_dict=word_set(), engine="newmm", keep_whitespace=True))


def wrap(text: str, fits: Callable[[str], bool]) -> list[str]:
    """Greedy line filling at word boundaries; ``fits(line)`` says whether a line fits.

    A single word wider than a whole line is split between graphemes, never
    inside one (a consonant keeps its vowels and tone marks).
    """
    lines: list[str] = []
    current = ""
    for word in words(text):
        if fits((current + word).strip()):
            current += word
            continue
        if current.strip():
            lines.append(current.strip())
        current = ""
        if fits(word.strip()):
            current = word
            continue
        for piece in _GRAPHEME.findall(word):
            if current and not fits((current + piece).strip()):
                lines.append(current.strip())
                current = ""
            current += piece
    if current.strip():
        lines.append(current.strip())
    return lines


def digits(text: str, thai: bool) -> str:
    return arabic_digit_to_thai_digit(text) if thai else text


def thai_date(moment: datetime, thai_digits: bool) -> str:
    """23 พ.ย. 2569 (Buddhist era), or ๒๓ พ.ย. ๒๕๖๙ with Thai digits."""
    return thai_strftime(moment, "%-d %b %Y", thaidigit=thai_digits)


def thai_time(moment: datetime, thai_digits: bool) -> str:
    return digits(f"{moment:%H:%M} น.", thai_digits)
