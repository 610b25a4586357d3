"""CLI commands for reports and data retention."""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path

import click

from queue_server.reports import writers
from queue_server.reports.fiscal import FiscalQuarter

from .main import config_option, load_or_exit, main, migrated

FORMATS = click.Choice(["xlsx", "pdf", "csv"])
FROM_DATABASE = (
    "Read this database instead of the centre's, e.g. the province's central one "
    "that `oss-queue sync` fills (the site id still selects the rows)."
)


@main.group()
def report() -> None:
    """Reports: quarterly satisfaction for the province, daily operations, forwarded cases."""


def _format(out: Path, fmt: str | None) -> str:
    chosen = fmt or out.suffix.lstrip(".").lower()
    if chosen not in ("xlsx", "pdf", "csv"):
        raise click.UsageError("give --format xlsx|pdf|csv or an --out file ending in one of them")
    return chosen


@report.command("satisfaction")
@config_option
@click.option("--fiscal-year", type=int, required=True, help="Buddhist era, e.g. 2569.")
@click.option("--quarter", type=click.IntRange(1, 4), required=True, help="1 = October–December.")
@click.option("--format", "fmt", type=FORMATS, help="Default: from the --out file's ending.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True)
@click.option("--database", "database_url", help=FROM_DATABASE)
def report_satisfaction(
    config_path: Path,
    fiscal_year: int,
    quarter: int,
    fmt: str | None,
    out: Path,
    database_url: str | None,
) -> None:
    """The quarter's satisfaction figures, as the province asks for them."""

    site = load_or_exit(config_path)
    try:
        period = FiscalQuarter(fiscal_year, quarter)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None
    click.echo(writers.write_satisfaction(site, period, out, _format(out, fmt), database_url))


@report.command("province")
@click.option("--database", "database_url", required=True, help="The central database URL.")
@click.option("--fiscal-year", type=int, required=True, help="Buddhist era, e.g. 2569.")
@click.option("--quarter", type=click.IntRange(1, 4), required=True, help="1 = October–December.")
@click.option("--format", "fmt", type=FORMATS, help="Default: from the --out file's ending.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True)
def report_province(
    database_url: str, fiscal_year: int, quarter: int, fmt: str | None, out: Path
) -> None:
    """Every centre's quarter side by side, from the central database (for the province office).

    Needs no site.yaml: the centres and their names come from what `oss-queue
    sync` sent. Centres with no answers in the quarter are listed too.
    """
    from queue_server.reports.province import province_header, province_report, province_tables
    from queue_server.storage import DatabaseUnreachable

    try:
        period = FiscalQuarter(fiscal_year, quarter)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None
    try:
        data = province_report(database_url, period, datetime.now(UTC))
    except DatabaseUnreachable as exc:
        raise click.ClickException(f"cannot read the central database: {exc.orig}") from None
    header, tables = province_header(data), province_tables(data)
    writers.write_report(_format(out, fmt), out, header, tables, [], f"Q{quarter}-{fiscal_year}")
    click.echo(
        f"wrote {out}: {period.label_en}, {len(data.centres)} centres "
        f"({data.reporting} with answers), {data.respondents} respondents"
    )


@report.command("daily")
@config_option
@click.option("--date", "day", type=click.DateTime(["%Y-%m-%d"]), required=True, help="YYYY-MM-DD")
@click.option("--format", "fmt", type=FORMATS, help="Default: from the --out file's ending.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True)
@click.option("--database", "database_url", help=FROM_DATABASE)
def report_daily(
    config_path: Path, day: datetime, fmt: str | None, out: Path, database_url: str | None
) -> None:
    """One day's operations: tickets, waits, service times, no-shows, per counter and staff."""
    site = load_or_exit(config_path)
    click.echo(writers.write_daily(site, day.date(), out, _format(out, fmt), database_url))


@report.command("cases")
@config_option
@click.option(
    "--from",
    "start",
    type=click.DateTime(["%Y-%m-%d"]),
    required=True,
    help="First day cases were sent, YYYY-MM-DD.",
)
@click.option(
    "--to",
    "end",
    type=click.DateTime(["%Y-%m-%d"]),
    required=True,
    help="Last day cases were sent, YYYY-MM-DD.",
)
@click.option("--format", "fmt", type=FORMATS, help="Default: from the --out file's ending.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True)
def report_cases(
    config_path: Path, start: datetime, end: datetime, fmt: str | None, out: Path
) -> None:
    """Forwarded cases (by agency, status and age, median days to an answer) and complaints."""
    site = load_or_exit(config_path)
    click.echo(writers.write_cases(site, start.date(), end.date(), out, _format(out, fmt)))


@main.command()
@config_option
@click.option(
    "--before",
    type=click.DateTime(["%Y-%m-%d"]),
    help="Remove days before this date (default: today minus retention.days).",
)
@click.option("--dry-run", is_flag=True, help="Only say what would be removed.")
def purge(config_path: Path, before: datetime | None, dry_run: bool) -> None:
    """Remove old tickets, events and ratings, keeping the aggregates reports need.

    What citizens wrote (rating comments, the words of closed complaints) goes after
    retention.comments_days; open complaints and forwarded cases are kept whole."""
    from datetime import timedelta

    from queue_server.domain.service_day import service_day_of
    from queue_server.reports.daily import summariser
    from queue_server.storage import make_engine
    from queue_server.storage.purge import clear_closed_complaints, clear_comments, plan
    from queue_server.storage.purge import purge as run_purge

    site = load_or_exit(config_path)
    today = service_day_of(datetime.now(UTC))
    cutoff = before.date() if before else today - timedelta(days=site.config.retention.days)
    if cutoff > today:
        raise click.BadParameter("--before is in the future: that would remove today's queue")
    migrated(site)
    engine = make_engine(site.database_url)
    try:
        found = (
            plan(engine, site.id, cutoff)
            if dry_run
            else run_purge(engine, site.id, cutoff, summariser(site))
        )
        comments_cutoff = today - timedelta(days=site.config.retention.comments_days)
        comments = clear_comments(engine, site.id, comments_cutoff, dry_run=dry_run)
        closed = clear_closed_complaints(engine, site.id, comments_cutoff, dry_run=dry_run)
    finally:
        engine.dispose()
    verb = "would remove" if dry_run else "removed"
    span = f"{found.days[0]} to {found.days[-1]}" if found.days else "no days"
    click.echo(
        f"{verb} {len(found.days)} days ({span}) before {cutoff}: {found.tickets} tickets, "
        f"{found.events} events, {found.ratings} ratings, {found.requests} stored replies"
    )
    click.echo(f"{verb} the comments of {comments} ratings before {comments_cutoff}")
    click.echo(f"{verb} the words of {closed} complaints closed before {comments_cutoff}")
    if not dry_run and found.days:
        click.echo(
            "kept: each day's operations summary and the rating counts the quarterly report needs"
        )


@main.command()
@config_option
@click.option(
    "--to",
    "central_url",
    help="The central database URL (default: province.database.url in site.yaml).",
)
@click.option(
    "--since",
    type=click.DateTime(["%Y-%m-%d"]),
    help="Send again from this day (default: from the last day the province has).",
)
def sync(config_path: Path, central_url: str | None, since: datetime | None) -> None:
    """Send the daily aggregates (rating counts, operations summary) to the province.

    Only aggregates leave the centre, never tickets or comments. Each day is
    replaced whole, so it is safe to run again; a centre that was offline
    catches up on its next run.
    """
    from queue_server.reports.daily import summariser
    from queue_server.storage import DatabaseUnreachable, make_engine
    from queue_server.storage.migrate import MigrationError
    from queue_server.storage.sync import prepare_central, register
    from queue_server.storage.sync import sync as send

    site = load_or_exit(config_path)
    url = central_url or site.central_database_url
    if not url:
        raise click.UsageError("no central database: give --to URL or province.database.url")
    if url == site.database_url:
        raise click.UsageError("that is this centre's own database, not the province's")
    migrated(site)
    try:
        prepare_central(url)
    except MigrationError as exc:
        click.secho(f"central database: {exc}", fg="red", err=True)
        sys.exit(2)
    except DatabaseUnreachable as exc:
        raise click.ClickException(f"cannot reach the central database: {exc.orig}") from None
    local, central = make_engine(site.database_url), make_engine(url)
    name = site.config.site.name
    try:
        register(central, site.id, name.th, name.en, datetime.now(UTC))
        result = send(local, central, site.id, summariser(site), since.date() if since else None)
    except DatabaseUnreachable as exc:
        raise click.ClickException(
            f"the central database went away ({exc.orig}); the days sent are kept, "
            "run it again to send the rest"
        ) from None
    finally:
        local.dispose()
        central.dispose()
    span = f"{result.days[0]} to {result.days[-1]}" if result.days else "nothing new"
    click.echo(
        f"sent {len(result.days)} days ({span}) of site {site.id}: "
        f"{result.summaries} daily summaries, {result.answer_rows} rating-count rows"
    )


@main.command()
@config_option
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="The backup file.")
@click.option(
    "--into",
    type=click.Path(file_okay=False, path_type=Path),
    help="Or a folder: the file is named SITE-DATE (one a day, as the nightly timer does).",
)
@click.option(
    "--keep",
    type=click.IntRange(1, 3650),
    help="With --into: delete this site's backups older than this many days.",
)
def backup(config_path: Path, out: Path | None, into: Path | None, keep: int | None) -> None:
    """Back up the database (safe while the server runs)."""
    from queue_server.domain.service_day import BANGKOK
    from queue_server.storage.backup import BackupError, dated_name, prune
    from queue_server.storage.backup import backup as run_backup

    if (out is None) == (into is None):
        raise click.UsageError("give either --out FILE or --into FOLDER")
    if keep is not None and into is None:
        raise click.UsageError("--keep goes with --into")
    site = load_or_exit(config_path)
    today = datetime.now(BANGKOK).date()
    target = out or into / dated_name(site.database_url, site.id, today)  # type: ignore[operator]
    try:
        run_backup(site.database_url, target)
    except BackupError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"backed up {site.database_url} to {target} ({target.stat().st_size} bytes)")
    if into is not None and keep is not None:
        for old in prune(into, site.id, keep, today):
            click.echo(f"removed {old} (older than {keep} days)")


@main.command()
@click.argument("backup_file", type=click.Path(dir_okay=False, path_type=Path))
@config_option
@click.option("--yes", is_flag=True, help="Do not ask: replace the database.")
@click.option(
    "--skip",
    default=100,
    show_default=True,
    help="When the database being replaced cannot be read: move each of today's queues on "
    "this many numbers, past any issued since the backup.",
)
def restore(backup_file: Path, config_path: Path, yes: bool, skip: int) -> None:
    """Replace the database with BACKUP_FILE. The server must be stopped.

    Numbers issued since the backup are not issued again: each queue goes on
    from where the replaced database had got to.
    """
    from datetime import UTC, datetime

    from queue_server.domain.service_day import service_day_of
    from queue_server.ops.server_lock import ServerRunning, server_lock
    from queue_server.storage.backup import BackupError
    from queue_server.storage.backup import restore as run_restore

    site = load_or_exit(config_path)
    today = service_day_of(datetime.now(UTC))
    queues = {(site.id, today, service.prefix) for service in site.catalog.services}
    try:
        with server_lock(site):
            if not yes:
                click.confirm(
                    f"Replace everything in {site.database_url} with {backup_file}?", abort=True
                )
            moved, read = run_restore(
                site.database_url, backup_file, today_queues=queues, skip=skip
            )
    except (ServerRunning, BackupError) as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"restored {backup_file} into {site.database_url}; start the server again")
    if not read:
        click.echo(f"the replaced database could not be read: today's queues skip {skip} numbers")
    if moved:
        click.echo(f"{moved} queue(s) go on after the numbers already handed out")
