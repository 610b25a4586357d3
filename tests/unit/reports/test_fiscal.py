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
        (1, date(2025, 10, 1), date(2025, 12, 31), date(2026, 1, 30)),
        (2, date(2026, 1, 1), date(2026, 3, 31), date(2026, 4, 30)),
        (3, date(2026, 4, 1), date(2026, 6, 30), date(2026, 7, 30)),
        (4, date(2026, 7, 1), date(2026, 9, 30), date(2026, 10, 30)),
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
    assert thai_long_date(q.due) == "30 มกราคม 2569"


@pytest.mark.parametrize(("year", "quarter"), [(2025, 1), (2569, 5), (2569, 0)])
def test_a_wrong_quarter_is_refused(year, quarter):
    with pytest.raises(ValueError):
        FiscalQuarter(year, quarter)


def test_a_report_is_stamped_in_bangkok_time_and_the_buddhist_era():
    late_evening_utc = datetime(2026, 11, 23, 20, 30, tzinfo=UTC)
    assert thai_moment(late_evening_utc) == "24 พฤศจิกายน 2569 เวลา 03:30 น."


def test_a_table_cell_date_is_short_and_buddhist_era():
    assert thai_short_date(date(2025, 11, 11)) == "11 พ.ย. 2568"
