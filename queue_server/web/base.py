"""What every console page shares: who is signed in, the form token, the language, a page.

``page(role)`` wraps each handler: no session → the sign-in page; a role too
low → a page that says so (403); a POST without the session's form token →
refused (403) before the handler runs. Handlers get the request, the console
and the user, and answer with ``render`` or a redirect.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Awaitable, Callable
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import quote

from jinja2 import Environment, FileSystemLoader, select_autoescape
from pydantic import ValidationError
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from queue_server.bus.messages import CodedError, describe_validation
from queue_server.bus.refusals import refusal
from queue_server.domain.catalog import Text
from queue_server.domain.errors import DomainError
from queue_server.domain.staff import StaffRole
from queue_server.reports.fiscal import BE_OFFSET
from thaitext.words import thai_date

from .console import Console
from .sessions import COOKIE, User, csrf_of, csrf_ok, new_token
from .words import WORDS, field_words, word

LANG_COOKIE = "oss_lang"
Handler = Callable[[Request, Console, User], Awaitable[Response]]

templates = Environment(
    loader=FileSystemLoader(Path(__file__).with_name("templates")),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
)


def lang_of(request: Request) -> str:
    return "en" if request.cookies.get(LANG_COOKIE) == "en" else "th"


def console_of(request: Request) -> Console:
    return request.app.state.console


def render(
    request: Request,
    template: str,
    user: User | None,
    *,
    http_status: int = 200,
    token: str | None = None,
    **context: Any,
) -> HTMLResponse:
    """A page in the visitor's language; ``token``: a new cookie to set with it."""
    lang = lang_of(request)
    token = token or request.cookies.get(COOKIE) or new_token()

    def t(key: str) -> str:
        return word(key, lang)

    def say(text: Text | None) -> str:
        """Thai or English of anything that has both (the domain's Text, a config name)."""
        return "" if text is None else (text.en if lang == "en" else text.th)

    html = templates.get_template(template).render(
        request=request, user=user, lang=lang, t=t, say=say, csrf=csrf_of(token),
        path=request.url.path, console=console_of(request), words=WORDS, StaffRole=StaffRole,
        thai_date=thai_date, be_date=be_date, field_said=lambda m: field_words(m, lang),
        **context,
    )  # fmt: skip
    response = HTMLResponse(html, status_code=http_status)
    if request.cookies.get(COOKIE) != token:
        set_session_cookie(request, response, token)
    return response


def set_session_cookie(request: Request, response: Response, token: str) -> None:
    response.set_cookie(
        COOKIE, token, httponly=True, samesite="strict", path="/",
        secure=request.url.scheme == "https",
    )  # fmt: skip


def message(request: Request, user: User | None, status: int, text: str) -> HTMLResponse:
    """A page that only says something (refused, not found, went wrong)."""
    return render(request, "message.html", user, http_status=status, message=text)


def redirect(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


async def checked_form(request: Request) -> FormData | None:
    """The POSTed form, or None when its token is not this session's (CSRF)."""
    form = await request.form()
    given = form.get("csrf")
    return (
        form
        if csrf_ok(request.cookies.get(COOKIE), given if isinstance(given, str) else None)
        else None
    )


def refused(request: Request, user: User | None) -> HTMLResponse:
    return message(request, user, 403, word("csrf", lang_of(request)))


def page(
    role: StaffRole = StaffRole.CLERK,
) -> Callable[[Handler], Callable[[Request], Awaitable[Response]]]:
    def wrap(handler: Handler) -> Callable[[Request], Awaitable[Response]]:
        @functools.wraps(handler)
        async def endpoint(request: Request) -> Response:
            console = console_of(request)
            console.refresh()
            user = console.sessions.user(request.cookies.get(COOKIE))
            if user is None:
                wanted = request.url.path if request.method == "GET" else "/"
                return redirect(f"/signin?next={quote(wanted)}")
            if not user.may(role):
                key = "forbidden_admin" if role is StaffRole.ADMIN else "forbidden"
                return message(request, user, 403, word(key, lang_of(request)))
            if request.method == "POST":
                form = await checked_form(request)
                if form is None:
                    return refused(request, user)
                request.state.form = form
            return await handler(request, console, user)

        return endpoint

    return wrap


def typed_number(text: str) -> Any:
    """A number typed in a form (1,500 too); anything else as typed, for the config model
    to name what is wrong; nothing typed is None."""
    text = text.strip().replace(",", "")
    for kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            pass
    return text or None


def be_date(day: date) -> str:
    """5/12/2569: a date as Thai staff write it (Buddhist era)."""
    return f"{day.day}/{day.month}/{day.year + BE_OFFSET}"


def typed_date(text: str | None) -> date | None:
    """A date as staff type it: 5/12/2569 (Buddhist era, as the pages show them), or
    2569-12-05; a Christian-era year (2026) is taken as such. None: not a date."""
    text = (text or "").strip()
    found = re.match(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$", text)
    if found:
        day, month, year = (int(g) for g in found.groups())
    elif found := re.match(r"^(\d{4})-(\d{1,2})-(\d{1,2})$", text):
        year, month, day = (int(g) for g in found.groups())
    else:
        return None
    try:
        return date(year - BE_OFFSET if year > 2400 else year, month, day)
    except ValueError:
        return None


def problem(exc: Exception, lang: str) -> str:
    """What to tell the person about a refused change, in their language."""
    if isinstance(exc, CodedError | DomainError):
        return refusal(str(exc.code), exc.message, getattr(exc, "retry_after", None)).in_lang(lang)
    if isinstance(exc, ValidationError):
        return describe_validation(exc)
    raise exc
