"""``oss-queue case``: outcomes of completed tickets and the forwarded cases followed.

`record` and `update` run the op table's own operations (`ticket.outcome`,
`case.update`) on this box, as the counter terminal does over the bus; `list`
is the follow-up list (open cases, oldest first, overdue ones marked) and `show`
one case with its history, and the contact the citizen agreed to leave (on the
server box only: it never goes over the bus).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from queue_server.domain.cases import CaseStatus, Channel, Outcome
from queue_server.domain.service_day import BANGKOK

from .main import _read, _run_op, config_option, main


@main.group()
def case() -> None:
    """Record what became of a ticket; follow forwarded cases (รับเรื่อง-ส่งต่อ)."""


def _case_line(case: Any) -> str:
    ref = f"  agency ref {case.agency_ref}" if case.agency_ref else ""
    late = "  OVERDUE" if case.overdue else ""
    return (
        f"{case.reference}  {case.number}  {case.status.value:<11}  {case.agency}"
        f"  sent {case.sent_on}  {case.age_days}/{case.standard_days} days{ref}{late}"
    )


@case.command("record")
@config_option
@click.argument("number")
@click.argument("outcome", type=click.Choice([o.value for o in Outcome]))
@click.option("--staff", required=True, help="Staff code of who records it.")
@click.option("--counter", "counter_id", default="cli", help="Where it is recorded from.")
@click.option("--agency", help="Forwarded: the agency, as named in the catalog.")
@click.option("--channel", type=click.Choice([c.value for c in Channel]), help="Forwarded: how.")
@click.option("--agency-ref", help="Forwarded: the agency's reference number, if given.")
@click.option("--sent-on", type=click.DateTime(["%Y-%m-%d"]), help="Forwarded: default today.")
@click.option("--contact", help="A phone number, only if the citizen agreed (--consent).")
@click.option("--consent", is_flag=True, help="The citizen agreed to be called back.")
def case_record(
    config_path: Path, number: str, outcome: str, staff: str, counter_id: str, **given: Any
) -> None:
    """Record the OUTCOME of ticket NUMBER, completed today (forwarded opens a case)."""
    from queue_server.bus.messages import OpName, OutcomeWire

    if given["sent_on"] is not None:
        given["sent_on"] = given["sent_on"].date()
    args = {"counter": counter_id, "staff": staff, "number": number, "outcome": outcome}
    args |= {k: v for k, v in given.items() if v not in (None, False)}
    done = OutcomeWire.model_validate(_run_op(config_path, OpName.TICKET_OUTCOME, args))
    click.echo(f"{done.number}: {done.outcome.value}")
    if done.case is not None:
        click.echo(_case_line(done.case))


@case.command("update")
@config_option
@click.argument("reference")
@click.argument("status", type=click.Choice([s.value for s in CaseStatus][1:]))
@click.option("--staff", required=True, help="Staff code of who updates it.")
@click.option("--agency-ref", help="The agency's reference number, when it gives one.")
def case_update(
    config_path: Path, reference: str, status: str, staff: str, agency_ref: str | None
) -> None:
    """Move case REFERENCE (ส-2569-000123) on to STATUS."""
    from queue_server.bus.messages import CaseWire, OpName

    args = {"reference": reference, "status": status, "staff": staff, "agency_ref": agency_ref}
    click.echo(_case_line(CaseWire.model_validate(_run_op(config_path, OpName.CASE_UPDATE, args))))


@case.command("list")
@config_option
@click.option("--all", "every", is_flag=True, help="Every case, newest first, not only open ones.")
@click.option("--overdue", is_flag=True, help="Only cases past their standard time.")
def case_list(config_path: Path, every: bool, overdue: bool) -> None:
    """The follow-up list: open cases, oldest first, with their age against the standard."""
    from queue_server.bus.messages import CaseWire

    listing = _read(config_path, lambda service: service.cases.listing(open_only=not every))
    shown = [CaseWire.model_validate(c.to_wire()) for c in listing.cases]
    shown = [c for c in shown if c.overdue] if overdue else shown
    for wire in shown:
        click.echo(_case_line(wire))
    late = sum(1 for c in shown if c.overdue)
    click.echo(f"{len(shown)} case(s), {late} overdue")


@case.command("show")
@config_option
@click.argument("reference")
def case_show(config_path: Path, reference: str) -> None:
    """One case with its history (and the contact, if the citizen left one)."""
    from queue_server.bus.messages import CaseWire

    info = _read(config_path, lambda service: service.cases.get(reference))
    click.echo(_case_line(CaseWire.model_validate(info.to_wire())))
    click.echo(f"  service {info.case.service}, channel {info.case.channel.value}")
    if info.case.contact:
        click.echo(f"  contact (with consent, removed once informed): {info.case.contact}")
    for change in info.case.history:
        when = change.at.astimezone(BANGKOK).strftime("%Y-%m-%d %H:%M")
        click.echo(f"  {when}  {change.status.value}  by {change.staff}")
