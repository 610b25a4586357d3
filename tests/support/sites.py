"""Edits to the default site.yaml that tests need."""

from __future__ import annotations

from pathlib import Path

from screens.demo.centre import open_all_day as all_day


def open_all_day(site_yaml: Path) -> None:
    """Every day open around the clock, no holidays: for tests that run on the real clock
    (CI may run at night or on a holiday) or at the edges of a day."""
    site_yaml.write_text(all_day(site_yaml.read_text(encoding="utf-8")), encoding="utf-8")
