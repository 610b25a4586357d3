"""What a citizen's phone is told of its ticket, named by the token in its QR only."""

from datetime import timedelta

import pytest

from assets import DEFAULT_SITE
from queue_server.bootstrap import Centre, memory_centre
from queue_server.bus import messages as m
from queue_server.bus.auth import BusRefusal
from queue_server.bus.ops import OPS, Context
from queue_server.config import load_site
from queue_server.config.models import Role
from queue_server.domain.cases import CaseStatus, Channel, Forwarding, Outcome
from queue_server.domain.errors import DomainError, ErrorCode
from queue_server.domain.queue_day import QueueDay
from queue_server.testing import at

PETITION = "general-petition"
MAE_KORN = "องค์การบริหารส่วนตำบลแม่กรณ์"
SCORES = dict.fromkeys(("process", "staff", "facilities", "outcome"), 5)


class Clock:
    def __init__(self) -> None:
        self.now = at(9, 0)

    def __call__(self):
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def centre(clock) -> Centre:
    parts = memory_centre(load_site(DEFAULT_SITE), clock)
    parts.service.at_counter(QueueDay.open_counter, "2", "s01")
    return parts


def issue(centre: Centre) -> dict:
    return centre.service.issue(PETITION).wire


def at_counter(centre: Centre, *acts) -> None:
    for act in acts:
        centre.service.at_counter(act, "2", "s01")


def run(centre: Centre, role: Role, name: m.OpName, args: dict):
    op = OPS[name.value]
    if role not in op.roles:
        raise BusRefusal(m.BusCode.FORBIDDEN, "not for this role")
    context = Context(
        centre.service,
        centre.staff,
        None,
        "phone",
        role,
        None,
        centre.service.clock,  # type: ignore[arg-type]
    )
    return op.run(context, op.args.model_validate(args)).result


def test_the_kiosks_ticket_carries_its_token_and_nobody_elses_state_does(centre) -> None:
    ticket = issue(centre)
    assert len(ticket["token"]) == 24
    floor = centre.service.floor()
    assert all(t.token is None for desk in floor.desks for t in desk.upcoming)
    assert "token" not in centre.service.status(ticket["number"]).to_wire()


def test_a_waiting_ticket_shows_the_people_ahead_and_the_wait_its_ticket_printed(centre) -> None:
    issue(centre)
    mine = issue(centre)
    seen = centre.service.following.one(mine["token"]).to_wire()
    assert seen["number"] == mine["number"] and seen["state"] == "waiting"
    assert seen["people_ahead"] == mine["people_ahead"] == 1
    assert seen["wait_minutes"] == mine["wait_minutes"]


def test_a_called_ticket_shows_its_counter_by_name(centre) -> None:
    mine = issue(centre)
    at_counter(centre, QueueDay.call_next)
    seen = centre.service.following.one(mine["token"])
    assert seen.state == "called" and seen.counter == "2"
    assert seen.counter_name is not None and seen.counter_name.th.startswith("ช่อง")


def test_every_active_tickets_view_in_one_read_is_each_ones_own(centre) -> None:
    tokens = [issue(centre)["token"] for _ in range(4)]
    at_counter(centre, QueueDay.call_next)
    views = centre.service.following.active()
    assert set(views) == set(tokens)
    assert all(views[t] == centre.service.following.one(t) for t in tokens)


def test_a_served_ticket_offers_its_rating_once(centre) -> None:
    mine = issue(centre)
    at_counter(centre, QueueDay.call_next, QueueDay.serve, QueueDay.complete)
    assert centre.service.following.one(mine["token"]).rating == "open"
    run(centre, Role.PHONE, m.OpName.RATING_SUBMIT, {"token": mine["token"], "scores": SCORES})
    assert centre.service.following.one(mine["token"]).rating == "given"
    with pytest.raises(DomainError) as twice:
        run(centre, Role.PHONE, m.OpName.RATING_SUBMIT, {"token": mine["token"], "scores": SCORES})
    assert twice.value.code is ErrorCode.ALREADY_RATED


def test_a_phone_may_not_name_a_ticket_by_its_number(centre) -> None:
    """Numbers run A001, A002…: by number, anyone on the Wi-Fi could rate others' tickets."""
    mine = issue(centre)
    at_counter(centre, QueueDay.call_next, QueueDay.serve, QueueDay.complete)
    for op, args in [
        (m.OpName.RATING_SUBMIT, {"number": mine["number"], "scores": SCORES}),
        (m.OpName.RATING_CHECK, {"number": mine["number"]}),
    ]:
        with pytest.raises(BusRefusal) as refused:
            run(centre, Role.PHONE, op, args)
        assert refused.value.code == m.BusCode.FORBIDDEN


def test_a_phone_may_run_nothing_but_following_and_rating() -> None:
    allowed = {name for name, op in OPS.items() if Role.PHONE in op.roles}
    assert allowed == {"ticket.follow", "rating.check", "rating.submit"}


def test_the_kiosk_scanning_the_qr_checks_the_rating_by_token(centre) -> None:
    mine = issue(centre)
    at_counter(centre, QueueDay.call_next, QueueDay.serve, QueueDay.complete)
    checked = run(centre, Role.KIOSK, m.OpName.RATING_CHECK, {"token": mine["token"].lower()})
    assert checked["number"] == mine["number"]


def test_an_unknown_token_is_no_ticket(centre) -> None:
    with pytest.raises(DomainError) as unknown:
        centre.service.following.one("A" * 24)
    assert unknown.value.code is ErrorCode.UNKNOWN_TICKET


def test_yesterdays_token_has_expired(centre, clock) -> None:
    mine = issue(centre)
    clock.now += timedelta(days=1)
    with pytest.raises(DomainError) as expired:
        centre.service.following.one(mine["token"])
    assert expired.value.code is ErrorCode.TICKET_EXPIRED
    with pytest.raises(DomainError) as rating:
        centre.service.rating_check(None, mine["token"])
    assert rating.value.code is ErrorCode.TICKET_EXPIRED


def forwarded(centre: Centre) -> dict:
    mine = issue(centre)
    at_counter(centre, QueueDay.call_next, QueueDay.serve, QueueDay.complete)
    sent = Forwarding(MAE_KORN, Channel.PAPER, at(9).date())
    centre.service.cases.record(mine["number"], Outcome.FORWARDED, "s01", sent)
    return mine


def test_a_forwarded_tickets_page_shows_its_case_after_the_day(centre, clock) -> None:
    mine = forwarded(centre)
    clock.now += timedelta(days=3)
    seen = centre.service.following.one(mine["token"])
    assert seen.state == "closed" and seen.case is not None
    assert seen.case.case.status is CaseStatus.SENT


def test_a_cases_page_closes_thirty_days_after_the_citizen_was_told(centre, clock) -> None:
    mine = forwarded(centre)
    reference = centre.service.following.one(mine["token"]).case.case.reference
    for status in (CaseStatus.DONE, CaseStatus.INFORMED):
        centre.service.cases.update(reference, status, "s01")
    clock.now += timedelta(days=30)
    assert centre.service.following.one(mine["token"]).case is not None
    clock.now += timedelta(days=1)
    with pytest.raises(DomainError) as expired:
        centre.service.following.one(mine["token"])
    assert expired.value.code is ErrorCode.TICKET_EXPIRED


def test_the_slip_for_the_kiosks_printer_carries_the_tickets_token(centre) -> None:
    mine = forwarded(centre)
    reference = centre.service.following.one(mine["token"]).case.case.reference
    op = OPS[m.OpName.CASE_SLIP.value]
    context = Context(
        centre.service,
        centre.staff,
        None,
        "c",
        Role.ADMIN,
        None,
        centre.service.clock,  # type: ignore[arg-type]
    )
    done = op.run(context, m.CaseArgs(reference=reference))
    assert done.slip["token"] == mine["token"]
    assert "token" not in done.result  # the counter's reply
