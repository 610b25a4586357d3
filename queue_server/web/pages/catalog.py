"""The catalog (supervisor): categories and services, each service's documents (with
their Zero-Copy rule), its citizens' manual and e-service link; add, edit, withdraw.

A save goes through config.catalog_edits: checked as `config check` checks the
file (each message shown beside its field), refused if the service changed
since the form was opened, kept as a revision, and picked up by the server as
any edit of the file is.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from queue_server.config import ConfigError
from queue_server.config.catalog_edits import (
    category_entries,
    put_category,
    put_service,
    service_entries,
    withdraw_service,
)
from queue_server.config.edits import EditConflict, fingerprint
from queue_server.config.models import DocumentModel
from queue_server.domain.catalog import KIND_NAMES, ZERO_COPY, CopyRule, ServiceKind
from queue_server.domain.staff import StaffRole

from ..base import lang_of, message, page, redirect, render, typed_number
from ..console import Console
from ..sessions import User
from ..words import word

BLANK_DOCUMENTS = 3  # empty rows under a service's documents, for new ones
ORDER = ("code", "prefix", "kind", "category", "name", "agency", "typical_minutes",
         "eservice_url", "seed_text", "manual", "documents")  # fmt: skip


@page(StaffRole.SUPERVISOR)
async def catalog_page(request: Request, console: Console, user: User) -> Response:
    site, saved = console.site, request.query_params.get("saved")
    return render(
        request, "catalog.html", user, categories=site.catalog.categories,
        services=site.catalog.services, kinds=KIND_NAMES, copy=CopyRule,
        saved=saved, saved_name=site.catalog.get(saved).name if saved in site.catalog else None,
        category_marks={c: fingerprint(e) for c, e in category_entries(site).items()},
        gone=request.query_params.get("withdrawn"),
    )  # fmt: skip


def _form_page(
    request: Request, console: Console, user: User, entry: dict[str, Any], expected: str | None,
    status: int = 200, errors: dict[str, str] | None = None, general: list[str] | None = None,
) -> Response:  # fmt: skip
    listed = [d for d in entry.get("documents") or [] if isinstance(d, dict)]
    documents = [{**d, "copy": _copy_rule(d)} for d in listed] + [{}] * BLANK_DOCUMENTS
    manual = entry.get("manual") or {}
    steps = "\n".join(f"{s.get('th', '')} | {s.get('en', '')}" for s in manual.get("steps") or [])
    return render(
        request, "catalog_service.html", user, http_status=status, entry=entry,
        manual=manual, steps=steps, documents=documents, expected=expected or "",
        is_new=expected is None, kinds=KIND_NAMES, copies=ZERO_COPY,
        categories=console.site.catalog.categories, errors=errors or {},
        general=general or [],
    )  # fmt: skip


def _copy_rule(document: dict[str, Any]) -> str:
    """The document's Zero-Copy rule as the catalog means it (left out: by its name)."""
    try:
        return DocumentModel.model_validate(document).zero_copy.value
    except ValidationError:
        return str(document.get("copy") or CopyRule.ORIGINAL.value)


@page(StaffRole.SUPERVISOR)
async def service_page(request: Request, console: Console, user: User) -> Response:
    code = request.path_params["code"]
    if code == "new":
        return _form_page(request, console, user, {"kind": ServiceKind.ONSITE.value}, None)
    found = service_entries(console.site).get(code)
    if found is None:
        return message(request, user, 404, word("not_found", lang_of(request)))
    return _form_page(request, console, user, found[1], fingerprint(found[1]))


def _pair(form: FormData, name: str) -> dict[str, str] | None:
    th, en = (str(form.get(f"{name}.{lang}") or "").strip() for lang in ("th", "en"))
    return {"th": th, "en": en} if th or en else None


def entry_of(form: FormData, before: dict[str, Any]) -> dict[str, Any]:
    """The service entry the form describes; fields it does not show are kept as before."""
    values: dict[str, Any] = dict(before)
    values["code"] = str(form.get("code") or before.get("code") or "").strip()
    for key in ("prefix", "kind", "category"):
        values[key] = str(form.get(key) or "").strip()
    values["name"], values["agency"] = _pair(form, "name"), _pair(form, "agency")
    values["typical_minutes"] = typed_number(str(form.get("typical_minutes") or ""))
    values["eservice_url"] = str(form.get("eservice_url") or "").strip() or None
    documents = []
    for i in range(int(str(form.get("document_rows") or 0))):
        pair = _pair(form, f"doc.{i}")
        if pair:
            documents.append({**pair, "copy": str(form.get(f"doc.{i}.copy") or "original")})
    values["documents"] = documents
    steps = []
    for line in str(form.get("manual.steps") or "").splitlines():
        if line.strip():
            th, _, en = line.partition("|")
            steps.append({"th": th.strip(), "en": en.strip()})
    manual = dict(before.get("manual") or {})
    manual.update(
        steps=steps, fee_baht=typed_number(str(form.get("manual.fee_baht") or "0")),
        fee_note=_pair(form, "manual.fee_note"),
        standard_minutes=typed_number(str(form.get("manual.standard_minutes") or "")),
        standard_days=typed_number(str(form.get("manual.standard_days") or "")),
        unit=_pair(form, "manual.unit"), checked=form.get("manual.checked") == "on",
    )  # fmt: skip
    values["manual"] = manual
    return {key: values[key] for key in ORDER if key in values} | {
        k: v for k, v in values.items() if k not in ORDER
    }


def field_problems(exc: ConfigError) -> tuple[dict[str, str], list[str]]:
    """Each problem beside its field (``name.th``, ``doc.0.en``, ``manual.fee_baht``), the
    rest (another file, the catalog as a whole) above the form."""
    fields: dict[str, str] = {}
    general: list[str] = []
    for problem in exc.problems:
        loc = problem.loc
        if problem.file.name != "site.yaml" and len(loc) > 2 and loc[0] == "services":
            rest = [str(part) for part in loc[2:]]
            key = "doc." + ".".join(rest[1:]) if rest[0] == "documents" else ".".join(rest)
            fields[key] = problem.message
        else:
            general.append(str(problem))
    return fields, general


@page(StaffRole.SUPERVISOR)
async def service_save(request: Request, console: Console, user: User) -> Response:
    form, lang = request.state.form, lang_of(request)
    code = request.path_params["code"]
    expected = None if code == "new" else str(form.get("expected") or "")
    before = {} if expected is None else (service_entries(console.site).get(code) or (0, {}))[1]
    entry = entry_of(form, before)
    if expected is not None:
        entry["code"] = code  # a service keeps its code (tickets and reports use it)
    try:
        site = put_service(console.site, entry, expected)
    except EditConflict:
        return _form_page(request, console, user, entry, expected, 409,
                          general=[word("conflict", lang)])  # fmt: skip
    except ConfigError as exc:
        fields, general = field_problems(exc)
        return _form_page(request, console, user, entry, expected, 400, fields, general)
    console.follow(site)
    action = "catalog.add" if expected is None else "catalog.edit"
    console.audited(user, action, f"service {entry['code']}", before or None, entry)
    return redirect(f"/catalog?saved={entry['code']}")


@page(StaffRole.SUPERVISOR)
async def service_withdraw(request: Request, console: Console, user: User) -> Response:
    form, lang = request.state.form, lang_of(request)
    code = request.path_params["code"]
    before = (service_entries(console.site).get(code) or (0, None))[1]
    try:
        site = withdraw_service(console.site, code, str(form.get("expected") or ""))
    except EditConflict:
        return message(request, user, 409, word("conflict", lang))
    except ConfigError as exc:
        return message(request, user, 400, "; ".join(str(p) for p in exc.problems))
    console.follow(site)
    console.audited(user, "catalog.withdraw", f"service {code}", before, None)
    return redirect(f"/catalog?withdrawn={code}")


@page(StaffRole.SUPERVISOR)
async def category_save(request: Request, console: Console, user: User) -> Response:
    """``/categories`` adds one; ``/categories/{id}`` renames it (its id stays)."""
    form, lang = request.state.form, lang_of(request)
    wanted = request.path_params.get("id")
    expected = str(form.get("expected") or "") if wanted else None
    values = {"id": wanted or str(form.get("id") or "").strip(), "name": _pair(form, "name")}
    before = category_entries(console.site).get(values["id"]) if wanted else None
    try:
        site = put_category(console.site, values, expected)
    except EditConflict:
        return message(request, user, 409, word("conflict", lang))
    except ConfigError as exc:
        problems = "; ".join(p.message for p in exc.problems)
        return message(request, user, 400, f"{word('not_saved', lang)} ({problems})")
    console.follow(site)
    action = "catalog.category_edit" if wanted else "catalog.category_add"
    console.audited(user, action, f"category {values['id']}", before, values)
    return redirect(f"/catalog?saved={values['id']}")


routes = [
    Route("/catalog", catalog_page),
    Route("/categories", category_save, methods=["POST"]),
    Route("/categories/{id}", category_save, methods=["POST"]),
    Route("/catalog/{code}", service_page, methods=["GET"]),
    Route("/catalog/{code}", service_save, methods=["POST"]),
    Route("/catalog/{code}/withdraw", service_withdraw, methods=["POST"]),
]
