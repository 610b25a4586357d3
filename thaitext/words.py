"""Thai text for print: Buddhist-era dates, digits, and line breaks between words.

Thai is written without spaces between words, so a line may only break where
PyThaiNLP's word segmentation says a word ends; breaking anywhere else cuts a
word in half, or worse, separates a vowel or tone mark from its consonant.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from datetime import datetime
from functools import lru_cache
from importlib.resources import files

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


# Words that never end a line: a bound prefix makes a word with what follows
# (ผู้|ขอ is one word to a reader, "ผู้ขอ"), whatever the dictionary says.
BOUND_PREFIXES = frozenset({"ผู้", "การ", "ความ", "นัก", "ชาว"})
# Marks that belong to the word before them, the ones that belong to the word after,
# and dashes, which join both ("17–48" is one piece).
_JOINING = "–-"
_CLOSING = frozenset(")]}.,;:!?%/ๆฯ" + _JOINING)
_OPENING = "([{"
# A bracketed phrase up to this long stays on one line when it can: "(Smart Job Center)".
_BRACKETED_KEPT = 20


def project_words() -> frozenset[str]:
    """The centre's own compounds (compounds.txt) that PyThaiNLP's list splits."""
    text = (files("thaitext") / "compounds.txt").read_text(encoding="utf-8")
    lines = (line.split("#", 1)[0].strip() for line in text.splitlines())
    return frozenset(line for line in lines if line)


@lru_cache(maxsize=1)
def word_set() -> WordSet:
    return WordSet(thai_words() | project_words())


@lru_cache(maxsize=512)
def words(text: str) -> tuple[str, ...]:
    """Words as the dictionary finds them (spaces kept as words of their own)."""
    return tuple(word_tokenize(text, custom_dict=word_set(), engine="newmm", keep_whitespace=True))


Segment = tuple[str, ...]


@lru_cache(maxsize=512)
def segments(text: str) -> tuple[Segment, ...]:
    """The pieces a line may break between, each made of the units inside it.

    A reader's unit is larger than the dictionary's word: a bound prefix goes
    with the word after it, brackets and full stops with their word. A short
    bracketed phrase is one piece of several units, so that when it is too
    wide for a line it can still break between them.
    """
    units: list[str] = []
    glue_next = False
    for word in words(text):
        space = word.isspace()
        if units and not space and (glue_next or word[0] in _CLOSING):
            units[-1] += word
        else:
            units.append(word)
        glue_next = not space and (word in BOUND_PREFIXES or word[-1] in _OPENING + _JOINING)
    return tuple(_keep_brackets_whole(units))


def _keep_brackets_whole(units: list[str]) -> list[Segment]:
    kept: list[Segment] = []
    opened: int | None = None
    for unit in units:
        kept.append((unit,))
        if opened is None and unit.startswith(tuple(_OPENING)) and not _closes(unit):
            opened = len(kept) - 1
        elif opened is not None and _closes(unit):
            group = tuple(part for piece in kept[opened:] for part in piece)
            if len("".join(group)) <= _BRACKETED_KEPT:
                kept[opened:] = [group]
            opened = None
    return kept


def _closes(text: str) -> bool:
    return text.rstrip(".,;:")[-1:] in {")", "]", "}"}


def wrap(text: str, fits: Callable[[str], bool]) -> list[str]:
    """Lines filled greedily between pieces; ``fits(line)`` says whether a line fits.

    A piece wider than a line is broken between its words, and a word wider
    than a line between graphemes, never inside one (a consonant keeps its
    vowels and tone marks). The last line is never one lone word when the
    line before can give it company.
    """
    lines: list[list[str]] = [[]]
    for piece in segments(text):
        _place(piece, lines, fits)
    filled = [line for line in lines if "".join(line).strip()]
    _no_lone_last_word(filled, fits)
    return ["".join(line).strip() for line in filled]


def _place(piece: Segment, lines: list[list[str]], fits: Callable[[str], bool]) -> None:
    whole = "".join(piece)
    if fits(("".join(lines[-1]) + whole).strip()):
        lines[-1].append(whole)
        return
    if whole.isspace():
        return
    if fits(whole.strip()):
        lines.append([whole])
        return
    if len(piece) > 1:
        for word in piece:
            _place((word,), lines, fits)
        return
    lines.append([])
    for grapheme in _GRAPHEME.findall(whole.strip()):
        if "".join(lines[-1]).strip() and not fits(("".join(lines[-1]) + grapheme).strip()):
            lines.append([])
        lines[-1].append(grapheme)


def _no_lone_last_word(lines: list[list[str]], fits: Callable[[str], bool]) -> None:
    """Moves the previous line's last piece down beside a lone last word, if it fits."""
    if len(lines) < 2:
        return
    last, before = lines[-1], lines[-2]
    solid = [piece for piece in before if piece.strip()]
    lone = [piece for piece in last if piece.strip()]
    if len(lone) != 1 or " " in lone[0].strip() or len(solid) < 2:
        return  # a bracketed phrase on its own line is not a lone word
    trailing: list[str] = []
    while before[-1].isspace():
        trailing.insert(0, before.pop())
    moved = [before[-1], *trailing]
    if fits("".join(moved + last).strip()):
        before.pop()
        last[:0] = moved
    else:
        before.extend(trailing)


def digits(text: str, thai: bool) -> str:
    return arabic_digit_to_thai_digit(text) if thai else text


def thai_date(moment: datetime, thai_digits: bool) -> str:
    """23 พ.ย. 2569 (Buddhist era), or ๒๓ พ.ย. ๒๕๖๙ with Thai digits."""
    return thai_strftime(moment, "%-d %b %Y", thaidigit=thai_digits)


def thai_time(moment: datetime, thai_digits: bool) -> str:
    return digits(f"{moment:%H:%M} น.", thai_digits)


# What a browser is told of where Thai may break: a word joiner between the letters of a
# unit (never before a mark that sits on its letter) and a zero-width space between units.
WORD_JOINER, BREAK_HERE = "\u2060", "\u200b"


@lru_cache(maxsize=2048)
def for_browser(text: str) -> str:
    """``text`` with the project's line breaks marked for a browser.

    A browser breaks Thai with its own dictionary (ICU's in Chromium), which splits
    what ours keeps whole (เจ้า|หน้าที่, ช่อง|บริการ 2) and knows nothing of compounds.txt;
    marked this way it breaks where the screens and the ticket do.
    """
    out: list[str] = []
    for piece in segments(text):
        for unit in piece:
            if unit.isspace():
                out.append(unit)
                continue
            if out and not out[-1].isspace():
                out.append(BREAK_HERE)
            out.append(_joined(unit))
    return "".join(out)


def _joined(unit: str) -> str:
    letters: list[str] = []
    for char in unit:
        if letters and unicodedata.category(char) != "Mn":
            letters.append(WORD_JOINER)
        letters.append(char)
    return "".join(letters)


def unmarked(text: str) -> str:
    """``for_browser`` undone: the text as a person reads it."""
    return text.replace(WORD_JOINER, "").replace(BREAK_HERE, "")
