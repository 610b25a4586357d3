"""Signing in to the console, sessions, CSRF, roles and what a page says when it fails."""

from __future__ import annotations

from datetime import timedelta

from starlette.routing import Route
from starlette.testclient import TestClient

from queue_server.web.console import Console
from queue_server.web.sessions import COOKIE

from .conftest import CLERK, SUPERVISOR, csrf_of, post, sign_in


def test_a_page_without_a_session_sends_to_the_sign_in_page(web: TestClient) -> None:
    answer = web.get("/cases")
    assert answer.status_code == 303
    assert answer.headers["location"] == "/signin?next=/cases"


def test_staff_sign_in_with_their_code_and_pin_and_land_where_they_were_going(
    web: TestClient,
) -> None:
    token = csrf_of(web.get("/signin?next=/cases").text)
    answer = web.post("/signin", data={"staff": "s01", "pin": "1357", "csrf": token,
                                       "next": "/cases"})  # fmt: skip
    assert answer.status_code == 303 and answer.headers["location"] == "/cases"
    assert web.get("/cases").status_code == 200


def test_the_session_cookie_is_http_only_and_same_site_strict_and_changes_at_sign_in(
    web: TestClient,
) -> None:
    web.get("/signin")
    before = web.cookies[COOKIE]
    token = csrf_of(web.get("/signin").text)
    answer = web.post("/signin", data={"staff": "s01", "pin": "1357", "csrf": token})
    cookie = answer.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie
    assert web.cookies[COOKIE] != before  # nothing from before sign-in signs anyone in


def test_a_wrong_pin_is_refused_in_thai_and_signs_nobody_in(web: TestClient) -> None:
    token = csrf_of(web.get("/signin").text)
    answer = web.post("/signin", data={"staff": "s01", "pin": "0000", "csrf": token})
    assert answer.status_code == 401
    assert "รหัสเจ้าหน้าที่หรือ PIN ไม่ถูกต้อง" in answer.text
    assert web.get("/floor").status_code == 303


def test_sign_ins_from_one_address_are_throttled_like_a_counter_and_say_how_long(
    web: TestClient,
) -> None:
    for _ in range(5):
        token = csrf_of(web.get("/signin").text)
        web.post("/signin", data={"staff": "s01", "pin": "0000", "csrf": token})
    token = csrf_of(web.get("/signin").text)
    answer = web.post("/signin", data={"staff": "s01", "pin": "1357", "csrf": token})
    assert answer.status_code == 429  # the right PIN too, until the lock lifts
    assert "กรุณารอ" in answer.text and "วินาที" in answer.text


def test_a_sign_in_without_the_form_token_is_refused(web: TestClient) -> None:
    web.get("/signin")
    answer = web.post("/signin", data={"staff": "s01", "pin": "1357"})
    assert answer.status_code == 403
    assert web.get("/floor").status_code == 303


def test_every_form_of_the_console_refuses_a_post_without_its_token(
    web: TestClient, console: Console
) -> None:
    sign_in(web, SUPERVISOR)
    token = console.centre.service.issue("general-petition").wire["token"]  # a phone's form
    posts = [
        r.path.replace("{reference}", "ส-2569-000001").replace("{code}", "s01")
        .replace("{what}", "deactivate").replace("{token:str}", token)
        for r in web.app.routes if isinstance(r, Route) and "POST" in (r.methods or ())
    ]  # fmt: skip
    assert len(posts) >= 6
    for path in posts:
        answer = web.post(path, data={"status": "closed", "code": "x1", "pin": "1234"})
        assert answer.status_code == 403, path
        answer = web.post(path, data={"csrf": "0" * 64, "status": "closed"})
        assert answer.status_code == 403, path
    assert next(m for m in console.staff.members() if m[0] == "s01")[1]  # still active


def test_a_clerk_is_refused_the_supervisors_pages(web: TestClient) -> None:
    sign_in(web, CLERK)
    for path in ("/staff", "/audit"):
        answer = web.get(path)
        assert answer.status_code == 403
        assert "หัวหน้าศูนย์" in answer.text
    assert 'href="/staff"' not in web.get("/cases").text  # nor offered them


def test_a_clerk_cannot_change_staff_even_with_a_valid_form_token(web: TestClient) -> None:
    sign_in(web, CLERK)
    token = csrf_of(web.get("/cases").text)
    answer = web.post("/staff/sup1/deactivate", data={"csrf": token})
    assert answer.status_code == 403


def test_signing_out_ends_the_session(web: TestClient) -> None:
    sign_in(web)
    post(web, "/signout", {}, page="/floor")
    assert web.get("/floor").status_code == 303


def test_a_session_ends_after_a_working_day(web: TestClient, clock) -> None:  # type: ignore[no-untyped-def]
    sign_in(web)
    clock.now += timedelta(hours=10, minutes=1)
    assert web.get("/floor").status_code == 303


def test_a_deactivated_code_is_signed_out_at_once(web: TestClient, console: Console) -> None:
    sign_in(web)
    console.staff.deactivate("s01")
    assert web.get("/floor").status_code == 303


def test_after_sign_in_the_console_goes_only_to_its_own_pages(web: TestClient) -> None:
    token = csrf_of(web.get("/signin").text)
    answer = web.post("/signin", data={"staff": "s01", "pin": "1357", "csrf": token,
                                       "next": "https://evil.example/"})  # fmt: skip
    assert answer.headers["location"] == "/"
    for elsewhere in ("//evil.example/x", "/\\evil.example", "javascript:alert(1)"):
        answer = web.get(f"/signin?next={elsewhere}")  # signed in: straight on
        assert answer.headers["location"] == "/", elsewhere


def test_pages_forbid_frames_and_other_sites_scripts(web: TestClient) -> None:
    headers = web.get("/signin").headers
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert "script-src 'self'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"


def test_an_unknown_page_says_so_in_thai_without_a_trace(web: TestClient) -> None:
    sign_in(web)
    answer = web.get("/no-such-page")
    assert answer.status_code == 404
    assert "ไม่พบหน้าที่ต้องการ" in answer.text and "Traceback" not in answer.text


def test_the_english_switch_keeps_the_page(web: TestClient) -> None:
    sign_in(web)
    answer = web.get("/lang/en?next=/cases")
    assert answer.headers["location"] == "/cases"
    assert "Forwarded cases" in web.get("/cases").text
