"""The centre's setup in the console: opening hours and holidays, counters, priority."""

from __future__ import annotations

from datetime import date

from starlette.testclient import TestClient

from queue_server.config import load_site
from queue_server.config.edits import edit_site_section, site_section
from queue_server.domain.priority import PolicyName
from queue_server.web.console import Console

from .conftest import ADMIN, CLERK, SUPERVISOR, csrf_of, sign_in
from .test_console_catalog import form_of


def setup_form(web: TestClient, path: str) -> dict[str, str]:
    html = web.get(path).text
    return form_of(html[html.index(f'<form method="post" action="{path}"') :])


def test_opening_hours_are_changed_and_the_comments_of_site_yaml_stay(
    web: TestClient, console: Console
) -> None:
    sign_in(web, SUPERVISOR)
    form = setup_form(web, "/hours")
    answer = web.post(
        "/hours", data={**form, "sat": "08:30-12:00", "fri": "08:30-12:00, 13:00-16:30"}
    )
    assert answer.status_code == 303, answer.text
    site = load_site(console.site.path)
    assert site.config.hours.sat == ["08:30-12:00"]
    assert site.config.hours.fri == ["08:30-12:00", "13:00-16:30"]
    assert "# Stop issuing tickets this many minutes before closing." in site.path.read_text()
    assert console.audit.recent(1)[0].action == "site.hours"


def test_overlapping_hours_are_refused_beside_the_day_and_nothing_changes(
    web: TestClient, console: Console
) -> None:
    before = console.site.path.read_bytes()
    sign_in(web, SUPERVISOR)
    form = setup_form(web, "/hours")
    answer = web.post("/hours", data={**form, "mon": "08:30-12:00, 11:00-16:30"})
    assert answer.status_code == 400
    around = answer.text[answer.text.index('name="mon"') :][:400]
    assert "ช่วงเวลาซ้อนกัน" in around and "overlap" in around  # Thai, then config check's words
    assert console.site.path.read_bytes() == before


def test_a_holiday_is_added_and_another_removed(web: TestClient, console: Console) -> None:
    sign_in(web, SUPERVISOR)
    holidays = site_section(console.site, "hours")[0]["holidays"]
    gone = next(i for i, h in enumerate(holidays) if h["date"] == "2026-12-10")
    form = setup_form(web, "/hours")
    answer = web.post("/hours", data={**form, "new_date": "25/12/2569", "new_name": "วันพิเศษ",
                                      "remove": str(gone)})  # fmt: skip
    assert answer.status_code == 303, answer.text
    days = {h.date for h in load_site(console.site.path).config.hours.holidays}
    assert date(2026, 12, 25) in days and date(2026, 12, 10) not in days


def test_a_years_public_holidays_are_imported(web: TestClient, console: Console) -> None:
    sign_in(web, SUPERVISOR)
    token = csrf_of(web.get("/hours").text)
    answer = web.post("/hours/import", data={"csrf": token, "year": "2571"})
    assert answer.status_code == 303
    days = {h.date for h in load_site(console.site.path).config.hours.holidays}
    assert date(2028, 4, 13) in days  # สงกรานต์ 2571
    assert "เพิ่มวันหยุด" in web.get(answer.headers["location"]).text


def test_a_counter_is_set_to_serve_one_category_and_a_service(
    web: TestClient, console: Console
) -> None:
    sign_in(web, SUPERVISOR)
    form = setup_form(web, "/counters")
    data = {k: v for k, v in form.items() if not k.startswith("0.")}
    data |= {"0.name.th": "ช่องบริการ 1", "0.name.en": "Counter 1", "0.categories": "labour",
             "0.services": "general-petition"}  # fmt: skip
    answer = web.post("/counters", data=data)
    assert answer.status_code == 303, answer.text
    first = load_site(console.site.path).counter_setups()[0]
    assert "general-petition" in first.services and "smart-job-center" in first.services
    assert "driving-licence-queue" not in first.services


def test_a_counter_without_a_name_is_refused_beside_its_field(
    web: TestClient, console: Console
) -> None:
    sign_in(web, SUPERVISOR)
    form = setup_form(web, "/counters")
    answer = web.post("/counters", data={**form, "1.name.th": ""})
    assert answer.status_code == 400
    around = answer.text[answer.text.index('name="1.name.th"') :][:400]
    assert 'class="field-error"' in around


def test_the_priority_policy_changes_and_a_stale_form_is_refused(
    web: TestClient, console: Console
) -> None:
    sign_in(web, SUPERVISOR)
    stale = setup_form(web, "/priority")
    answer = web.post("/priority", data={**stale, "policy": "ageing", "ageing_weight": "3"})
    assert answer.status_code == 303
    assert load_site(console.site.path).config.priority.policy is PolicyName.AGEING
    answer = web.post("/priority", data={**stale, "policy": "strict"})  # made before that save
    assert answer.status_code == 409
    assert load_site(console.site.path).config.priority.policy is PolicyName.AGEING


def test_a_clerk_may_not_change_the_setup(web: TestClient) -> None:
    sign_in(web, CLERK)
    for path in ("/setup", "/hours", "/counters", "/priority"):
        assert web.get(path).status_code == 403, path


def test_a_section_edit_checks_what_the_form_saw(console: Console) -> None:
    _, seen = site_section(console.site, "priority")
    edit_site_section(console.site, "priority", seen, lambda d: d["priority"].update(ratio=3))
    assert site_section(console.site, "priority")[0]["ratio"] == 3


def test_the_admin_renames_the_centre_and_sets_when_the_report_is_due(
    web: TestClient, console: Console
) -> None:
    sign_in(web, ADMIN)
    page = web.get("/site").text
    name = form_of(page[page.index('action="/site/site"') - 30 :])
    answer = web.post("/site/site", data={**name, "name.th": "ศูนย์บริการร่วม เทศบาลทดสอบ"})
    assert answer.status_code == 303 and answer.headers["location"] == "/site?saved=site"
    page = web.get("/site").text
    due = form_of(page[page.index('action="/site/reports"') - 30 :])
    web.post("/site/reports", data={**due, "quarterly_due": "month_after", "due_day": "15"})
    config = load_site(console.site.path).config
    assert config.site.name.th == "ศูนย์บริการร่วม เทศบาลทดสอบ"
    assert (config.reports.quarterly_due, config.reports.due_day) == ("month_after", 15)


def test_a_retention_below_the_reports_needs_is_refused_beside_its_field(
    web: TestClient, console: Console
) -> None:
    sign_in(web, ADMIN)
    page = web.get("/site").text
    kept = form_of(page[page.index('action="/site/retention"') - 30 :])
    answer = web.post("/site/retention", data={**kept, "days": "7"})
    assert answer.status_code == 400
    around = answer.text[answer.text.index('name="days"') :][:300]
    assert 'class="field-error"' in around and 'value="7"' in answer.text
    assert load_site(console.site.path).config.retention.days == 730


def test_a_supervisor_may_not_change_the_site_settings(web: TestClient) -> None:
    sign_in(web, SUPERVISOR)
    assert web.get("/site").status_code == 403
