"""Mean, SD, percent and band, checked against figures worked by hand."""

from decimal import Decimal

import pytest

from queue_server.reports.stats import Counts, band_of, round2, summarise


def counts_of(scores: list[int]) -> Counts:
    counts = Counts()
    for score in scores:
        counts.add(score)
    return counts


def test_a_hand_worked_example():
    # scores 5,5,4,4,4,3: n=6, mean 25/6 = 4.1667; squared deviations
    # 2*(0.8333²) + 3*(0.1667²) + 1.1667² = 2.8333; sample variance 2.8333/5 = 0.5667; SD 0.7528
    summary = summarise(counts_of([5, 5, 4, 4, 4, 3]))
    assert summary.n == 6
    assert summary.mean == Decimal("4.17")
    assert summary.sd == Decimal("0.75")
    assert summary.percent == Decimal("83.33")
    assert summary.band is not None and summary.band.th == "มาก"
    assert summary.by_level == {5: 2, 4: 3, 3: 1, 2: 0, 1: 0}


def test_all_the_same_answer_has_no_spread():
    summary = summarise(counts_of([4] * 10))
    assert (summary.mean, summary.sd, summary.percent) == (
        Decimal("4.00"),
        Decimal("0.00"),
        Decimal("80.00"),
    )


def test_one_answer_has_no_sample_sd():
    assert summarise(counts_of([5])).sd is None


def test_no_answers_gives_no_figures():
    summary = summarise(counts_of([]))
    assert (summary.n, summary.mean, summary.sd, summary.band) == (0, None, None, None)


@pytest.mark.parametrize(
    ("mean", "band"),
    [
        ("5.00", "มากที่สุด"), ("4.21", "มากที่สุด"), ("4.20", "มาก"), ("3.41", "มาก"),
        ("3.40", "ปานกลาง"), ("2.61", "ปานกลาง"), ("2.60", "น้อย"), ("1.81", "น้อย"),
        ("1.80", "น้อยที่สุด"), ("1.00", "น้อยที่สุด"),
    ],
)  # fmt: skip
def test_band_edges(mean, band):
    assert band_of(Decimal(mean)).th == band


def test_the_band_follows_the_printed_two_decimal_mean():
    # 4.205 prints as 4.21 (half up), so it is มากที่สุด, not มาก
    assert round2(4.205) == Decimal("4.21")
    scores = [5] * 121 + [4] * 79  # mean 4.605
    assert summarise(counts_of(scores)).mean == Decimal("4.61")
