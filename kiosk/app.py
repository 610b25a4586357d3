"""The kiosk app: from the first tap to a printed ticket, and the rating entry.

Three taps from the welcome screen to a ticket: a category, a service, then
the priority question on the service card (its two answers both take the
ticket). Every page has a way back, and after ``idle_seconds`` without a
touch the kiosk returns to welcome by itself, unless a ticket is still being
issued: the citizen who tapped gets that ticket, and gets only one.
"""

from __future__ import annotations

import gc
import time
from collections import deque
from collections.abc import Callable
from datetime import datetime
from typing import Any

from kivy.clock import Clock
from kivy.core.window import Window
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.gridlayout import GridLayout
from kivy.uix.image import Image
from kivy.uix.screenmanager import NoTransition, Screen, ScreenManager
from kivy.uix.widget import Widget

from printers.status import PrinterStatus, PrintResult
from printers.tickets import TicketPrinting, sample_ticket
from queue_server import logs
from queue_server.bus import messages as m
from queue_server.bus.client import PendingRequest
from queue_server.config import Site
from queue_server.config.models import Role
from queue_server.domain.catalog import Service, Text
from queue_server.domain.service_day import BANGKOK, service_day_of
from queue_server.ops.memory import freeze_what_start_made
from screens.common import complaint_draft, theme
from screens.common.bus_link import BusLink
from screens.common.catalog_feed import CatalogFeed
from screens.common.complaint_draft import ComplaintDraft
from screens.common.complaint_form import ComplaintForm
from screens.common.printing import BackgroundPrinter
from screens.common.qr import qr_texture
from screens.common.rating_form import RatingForm, form_for
from screens.common.refusals import refusal_of
from screens.common.requests import OneAtATime
from screens.common.sizing import Sizer
from screens.common.thai import ThaiLabel
from screens.common.theme import Scale
from screens.common.widgets import Backdrop, LogoButton, Panel, Pictograms, TapButton
from screens.common.wording import clock
from thaitext.words import thai_date

from . import texts as t
from .flow import Idle, StaffCorner, Tick, scanned, staff_pin_ok
from .keypad import Keypad
from .pages import CardPage, ServicesPage, StaffMenu, TicketPage, WelcomePage, printed

log = logs.get(__name__)

PAGES = (
    "welcome", "services", "card", "ticket", "rate_entry", "rate_form", "message", "complaint",
    "staff_pin", "staff_menu",
)  # fmt: skip
STATUS_EVERY = 60.0
ISSUED_KEPT = 50
COLLECT_AFTER_SECONDS = 0.2  # after the next citizen's first page is drawn (next_citizen)


def _now() -> datetime:
    return datetime.now(BANGKOK)


def reprint_kiosk(site: Site) -> str | None:
    chosen = site.config.screens.kiosk.reprint_kiosk
    kiosks = [cid for cid, role in site.config.clients.items() if role is Role.KIOSK]
    return chosen or (kiosks[0] if kiosks else None)


class KioskController:
    def __init__(
        self,
        site: Site,
        link: BusLink,
        printing: TicketPrinting | None = None,
        now: Callable[[], datetime] = _now,
    ) -> None:
        self.site = site
        self.link = link
        self.now = now
        self.printer = BackgroundPrinter(printing or TicketPrinting(site))
        self.requests = OneAtATime(link.client)
        self.lang = "th"
        self.open = True
        self.service: Service | None = None
        self.ticket: m.TicketWire | None = None
        self.print_result: PrintResult | None = None
        self._printed_number = ""  # the ticket print_result is about
        self.printer_status: PrinterStatus | None = None
        self.rating_number = ""
        # the last tickets it issued (the demo and tests read them); bounded, a kiosk runs for weeks
        self.issued: deque[m.TicketWire] = deque(maxlen=ISSUED_KEPT)
        screen = site.config.screens.kiosk
        self.idle = Idle(screen.idle_seconds, screen.patience_seconds, time.monotonic())
        self.corner = StaffCorner()
        self._events: list[Any] = []
        self.root = ScreenManager(transition=NoTransition())
        self.pages: dict[str, Panel] = {}
        for name in PAGES:
            screen = Screen(name=name)
            panel = Backdrop(orientation="vertical", padding=24, spacing=16)
            screen.add_widget(panel)
            self.pages[name] = panel
            self.root.add_widget(screen)
        self.sizer = Sizer(self.root)
        link.client.on_board(self._on_board)
        link.client.on_reprint(self._on_reprint)
        self.catalog = CatalogFeed(link, site, self._catalog_changed)
        link.on_connection(lambda _online: self._refresh_welcome())
        self.show_welcome()

    # -- lifecycle -------------------------------------------------------------

    def start(self) -> None:
        self.link.start()
        Window.bind(on_touch_down=self._touched)
        Window.bind(on_textinput=self._typed, on_key_down=self._key)
        self._scanned = ""
        self._events = [
            Clock.schedule_interval(lambda _dt: self._tick(), 0.5),
            Clock.schedule_interval(lambda _dt: self.check_printer(), STATUS_EVERY),
        ]
        self.check_printer()
        self.printer.warm(self._sample_ticket())
        freeze_what_start_made()

    def stop(self) -> None:
        Window.unbind(on_touch_down=self._touched)
        Window.unbind(on_textinput=self._typed, on_key_down=self._key)
        for event in self._events:
            event.cancel()
        self.printer.close()
        self.link.stop()

    # -- helpers ---------------------------------------------------------------

    def say(self, text: Text) -> str:
        return text.in_lang(self.lang)

    @property
    def scale(self) -> Scale:
        return Scale.of(
            self.root.width or Window.width, self.site.config.screens.kiosk.screen_width_mm
        )

    def _button(
        self, text: Text | str, name: str, action: Callable[[], None], size: float = 4.2, **kw: Any
    ) -> TapButton:
        words = text if isinstance(text, str) else self.say(text)
        button = self.sizer(TapButton(words=words, name=name, **kw), size)
        button.bind(on_release=lambda *_: action())
        return button

    def _label(self, words: str, size: float = 4.0, **kw: Any) -> ThaiLabel:
        return self.sizer(ThaiLabel(words=words, **kw), size)

    def _number(self, words: str, size: float, **kw: Any) -> ThaiLabel:
        """A ticket number: bold, yellow, on one line."""
        return self._label(
            words, size, font_name=theme.FONT_BOLD, color=theme.NUMBER, wrap_words=False, **kw
        )

    def _page(self, name: str) -> Panel:
        page = self.pages[name]
        self.sizer.clear(page)
        self.root.current = name
        return page

    def _back_row(self, back: Callable[[], None]) -> BoxLayout:
        row = BoxLayout(size_hint_y=0.13, spacing=16)
        row.add_widget(
            self._button(t.BACK, "back", back, background=theme.PANEL_LIGHT, size_hint_x=0.35)
        )
        row.add_widget(Widget())
        return row

    # -- welcome -----------------------------------------------------------------

    def show_welcome(self) -> None:
        self.service = None
        view = self._welcome_view()
        page = self._page("welcome")
        top = BoxLayout(size_hint_y=0.16, spacing=12)
        corner = LogoButton(self.site.logo, name="staff-corner", size_hint_x=0.12)
        corner.bind(on_release=lambda *_: self.staff_tap())
        top.add_widget(corner)
        top.add_widget(self._label(view.greeting, 4.2))
        self.clock = self._label("", 3.6, font_name=theme.FONT_BOLD, size_hint_x=0.3)
        top.add_widget(self.clock)
        self._show_clock()
        for lang, label in (("th", "ไทย"), ("en", "English")):
            chosen = lang == self.lang
            top.add_widget(
                self._button(
                    label,
                    f"lang-{lang}",
                    lambda lg=lang: self.set_lang(lg),
                    3.8,
                    background=theme.OK if chosen else theme.PANEL_LIGHT,
                    size_hint_x=0.2,
                )
            )
        page.add_widget(top)
        page.add_widget(self._label(view.prompt, 5.0, size_hint_y=0.1))
        self.category_grid = GridLayout(cols=2, spacing=16)
        self.category_buttons = []
        for choice in view.categories:
            category = choice.name.removeprefix("category-")
            button = self._button(
                choice.words, choice.name, lambda c=category: self.choose_category(c), 4.6
            )
            self.category_buttons.append(button)
            self.category_grid.add_widget(button)
        # Either the categories, or (closed, offline) a notice in their place.
        self.welcome_middle = BoxLayout()
        page.add_widget(self.welcome_middle)
        self.notice = self._label("", 5.0, color=theme.NUMBER)
        bottom = BoxLayout(spacing=16, size_hint_y=0.13)
        bottom.add_widget(self._button(view.rate, "rate", self.show_rate_entry, 4.0,
                                       background=theme.OK, size_hint_x=0.6))  # fmt: skip
        self.complain_button = self._button(
            view.complain, "complain", self.show_complaint, 3.6, background=theme.PANEL_LIGHT,
            size_hint_x=0.4,
        )  # fmt: skip
        bottom.add_widget(self.complain_button)
        page.add_widget(bottom)
        self._refresh_welcome()

    def _welcome_view(self) -> WelcomePage:
        return WelcomePage.of(self.site, self.lang, open=self.open, online=self.link.online)

    def _refresh_welcome(self) -> None:
        if self.root.current != "welcome" or not hasattr(self, "notice"):
            return
        notice = self._welcome_view().notice
        for button in self.category_buttons:
            button.disabled = notice is not None
        self.complain_button.disabled = not self.link.online  # it would wait, unsent
        self.welcome_middle.clear_widgets()
        self.welcome_middle.add_widget(self.category_grid if notice is None else self.notice)
        self.notice.words = notice or ""

    def next_citizen(self) -> None:
        """Done, or left untouched: the next citizen starts in Thai, on the first page.

        Then, once that page is on the screen, a full collection. Each visit builds its
        pages anew, and the old ones are cycles of widgets (holding their text's
        textures) that only a full collection frees. Left to itself Python ran one every
        20–30 tickets, in the middle of whichever tap came then: 56–94 ms of the
        ticket's way to the printer (issue 22). Here it has one visit's garbage to free,
        and nobody is waiting for the screen.
        """
        self.lang = "th"
        self.show_welcome()
        Clock.schedule_once(lambda _dt: gc.collect(), COLLECT_AFTER_SECONDS)

    def set_lang(self, lang: str) -> None:
        self.lang = lang
        self.show_welcome()

    def _on_board(self, _topic: str, state: m.BoardState) -> None:
        self.open = state.open
        self._refresh_welcome()

    def _catalog_changed(self, site: Site) -> None:
        """Offer what the server now runs on; a citizen half-way through is not interrupted."""
        self.site = site
        self.printer.printing.site = site
        if self.root.current == "welcome":
            self.show_welcome()

    # -- choosing ----------------------------------------------------------------

    def choose_category(self, category: str, page: int = 0) -> None:
        services = self.site.catalog.in_category(category)
        if len(services) == 1:
            self.choose_service(services[0].code)
            return
        view = ServicesPage.of(self.site, category, self.lang, page, self._services_that_fit())
        screen = self._page("services")
        screen.add_widget(self._label(view.heading, 4.6, size_hint_y=0.1))
        grid = GridLayout(cols=view.columns, spacing=12)
        for choice in view.services:
            code = choice.name.removeprefix("service-")
            grid.add_widget(
                self._button(choice.words, choice.name, lambda c=code: self.choose_service(c), 3.6)
            )
        screen.add_widget(grid)
        screen.add_widget(
            self._back_row(self.show_welcome) if view.pages == 1 else self._pager(category, view)
        )

    def _pager(self, category: str, view: ServicesPage) -> BoxLayout:
        """Back, where the citizen is ("หน้า 1/2"), and the previous and next pages."""
        row = BoxLayout(size_hint_y=0.13, spacing=16)
        row.add_widget(self._button(t.BACK, "back", self.show_welcome,
                                    background=theme.PANEL_LIGHT, size_hint_x=0.3))  # fmt: skip
        row.add_widget(self._label(view.where, 3.4, color=theme.MUTED, size_hint_x=0.2))
        for name, words, to in (
            ("page-previous", t.PREVIOUS_PAGE, view.page - 1),
            ("page-next", t.NEXT_PAGE, view.page + 1),
        ):
            button = self._button(words, name, lambda p=to: self.choose_category(category, p),
                                  3.6, size_hint_x=0.25)  # fmt: skip
            button.disabled = not 0 <= to < view.pages
            row.add_widget(button)
        return row

    def _services_that_fit(self) -> int:
        """Services a page holds in two columns, each row at least 20 mm or 14 % tall."""
        height = self.root.height or Window.height
        row = max(self.scale.mm(20), height * 0.14) + 12
        usable = height * (1 - 0.1 - 0.13) - 40  # less the heading, the bottom row, padding
        return 2 * max(1, int(usable // row))

    def choose_service(self, code: str) -> None:
        service = self.site.catalog.get(code)
        self.service = service
        view = CardPage.of(self.site, service, self.lang)
        page = self._page("card")
        page.add_widget(self._label(view.title, 5.4, size_hint_y=0.14, font_name=theme.FONT_BOLD))
        middle = BoxLayout(spacing=16)
        info = BoxLayout(orientation="vertical", spacing=8)
        info.add_widget(self._label(view.kind, 3.8, halign="left", size_hint_y=0.3))
        info.add_widget(self._label(view.manual, 3.2, halign="left", size_hint_y=0.18,
                                    color=theme.NUMBER))  # fmt: skip
        info.add_widget(self._label(view.documents, 3.4, halign="left", color=theme.MUTED))
        middle.add_widget(info)
        if view.hint is not None:
            side = BoxLayout(orientation="vertical", size_hint_x=0.42, spacing=6)
            if view.qr:
                side.add_widget(Image(texture=qr_texture(view.qr), fit_mode="contain"))
            side.add_widget(self._label(view.hint, 3.0, size_hint_y=0.3))
            middle.add_widget(side)
        page.add_widget(middle)
        # The priority question is the page's headline, with pictures for who it means.
        question = BoxLayout(spacing=16, size_hint_y=0.15)
        pictures = Pictograms(theme.PRIORITY_PICTOGRAMS, size_hint_x=0.32)
        question.add_widget(self.sizer(pictures, 7.5))
        question.add_widget(self._label(view.question, 4.8, font_name=theme.FONT_BOLD))
        page.add_widget(question)
        answers = BoxLayout(spacing=16, size_hint_y=0.2)
        answers.add_widget(
            self._button(
                view.normal, "ticket-normal", lambda: self.take_ticket(False), 4.2,
                background=theme.OK,
            )
        )  # fmt: skip
        answers.add_widget(
            self._button(
                view.priority, "ticket-priority", lambda: self.take_ticket(True), 4.2,
                background=theme.ACCENT,
            )
        )  # fmt: skip
        page.add_widget(answers)
        category = view.back_to
        back = self.show_welcome if category is None else (lambda: self.choose_category(category))
        page.add_widget(self._back_row(back))

    # -- the ticket --------------------------------------------------------------

    def take_ticket(self, priority: bool) -> None:
        assert self.service is not None
        args = {"service": self.service.code, "priority": priority, "lang": self.lang}
        if self.requests.busy:
            return  # a ticket is already on its way: one tap, one ticket
        self.print_result = None
        self.requests.send(m.OpName.TICKET_ISSUE, args, self._issued, at_once=self._print_at_once)
        self._show_ticket_page()

    def _print_at_once(self, pending: PendingRequest) -> None:
        """The network thread hands the ticket to the printer's the moment the server
        answers: the citizen waits for the paper, and this screen's thread may be
        drawing the ticket page for tens of milliseconds under software OpenGL before
        it reads the reply (issue 22: that wait was most of tap → paper)."""
        if pending.ok:
            ticket: m.TicketWire = pending.result()
            self.printer.print_ticket(ticket, lambda r, n=ticket.number: self._printed(n, r))

    def _show_ticket_page(self) -> None:
        view = TicketPage.issuing(self.lang)
        page = self._page("ticket")
        page.add_widget(self._label(view.heading, 4.4, size_hint_y=0.12))
        self.number_label = self._number(view.number, 26, size_hint_y=0.36)
        page.add_widget(self.number_label)
        self.ticket_note = self._label("", 4.4, size_hint_y=0.14)
        page.add_widget(self.ticket_note)
        self.ticket_detail = self._label("", 3.8, size_hint_y=0.16, color=theme.MUTED)
        page.add_widget(self.ticket_detail)
        self.print_note = self._label("", 4.0, size_hint_y=0.12)
        page.add_widget(self.print_note)
        self.done_button = self._button(
            view.done, "done", self.next_citizen, 4.4, background=theme.OK, size_hint_y=0.14
        )
        page.add_widget(self.done_button)
        self._show_ticket(view)

    def _show_ticket(self, view: TicketPage) -> None:
        self.number_label.words = view.number
        self.ticket_note.words = view.note
        self.ticket_note.color = theme.NUMBER if view.alert else theme.TEXT
        self.ticket_detail.words = view.detail
        self.print_note.words = view.printing
        self.done_button.disabled = not view.can_leave

    def _issued(self, pending: PendingRequest) -> None:
        if not pending.ok:
            self._show_ticket(TicketPage.refused(refusal_of(pending), self.lang))
            self._hold_ticket_page()
            return
        ticket: m.TicketWire = pending.result()
        self.ticket = ticket
        self.issued.append(ticket)
        self._show_ticket(TicketPage.issued(ticket, self.site, self.lang))
        if self.print_result is not None and self._printed_number == ticket.number:
            self._show_printed(ticket.number, self.print_result)  # paper before the screen
        self._hold_ticket_page()

    def _printed(self, number: str, result: PrintResult) -> None:
        self.print_result, self._printed_number = result, number
        self._report_printer(result.status, result.outcome.value)
        self._show_printed(number, result)

    def _show_printed(self, number: str, result: PrintResult) -> None:
        if self.root.current != "ticket" or self.ticket is None or self.ticket.number != number:
            return
        words, alert = printed(result.outcome, self.lang)
        self.print_note.words = words
        self.print_note.color = theme.NUMBER if alert else theme.TEXT
        if alert:  # long enough to write the number down
            seconds = 2 * self.site.config.screens.kiosk.ticket_seconds
            self.idle.showing_ticket(time.monotonic(), seconds)

    # -- printer state -----------------------------------------------------------

    def check_printer(self) -> None:
        self.printer.check(lambda status: self._report_printer(status, None))

    def _report_printer(self, status: PrinterStatus, last_print: str | None) -> None:
        self.printer_status = status
        extra: dict[str, Any] = status.as_presence()
        if last_print is not None:
            extra["last_print"] = last_print
        self.link.client.set_presence(**extra)

    def _on_reprint(self, _topic: str, event: m.ReprintEvent) -> None:
        if reprint_kiosk(self.site) != self.link.client.client_id:
            return

        def report(result: PrintResult) -> None:
            self._report_printer(result.status, result.outcome.value)

        if event.case is not None:
            log.info("printing_case_slip", case=event.case.reference, asked_by=event.requested_by)
            self.printer.print_case_slip(event.case, report)
        elif event.ticket is not None:
            log.info("reprinting", ticket=event.ticket.number, asked_by=event.requested_by)
            self.printer.print_ticket(event.ticket, report)

    # -- rating entry --------------------------------------------------------------

    def show_rate_entry(self) -> None:
        self.rating_number = ""
        page = self._page("rate_entry")
        page.add_widget(
            self._label(
                self.say(t.TYPE_OR_SCAN),
                4.4,
                size_hint_y=0.12,
            )
        )
        self.typed = self._number("", 12, size_hint_y=0.16)
        page.add_widget(self.typed)
        self.rate_note = self._label("", 3.6, size_hint_y=0.08, color=theme.NUMBER)
        page.add_widget(self.rate_note)
        letters = sorted(self.site.catalog.prefixes())
        keypad = Keypad(
            letters,
            self._typed_number,
            self.look_up_ticket,
            self.say(t.OK),
            max_length=5,
        )
        page.add_widget(keypad)
        page.add_widget(self._back_row(self.show_welcome))

    def _typed_number(self, value: str) -> None:
        self.rating_number = value
        self.typed.words = value

    def _typed(self, _window: Any, text: str) -> None:
        """A USB scanner types the QR's text like a keyboard, then Enter."""
        self._scanned += text

    def _key(self, _window: Any, key: int, *_: Any) -> bool:
        if key not in (13, 271):  # Enter, keypad Enter
            return False
        text, self._scanned = self._scanned, ""
        scan = scanned(text, self.site.id, lambda: service_day_of(self.now()))
        if scan is None:
            return False
        if scan.foreign:
            self.show_rate_entry()
            self.rate_note.words = self.say(t.NOT_OURS)
            return True
        self.touched()
        if scan.token is not None:
            self.look_up_ticket(token=scan.token)
        else:
            self.look_up_ticket(scan.number or "")
        return True

    def look_up_ticket(self, number: str = "", *, token: str | None = None) -> None:
        """Typed or scanned: by its number, or by the token of its QR's phone address."""
        if not number and token is None:
            return

        def found(pending: PendingRequest) -> None:
            # Asked before the form opens: an unserved, already rated or too old ticket is
            # refused here, not after the citizen has answered every question.
            if not pending.ok:
                self._rating_problem(refusal_of(pending))
                return
            rateable: m.Rateable = pending.result()
            self.rating_number = rateable.number
            self._show_rating_form()

        named = {"token": token} if token is not None else {"number": number}
        self.requests.send(m.OpName.RATING_CHECK, named, found, timeout=30)

    def _rating_problem(self, text: Text) -> None:
        if self.root.current != "rate_entry":
            self.show_rate_entry()
        self.rate_note.words = self.say(text)

    def _show_rating_form(self) -> None:
        page = self._page("rate_form")
        form: RatingForm = form_for(
            self.site, self._submit_rating, on_touch=self.touched, on_leave=self.show_welcome
        )
        page.add_widget(form)
        form.start(self.rating_number)

    def _submit_rating(
        self, scores: dict[str, int], comment: str | None, profile: dict[str, str]
    ) -> None:
        args: dict[str, Any] = {"number": self.rating_number, "scores": scores}
        if profile:
            args["profile"] = profile
        if comment:
            args["comment"] = comment

        def done(pending: PendingRequest) -> None:
            if pending.ok:
                self._message(t.THANK_YOU, theme.OK)
            else:
                self._message(refusal_of(pending), theme.WARN)

        self.requests.send(m.OpName.RATING_SUBMIT, args, done)

    def _message(self, text: Text, fill: theme.Colour) -> None:
        page = self._page("message")
        page.fill = fill
        page.add_widget(self._label(text.both("\n"), 7))
        page.add_widget(self._button(t.DONE, "done", self.next_citizen, 4.4, size_hint_y=0.2))
        self._hold_ticket_page()

    # -- complaints and suggestions ------------------------------------------------

    _sending: Any = None  # the complaint request the message page waits for

    def show_complaint(self) -> None:
        page = self._page("complaint")
        form = ComplaintForm(self._send_complaint, self.show_welcome, on_touch=self.touched)
        page.add_widget(form)
        form.start()

    def _send_complaint(self, draft: ComplaintDraft) -> None:
        def done(pending: PendingRequest) -> None:
            if self.root.current != "message" or self._sending is not pending:
                return  # the citizen has gone (idle reset, Done): the next one is not told
            if pending.ok:
                reference = pending.result().reference
                received = complaint_draft.RECEIVED
                self._message(Text(f"{received.th}\nเลขที่ {reference}",
                                   f"{received.en}\nReference {reference}"), theme.OK)  # fmt: skip
            else:
                self._message(refusal_of(pending), theme.WARN)

        if self.requests.send(m.OpName.COMPLAINT_SUBMIT, draft.args(), done, timeout=30):
            self._sending = self.requests.pending
            self._message(t.SENDING, theme.PANEL)

    # -- staff corner ----------------------------------------------------------------

    def staff_tap(self) -> None:
        if self.corner.tap(time.monotonic()):
            self.show_staff_pin()

    def show_staff_pin(self) -> None:
        page = self._page("staff_pin")
        page.add_widget(self._label(t.STAFF_PIN.both(), 4.6, size_hint_y=0.12))
        self.pin_dots = self._label("", 8, size_hint_y=0.12, wrap_words=False)
        page.add_widget(self.pin_dots)
        self.pin_note = self._label("", 3.4, size_hint_y=0.08, color=theme.NUMBER)
        page.add_widget(self.pin_note)
        page.add_widget(
            Keypad(
                [],
                lambda v: setattr(self.pin_dots, "words", "*" * len(v)),
                self.check_staff_pin,
                t.OK.en,
                max_length=12,
            )
        )
        page.add_widget(self._back_row(self.show_welcome))

    def check_staff_pin(self, pin: str) -> None:
        ok = staff_pin_ok(self.site.config.screens.kiosk.staff_pin_hash, pin)
        if ok is None:
            self.pin_note.words = t.NO_STAFF_PIN.both()
        elif ok:
            self.show_staff_menu()
        else:
            log.warning("kiosk_staff_pin_wrong")
            self.show_welcome()

    def show_staff_menu(self) -> None:
        view = StaffMenu.of(
            self.printer_status, len(self.site.catalog.services), self.catalog.updated_at
        )
        page = self._page("staff_menu")
        page.add_widget(self._label(view.printer, 3.6, size_hint_y=0.12))
        page.add_widget(self._label(view.catalog, 3.6, size_hint_y=0.12))
        grid = GridLayout(cols=2, spacing=16)
        grid.add_widget(
            self._button(
                view.check,
                "staff-status",
                lambda: self.printer.check(
                    lambda s: (self._report_printer(s, None), self.show_staff_menu())
                ),
                3.6,
            )
        )
        grid.add_widget(self._button(view.test_print, "staff-test", self.test_print, 3.6))
        grid.add_widget(
            self._button(view.exit, "staff-exit", self.exit_app, 3.6, background=theme.DANGER)
        )
        page.add_widget(grid)
        page.add_widget(self._back_row(self.show_welcome))

    def test_print(self) -> None:
        self.printer.print_ticket(
            self._sample_ticket(),
            lambda r: (self._report_printer(r.status, r.outcome.value), self.show_staff_menu()),
        )

    def _sample_ticket(self) -> m.TicketWire:
        return sample_ticket(self.site, lang=self.lang)

    def exit_app(self) -> None:
        from kivy.app import App

        app = App.get_running_app()
        if app is not None:
            app.stop()

    # -- idle --------------------------------------------------------------------------

    def _hold_ticket_page(self) -> None:
        self.idle.showing_ticket(time.monotonic(), self.site.config.screens.kiosk.ticket_seconds)

    @property
    def last_touch(self) -> float:
        return self.idle.last_touch

    @last_touch.setter
    def last_touch(self, value: float) -> None:  # tests age the kiosk by hand
        self.idle.last_touch = value

    def touched(self) -> None:
        self.idle.touched(time.monotonic())

    def _touched(self, *_: Any) -> bool:
        self.touched()
        return False

    def _show_clock(self) -> None:
        now = self.now()
        self.clock.words = f"{clock(now)} น.\n{thai_date(now, thai_digits=False)}"

    def _tick(self) -> None:
        if self.root.current == "welcome":
            self._show_clock()
        waiting = self.requests.waited() if self.requests.busy else None
        action = self.idle.tick(self.root.current, time.monotonic(), waiting_for=waiting)
        if action is Tick.ASK_STAFF:
            self.ticket_note.words = self.say(t.ASK_STAFF)
            self.ticket_note.color = theme.NUMBER
        elif action is Tick.WELCOME:
            self.next_citizen()
