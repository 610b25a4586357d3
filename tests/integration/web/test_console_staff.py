"""Staff in the console (supervisor): add, set a PIN, change a role, unlock, deactivate."""

from __future__ import annotations

from starlette.testclient import TestClient

from queue_server.domain.staff import StaffRole
from queue_server.web.console import Console

from .conftest import SUPERVISOR, post, sign_in


def test_a_supervisor_adds_a_clerk_who_can_then_sign_in(web: TestClient, console: Console) -> None:
    sign_in(web, SUPERVISOR)
    answer = post(web, "/staff", {"code": "s07", "role": "clerk", "pin": "4321",
                                  "pin_again": "4321"})  # fmt: skip
    assert answer.status_code == 303  # type: ignore[attr-defined]
    assert console.staff.verify("s07", "4321") and console.staff.role("s07") is StaffRole.CLERK
    entry = console.audit.recent(1)[0]
    assert (entry.action, entry.target, entry.after) == (
        "staff.add", "staff s07", {"code": "s07", "role": "clerk", "active": True},
    )  # fmt: skip
    assert "4321" not in str(entry.before) + str(entry.after)


def test_two_different_pins_add_nobody_and_say_so(web: TestClient, console: Console) -> None:
    sign_in(web, SUPERVISOR)
    answer = post(web, "/staff", {"code": "s07", "pin": "4321", "pin_again": "4322"})
    assert answer.status_code == 400  # type: ignore[attr-defined]
    assert "PIN สองช่องไม่ตรงกัน" in answer.text  # type: ignore[attr-defined]
    assert console.staff.role("s07") is None


def test_a_name_is_no_staff_code(web: TestClient, console: Console) -> None:
    sign_in(web, SUPERVISOR)
    answer = post(web, "/staff", {"code": "สมชาย ใจดี", "pin": "4321", "pin_again": "4321"})
    assert answer.status_code == 400  # type: ignore[attr-defined]
    assert "ห้ามใช้ชื่อคน" in answer.text  # type: ignore[attr-defined]


def test_a_supervisor_cannot_make_an_admin(web: TestClient, console: Console) -> None:
    sign_in(web, SUPERVISOR)
    answer = post(web, "/staff/s01/role", {"role": "admin"}, page="/staff")
    assert answer.status_code == 400  # type: ignore[attr-defined]
    assert console.staff.role("s01") is StaffRole.CLERK


def test_a_new_pin_replaces_the_old_one_and_lifts_the_codes_lock(
    web: TestClient, console: Console
) -> None:
    for _ in range(10):
        console.throttle.failed(f"counter-{_}", "s01")
    assert any(code == "s01" for _, code, _ in console.staff.locks(console.clock()))
    sign_in(web, SUPERVISOR)
    post(web, "/staff/s01/pin", {"pin": "8642", "pin_again": "8642"}, page="/staff")
    assert console.staff.verify("s01", "8642") and not console.staff.verify("s01", "1357")
    assert not any(code == "s01" for _, code, _ in console.staff.locks(console.clock()))


def test_unlock_forgives_a_locked_code(web: TestClient, console: Console) -> None:
    for n in range(10):
        console.throttle.failed(f"counter-{n}", "s01")
    sign_in(web, SUPERVISOR)
    assert "ถูกล็อกถึง" in web.get("/staff").text
    post(web, "/staff/s01/unlock", {}, page="/staff")
    assert console.staff.locks(console.clock()) == []


def test_a_deactivated_clerk_can_no_longer_sign_in(web: TestClient, console: Console) -> None:
    sign_in(web, SUPERVISOR)
    post(web, "/staff/s01/deactivate", {}, page="/staff")
    assert console.staff.role("s01") is None and not console.staff.verify("s01", "1357")
    assert console.audit.recent(1)[0].after == {"code": "s01", "role": "clerk", "active": False}


def test_a_supervisor_cannot_deactivate_themselves(web: TestClient, console: Console) -> None:
    sign_in(web, SUPERVISOR)
    answer = post(web, "/staff/sup1/deactivate", {}, page="/staff")
    assert answer.status_code == 400  # type: ignore[attr-defined]
    assert console.staff.role("sup1") is StaffRole.SUPERVISOR


def test_the_audit_page_lists_who_changed_what(web: TestClient, console: Console) -> None:
    sign_in(web, SUPERVISOR)
    post(web, "/staff/s01/role", {"role": "supervisor"}, page="/staff")
    page = web.get("/audit").text
    assert "staff.role" in page and "staff s01" in page and "sup1" in page
