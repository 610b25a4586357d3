"""Thai fiscal quarters: Q1 is October–December of the previous calendar year."""

from datetime import UTC, date, datetime

import pytest

from queue_server.reports.fiscal import (
    FiscalQuarter,
    thai_long_date,
    thai_moment,
    thai_short_date,
)


@pytest.mark.parametrize(
    ("quarter", "start", "end", "due"),
    [
        (1, date(2025, 10, 1), date(2025, 12, 31), date(2025, 12, 30)),
        (2, date(2026, 1, 1), date(2026, 3, 31), date(2026, 3, 30)),
        (3, date(2026, 4, 1), date(2026, 6, 30), date(2026, 6, 30)),
        (4, date(2026, 7, 1), date(2026, 9, 30), date(2026, 9, 30)),
    ],
)
def test_fiscal_year_2569_quarters(quarter, start, end, due):
    q = FiscalQuarter(2569, quarter)
    assert (q.start, q.end, q.due) == (start, end, due)


@pytest.mark.parametrize(
    ("day", "quarter"),
    [
        (date(2025, 9, 30), (2568, 4)),
        (date(2025, 10, 1), (2569, 1)),  # Q1 spans the calendar year boundary
        (date(2025, 12, 31), (2569, 1)),
        (date(2026, 1, 1), (2569, 2)),
    ],
)
def test_the_quarter_of_a_day(day, quarter):
    q = FiscalQuarter.of(day)
    assert (q.fiscal_year, q.quarter) == quarter


def test_labels_name_the_quarter_in_thai():
    q = FiscalQuarter(2569, 1)
    assert q.label_th == "ไตรมาสที่ 1 ปีงบประมาณ พ.ศ. 2569 (ต.ค.–ธ.ค. 2568)"
    assert thai_long_date(q.due) == "30 ธันวาคม 2568"


def test_the_first_report_the_seed_names_is_due_on_30_december_2566():
    """Seed 000: รายงานครั้งแรก ภายในวันที่ ๓๐ ธันวาคม ๒๕๖๖ (fiscal 2567, Q1)."""
    assert FiscalQuarter(2567, 1).due == date(2023, 12, 30)


def test_a_province_that_asks_for_the_month_after_gets_it():
    assert FiscalQuarter(2569, 1).due_by("month_after", 30) == date(2026, 1, 30)
    assert FiscalQuarter(2569, 2).due_by("month_after", 30) == date(2026, 4, 30)
    assert FiscalQuarter(2569, 1).due_by("month_after", 31) == date(2026, 1, 31)
    assert FiscalQuarter(2569, 2).due_by("quarter_end", 31) == date(2026, 3, 31)


@pytest.mark.parametrize(("year", "quarter"), [(2025, 1), (2569, 5), (2569, 0)])
def test_a_wrong_quarter_is_refused(year, quarter):
    with pytest.raises(ValueError):
        FiscalQuarter(year, quarter)


def test_a_report_is_stamped_in_bangkok_time_and_the_buddhist_era():
    late_evening_utc = datetime(2026, 11, 23, 20, 30, tzinfo=UTC)
    assert thai_moment(late_evening_utc) == "24 พฤศจิกายน 2569 เวลา 03:30 น."


def test_a_table_cell_date_is_short_and_buddhist_era():
    assert thai_short_date(date(2025, 11, 11)) == "11 พ.ย. 2568"


def test_status_reminds_of_the_quarters_report_from_two_weeks_before_it_is_due():
    from assets import DEFAULT_SITE
    from queue_server.config import load_site
    from queue_server.reports.satisfaction import reminder

    site = load_site(DEFAULT_SITE)
    assert reminder(site, date(2026, 12, 15)) is None  # 15 days before 30 December
    said = reminder(site, date(2026, 12, 16))
    assert said is not None and "30 ธันวาคม 2569 (อีก 14 วัน)" in said
    assert "--fiscal-year 2570 --quarter 1" in said
    assert reminder(site, date(2026, 12, 31)) is None  # after: nothing more to say here
