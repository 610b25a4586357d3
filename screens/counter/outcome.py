"""Recording what became of a completed ticket, and following cases, decided without a window.

After Complete the clerk says what became of the ticket; a forwarded one needs
where it went. ``ForwardForm`` holds what the clerk has filled in, says what is
still missing in the clerk's words, and builds the ``ticket.outcome`` request;
the server checks it all again (an agency the catalog does not know, a date).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from queue_server.bus import messages as m
from queue_server.domain.cases import Channel, Outcome, next_statuses
from queue_server.domain.catalog import Catalog, ServiceKind, Text
from screens.common import case_texts as words


def suggested(catalog: Catalog, service: str) -> Outcome:
    """A forward-kind service is usually forwarded; anything else finished here."""
    known = service in catalog and catalog.get(service).kind is ServiceKind.FORWARD
    return Outcome.FORWARDED if known else Outcome.DONE_HERE


def agencies(catalog: Catalog, service: str) -> list[str]:
    """The catalog's agencies, the service's own first: the one a clerk picks nine times in ten."""
    own = catalog.get(service).agency.th if service in catalog else None
    names = sorted({s.agency.th for s in catalog.known})
    return [own, *[n for n in names if n != own]] if own else names


@dataclass
class ForwardForm:
    number: str
    agency: str
    channel: Channel | None = None
    agency_ref: str = ""
    consent: bool = False
    contact: str = ""

    def problem(self) -> Text | None:
        """What stops the form from being sent, in the clerk's words (None: it may go)."""
        if self.channel is None:
            return words.CHOOSE_CHANNEL
        if self.contact.strip() and not self.consent:
            return words.CONTACT_NEEDS_CONSENT
        return None

    def args(self, counter: str, staff: str) -> dict[str, Any]:
        assert self.channel is not None, "problem() first"
        args: dict[str, Any] = {
            "counter": counter, "staff": staff, "number": self.number,
            "outcome": Outcome.FORWARDED.value, "agency": self.agency,
            "channel": self.channel.value,
        }  # fmt: skip
        if self.agency_ref.strip():
            args["agency_ref"] = self.agency_ref.strip()
        contact = re.sub(r"[\s\-]", "", self.contact)
        if contact and self.consent:
            args |= {"contact": contact, "consent": True}
        return args


def outcome_args(counter: str, staff: str, number: str, outcome: Outcome) -> dict[str, Any]:
    """An outcome that needs nothing more (not forwarded)."""
    return {"counter": counter, "staff": staff, "number": number, "outcome": outcome.value}


SLIP = "slip"  # the choice that prints the slip again, beside the statuses


def case_row(case: m.CaseWire) -> str:
    """One line of the follow-up list, as the clerk reads it."""
    status = words.STATUSES[case.status].th
    late = f" · {words.OVERDUE.th}" if case.overdue else ""
    return (
        f"{case.reference} · {case.number} · {status}\n"
        f"{case.agency} · {words.age(case.age_days, case.standard_days).th}{late}"
    )


def case_choices(case: m.CaseWire) -> list[tuple[str, str]]:
    """What the clerk may do with a case: move it on (never back), or print its slip again."""
    moves = [(s.value, words.STATUSES[s].both()) for s in next_statuses(case.status)]
    return [*moves, (SLIP, words.PRINT_SLIP.both())]
