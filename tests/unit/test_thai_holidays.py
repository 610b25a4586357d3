"""Thailand's public holidays as python-holidays computes them, and which the centre needs."""

from datetime import date

from assets import DEFAULT_SITE
from queue_server.config import load_site
from queue_server.ops.holidays import Holiday, days_open, gregorian_year, thai_public_holidays


def test_the_buddhist_era_year_is_accepted():
    assert gregorian_year(2570) == 2027
    assert gregorian_year(2027) == 2027


def test_the_lunar_holidays_and_substitution_days_are_included():
    days = {h.date: h.name for h in thai_public_holidays(2570)}
    assert days[date(2027, 5, 20)] == "วันวิสาขบูชา"
    assert days[date(2027, 7, 19)] == "วันเข้าพรรษา"
    assert days[date(2027, 2, 22)] == "ชดเชยวันมาฆบูชา"  # มาฆบูชา falls on a Sunday


def test_only_days_the_centre_would_open_are_kept():
    site = load_site(DEFAULT_SITE)  # Monday to Friday
    sunday, monday = Holiday(date(2027, 2, 21), "วันมาฆบูชา"), Holiday(date(2027, 2, 22), "ชดเชย")
    assert days_open(site, [sunday, monday]) == [monday]


def test_the_shipped_site_lists_every_weekday_public_holiday_of_2570():
    site = load_site(DEFAULT_SITE)
    listed = {h.date for h in site.config.hours.holidays}
    missing = [h for h in days_open(site, thai_public_holidays(2027)) if h.date not in listed]
    assert missing == []
