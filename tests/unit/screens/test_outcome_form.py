"""The counter's outcome form, without a window (screens/counter/outcome.py)."""

from assets import DEFAULT_SITE
from queue_server.config import load_site
from queue_server.domain.cases import Channel, Outcome
from screens.counter.outcome import ForwardForm, agencies, outcome_args, suggested

CATALOG = load_site(DEFAULT_SITE).catalog


def test_a_forward_kind_service_suggests_forwarding_anything_else_finished_here() -> None:
    assert suggested(CATALOG, "disability-card") is Outcome.FORWARDED
    assert suggested(CATALOG, "general-petition") is Outcome.DONE_HERE


def test_the_services_own_agency_is_offered_first_then_the_others_once_each() -> None:
    offered = agencies(CATALOG, "disability-card")
    assert offered[0] == CATALOG.get("disability-card").agency.th
    assert len(offered) == len(set(offered)) == len({s.agency.th for s in CATALOG.known})


def test_the_form_asks_for_a_channel_and_keeps_a_contact_only_with_consent() -> None:
    form = ForwardForm("A001", "กรมการขนส่งทางบก")
    assert form.problem() is not None and "ช่องทาง" in form.problem().th
    form.channel, form.contact = Channel.PAPER, "081-234-5678"
    assert "ยินยอม" in form.problem().th
    form.consent = True
    assert form.problem() is None
    assert form.args("1", "s01") == {
        "counter": "1", "staff": "s01", "number": "A001", "outcome": "forwarded",
        "agency": "กรมการขนส่งทางบก", "channel": "paper", "contact": "0812345678",
        "consent": True,
    }  # fmt: skip


def test_an_outcome_that_needs_nothing_more() -> None:
    assert outcome_args("2", "s01", "D001", Outcome.REFERRED)["outcome"] == "referred"


def test_a_case_row_says_its_status_age_and_whether_it_is_late() -> None:
    from queue_server.bus import messages as m
    from screens.counter.outcome import SLIP, case_choices, case_row

    case = m.CaseWire(reference="ส-2569-000007", number="A001", service="disability-card",
                      agency="กรมส่งเสริมฯ", channel="paper", sent_on="2026-11-01",
                      status="received", standard_days=15, age_days=22, overdue=True)  # fmt: skip
    assert case_row(case) == (
        "ส-2569-000007 · A001 · หน่วยงานรับเรื่องแล้ว\nกรมส่งเสริมฯ · 22/15 วัน · เกินกำหนด"
    )
    assert [value for value, _ in case_choices(case)] == ["in_progress", "done", "refused", SLIP]
