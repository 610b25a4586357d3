"""Edits to the default site.yaml that tests need."""

from __future__ import annotations

import re
from pathlib import Path

ALL_DAY = '["00:00-23:59"]'


def open_all_day(site_yaml: Path) -> None:
    """Every day open around the clock, no holidays: for tests that run on the real clock
    (CI may run at night or on a holiday) or at the edges of a day."""
    text = site_yaml.read_text(encoding="utf-8")
    text = re.sub(r"^  (mon|tue|wed|thu|fri|sat|sun): .*$", rf"  \1: {ALL_DAY}", text, flags=re.M)
    text = text.replace("  stop_issuing_minutes: 15", "  stop_issuing_minutes: 0")
    text = re.sub(r"  holidays:\n(    - .*\n)+", "  holidays: []\n", text)
    site_yaml.write_text(text, encoding="utf-8")
