"""``oss-queue``: set up a centre, check its config, run its parts.

Every subcommand has ``--help``. Commands that need a site find its config
from ``--config``, else ``$OSS_QUEUE_CONFIG``, else ``./site.yaml``.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import click

from assets import DEFAULT_CATALOG, DEFAULT_LOGO, DEFAULT_SITE
from queue_server import __version__
from queue_server.config import ConfigError, Site, load_site
from queue_server.domain.errors import DomainError
from queue_server.ops.phone_address import (
    PHONE_PORT,
    lan_address,
    phone_url_problem,
    with_phone_pages,
)

CONFIG_ENV = "OSS_QUEUE_CONFIG"

_CONFIG_DECLS = ("--config", "config_path")
_CONFIG_ATTRS: dict[str, Any] = {
    "type": click.Path(dir_okay=False, path_type=Path),
    "envvar": CONFIG_ENV,
    "default": Path("site.yaml"),
    "show_default": True,
    "help": f"The site config file (or set ${CONFIG_ENV}).",
}
PRIVATE_UMASK = 0o027

T = TypeVar("T")
config_option = click.option(*_CONFIG_DECLS, **_CONFIG_ATTRS)


def load_or_exit(path: Path) -> Site:
    try:
        return load_site(path)
    except ConfigError as exc:
        click.secho(f"{path}: the config has {len(exc.problems)} problem(s):", fg="red", err=True)
        for problem in exc.problems:
            click.echo(f"  - {problem}", err=True)
        sys.exit(2)


@contextmanager
def domain_errors() -> Iterator[None]:
    """A refused operation is a message and exit code 1, not a traceback."""
    try:
        yield
    except DomainError as exc:
        click.secho(f"refused ({exc.code}): {exc.message}", fg="red", err=True)
        sys.exit(1)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="oss-queue")
def main() -> None:
    """OSS Queue: the queue system of a one-stop service centre (ศูนย์บริการร่วม)."""
    # Whatever a command writes (site.yaml with a broker password, the database, its
    # backups) is for the service user and its group, never for every account on the box.
    os.umask(PRIVATE_UMASK)


# -- init and config ----------------------------------------------------------


@main.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Overwrite site.yaml and catalog.yaml if present.")
def init(directory: Path, force: bool) -> None:
    """Write a working site.yaml and catalog.yaml into DIRECTORY for a centre to edit."""
    directory.mkdir(parents=True, exist_ok=True)
    targets = {DEFAULT_SITE: directory / "site.yaml", DEFAULT_CATALOG: directory / "catalog.yaml"}
    existing = [t for t in targets.values() if t.exists()]
    if existing and not force:
        names = ", ".join(str(t) for t in existing)
        raise click.ClickException(f"{names} already exist; use --force to overwrite")
    for source, target in targets.items():
        shutil.copyfile(source, target)
    address = lan_address()
    if address:  # the ticket's QR opens the phone page at this box's address
        site_yaml = targets[DEFAULT_SITE]
        text = site_yaml.read_text(encoding="utf-8")
        site_yaml.write_text(with_phone_pages(text, address), encoding="utf-8")
        click.echo(
            f"Phones on the centre's Wi-Fi open tickets at http://{address}:{PHONE_PORT}/"
            f" (only that port to the Wi-Fi: the console is on 8080)."
        )
    if not (directory / DEFAULT_LOGO.name).exists():  # the centre's own emblem stays
        shutil.copyfile(DEFAULT_LOGO, directory / DEFAULT_LOGO.name)
    click.echo(f"Wrote {targets[DEFAULT_SITE]} and {targets[DEFAULT_CATALOG]}.")
    click.echo("Next: edit them for your centre, then run")
    click.echo(f"  oss-queue config check {targets[DEFAULT_SITE]}")
    click.echo(f"  oss-queue db upgrade --config {targets[DEFAULT_SITE]}")


@main.group()
def config() -> None:
    """Check a site config."""


@config.command("check")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def config_check(file: Path) -> None:
    """Validate FILE and its catalog; name every field that is wrong."""
    from queue_server.pins import costlier_than_needed

    site = load_or_exit(file)
    c = site.config
    click.secho(f"{file}: OK", fg="green")
    click.echo(f"  site       {c.site.id} — {c.site.name.th}")
    categories = len(site.catalog.categories)
    click.echo(f"  catalog    {len(site.catalog.services)} services in {categories} categories")
    click.echo(f"  counters   {', '.join(x.id for x in c.counters)}")
    click.echo(f"  priority   {c.priority.policy.value}")
    click.echo(f"  printer    {c.printer.backend}, {c.printer.width_px} px")
    click.echo(f"  database   {site.database_url}")
    if c.site.logo and site.logo is None:
        missing = f"  warning: logo {str(c.site.logo)!r} not found; the screens go without"
        click.secho(missing, fg="yellow")
    for code in site.unserved_services():
        warning = f"  warning: no counter serves {code!r}; its tickets would wait forever"
        click.secho(warning, fg="yellow")
    corner = c.screens.kiosk.staff_pin_hash
    if corner and costlier_than_needed(corner):
        click.secho(
            "  warning: screens.kiosk.staff_pin_hash is a costlier hash than a PIN needs "
            "(each check takes the kiosk up to 64 MB more); run oss-queue kiosk --hash-pin "
            "again and put the new line in site.yaml",
            fg="yellow",
        )
    phones = phone_url_problem(c.web.phone_url)
    if phones:
        click.secho(f"  warning: {phones}", fg="yellow")
    services = site.catalog_file.services if site.catalog_file else []
    garbled = [s.code for s in services if s.seed_text]
    if garbled:
        click.secho(f"  to check: read from garbled seed text: {', '.join(garbled)}", fg="yellow")
    unchecked = [s.code for s in services if not s.manual.checked]
    if unchecked:
        click.echo(
            f"  to check: {len(unchecked)} service manuals came with the product"
            " (manual.checked: false)"
        )


# -- database -----------------------------------------------------------------


@main.group()
def db() -> None:
    """Create or upgrade the database (Alembic migrations)."""


def backups_of(site: Site) -> Path:
    """Where the state before a schema change is kept: backups/ next to site.yaml."""
    return site.base_dir / "backups"


def migrated(site: Site, revision: str = "head") -> None:
    """Bring the database to this version's schema, backed up first; exit 2 if that fails.

    Every command that opens the database goes through here, the server first:
    installing a new version and restarting is how a centre upgrades.
    """
    from queue_server.storage.migrate import MigrationError, current_revision, migrate

    try:
        saved = migrate(site.database_url, backups_of(site), revision)
    except MigrationError as exc:
        click.secho(f"database: {exc}", fg="red", err=True)
        sys.exit(2)
    if saved is not None:
        click.echo(
            f"database upgraded to revision {current_revision(site.database_url)}; "
            f"the state before is kept in {saved}"
        )


@db.command("upgrade")
@config_option
@click.option("--revision", default="head", show_default=True)
def db_upgrade(config_path: Path, revision: str) -> None:
    """Bring the database to the latest schema, backing it up first (safe to run again)."""
    from queue_server.storage import current_revision

    site = load_or_exit(config_path)
    migrated(site, revision)
    click.echo(f"database at revision {current_revision(site.database_url)}: {site.database_url}")


@db.command("downgrade")
@click.argument("revision")
@config_option
@click.option("--yes", is_flag=True, help="Do not ask.")
def db_downgrade(revision: str, config_path: Path, yes: bool) -> None:
    """Take the schema back to REVISION, to run an older version (stop the server first).

    Run it with the newer version still installed: only it knows how to undo
    its own changes. Tables the older version does not have are dropped with
    their rows; a backup is taken first.
    """
    from queue_server.storage.backup import BackupError
    from queue_server.storage.migrate import (
        MigrationError,
        backup_before_change,
        check_not_newer,
        downgrade,
        known_revisions,
    )

    site = load_or_exit(config_path)
    url = site.database_url
    if revision not in known_revisions() and revision != "base":
        raise click.BadParameter(f"no revision {revision!r}; known: {sorted(known_revisions())}")
    try:
        current = check_not_newer(url)
    except MigrationError as exc:
        raise click.ClickException(str(exc)) from None
    if not yes:
        click.confirm(f"Take {url} from revision {current} back to {revision}?", abort=True)
    try:
        saved = backup_before_change(url, backups_of(site), current)
    except BackupError as exc:
        raise click.ClickException(str(exc)) from None
    downgrade(url, revision)
    click.echo(f"database at revision {revision}; the state before is kept in {saved}")


@db.command("current")
@config_option
def db_current(config_path: Path) -> None:
    """Show the database's schema revision."""
    from queue_server.storage import current_revision
    from queue_server.storage.migrate import head_revision

    site = load_or_exit(config_path)
    current = current_revision(site.database_url)
    click.echo(f"current {current or '(empty database)'}, latest {head_revision()}")


# -- queue operations on this machine ------------------------------------------


def _centre(config_path: Path) -> Any:
    from queue_server.bootstrap import centre

    return centre(load_or_exit(config_path))


def _read(config_path: Path, read: Callable[[Any], T]) -> T:
    """``read(service)`` on this box's centre, a refusal said plainly, the centre closed."""
    parts = _centre(config_path)
    try:
        with domain_errors():
            return read(parts.service)
    finally:
        parts.close()


def _print_ticket(info: Any) -> None:
    line = f"{info.number}  {info.service}  {info.state}"
    if info.priority:
        line += "  priority"
    if info.counter:
        line += f"  counter {info.counter}"
    if info.people_ahead is not None and info.wait_minutes is not None:
        low, high = info.wait_minutes
        line += f"  ahead {info.people_ahead}, wait {low}-{high} min"
    click.echo(line)


@main.group()
def ticket() -> None:
    """Issue or look up a ticket from the server machine (the kiosk uses MQTT)."""


@ticket.command("issue")
@config_option
@click.option("--service", "service_code", required=True, help="Service code from the catalog.")
@click.option("--priority", is_flag=True, help="Elderly, disabled, pregnant or monk.")
@click.option("--lang", type=click.Choice(["th", "en"]), default="th", show_default=True)
def ticket_issue(config_path: Path, service_code: str, priority: bool, lang: str) -> None:
    """Issue a ticket for a service."""
    from queue_server.bus.messages import OpName

    args = {"service": service_code, "priority": priority, "lang": lang}
    _print_result(_run_op(config_path, OpName.TICKET_ISSUE, args))


@ticket.command("status")
@config_option
@click.argument("number")
def ticket_status(config_path: Path, number: str) -> None:
    """Show where ticket NUMBER (e.g. A001) stands today."""
    from queue_server.bus.messages import OpName

    _print_result(_run_op(config_path, OpName.TICKET_STATUS, {"number": number}))


def _run_op(config_path: Path, name: str, args: dict[str, Any]) -> Any:
    """Run one operation of the op table on this box, as the admin (what the bus would do)."""
    from pydantic import ValidationError

    from queue_server.bus.ops import OPS, run_here

    op = OPS[name]
    try:
        valid = op.args.model_validate(args)
    except ValidationError as exc:
        from queue_server.bus.messages import describe_validation

        raise click.BadParameter(describe_validation(exc)) from None
    parts = _centre(config_path)
    try:
        with domain_errors():
            return run_here(op, parts.service, parts.staff, valid).result
    finally:
        parts.close()


def _print_result(result: dict[str, Any]) -> None:
    """A ticket's line, or a counter's (what an operation of the table answered)."""
    if "number" in result:
        from queue_server.bus.messages import TicketWire

        _print_ticket(TicketWire.model_validate(result))
    else:
        click.echo(f"counter {result['id']}: {result['status']}")


def _counter_command(name: str) -> click.Command:
    """`oss-queue counter call 1 --staff s01`: the counter operation from the op table."""
    from queue_server.bus.ops import OPS

    op = OPS[name]
    extra: list[click.Parameter] = []
    for field, info in op.args.model_fields.items():
        if field in ("counter", "staff"):
            continue
        choices = [str(c.value) for c in info.annotation] if _is_enum(info.annotation) else None
        extra.append(
            click.Option(
                [f"--{field}"],
                required=True,
                type=click.Choice(choices) if choices else click.STRING,
            )
        )

    def run(config_path: Path, counter_id: str, staff: str, **kwargs: Any) -> None:
        args = {"counter": counter_id, "staff": staff, **kwargs}
        _print_result(_run_op(config_path, name, args))

    params: list[click.Parameter] = [
        click.Argument(["counter_id"], metavar="COUNTER"),
        click.Option(["--staff"], required=True, help="Staff code."),
        *extra,
        click.Option(list(_CONFIG_DECLS), **_CONFIG_ATTRS),
    ]
    return click.Command(op.command, callback=run, params=params, help=op.help)


def _is_enum(annotation: Any) -> bool:
    import enum

    return isinstance(annotation, type) and issubclass(annotation, enum.Enum)


class CounterCommands(click.Group):
    """The counter operations of the op table as subcommands, built when asked for (the
    table imports the service and the database: `oss-queue --help` stays quick)."""

    def _commands(self) -> dict[str, str]:
        from queue_server.bus.ops import OPS

        return {op.command: name for name, op in OPS.items() if op.command}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [*super().list_commands(ctx), *self._commands()]

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        name = self._commands().get(cmd_name)
        return _counter_command(name) if name else super().get_command(ctx, cmd_name)


@main.group(cls=CounterCommands, invoke_without_command=True)
@click.pass_context
def counter(ctx: click.Context, **options: Any) -> None:
    """The counter terminal app; or, with a subcommand, run a counter from the server machine.

    `oss-queue counter --config site.yaml --window` opens the terminal (staff sign
    in, call, serve and move tickets). The subcommands (`counter call 1 --staff
    s01`, …) work on the database directly and are for the server machine.
    """
    if ctx.invoked_subcommand is None:
        from .screen_commands import run_counter_terminal

        run_counter_terminal(**options)


@main.group()
def queue() -> None:
    """Look at today's queue."""


@queue.command("status")
@config_option
def queue_status(config_path: Path) -> None:
    """Counters and waiting tickets right now."""
    parts = _centre(config_path)
    try:
        snap = parts.service.snapshot()
    finally:
        parts.close()
    state = "issuing tickets" if snap.is_open else "closed"
    click.echo(f"service day {snap.service_day}, {state}")
    for c in snap.counters:
        extra = f" ({c.pause_reason})" if c.pause_reason else ""
        ticket_number, staff = c.ticket or "-", c.staff or "-"
        click.echo(f"  {c.name_en:<12} {c.status}{extra}  {ticket_number}  staff {staff}")
    if not snap.waiting:
        click.echo("  nobody waiting")
    for code, count in sorted(snap.waiting.items()):
        click.echo(f"  waiting {count:>3}  {code}")


# -- demo -----------------------------------------------------------------------


@main.command()
@click.option(
    "--dir",
    "directory",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path(os.environ.get("OSS_QUEUE_DEMO_DIR", ".demo")),
    show_default=True,
    help="Where the demo site, its database, logs and tickets go.",
)
@click.option("--headless", is_flag=True, help="Play the scripted morning offscreen.")
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    help="With --headless: where screenshots, tickets and reports go (default: DIR/out).",
)
@click.option("--seconds", type=float, help="Stop the windowed demo after this long.")
def demo(directory: Path, headless: bool, out: Path | None, seconds: float | None) -> None:
    """A working centre on this machine: broker, server, kiosk, display, counter, rating.

    On a desktop every app opens in its own window, side by side. With no screen
    (or --headless) it plays a scripted morning offscreen instead and writes
    screenshots, printed tickets and the day's reports into --out.
    """
    from screens.common.boot import has_screen

    if headless or not has_screen():
        from demo.tour import run_tour

        run_tour(out or directory / "out")
    else:
        from demo.windows import run_windows

        run_windows(directory, seconds)


from . import (  # noqa: E402,F401
    bus_commands,
    case_commands,
    complaint_commands,
    holiday_commands,
    install_commands,
    printer_commands,
    report_commands,
    screen_commands,
    simulate_commands,
    web_commands,
)

if __name__ == "__main__":
    main()
