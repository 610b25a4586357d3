"""The counter terminal app: sign in, then drive one counter over the bus."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kivy.clock import Clock
from kivy.core.window import Window
from kivy.uix.modalview import ModalView
from kivy.uix.screenmanager import NoTransition, Screen, ScreenManager

from queue_server.bus import messages as m
from queue_server.bus.client import PendingRequest
from queue_server.bus.fleet import needing_staff
from queue_server.config import Site
from queue_server.domain.catalog import Text

from ..common import case_texts
from ..common.alerts import device_alert
from ..common.bus_link import BusLink
from ..common.catalog_feed import CatalogFeed
from ..common.complaint_draft import TITLE, ComplaintDraft
from ..common.complaint_form import ComplaintForm
from ..common.printing import slip_printer
from ..common.refusals import refusal_of
from ..common.requests import OneAtATime
from .actions import ACTIONS, BY_NAME, available
from .desk import Desk, Picker, SignIn, pause_choices, transfer_choices
from .outcome import SLIP, agencies, case_choices, case_row, outcome_args, suggested
from .outcome_dialog import OutcomeDialog
from .view import desk_view

KEYS = {a.key: a.name for a in ACTIONS if a.name != "resume"}  # F9 pauses or resumes


class CounterController:
    def __init__(self, site: Site, link: BusLink, counter: str | None = None) -> None:
        self.site = site
        self.link = link
        self.requests = OneAtATime(link.client)
        self.staff = ""
        self.counter = ""
        self.state: m.CounterState | None = None
        self._subscribed: set[str] = set()
        self._events: list[Any] = []
        counters = [(c.id, c.name) for c in site.config.counters]
        self.sign_in = SignIn([(cid, n.text) for cid, n in counters], counter, self.do_sign_in)
        self.desk = Desk(
            site.catalog, self.act, self.unpark, self.sign_out, self.show_cases,
            self.take_complaint,
        )  # fmt: skip
        self.root = ScreenManager(transition=NoTransition())
        for name, widget in (("sign_in", self.sign_in), ("desk", self.desk)):
            screen = Screen(name=name)
            screen.add_widget(widget)
            self.root.add_widget(screen)
        link.on_connection(self._connection)
        self.presences: dict[str, m.Presence] = {}
        link.client.on_presence(link.client.topics.all_presence, self._on_presence)
        self.catalog = CatalogFeed(link, site, self._catalog_changed)
        self.desk.set_online(False)
        own = site.config.screens.counter.printer
        self.slip_printer = slip_printer(site, own) if own is not None else None

    # -- lifecycle ---------------------------------------------------------

    def start(self) -> None:
        self.link.start()
        Window.bind(on_key_down=self._key)
        self._events.append(Clock.schedule_interval(lambda _dt: self._watch_pending(), 0.5))

    def stop(self) -> None:
        if self.slip_printer is not None:
            self.slip_printer.close()
        Window.unbind(on_key_down=self._key)
        for event in self._events:
            event.cancel()
        self.link.stop()

    # -- sign-in -------------------------------------------------------------

    def do_sign_in(self, staff: str, pin: str, counter: str) -> None:
        if not staff or not pin or not counter:
            self.sign_in.message.words = (
                "กรอกรหัสเจ้าหน้าที่ PIN และเลือกช่องบริการ · Enter staff code, PIN and counter"
            )
            return

        def done(pending: PendingRequest) -> None:
            if not pending.ok:
                text = refusal_of(pending)
                self.sign_in.message.words = text.both()
                self.sign_in.pin.text = ""
                return
            self.staff, self.counter = staff, counter
            self.sign_in.pin.text = ""
            self.sign_in.message.words = ""
            topic = self.link.client.topics.counter(counter)
            if topic not in self._subscribed:
                self._subscribed.add(topic)
                self.link.client.on_counter(counter, self._on_counter)
            self.root.current = "desk"
            self.redraw()

        if not self.requests.send(
            m.OpName.STAFF_LOGIN, {"staff": staff, "pin": pin}, done, timeout=20
        ):
            return
        self.sign_in.message.words = "กำลังตรวจสอบ… · Checking…"

    def sign_out(self) -> None:
        self.requests.send(m.OpName.STAFF_LOGOUT, {}, lambda _p: None, timeout=10)
        self.staff = ""
        self.state = None
        self.root.current = "sign_in"

    # -- state -----------------------------------------------------------------

    def _on_counter(self, topic: str, state: m.CounterState) -> None:
        if state.counter.id != self.counter:
            return
        self.state = state
        self.redraw()

    def _on_presence(self, topic: str, presence: m.Presence) -> None:
        self.presences[topic] = presence
        self.desk.show_alerts([device_alert(d) for d in needing_staff(self.presences.values())])

    def _catalog_changed(self, site: Site) -> None:
        self.site = site
        self.desk.catalog = site.catalog
        if self.slip_printer is not None:
            self.slip_printer.printing.site = site
        if self.state is not None:
            self.redraw()

    def redraw(self) -> None:
        self.desk.show(
            desk_view(
                self.state,
                self.staff,
                available(self.state),
                self.requests.busy,
                self.desk.service_name,
            )
        )

    def _connection(self, online: bool) -> None:
        self.desk.set_online(online)

    def _watch_pending(self) -> None:
        if self.requests.busy and self.requests.waited() > 2:
            if self.link.online:
                self.desk.say(Text("กำลังรอเซิร์ฟเวอร์ตอบ…", "Waiting for the server…"), "wait")
            else:
                self.desk.say(
                    Text(
                        "ขาดการเชื่อมต่อ คำสั่งจะถูกส่งอีกครั้งเมื่อเชื่อมต่อได้ (ไม่ต้องกดซ้ำ)",
                        "Offline: it will be sent when the link is back (no need to press again)",
                    ),
                    "wait",
                )

    # -- actions ---------------------------------------------------------------

    def act(self, name: str, **extra: Any) -> None:
        if self.requests.busy or self.state is None:
            return
        current = self.state.ticket
        if name == "transfer" and "service" not in extra:
            if current is None:
                return
            Picker(
                "โอนไปงาน · Transfer to",
                transfer_choices(self.site.catalog, current.service),
                lambda code: self.act("transfer", service=code),
                searchable=True,
            ).open(animation=False)
            return
        if name == "pause" and "reason" not in extra:
            Picker(
                "เหตุผลที่พัก · Reason", pause_choices(), lambda r: self.act("pause", reason=r)
            ).open(animation=False)
            return
        args: dict[str, Any] = {"counter": self.counter, "staff": self.staff}
        if name == "reprint":
            if current is None:
                return
            args = {"number": current.number}
        elif name == "transfer" and current is not None:
            args["number"] = current.number
        args.update(extra)
        then = self.ask_outcome if name == "complete" else None
        self._send(BY_NAME[name].op, args, BY_NAME[name].label, then)

    # -- what became of the ticket ---------------------------------------------

    def ask_outcome(self, ticket: m.TicketWire) -> None:
        """After Complete: the outcome, and where a forwarded request went."""
        catalog = self.site.catalog
        self.outcome_dialog = OutcomeDialog(
            ticket.number,
            suggested(catalog, ticket.service),
            agencies(catalog, ticket.service),
            lambda outcome: self._record(outcome_args(
                self.counter, self.staff, ticket.number, outcome)),
            lambda form: self._record(form.args(self.counter, self.staff)),
        )  # fmt: skip
        self.outcome_dialog.open(animation=False)

    def _record(self, args: dict[str, Any]) -> None:
        if self.slip_printer is not None and args.get("outcome") == "forwarded":
            args = {**args, "slip_at_kiosk": False}  # printed here, at the desk

        def said(result: m.OutcomeWire) -> Text:
            if result.case is not None:
                self._print_slip_here(result.case)
                return case_texts.case_opened(result.case.reference)
            return case_texts.OUTCOMES[result.outcome]

        self._send(m.OpName.TICKET_OUTCOME, args, case_texts.WHAT_BECAME, said)

    # -- a complaint told at the counter ----------------------------------------

    def take_complaint(self) -> None:
        """The clerk writes down a complaint or suggestion (about the ticket at the desk)."""
        dialog = ModalView(size_hint=(0.92, 0.94), auto_dismiss=False)
        current = self.state.ticket.number if self.state and self.state.ticket else None

        def send(draft: ComplaintDraft) -> None:
            dialog.dismiss(animation=False)

            def said(filed: m.ComplaintWire) -> Text:
                return Text(f"รับเรื่องแล้ว เลขที่ {filed.reference}",
                            f"Complaint {filed.reference} filed")  # fmt: skip

            self._send(m.OpName.COMPLAINT_SUBMIT, draft.args(current), TITLE, said)

        form = ComplaintForm(send, lambda: dialog.dismiss(animation=False), typed=True)
        dialog.add_widget(form)
        form.start()
        dialog.open(animation=False)

    # -- the follow-up list ----------------------------------------------------

    def show_cases(self) -> None:
        """The open forwarded cases, oldest first; a tap moves one on or reprints its slip."""

        def listed(pending: PendingRequest) -> None:
            if not pending.ok:
                self.desk.say(refusal_of(pending), "error")
                return
            cases: list[m.CaseWire] = pending.result().cases
            if not cases:
                self.desk.say(case_texts.NO_CASES)
                return
            by_reference = {c.reference: c for c in cases}
            late = sum(1 for c in cases if c.overdue)
            title = f"{case_texts.CASES.both()} ({len(cases)}, {case_texts.OVERDUE.th} {late})"
            rows = [(c.reference, case_row(c)) for c in cases]
            Picker(title, rows, lambda ref: self._case_chosen(by_reference[ref])).open(
                animation=False
            )

        self.requests.send(m.OpName.CASE_LIST, {"staff": self.staff}, listed, timeout=20)

    def _case_chosen(self, case: m.CaseWire) -> None:
        Picker(
            case_row(case), case_choices(case), lambda choice: self._case_move(case, choice)
        ).open(animation=False)

    def _print_slip_here(self, case: m.CaseWire) -> bool:
        """The slip on this counter's own printer, if it has one (else the kiosk prints it)."""
        if self.slip_printer is None:
            return False
        self.slip_printer.print_case_slip(case, self._slip_printed)
        return True

    def _slip_printed(self, result: Any) -> None:
        if result.outcome.value == "failed":
            self.desk.say(case_texts.SLIP_NOT_PRINTED, "error")

    def _case_move(self, case: m.CaseWire, choice: str) -> None:
        if choice == SLIP and self._print_slip_here(case):
            self.desk.say(case_texts.SLIP_HERE, "ok")
            return
        if choice == SLIP:
            args = {"reference": case.reference}
            self._send(m.OpName.CASE_SLIP, args, case_texts.PRINT_SLIP,
                       lambda _case: case_texts.SLIP_SENT)  # fmt: skip
            return

        def said(moved: m.CaseWire) -> Text:
            status = case_texts.STATUSES[moved.status]
            return Text(f"{moved.reference}: {status.th}", f"{moved.reference}: {status.en}")

        args = {"staff": self.staff, "reference": case.reference, "status": choice}
        self._send(m.OpName.CASE_UPDATE, args, case_texts.CASES, said)

    def unpark(self, number: str) -> None:
        if self.requests.busy:
            return
        args = {"counter": self.counter, "staff": self.staff, "number": number}
        self._send(m.OpName.COUNTER_UNPARK, args, Text("เรียกคิวที่พักไว้", "Return parked ticket"))

    def _send(
        self,
        op: str,
        args: dict[str, Any],
        label: Text,
        then: Callable[[Any], Text | None] | None = None,
    ) -> None:
        """Send one request; on success say it is done (or what ``then`` says of the result)."""

        def done(pending: PendingRequest) -> None:
            if pending.ok:
                result = pending.result()
                said = then(result) if then is not None else None
                number = result.number if isinstance(result, m.TicketWire) else ""
                self.desk.say(
                    said or Text(f"{label.th} {number} แล้ว", f"{label.en}: {number} done"), "ok"
                )
            else:
                if pending.error.code == m.BusCode.NOT_SIGNED_IN:
                    self.sign_out()
                self.desk.say(refusal_of(pending), "error")
            self.redraw()

        if self.requests.send(op, args, done):
            self.desk.say(Text("กำลังส่ง…", "Sending…"), "wait")
            self.redraw()

    def _key(
        self, _window: Any, key: int, _scancode: int, _text: str, modifiers: list[str]
    ) -> bool:
        if self.root.current != "desk":
            return False
        from kivy.core.window import Keyboard

        name = KEYS.get(Keyboard.keycode_to_string(Window._system_keyboard, key))  # type: ignore[attr-defined]
        if name is None:
            return False
        enabled = available(self.state)
        if name == "pause" and "resume" in enabled:
            name = "resume"
        if name in enabled:
            self.act(name)
        return True
