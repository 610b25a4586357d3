"""The rating tablet: waits for ``event/rating`` for its counter, then shows the form."""

from __future__ import annotations

import time
from typing import Any

from kivy.clock import Clock
from kivy.uix.screenmanager import NoTransition, Screen, ScreenManager

from queue_server import logs
from queue_server.bus import messages as m
from queue_server.bus.client import PendingRequest
from queue_server.config import Site
from queue_server.domain.catalog import Text

from ..common import theme
from ..common.bus_link import BusLink
from ..common.complaint_draft import RECEIVED, TITLE, ComplaintDraft
from ..common.complaint_form import ComplaintForm
from ..common.rating_form import form_for
from ..common.refusals import refusal_of
from ..common.requests import OneAtATime
from ..common.thai import ThaiLabel
from ..common.widgets import Panel, TapButton
from ..common.wording import OFFLINE

log = logs.get(__name__)


class Message(Panel):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(orientation="vertical", padding=40, **kwargs)
        self.label = ThaiLabel(font_size=52)
        self.note = ThaiLabel(font_size=30, color=theme.MUTED, size_hint_y=0.3)
        self.add_widget(self.label)
        self.add_widget(self.note)

    def offer(self, button: TapButton | None) -> None:
        """Show ``button`` below the words (or none)."""
        for child in list(self.children):
            if isinstance(child, TapButton):
                self.remove_widget(child)
        if button is not None:
            self.add_widget(button)


class RatingController:
    def __init__(self, site: Site, link: BusLink, counter: str) -> None:
        self.site = site
        self.link = link
        self.counter = counter
        cfg = site.config.screens.rating
        self.timeout = cfg.timeout_seconds
        self.thanks_seconds = cfg.thanks_seconds
        self.requests = OneAtATime(link.client)
        self.ticket: str | None = None
        self.last_touch = 0.0
        self.submitted: list[str] = []
        self.rated: str | None = None  # the ticket just rated: a complaint may be about it
        name = next((c.name for c in site.config.counters if c.id == counter), None)
        self.counter_name = name.text if name else Text(counter, counter)
        self.idle = Message()
        self.thanks = Message()
        self.form = form_for(site, self.submit, on_touch=self.touched)
        self.complaint = ComplaintForm(self._complain, self._show_idle, on_touch=self.touched)
        self.root = ScreenManager(transition=NoTransition())
        for screen_name, widget in (
            ("idle", self.idle),
            ("form", self.form),
            ("thanks", self.thanks),
            ("complaint", self.complaint),
        ):
            screen = Screen(name=screen_name)
            screen.add_widget(widget)
            self.root.add_widget(screen)
        self._events: list[Any] = []
        self._thanks_until = 0.0
        link.client.on_rating(self._on_rating)
        link.on_connection(lambda _online: self._show_idle())
        self._show_idle()

    def start(self) -> None:
        self.link.start()
        self._events.append(Clock.schedule_interval(lambda _dt: self._tick(), 0.5))

    def stop(self) -> None:
        for event in self._events:
            event.cancel()
        self.link.stop()

    def touched(self) -> None:
        self.last_touch = time.monotonic()

    def _show_idle(self) -> None:
        if not self.link.online:
            self.idle.fill = theme.DANGER
            self.idle.label.words = OFFLINE.th
            self.idle.note.words = OFFLINE.en
        else:
            self.idle.fill = theme.BACKGROUND
            self.idle.label.words = f"{self.counter_name.th}\nยินดีให้บริการค่ะ"
            self.idle.note.words = (
                "เมื่อรับบริการเสร็จ โปรดให้คะแนนความพึงพอใจที่หน้าจอนี้\n"
                "When you are done, please rate our service on this screen"
            )
        if self.root.current == "idle" or self.ticket is None:
            self.root.current = "idle"

    def _on_rating(self, topic: str, event: m.RatingEvent) -> None:
        if event.counter != self.counter or event.ticket in self.submitted:
            return
        # A new completion means the person before has left: their form closes.
        self.ticket = event.ticket
        self.touched()
        self.form.start(event.ticket)
        self.root.current = "form"

    def submit(
        self, scores: dict[str, int], comment: str | None, profile: dict[str, str] | None = None
    ) -> None:
        ticket = self.ticket
        if ticket is None:
            return
        args: dict[str, Any] = {"number": ticket, "scores": scores}
        if profile:
            args["profile"] = profile
        if comment:
            args["comment"] = comment

        def done(pending: PendingRequest) -> None:
            if pending.ok or pending.error.code == m.ErrorCode.ALREADY_RATED:
                self.submitted.append(ticket)
                self._say(
                    Text("ขอบคุณค่ะ", "Thank you"),
                    Text("คำตอบของท่านช่วยให้เราบริการดีขึ้น", "Your answer helps us serve better"),
                )
                self.rated = ticket
                self.thanks.offer(self._complain_button())
            else:
                text = refusal_of(pending)
                self._say(Text("ขออภัยค่ะ", "Sorry"), text)

        if self.requests.send(m.OpName.RATING_SUBMIT, args, done):
            self.ticket = None
            self._say(Text("กำลังส่ง…", "Sending…"), Text("", ""))

    # -- a complaint or suggestion, after the rating ---------------------------

    def _complain_button(self) -> TapButton:
        button = TapButton(words=TITLE.both(), name="complain", size_hint_y=0.25,
                           background=theme.PANEL_LIGHT)  # fmt: skip
        button.bind(on_release=lambda *_: self.show_complaint())
        return button

    def show_complaint(self) -> None:
        self.touched()
        self.complaint.start()
        self.root.current = "complaint"

    def _complain(self, draft: ComplaintDraft) -> None:
        def done(pending: PendingRequest) -> None:
            if pending.ok:
                reference = pending.result().reference
                self._say(RECEIVED, Text(f"เลขที่ {reference}", f"Reference {reference}"))
            else:
                self._say(Text("ขออภัยค่ะ", "Sorry"), refusal_of(pending))

        self.requests.send(m.OpName.COMPLAINT_SUBMIT, draft.args(self.rated), done)

    def _say(self, title: Text, note: Text) -> None:
        self.thanks.offer(None)
        self.thanks.label.words = title.both("\n")
        self.thanks.note.words = note.both("\n") if note.th else ""
        self.root.current = "thanks"
        self._thanks_until = time.monotonic() + self.thanks_seconds

    def _tick(self) -> None:
        now = time.monotonic()
        if self.root.current in ("form", "complaint") and now - self.last_touch > self.timeout:
            log.info("rating_form_timed_out", ticket=self.ticket)
            self.ticket = None
            self.root.current = "idle"
        elif self.root.current == "thanks" and not self.requests.busy and now > self._thanks_until:
            self.root.current = "idle"
