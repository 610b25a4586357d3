"""The catalog in the console: a service edited, added and withdrawn, checked as
`config check` checks the file, without overwriting someone else's save."""

from __future__ import annotations

import re
from typing import Any

from starlette.testclient import TestClient

from queue_server.config import load_site
from queue_server.config.catalog_edits import put_service, service_entries
from queue_server.config.edits import fingerprint
from queue_server.web.console import Console

from .conftest import CLERK, SUPERVISOR, csrf_of, sign_in

PETITION = "general-petition"


def form_of(html: str) -> dict[str, Any]:
    """The first POST form's fields as the browser would send them (inputs, selects,
    textareas; ticked boxes and radios, a list where a name repeats)."""
    starts = [m.start() for m in re.finditer('<form method="post" action="(?!/signout)', html)]
    form = html[starts[0] :]  # the page's own form (not the header's sign-out)
    form = form[: form.index("</form>")]
    fields: dict[str, Any] = {}
    for tag in re.finditer(r"<input ([^>]*)>", form):
        attrs = dict(re.findall(r'(\w+)="([^"]*)"', tag[1]))
        if "name" not in attrs or "disabled" in tag[1]:
            continue
        if attrs.get("type") in ("checkbox", "radio"):
            if re.search(r"\schecked\b", tag[1]):
                value = attrs.get("value", "on")
                had = fields.get(attrs["name"])
                fields[attrs["name"]] = value if had is None else [*as_list(had), value]
            continue
        fields[attrs["name"]] = attrs.get("value", "")
    for select in re.finditer(r'<select name="([^"]+)"[^>]*>(.*?)</select>', form, re.S):
        chosen = re.search(r'<option value="([^"]*)" selected', select[2]) or re.search(
            r'<option value="([^"]*)"', select[2]
        )
        fields[select[1]] = chosen[1] if chosen else ""
    for area in re.finditer(r'<textarea name="([^"]+)"[^>]*>(.*?)</textarea>', form, re.S):
        fields[area[1]] = area[2]
    return {k: [html_text(v) for v in v] if isinstance(v, list) else html_text(v)
            for k, v in fields.items()}  # fmt: skip


def html_text(value: str) -> str:
    return value.replace("&amp;", "&").replace("&#34;", '"').replace("&#39;", "'")


def as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def opened(web: TestClient, code: str = PETITION) -> dict[str, str]:
    return form_of(web.get(f"/catalog/{code}").text)


def test_a_supervisor_renames_a_service_and_the_file_keeps_its_comments_and_a_revision(
    web: TestClient, console: Console
) -> None:
    catalog = console.site.resolve(console.site.config.catalog)
    sign_in(web, SUPERVISOR)
    form = opened(web)
    answer = web.post(f"/catalog/{PETITION}", data={**form, "name.th": "คำร้องทั่วไป (ทุกเรื่อง)"})
    assert answer.status_code == 303, answer.text
    text = catalog.read_text(encoding="utf-8")
    assert "คำร้องทั่วไป (ทุกเรื่อง)" in text
    assert text.startswith("# บัญชีงานบริการของศูนย์บริการร่วม")  # the centre's comments stay
    assert load_site(console.site.path).catalog.get(PETITION).name.th == "คำร้องทั่วไป (ทุกเรื่อง)"
    revisions = list((console.site.base_dir / "revisions").glob("catalog-*.yaml"))
    assert len(revisions) == 1 and "คำร้องทั่วไป (ทุกเรื่อง)" not in revisions[0].read_text()
    assert "คำร้องทั่วไป (ทุกเรื่อง)" in web.get("/catalog").text
    entry = console.audit.recent(1)[0]
    assert (entry.action, entry.target) == ("catalog.edit", f"service {PETITION}")
    assert entry.before["name"]["th"] == "คำร้องทั่วไป"


def test_a_bad_edit_says_what_is_wrong_beside_each_field_and_changes_nothing(
    web: TestClient, console: Console
) -> None:
    catalog = console.site.resolve(console.site.config.catalog)
    before = catalog.read_bytes()
    sign_in(web, SUPERVISOR)
    form = opened(web)
    answer = web.post(f"/catalog/{PETITION}", data={
        **form, "typical_minutes": "ห้านาที", "eservice_url": "not a link", "name.th": "",
    })  # fmt: skip
    assert answer.status_code == 400
    page = answer.text
    assert "ยังไม่ได้บันทึก" in page
    for field in ("typical_minutes", "eservice_url", "name.th"):
        around = page[page.index(f'name="{field}"') :][:600]
        assert 'class="field-error"' in around, field
    assert catalog.read_bytes() == before
    assert console.audit.recent() == []


def test_two_supervisors_editing_one_service_the_second_is_told_not_overwritten(
    web: TestClient, console: Console
) -> None:
    catalog = console.site.resolve(console.site.config.catalog)
    sign_in(web, SUPERVISOR)
    mine = opened(web)
    first = service_entries(console.site)[PETITION][1]
    put_service(console.site, {**first, "typical_minutes": 12}, fingerprint(first))  # theirs
    answer = web.post(f"/catalog/{PETITION}", data={**mine, "name.th": "ของฉัน"})
    assert answer.status_code == 409
    assert "มีผู้อื่นบันทึกบริการนี้ไปก่อนหน้า" in answer.text
    text = catalog.read_text(encoding="utf-8")
    assert "ของฉัน" not in text and "typical_minutes: 12" in text


def test_a_new_service_is_added_with_its_documents_and_their_zero_copy_rule(
    web: TestClient, console: Console
) -> None:
    sign_in(web, SUPERVISOR)
    form = form_of(web.get("/catalog/new").text)
    answer = web.post("/catalog/new", data={
        **form, "code": "pet-licence", "prefix": "D", "category": "local", "kind": "onsite",
        "name.th": "ขึ้นทะเบียนสุนัขและแมว", "name.en": "Register a dog or cat",
        "agency.th": "อบต.แม่กรณ์", "agency.en": "Mae Korn SAO", "typical_minutes": "5",
        "doc.0.th": "บัตรประจำตัวประชาชน", "doc.0.en": "Thai ID card", "doc.0.copy": "original",
        "doc.1.th": "สำเนาทะเบียนบ้าน", "doc.1.en": "House registration copy",
        "doc.1.copy": "copy", "manual.steps": "ยื่นคำขอ | Hand in the request",
    })  # fmt: skip
    assert answer.status_code == 303, answer.text
    service = console.site.catalog.get("pet-licence")
    assert [d.copy.value for d in service.documents] == ["original", "copy"]
    assert service.manual.steps[0].th == "ยื่นคำขอ"
    assert "ต้องใช้สำเนา 1 รายการ" in web.get("/catalog").text


def test_a_withdrawn_service_leaves_the_catalog_and_its_old_entry_is_kept(
    web: TestClient, console: Console
) -> None:
    sign_in(web, SUPERVISOR)
    form = opened(web, "meeting-room-booking")
    token = csrf_of(web.get("/catalog/meeting-room-booking").text)
    answer = web.post("/catalog/meeting-room-booking/withdraw",
                      data={"csrf": token, "expected": form["expected"]})  # fmt: skip
    assert answer.status_code == 303
    assert "meeting-room-booking" not in console.site.catalog.codes()
    revision = next((console.site.base_dir / "revisions").glob("catalog-*.yaml"))
    assert "meeting-room-booking" in revision.read_text(encoding="utf-8")


def test_a_clerk_may_not_open_the_catalog(web: TestClient) -> None:
    sign_in(web, CLERK)
    assert web.get("/catalog").status_code == 403
    assert web.get(f"/catalog/{PETITION}").status_code == 403


def test_the_console_follows_a_catalog_edited_elsewhere(web: TestClient, console: Console) -> None:
    sign_in(web, SUPERVISOR)
    first = service_entries(console.site)[PETITION][1]
    put_service(console.site, {**first, "name": {"th": "แก้จากที่อื่น", "en": "x"}}, fingerprint(first))
    assert "แก้จากที่อื่น" in web.get("/catalog").text


def test_a_category_is_added_and_another_renamed(web: TestClient, console: Console) -> None:
    sign_in(web, SUPERVISOR)
    token = csrf_of(web.get("/catalog").text)
    health = {"id": "health", "name.th": "งานสาธารณสุข", "name.en": "Health"}
    answer = web.post("/categories", data={"csrf": token, **health})
    assert answer.status_code == 303, answer.text
    page = web.get("/catalog").text
    rename = form_of(page[page.index('action="/categories/local"') - 30 :])
    answer = web.post("/categories/local", data={**rename, "name.th": "งานบริการของ อบต."})
    assert answer.status_code == 303, answer.text
    names = {c.id: c.name.th for c in load_site(console.site.path).catalog.categories}
    assert names["health"] == "งานสาธารณสุข" and names["local"] == "งานบริการของ อบต."
    assert console.audit.recent(1)[0].action == "catalog.category_edit"


def test_a_category_id_that_is_no_slug_is_refused_and_nothing_changes(
    web: TestClient, console: Console
) -> None:
    catalog = console.site.resolve(console.site.config.catalog)
    before = catalog.read_bytes()
    sign_in(web, SUPERVISOR)
    token = csrf_of(web.get("/catalog").text)
    answer = web.post("/categories", data={"csrf": token, "id": "งาน ใหม่",
                                           "name.th": "x", "name.en": "x"})  # fmt: skip
    assert answer.status_code == 400 and "ยังไม่ได้บันทึก" in answer.text
    assert catalog.read_bytes() == before
