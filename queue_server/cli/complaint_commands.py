"""``oss-queue complaint``: the register of complaints and suggestions (seed 004, item 4).

`add` files one from the server box (what a clerk was told on the phone), `update`
moves one on with the answer given, through the op table as the counter does; `list`
is the register (open ones oldest first) and `show` one complaint with its history
and the contact the citizen agreed to leave.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from queue_server.domain.complaints import Category, Kind, Status
from queue_server.domain.service_day import BANGKOK

from .main import _read, _run_op, config_option, main


@main.group()
def complaint() -> None:
    """Complaints and suggestions: file, answer, close, list (beyond the centre: 1111)."""


def _line(c: Any) -> str:
    number = f"  ticket {c.number}" if c.number else ""
    return (
        f"{c.reference}  {c.kind.value:<10}  {c.category.value:<10}  {c.status.value:<12}"
        f"  {c.age_days} day(s){number}\n    {c.text}"
        + (f"\n    answer: {c.answer}" if c.answer else "")
    )


@complaint.command("add")
@config_option
@click.argument("kind", type=click.Choice([k.value for k in Kind]))
@click.argument("category", type=click.Choice([c.value for c in Category]))
@click.argument("text")
@click.option("--number", help="The ticket it is about, if the citizen gave it.")
@click.option("--contact", help="A phone number, only if the citizen agreed (--consent).")
@click.option("--consent", is_flag=True, help="The citizen agreed to be called back.")
def complaint_add(config_path: Path, kind: str, category: str, text: str, **given: Any) -> None:
    """File a complaint or suggestion (TEXT is scrubbed of phone and ID numbers)."""
    from queue_server.bus.messages import ComplaintWire, OpName

    args = {"kind": kind, "category": category, "text": text}
    args |= {k: v for k, v in given.items() if v not in (None, False)}
    filed = _run_op(config_path, OpName.COMPLAINT_SUBMIT, args)
    click.echo(_line(ComplaintWire.model_validate(filed)))


@complaint.command("update")
@config_option
@click.argument("reference")
@click.argument("status", type=click.Choice([s.value for s in Status][1:]))
@click.option("--staff", required=True, help="Staff code of who answers.")
@click.option("--answer", help="The answer given to the citizen (needed to answer).")
def complaint_update(
    config_path: Path, reference: str, status: str, staff: str, answer: str | None
) -> None:
    """Move complaint REFERENCE (ร-2569-000012) on to STATUS."""
    from queue_server.bus.messages import ComplaintWire, OpName

    args = {"reference": reference, "status": status, "staff": staff, "answer": answer}
    moved = _run_op(config_path, OpName.COMPLAINT_UPDATE, args)
    click.echo(_line(ComplaintWire.model_validate(moved)))


@complaint.command("list")
@config_option
@click.option("--all", "every", is_flag=True, help="Closed ones too, newest first.")
def complaint_list(config_path: Path, every: bool) -> None:
    """The register: open complaints and suggestions, oldest first."""
    from queue_server.bus.messages import ComplaintWire

    listing = _read(config_path, lambda service: service.complaints.listing(open_only=not every))
    for info in listing.complaints:
        click.echo(_line(ComplaintWire.model_validate(info.to_wire())))
    click.echo(f"{len(listing.complaints)} complaint(s) and suggestion(s)")


@complaint.command("show")
@config_option
@click.argument("reference")
def complaint_show(config_path: Path, reference: str) -> None:
    """One complaint with its history (and the contact, if the citizen left one)."""
    from queue_server.bus.messages import ComplaintWire

    info = _read(config_path, lambda service: service.complaints.get(reference))
    click.echo(_line(ComplaintWire.model_validate(info.to_wire())))
    if info.complaint.contact:
        click.echo(f"    contact (with consent, removed at close): {info.complaint.contact}")
    for at, who, status in info.complaint.history:
        click.echo(f"    {at.astimezone(BANGKOK):%Y-%m-%d %H:%M}  {status.value}  by {who}")
