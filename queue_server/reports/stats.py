"""Satisfaction statistics from counts of answers per level (1–5).

Scores are whole numbers, so counts per level give every figure exactly:
the number of answers, the mean, the standard deviation, the percent
(mean ÷ 5 × 100) and the interpretation band. The SD is the **sample**
standard deviation (divisor n − 1), the one Thai survey reports use with
their mean (x̄, S.D.); the report says so.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

LEVELS = (5, 4, 3, 2, 1)
SD_KIND = "sample standard deviation (n − 1)"
SD_KIND_TH = "ส่วนเบี่ยงเบนมาตรฐานของกลุ่มตัวอย่าง (S.D., หารด้วย n − 1)"


@dataclass(frozen=True)
class Band:
    low: Decimal  # inclusive, on the mean rounded to 2 decimals
    th: str
    en: str


DEFAULT_BANDS: tuple[Band, ...] = (
    Band(Decimal("4.21"), "มากที่สุด", "Highest"),
    Band(Decimal("3.41"), "มาก", "High"),
    Band(Decimal("2.61"), "ปานกลาง", "Moderate"),
    Band(Decimal("1.81"), "น้อย", "Low"),
    Band(Decimal("1.00"), "น้อยที่สุด", "Lowest"),
)


def round2(value: float) -> Decimal:
    """Round half up to 2 decimals, as a person would (Decimal avoids 4.205 → 4.20)."""
    return Decimal(repr(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def band_of(mean: Decimal, bands: Sequence[Band] = DEFAULT_BANDS) -> Band:
    for band in sorted(bands, key=lambda b: b.low, reverse=True):
        if mean >= band.low:
            return band
    return min(bands, key=lambda b: b.low)


@dataclass
class Counts:
    """Answers per level."""

    by_level: dict[int, int] = field(default_factory=lambda: dict.fromkeys(LEVELS, 0))

    def add(self, score: int, answers: int = 1) -> None:
        self.by_level[score] = self.by_level.get(score, 0) + answers

    def merge(self, other: Counts) -> None:
        for level, answers in other.by_level.items():
            self.add(level, answers)

    @property
    def n(self) -> int:
        return sum(self.by_level.values())


@dataclass(frozen=True)
class Summary:
    n: int
    mean: Decimal | None
    sd: Decimal | None
    percent: Decimal | None
    band: Band | None
    by_level: Mapping[int, int]


def summarise(counts: Counts, bands: Sequence[Band] = DEFAULT_BANDS) -> Summary:
    n = counts.n
    if n == 0:
        return Summary(0, None, None, None, None, dict(counts.by_level))
    total = sum(level * answers for level, answers in counts.by_level.items())
    mean = total / n
    if n > 1:
        squares = sum(answers * (level - mean) ** 2 for level, answers in counts.by_level.items())
        sd: Decimal | None = round2(math.sqrt(squares / (n - 1)))
    else:
        sd = None  # one answer has no sample deviation
    mean2 = round2(mean)
    return Summary(
        n=n,
        mean=mean2,
        sd=sd,
        percent=round2(mean / 5 * 100),
        band=band_of(mean2, bands),
        by_level=dict(counts.by_level),
    )
