"""``oss-queue holidays``: the days the centre is closed, kept in site.yaml.

A running server notices the edited site.yaml and applies it: the kiosk says
the centre is closed on those days and no ticket is issued.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import click

from queue_server.config import ConfigError
from queue_server.domain.service_day import BANGKOK
from queue_server.ops.holidays import (
    Holiday,
    add_holidays,
    days_open,
    gregorian_year,
    thai_public_holidays,
)
from queue_server.reports.fiscal import BE_OFFSET, thai_long_date

from .main import config_option, load_or_exit, main

WEEKDAYS_TH = ("จ.", "อ.", "พ.", "พฤ.", "ศ.", "ส.", "อา.")


def _line(holiday: Holiday) -> str:
    day = holiday.date
    return f"  {day}  {WEEKDAYS_TH[day.weekday()]} {thai_long_date(day)} · {holiday.name}"


def _parse_day(text: str) -> date:
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise click.BadParameter(f"{text!r}: write the date as YYYY-MM-DD") from None
    return day.replace(year=gregorian_year(day.year))


def _write(site_yaml: Path, wanted: list[Holiday]) -> list[Holiday]:
    try:
        return add_holidays(site_yaml, wanted)
    except ConfigError as exc:
        click.secho("site.yaml was not changed; the edit would not load:", fg="red", err=True)
        for problem in exc.problems:
            click.echo(f"  - {problem}", err=True)
        raise SystemExit(2) from None


@main.group()
def holidays() -> None:
    """Days the centre is closed: list them, import Thailand's public holidays, add a day."""


@holidays.command("list")
@config_option
@click.option("--all", "show_all", is_flag=True, help="Also the days already past.")
def list_holidays(config_path: Path, show_all: bool) -> None:
    """The holidays in site.yaml from today on; warns when next year has none yet."""
    site = load_or_exit(config_path)
    today = datetime.now(BANGKOK).date()
    listed = [Holiday(h.date, h.name or "") for h in site.config.hours.holidays]
    shown = [h for h in listed if show_all or h.date >= today]
    click.echo(f"{len(shown)} holiday(s) in {config_path}:")
    for holiday in shown:
        click.echo(_line(holiday))
    next_year = today.year + 1
    if not any(h.date.year == next_year for h in listed):
        click.secho(
            f"No holiday is listed for {next_year + BE_OFFSET} yet: "
            f"oss-queue holidays import {next_year + BE_OFFSET}",
            fg="yellow",
        )


@holidays.command("import")
@config_option
@click.argument("year", type=click.IntRange(2000, 2700))
@click.option("--dry-run", is_flag=True, help="Show what would be added; change nothing.")
def import_holidays(config_path: Path, year: int, dry_run: bool) -> None:
    """Add Thailand's public holidays of YEAR (2570 or 2027) on days the centre opens.

    Days already past are left out.
    Includes the Buddhist holidays and substitution days. Special days the
    Cabinet announces later are added with `oss-queue holidays add`.
    """
    site = load_or_exit(config_path)
    today = datetime.now(BANGKOK).date()
    listed = {h.date for h in site.config.hours.holidays}
    wanted = [
        h
        for h in days_open(site, thai_public_holidays(year))
        if h.date not in listed and h.date >= today
    ]
    if dry_run:
        click.echo(f"Would add {len(wanted)} holiday(s):")
        for holiday in wanted:
            click.echo(_line(holiday))
        return
    added = _write(config_path, wanted)
    click.echo(f"Added {len(added)} holiday(s) of {gregorian_year(year) + BE_OFFSET}:")
    for holiday in added:
        click.echo(_line(holiday))
    click.echo("A running server applies them within seconds.")


@holidays.command("add")
@config_option
@click.argument("day", metavar="DATE")
@click.argument("name")
def add_holiday(config_path: Path, day: str, name: str) -> None:
    """Close the centre on DATE (YYYY-MM-DD, either era), e.g. a Cabinet special day."""
    load_or_exit(config_path)
    holiday = Holiday(_parse_day(day), name)
    if not _write(config_path, [holiday]):
        click.echo(f"{holiday.date} is already a holiday in {config_path}.")
        return
    click.echo("Added:")
    click.echo(_line(holiday))
