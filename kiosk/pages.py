"""What each kiosk page says, decided without a window.

The Kivy controller (kiosk/app.py) turns a page here into widgets and does
nothing else with words: which categories are offered, why the kiosk is not
taking tickets, what a service card says, what the ticket page says once the
server has answered, what the staff menu reports. Each is tested in
milliseconds (tests/unit/test_kiosk_pages.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from printers.status import PrinterStatus, PrintOutcome
from queue_server.bus import messages as m
from queue_server.config import Site
from queue_server.domain.catalog import Service, ServiceKind, Text
from queue_server.domain.service_day import BANGKOK
from queue_server.domain.wait_words import wait_line
from screens.common import complaint_draft

from . import texts as t


@dataclass(frozen=True)
class Choice:
    """A button: its widget name (what tests and the log call it) and its words."""

    name: str
    words: str


@dataclass(frozen=True)
class WelcomePage:
    greeting: str  # always in both languages: the citizen has not chosen yet
    prompt: str
    categories: list[Choice]
    notice: str | None  # in place of the categories: offline, or closed and when it opens
    rate: str
    complain: str

    @classmethod
    def of(cls, site: Site, lang: str, *, open: bool, online: bool) -> WelcomePage:
        name = site.config.site.name
        centre = name.en if lang == "en" else name.th
        catalog = site.catalog
        notice: str | None = None
        if not online:
            notice = t.OFFLINE.both("\n")
        elif not open:
            hours = t.opening_hours(site)
            notice = f"{t.CLOSED_NOW.th} {hours.th}\n{t.CLOSED_NOW.en} {hours.en}"
        return cls(
            greeting=f"{t.WELCOME.th} · {t.WELCOME.en}\n{centre}",
            prompt=t.CHOOSE_CATEGORY.in_lang(lang),
            categories=[
                Choice(f"category-{c.id}", c.name.in_lang(lang))
                for c in catalog.categories
                if catalog.in_category(c.id)
            ],
            notice=notice,
            rate=t.RATE.in_lang(lang),
            complain=complaint_draft.TITLE.in_lang(lang),
        )


@dataclass(frozen=True)
class ServicesPage:
    """One page of a category's services: never a row cut off, never a near-empty page.

    A category with more services than fit is shown in pages of equal size
    (ten services where eight fit: two pages of five, not eight and two), with
    the page's place ("1/2") and buttons to the next and the previous.
    """

    heading: str
    services: list[Choice]
    page: int = 0
    pages: int = 1
    columns: int = 2
    where: str = ""  # "หน้า 1/2", empty on a single page

    @classmethod
    def of(cls, site: Site, category: str, lang: str, page: int = 0, fits: int = 8) -> ServicesPage:
        name = next(c.name for c in site.catalog.categories if c.id == category)
        services = site.catalog.in_category(category)
        sizes = page_sizes(len(services), fits)
        page = min(max(page, 0), len(sizes) - 1)
        start = sum(sizes[:page])
        shown = services[start : start + sizes[page]]
        return cls(
            heading=f"{name.in_lang(lang)} · {t.CHOOSE_SERVICE.in_lang(lang)}",
            services=[Choice(f"service-{s.code}", s.name.in_lang(lang)) for s in shown],
            page=page,
            pages=len(sizes),
            # Three or fewer: one column of wide buttons rather than a grid with a hole.
            columns=1 if len(shown) <= 3 else 2,
            where=t.page_of(page + 1, len(sizes)).in_lang(lang) if len(sizes) > 1 else "",
        )


def page_sizes(count: int, fits: int) -> list[int]:
    """How many services each page shows: as few pages as fit them, as even as can be."""
    fits = max(1, fits)
    pages = max(1, -(-count // fits))
    base, extra = divmod(count, pages)
    return [base + (1 if i < extra else 0) for i in range(pages)]


@dataclass(frozen=True)
class CardPage:
    """A service's card: what kind of service, what to bring, then the priority question."""

    title: str
    kind: str
    manual: str  # steps, fee and time, from the citizens' manual
    documents: str
    hint: str | None  # beside the QR (or alone, for Tang Rat without a link)
    qr: str | None  # the e-service link, as a QR
    question: str
    normal: str
    priority: str
    # Back goes to the category's list, or straight to welcome when the category has
    # only this service (the list was skipped on the way in).
    back_to: str | None

    @classmethod
    def of(cls, site: Site, service: Service, lang: str) -> CardPage:
        documents = [d.line.in_lang(lang) for d in service.documents]
        heading = (t.DOCUMENTS if documents else t.NO_DOCUMENTS).in_lang(lang)
        listing = "\n".join(f"• {d}" for d in documents)
        hint = t.phone_hint(service)
        alone = len(site.catalog.in_category(service.category)) == 1
        return cls(
            title=service.name.in_lang(lang),
            kind=t.kind_explained(service).in_lang(lang),
            manual=service.manual.brief(service.kind is ServiceKind.FORWARD).in_lang(lang),
            documents=f"{heading}\n{listing}".strip(),
            hint=hint.in_lang(lang) if hint else None,
            qr=service.eservice_url,
            question=t.PRIORITY_QUESTION.in_lang(lang),
            normal=t.PRIORITY_NO.in_lang(lang),
            priority=t.PRIORITY_YES.in_lang(lang),
            back_to=None if alone else service.category,
        )


@dataclass(frozen=True)
class TicketPage:
    """The ticket page while the server answers, and after."""

    heading: str
    number: str
    note: str
    alert: bool  # the note is a problem (shown in the warning colour)
    detail: str
    printing: str
    done: str
    can_leave: bool  # the Done button: never while the ticket is still on its way

    @classmethod
    def issuing(cls, lang: str) -> TicketPage:
        return cls(
            t.YOUR_NUMBER.in_lang(lang), "…", t.ISSUING.in_lang(lang), False, "", "",
            t.DONE.in_lang(lang), can_leave=False,
        )  # fmt: skip

    @classmethod
    def refused(cls, why: Text, lang: str) -> TicketPage:
        return cls(
            t.YOUR_NUMBER.in_lang(lang), "…", why.in_lang(lang), True, "", "",
            t.DONE.in_lang(lang), can_leave=True,
        )  # fmt: skip

    @classmethod
    def issued(cls, ticket: m.TicketWire, site: Site, lang: str) -> TicketPage:
        flag = f" · {t.PRIORITY_FLAG.in_lang(lang)}" if ticket.priority else ""
        service = site.catalog.get(ticket.service).name.in_lang(lang)
        return cls(
            heading=t.YOUR_NUMBER.in_lang(lang),
            number=ticket.number,
            note=f"{service}{flag}",
            alert=False,
            # The printed ticket's words exactly (domain.wait_words).
            detail=wait_line(ticket.people_ahead, ticket.wait_minutes).in_lang(lang),
            printing=t.PRINTING.in_lang(lang),
            done=t.DONE.in_lang(lang),
            can_leave=True,
        )


def printed(outcome: PrintOutcome, lang: str) -> tuple[str, bool]:
    """What the ticket page says once the printer has answered, and whether it is a problem."""
    if outcome is PrintOutcome.FAILED:
        return t.NOT_PRINTED.in_lang(lang), True
    return t.PRINTED.in_lang(lang), False


@dataclass(frozen=True)
class StaffMenu:
    """The staff corner's menu: in both languages, whoever the last citizen was."""

    printer: str
    catalog: str
    check: str = t.STAFF_CHECK_PRINTER.both()
    test_print: str = t.STAFF_TEST_PRINT.both()
    exit: str = t.STAFF_EXIT.both()

    @classmethod
    def of(
        cls, status: PrinterStatus | None, services: int, updated_at: datetime | None
    ) -> StaffMenu:
        if status is None:
            state = t.UNKNOWN.both()
        else:
            state = f"online={status.online} · paper={status.paper.value} · {status.reason or 'ok'}"
        if updated_at is None:
            catalog = t.catalog_from_file(services)
        else:
            catalog = t.catalog_from_server(services, updated_at.astimezone(BANGKOK))
        return cls(printer=f"{t.PRINTER.both()}: {state}", catalog=catalog.both())
