"""The headless demo: a morning at the demo centre, every app drawn offscreen.

Citizens take tickets at the kiosk (some priority), two counters call,
recall, transfer and complete, a citizen rates; each step is saved as a
screenshot, the tickets as pictures (the PNG printer) and the day's reports as
files, all in one folder a person can look through.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import click

from queue_server.config.models import Role
from queue_server.domain.cases import Channel, Outcome
from queue_server.domain.complaints import Category, Kind
from queue_server.domain.service_day import BANGKOK
from screens.common.boot import prepare_kivy
from screens.common.complaint_draft import ComplaintDraft

from .centre import PIN, STAFF, RunningCentre, running_centre

SIZES = {
    "kiosk": (1280, 800),
    "display": (1920, 1080),
    "counter": (1200, 750),
    "rating": (1024, 640),
}
ARRIVALS = (
    ("citizen", "disability-card", True),
    ("local", "general-petition", False),
    ("citizen", "electricity-pea", False),
    ("local", "citizen-assistance", False),
    ("labour", "unemployment-registration", False),
    ("citizen", "state-welfare-rights-check", True),
)


class Tour:
    def __init__(self, centre: RunningCentre, out: Path) -> None:
        from kiosk.app import KioskController
        from screens.common import theme
        from screens.common.bus_link import BusLink, make_bus
        from screens.counter.app import CounterController
        from screens.display.app import DisplayController, voice_for
        from screens.offscreen import OffscreenWindow
        from screens.rating.app import RatingController
        from screens.voice.players import SilentPlayer

        theme.register_fonts()
        self.window = OffscreenWindow()
        self.out = out
        self.shots: list[Path] = []
        site, url = centre.site, centre.broker_url

        def link(client: str, role: Role) -> BusLink:
            return BusLink(make_bus(site, client, role, url))

        self.kiosk = KioskController(site, link("kiosk-1", Role.KIOSK))
        self.display = DisplayController(
            site, link("display-1", Role.DISPLAY), voice_for(site, SilentPlayer())
        )
        self.counters = {
            cid: CounterController(site, link(f"counter-{cid}", Role.COUNTER), cid)
            for cid in ("2", "3")
        }
        self.rating = RatingController(site, link("rating-2", Role.RATING), "2")
        self.apps: list[Any] = [self.kiosk, self.display, *self.counters.values(), self.rating]

    def say(self, text: str) -> None:
        click.echo(f"  {datetime.now(BANGKOK):%H:%M:%S}  {text}")

    def until(self, done: Callable[[], bool], timeout: float = 15.0) -> None:
        self.window.pump(timeout, until=done)

    def shot(self, name: str, root: Any, size: tuple[int, int], over: Any = None) -> None:
        """``root`` as a picture (with the modal ``over`` it, a dialog the app opened)."""
        self.window.show(root, size)
        if over is not None:  # show() took it off the window: open it again
            over.dismiss(animation=False)
            self.window.pump(0.05)
            over.open(animation=False)
        self.window.pump(0.3)
        self.shots.append(
            self.window.shot(self.out / "screens" / f"{len(self.shots) + 1:02d}-{name}.png")
        )

    def play(self) -> None:
        for app in self.apps:
            app.start()
        self.until(lambda: all(app.link.online for app in self.apps))
        self.until(
            lambda: (
                bool(self.kiosk.category_buttons) and not self.kiosk.category_buttons[0].disabled
            )
        )
        for cid, counter in self.counters.items():
            counter.do_sign_in(STAFF, PIN, cid)
            self.until(lambda c=counter: c.state is not None and not c.requests.busy)
            self.act(counter, "open")
            self.say(f"counter {cid}: {STAFF} signs in and opens")
        kiosk = self.kiosk
        self.shot("kiosk-welcome", kiosk.root, SIZES["kiosk"])
        for index, (category, service, priority) in enumerate(ARRIVALS):
            kiosk.choose_category(category)
            if index == 0:
                self.shot("kiosk-services", kiosk.root, SIZES["kiosk"])
            kiosk.choose_service(service)
            if index == 0:
                self.shot("kiosk-service-card", kiosk.root, SIZES["kiosk"])
            kiosk.print_result = None
            kiosk.take_ticket(priority)
            self.until(lambda: kiosk.print_result is not None and not kiosk.requests.busy)
            ticket = kiosk.issued[-1]
            flag = " (priority)" if priority else ""
            self.say(f"kiosk: {ticket.number}{flag} {service}, {ticket.people_ahead} ahead")
            if index == 0:
                self.shot("kiosk-ticket", kiosk.root, SIZES["kiosk"])
            kiosk.show_welcome()

        c2, c3 = self.counters["2"], self.counters["3"]
        for cid, counter in self.counters.items():
            self.act(counter, "call_next")
            self.say(f"counter {cid} calls {counter.state.ticket.number}")
        self.shot("display-calls", self.display.root, SIZES["display"])
        self.act(c2, "recall")
        self.say(f"counter 2 recalls {c2.state.ticket.number}")
        self.shot("counter-2-recalled", c2.root, SIZES["counter"])
        moving = c3.state.ticket.number
        self.act(c3, "transfer", service="disability-card")
        self.say(f"counter 3 transfers {moving} to another service, same number")
        self.act(c2, "serve")
        done = c2.state.ticket.number
        self.act(c2, "complete")
        self.say(f"counter 2 completes {done}; the rating tablet asks")
        self.forward(c2)
        self.until(lambda: self.rating.root.current == "form")
        self.shot("rating-question", self.rating.root, SIZES["rating"])
        for level in (5, 4, 5, 5):
            self.rating.form.answer(level)
        self.rating.form.toggle(1)
        self.rating.form.send()
        self.until(lambda: done in self.rating.submitted)
        self.say(f"the citizen of {done} rates the service")
        self.shot("rating-thanks", self.rating.root, SIZES["rating"])
        self.act(c2, "call_next")
        self.say(f"counter 2 calls {c2.state.ticket.number}")
        self.window.pump(1.0)
        self.shot("display-later", self.display.root, SIZES["display"])
        self.shot("counter-2", c2.root, SIZES["counter"])
        self.complain()

    def complain(self) -> None:
        """A citizen at the kiosk suggests more parking: chosen, not typed."""
        kiosk = self.kiosk
        kiosk.show_complaint()
        form = kiosk.pages["complaint"].children[0]
        form.start(ComplaintDraft(Kind.SUGGESTION, Category.FACILITIES, {2}))
        self.shot("kiosk-suggestion", kiosk.root, SIZES["kiosk"])
        form.on_send(form.draft)
        self.until(lambda: not kiosk.requests.busy and kiosk.root.current == "message")
        self.say(f"kiosk: a citizen suggests {form.draft.text()!r}")

    def forward(self, counter: Any) -> None:
        """The clerk says the request goes on to its agency: a case and its reference."""
        dialog = counter.outcome_dialog
        dialog.choose(Outcome.FORWARDED)
        dialog.choose_channel(Channel.DLA_OSS)
        self.shot("counter-2-forward", counter.root, SIZES["counter"], over=dialog)
        dialog.save()
        self.until(lambda: not counter.requests.busy)
        self.say(f"counter 2: {counter.desk.message.words}")

    def act(self, counter: Any, name: str, **extra: Any) -> None:
        seq = counter.state.seq
        counter.act(name, **extra)
        self.until(lambda: not counter.requests.busy)
        self.until(lambda: counter.state.seq > seq)

    def stop(self) -> None:
        for app in self.apps:
            app.stop()
        self.window.clear()


def write_reports(centre: RunningCentre, out: Path) -> list[str]:
    """Today's operations and this quarter's satisfaction, as the centre would send them."""
    from queue_server.reports.fiscal import FiscalQuarter
    from queue_server.reports.writers import write_cases, write_daily, write_satisfaction

    folder = out / "reports"
    folder.mkdir(parents=True, exist_ok=True)
    today = datetime.now(BANGKOK).date()
    quarter = FiscalQuarter.of(today)
    lines = []
    for kind in ("pdf", "xlsx"):
        lines.append(write_daily(centre.site, today, folder / f"daily-{today}.{kind}", kind))
        lines.append(write_cases(centre.site, today, today, folder / f"cases-{today}.{kind}", kind))
        name = f"satisfaction-{quarter.fiscal_year}-Q{quarter.quarter}.{kind}"
        lines.append(write_satisfaction(centre.site, quarter, folder / name, kind))
    return lines


def run_tour(out: Path) -> None:
    started = time.monotonic()
    out.mkdir(parents=True, exist_ok=True)
    prepare_kivy(size=(1920, 1920), fullscreen=False, offscreen=True, home=Path(tempfile.mkdtemp()))
    click.secho("OSS Queue demo — a morning at the demo centre, drawn offscreen", bold=True)
    with running_centre(out / "site", tickets=out / "tickets") as centre:
        tour = Tour(centre, out)
        try:
            tour.play()
        except Exception as exc:  # Kivy holds stderr: say what broke where it is seen
            import traceback

            click.echo(traceback.format_exc())
            raise click.ClickException(f"the demo stopped: {exc}") from None
        finally:
            tour.stop()
        reports = write_reports(centre, out)
    tickets = sorted((out / "tickets").glob("*.png"))
    click.echo(f"\nIn {time.monotonic() - started:.0f} s, written to {out.resolve()}:")
    click.echo(f"  {len(tour.shots)} screenshots in screens/ (kiosk, display, counter, rating)")
    click.echo(f"  {len(tickets)} printed tickets and case slips in tickets/")
    for line in reports:
        click.echo(f"  {line.removeprefix('wrote ')}")
