"""`oss-queue holidays`: site.yaml edited in place, comments kept, mistakes refused."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import yaml

from queue_server.config import load_site
from tests.integration.test_cli import run


def listed(site_yaml: Path) -> list[date]:
    return [h.date for h in load_site(site_yaml).config.hours.holidays]


def test_import_adds_a_years_public_holidays_in_date_order_and_keeps_comments(site_dir: Path):
    site_yaml = site_dir / "site.yaml"
    result = run("holidays", "import", "2571", "--config", str(site_yaml))
    assert result.returncode == 0, result.stderr
    dates = listed(site_yaml)
    assert date(2028, 5, 8) in dates  # วิสาขบูชา 2571
    assert dates == sorted(dates)
    text = site_yaml.read_text(encoding="utf-8")
    assert "# Stop issuing tickets this many minutes before closing." in text
    assert "    - {date: 2028-05-08, name: วันวิสาขบูชา}" in text


def test_import_twice_adds_nothing_the_second_time(site_dir: Path):
    site_yaml = site_dir / "site.yaml"
    run("holidays", "import", "2571", "--config", str(site_yaml))
    before = site_yaml.read_bytes()
    result = run("holidays", "import", "2571", "--config", str(site_yaml))
    assert "Added 0 holiday(s)" in result.stdout
    assert site_yaml.read_bytes() == before


def test_dry_run_changes_nothing(site_dir: Path):
    site_yaml = site_dir / "site.yaml"
    before = site_yaml.read_bytes()
    result = run("holidays", "import", "2571", "--dry-run", "--config", str(site_yaml))
    assert "Would add" in result.stdout and "วันวิสาขบูชา" in result.stdout
    assert site_yaml.read_bytes() == before


def test_a_special_day_is_added_with_a_buddhist_era_date(site_dir: Path):
    site_yaml = site_dir / "site.yaml"
    result = run("holidays", "add", "2571-03-15", "วันหยุดพิเศษ", "--config", str(site_yaml))
    assert result.returncode == 0, result.stderr
    assert date(2028, 3, 15) in listed(site_yaml)
    assert "15 มีนาคม 2571" in result.stdout


def test_a_date_that_is_not_a_date_is_refused(site_dir: Path):
    site_yaml = site_dir / "site.yaml"
    result = run("holidays", "add", "15/03/2571", "x", "--config", str(site_yaml))
    assert result.returncode == 2
    assert "YYYY-MM-DD" in result.stderr


def test_list_shows_the_days_in_the_buddhist_era(site_dir: Path):
    result = run("holidays", "list", "--all", "--config", str(site_dir / "site.yaml"))
    assert "2027-04-13  อ. 13 เมษายน 2570 · วันสงกรานต์" in result.stdout


def test_an_edit_that_would_not_load_leaves_site_yaml_as_it_was(site_dir: Path):
    site_yaml = site_dir / "site.yaml"
    document = yaml.safe_load(site_yaml.read_text(encoding="utf-8"))
    assert document["hours"]["holidays"]
    (site_dir / "catalog.yaml").unlink()  # the edited file cannot be checked against it
    before = site_yaml.read_bytes()
    result = run("holidays", "add", "2028-03-15", "x", "--config", str(site_yaml))
    assert result.returncode == 2
    assert site_yaml.read_bytes() == before
    assert not list(site_dir.glob(".site.yaml.new"))
