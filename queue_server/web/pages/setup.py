"""The centre's setup (supervisor): opening hours and holidays, counters, priority policy.

Each page edits one section of site.yaml through config.edits: comments kept,
checked by the same loader as `config check` (messages beside their fields),
refused if the section changed since the form was opened, the old file kept
under revisions/. The server applies the saved file within seconds.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from queue_server.config import ConfigError
from queue_server.config.edits import EditConflict, edit_site_section, site_section
from queue_server.domain.priority import PolicyName
from queue_server.domain.staff import StaffRole
from queue_server.ops.holidays import Holiday, add_holidays, days_open, thai_public_holidays
from queue_server.reports.fiscal import BE_OFFSET, thai_long_date

from ..base import lang_of, page, redirect, render, typed_date, typed_number
from ..console import Console
from ..sessions import User
from ..words import word

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def _flow(value: Any) -> Any:
    out = CommentedMap(value) if isinstance(value, dict) else CommentedSeq(value)
    out.fa.set_flow_style()
    return out


def section_problems(exc: ConfigError, key: str) -> tuple[dict[str, str], list[str]]:
    """Problems of section ``key`` by field (``mon``, ``holidays.2.date``, ``1.name.th``);
    the others above the form."""
    fields: dict[str, str] = {}
    general: list[str] = []
    for problem in exc.problems:
        if problem.file.name == "site.yaml" and problem.loc[:1] == (key,) and len(problem.loc) > 1:
            fields[".".join(str(p) for p in problem.loc[1:])] = problem.message
        else:
            general.append(str(problem))
    return fields, general


def _saved(
    request: Request, console: Console, user: User, key: str, change: Callable[[Any], None],
    again: Callable[..., Response], back: str | None = None,
) -> Response:  # fmt: skip
    """Save section ``key`` with ``change``; the page again with what is wrong, if not."""
    form = request.state.form
    before, _ = site_section(console.site, key)
    try:
        site = edit_site_section(console.site, key, str(form.get("expected") or ""), change)
    except EditConflict:
        conflict = [word("conflict", lang_of(request))]
        return again(request, console, user, 409, general=conflict, section=key)
    except ConfigError as exc:
        fields, general = section_problems(exc, key)
        return again(request, console, user, 400, errors=fields, general=general, form=form,
                     section=key)  # fmt: skip
    console.follow(site)
    console.audited(user, f"site.{key}", f"site.yaml {key}", before, site_section(site, key)[0])
    return redirect(f"{back or request.url.path}?saved={key}")


def _setup_page(
    request: Request, console: Console, user: User, template: str, key: str, status: int,
    **context: Any,
) -> Response:  # fmt: skip
    value, expected = site_section(console.site, key)
    return render(
        request, template, user, http_status=status, value=value, expected=expected,
        saved=request.query_params.get("saved"), errors=context.pop("errors", {}),
        general=context.pop("general", []), **context,
    )  # fmt: skip


@page(StaffRole.SUPERVISOR)
async def setup_page(request: Request, console: Console, user: User) -> Response:
    return render(request, "setup.html", user)


# -- opening hours and holidays ------------------------------------------------


def _hours_page(request: Request, console: Console, user: User, status: int = 200,
                **context: Any) -> Response:  # fmt: skip
    today = console.clock().date()
    return _setup_page(
        request, console, user, "hours.html", "hours", status, weekdays=WEEKDAYS,
        this_year=today.year + BE_OFFSET, thai_long_date=thai_long_date,
        date_of=date.fromisoformat, today=today, added=request.query_params.get("added"),
        **context,
    )  # fmt: skip


@page(StaffRole.SUPERVISOR)
async def hours_page(request: Request, console: Console, user: User) -> Response:
    return _hours_page(request, console, user)


def _intervals(text: str) -> list[str]:
    return [
        part.strip().replace(" ", "") for part in text.replace(";", ",").split(",") if part.strip()
    ]


def hours_change(form: FormData) -> Callable[[Any], None]:
    def change(document: Any) -> None:
        hours = document["hours"]
        for day in WEEKDAYS:
            hours[day] = _flow(_intervals(str(form.get(day) or "")))
        hours["stop_issuing_minutes"] = typed_number(str(form.get("stop_issuing_minutes") or "0"))
        listed = hours.get("holidays") or CommentedSeq()
        removed = set(form.getlist("remove"))
        kept = CommentedSeq([h for i, h in enumerate(listed) if str(i) not in removed])
        added = str(form.get("new_date") or "").strip()
        if added:
            entry = {
                "date": typed_date(added) or added,
                "name": str(form.get("new_name") or "").strip() or None,
            }
            kept.append(_flow({k: v for k, v in entry.items() if v is not None}))
        hours["holidays"] = CommentedSeq(sorted(kept, key=lambda h: str(h.get("date"))))

    return change


@page(StaffRole.SUPERVISOR)
async def hours_save(request: Request, console: Console, user: User) -> Response:
    return _saved(request, console, user, "hours", hours_change(request.state.form), _hours_page)


@page(StaffRole.SUPERVISOR)
async def holidays_import(request: Request, console: Console, user: User) -> Response:
    """A year's public holidays (Buddhist days and substitution days included), as
    `oss-queue holidays import` adds them."""
    form = request.state.form
    try:
        year = int(str(form.get("year") or ""))
        wanted = days_open(console.site, thai_public_holidays(year))
    except (ValueError, NotImplementedError):
        return _hours_page(
            request, console, user, 400, general=[word("bad_year", lang_of(request))]
        )
    before, _ = site_section(console.site, "hours")
    added = add_holidays(console.site.path, [Holiday(h.date, h.name) for h in wanted])
    console.refresh()
    console.audited(user, "site.holidays.import", "site.yaml hours", before,
                    site_section(console.site, "hours")[0])  # fmt: skip
    return redirect(f"/hours?saved=1&added={len(added)}")


# -- counters ------------------------------------------------------------------


def _counters_page(request: Request, console: Console, user: User, status: int = 200,
                   **context: Any) -> Response:  # fmt: skip
    return _setup_page(
        request, console, user, "counters.html", "counters", status,
        categories=console.site.catalog.categories, services=console.site.catalog.services,
        **context,
    )  # fmt: skip


@page(StaffRole.SUPERVISOR)
async def counters_page(request: Request, console: Console, user: User) -> Response:
    return _counters_page(request, console, user)


def counters_change(form: FormData) -> Callable[[Any], None]:
    def change(document: Any) -> None:
        counters = document["counters"]
        for i, counter in enumerate(counters):
            name = {lang: str(form.get(f"{i}.name.{lang}") or "").strip() for lang in ("th", "en")}
            counter["name"] = _flow(name)
            for key in ("categories", "services"):
                chosen = [str(v) for v in form.getlist(f"{i}.{key}")]
                if chosen:
                    counter[key] = _flow(chosen)
                elif key in counter:
                    del counter[key]

    return change


@page(StaffRole.SUPERVISOR)
async def counters_save(request: Request, console: Console, user: User) -> Response:
    change = counters_change(request.state.form)
    return _saved(request, console, user, "counters", change, _counters_page)


# -- priority --------------------------------------------------------------------


def _priority_page(request: Request, console: Console, user: User, status: int = 200,
                   **context: Any) -> Response:  # fmt: skip
    return _setup_page(request, console, user, "priority.html", "priority", status,
                       policies=list(PolicyName), **context)  # fmt: skip


@page(StaffRole.SUPERVISOR)
async def priority_page(request: Request, console: Console, user: User) -> Response:
    return _priority_page(request, console, user)


def priority_change(form: FormData) -> Callable[[Any], None]:
    def change(document: Any) -> None:
        priority = document.get("priority")
        if priority is None:
            priority = document["priority"] = CommentedMap()
        priority["policy"] = str(form.get("policy") or "")
        priority["ratio"] = typed_number(str(form.get("ratio") or ""))
        priority["ageing_weight"] = typed_number(str(form.get("ageing_weight") or ""))

    return change


@page(StaffRole.SUPERVISOR)
async def priority_save(request: Request, console: Console, user: User) -> Response:
    change = priority_change(request.state.form)
    return _saved(request, console, user, "priority", change, _priority_page)


# -- the site's own settings (admin) ---------------------------------------------

# section → its fields in the form (dotted: name.th); numbers are typed as such
SITE_FIELDS = {
    "site": ("name.th", "name.en", "short_name.th", "short_name.en"),
    "reports": ("quarterly_due", "due_day", "remind_days"),
    "retention": ("days", "comments_days"),
}
NUMBERS = {"due_day", "remind_days", "days", "comments_days"}


def _site_page(request: Request, console: Console, user: User, status: int = 200,
               **context: Any) -> Response:  # fmt: skip
    sections = {key: site_section(console.site, key) for key in SITE_FIELDS}
    typed = context.pop("form", None), context.get("section")
    shown = {
        key: {field: _field(value, field) for field in SITE_FIELDS[key]}
        for key, (value, _) in sections.items()
    }
    if typed[0] is not None and typed[1] in shown:  # what was typed, with what is wrong
        shown[typed[1]] = {f: str(typed[0].get(f) or "") for f in SITE_FIELDS[typed[1]]}
    return render(
        request, "site.html", user, http_status=status, sections=sections, shown=shown,
        saved=request.query_params.get("saved"), errors=context.pop("errors", {}),
        general=context.pop("general", []), site_id=console.site.id, site_fields=SITE_FIELDS,
        **context,
    )  # fmt: skip


def _field(section: Any, field: str) -> str:
    value = section
    for part in field.split("."):
        value = (value or {}).get(part)
    return "" if value is None else str(value)


@page(StaffRole.ADMIN)
async def site_page(request: Request, console: Console, user: User) -> Response:
    return _site_page(request, console, user)


def fields_change(key: str, form: FormData) -> Callable[[Any], None]:
    """Set each of the section's form fields (``name.th`` → section[name][th])."""

    def change(document: Any) -> None:
        section = document.get(key)
        if section is None:
            section = document[key] = CommentedMap()
        for field in SITE_FIELDS[key]:
            text = str(form.get(field) or "").strip()
            *path, last = field.split(".")
            target = section
            for part in path:
                if target.get(part) is None:
                    target[part] = _flow({})
                target = target[part]
            if text or last in target:
                target[last] = typed_number(text) if field in NUMBERS else text

    return change


@page(StaffRole.ADMIN)
async def site_save(request: Request, console: Console, user: User) -> Response:
    key = request.path_params["section"]
    if key not in SITE_FIELDS:
        return _site_page(request, console, user, 404)
    change = fields_change(key, request.state.form)
    return _saved(request, console, user, key, change, _site_page, back="/site")


routes = [
    Route("/site", site_page, methods=["GET"]),
    Route("/site/{section}", site_save, methods=["POST"]),
    Route("/setup", setup_page),
    Route("/hours", hours_page, methods=["GET"]),
    Route("/hours", hours_save, methods=["POST"]),
    Route("/hours/import", holidays_import, methods=["POST"]),
    Route("/counters", counters_page, methods=["GET"]),
    Route("/counters", counters_save, methods=["POST"]),
    Route("/priority", priority_page, methods=["GET"]),
    Route("/priority", priority_save, methods=["POST"]),
]
