"""``oss-queue demo``: a scripted morning at a demo centre, through the real queue core.

It runs on a virtual clock that starts at the centre's next opening time, so
the demo works at night and at weekends too, and on an empty database each
time so every run tells the same story.
"""

from __future__ import annotations

import shutil
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import click

from assets import DEFAULT_CATALOG, DEFAULT_SITE
from queue_server.config import load_site
from queue_server.domain.service_day import local_time
from queue_server.service import QueueService, TicketInfo
from queue_server.storage import upgrade


class VirtualClock:
    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, minutes: float) -> None:
        self.now += timedelta(minutes=minutes)


def _say(clock: VirtualClock, text: str) -> None:
    click.echo(f"  {local_time(clock.now):%H:%M}  {text}")


def run_demo(directory: Path) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    site_file = directory / "site.yaml"
    if not site_file.exists():
        site_file.write_bytes(DEFAULT_SITE.read_bytes())
        (directory / "catalog.yaml").write_bytes(DEFAULT_CATALOG.read_bytes())
    site = load_site(site_file)
    database = directory / "data" / "oss-queue.db"
    for leftover in database.parent.glob(database.name + "*"):
        leftover.unlink()  # every demo run starts an empty day
    for old_ticket in (directory / "tickets").glob("*.png"):
        old_ticket.unlink()
    upgrade(site.database_url)

    hours = site.opening_hours()
    today = local_time(datetime.now(UTC)).replace(hour=0, minute=0, second=0, microsecond=0)
    opening = hours.next_opening(today)
    if opening is None:
        raise click.ClickException("the demo site has no opening hours in the next 60 days")
    clock = VirtualClock(opening + timedelta(minutes=30))
    service = QueueService.for_site(site, clock=clock)
    name = {s.code: s.name.th for s in site.catalog.services}

    click.secho(f"OSS Queue demo — {site.config.site.name.th}", bold=True)
    click.echo(f"site folder {directory.resolve()}, database {site.database_url}")
    click.echo(f"virtual morning of {local_time(clock.now):%A %d %B %Y} (Asia/Bangkok)\n")

    for counter_id in ("1", "2", "3"):
        service.open_counter(counter_id, f"staff{counter_id}")
    _say(clock, "counters 1, 2 and 3 open")

    arrivals = [
        ("driving-licence-queue", False),
        ("state-welfare-rights-check", True),
        ("general-petition", False),
        ("unemployment-registration", False),
        ("electricity-pea", False),
        ("disability-card", True),
        ("meeting-room-booking", False),
    ]
    from printers.tickets import TicketPrinting

    printing = TicketPrinting(site)
    issued: list[TicketInfo] = []
    for code, priority in arrivals:
        clock.advance(1)
        info = service.issue(code, priority=priority).result
        issued.append(info)
        printed = printing.print_ticket(info.to_wire())
        assert info.wait_minutes is not None
        low, high = info.wait_minutes
        flag = " (priority)" if priority else ""
        _say(
            clock,
            f"kiosk: {info.number}{flag} {name[code]} — {info.people_ahead} ahead, "
            f"about {low}-{high} min; ticket {printed.outcome.value}",
        )

    def call(counter_id: str) -> TicketInfo:
        info = service.call_next(counter_id, f"staff{counter_id}").result
        _say(clock, f"counter {counter_id} calls {info.number} ({name[info.service]})")
        return info

    clock.advance(2)
    call("1")
    call("2")
    call("3")
    clock.advance(1)
    service.serve("1", "staff1")
    again = service.recall("2", "staff2").result
    _say(clock, f"counter 2 recalls {again.number} (recall {again.recall})")
    clock.advance(6)
    done = service.complete("1", "staff1").result
    _say(clock, f"counter 1 completes {done.number}")
    gone = service.no_show("2", "staff2").result
    _say(clock, f"counter 2 marks {gone.number} as no-show")
    current = service.snapshot().counters[2].ticket
    assert current is not None
    moved = service.transfer("3", "staff3", current, "citizen-assistance").result
    _say(clock, f"counter 3 transfers {moved.number} to {name[moved.service]}, same number")
    clock.advance(1)
    call("2")
    service.pause("1", "staff1", "break")
    _say(clock, "counter 1 pauses for a break")

    snap = service.snapshot()
    click.echo("\nnow:")
    for c in snap.counters:
        click.echo(f"  {c.name_th}: {c.status}, {c.ticket or 'no ticket'}")
    click.echo(f"  waiting per queue: {dict(sorted(snap.waiting_by_prefix.items()))}")
    service.close()

    command = _command_name()
    tickets = (
        site.resolve(site.config.printer.dir) if site.config.printer.backend == "png" else None
    )
    click.echo(
        "\nEvery step above is stored as an event in the database."
        + (f"\nThe tickets were printed as pictures in {tickets}" if tickets else "")
        + "\nNext, try:"
        f"\n  {command} queue status --config {site_file}"
        f"\n  {command} server --config {site_file}      (MQTT, with its own broker)"
        f"\n  {command} bus request ticket.issue service=general-petition"
        f" --client-id kiosk-1 --config {site_file}"
        f"\n  {command} report daily --date {local_time(clock.now):%Y-%m-%d}"
        f" --out day.pdf --config {site_file}"
        "\nKiosk, display and counter screens come next (docs/ROADMAP.md)."
    )


def _command_name() -> str:
    """How to run oss-queue again from here: the venv's script when it is not on PATH."""
    script = Path(sys.argv[0]).resolve()
    if shutil.which("oss-queue") == str(script) or script.name != "oss-queue":
        return "oss-queue"
    try:
        return str(script.relative_to(Path.cwd()))
    except ValueError:
        return str(script)
