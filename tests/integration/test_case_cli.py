"""`oss-queue case`: a forwarded case recorded and followed from the server box."""

import re

from click.testing import CliRunner

from queue_server.cli.main import main
from tests.support.sites import open_all_day

MAE_KORN = "องค์การบริหารส่วนตำบลแม่กรณ์"


def oss_queue(site_dir, *args):
    result = CliRunner().invoke(main, [*args, "--config", str(site_dir / "site.yaml")])
    return result


def a_completed_ticket(site_dir, monkeypatch) -> str:
    monkeypatch.delenv("OSS_QUEUE_DATABASE_URL", raising=False)
    open_all_day(site_dir / "site.yaml")
    assert oss_queue(site_dir, "db", "upgrade").exit_code == 0
    issued = oss_queue(site_dir, "ticket", "issue", "--service", "general-petition")
    number = issued.output.split()[0]
    for step in ("open", "call", "serve", "complete"):
        assert oss_queue(site_dir, "counter", step, "2", "--staff", "s01").exit_code == 0
    return number


def test_a_case_is_recorded_followed_and_closed_from_the_command_line(site_dir, monkeypatch):
    number = a_completed_ticket(site_dir, monkeypatch)
    recorded = oss_queue(
        site_dir, "case", "record", number, "forwarded", "--staff", "s01", "--agency", MAE_KORN,
        "--channel", "dla_oss", "--contact", "081-234-5678", "--consent",
    )  # fmt: skip
    assert recorded.exit_code == 0, recorded.output
    reference = re.search(r"ส-\d{4}-\d{6}", recorded.output).group(0)
    assert "0812345678" not in recorded.output  # what the bus would answer: no contact

    listed = oss_queue(site_dir, "case", "list")
    assert reference in listed.output and "1 case(s), 0 overdue" in listed.output
    shown = oss_queue(site_dir, "case", "show", reference)
    assert "0812345678" in shown.output and "sent  by s01" in shown.output

    for status in ("received", "done", "informed"):
        moved = oss_queue(site_dir, "case", "update", reference, status, "--staff", "s01")
        assert moved.exit_code == 0, moved.output
    assert "0812345678" not in oss_queue(site_dir, "case", "show", reference).output
    assert "0 case(s)" in oss_queue(site_dir, "case", "list").output


def test_an_unknown_agency_is_a_refusal_not_a_traceback(site_dir, monkeypatch):
    number = a_completed_ticket(site_dir, monkeypatch)
    refused = oss_queue(
        site_dir, "case", "record", number, "forwarded", "--staff", "s01",
        "--agency", "กรมที่ไม่มี", "--channel", "paper",
    )  # fmt: skip
    assert refused.exit_code == 1
    assert "refused (unknown_agency)" in refused.output


def test_a_complaint_is_filed_answered_and_closed_from_the_command_line(site_dir, monkeypatch):
    monkeypatch.delenv("OSS_QUEUE_DATABASE_URL", raising=False)
    assert oss_queue(site_dir, "db", "upgrade").exit_code == 0
    filed = oss_queue(site_dir, "complaint", "add", "complaint", "waiting",
                      "รอนาน โทร 081 234 5678", "--contact", "0812345678", "--consent")  # fmt: skip
    assert filed.exit_code == 0, filed.output
    assert "รอนาน โทร [ลบเลข]" in filed.output and "0812345678" not in filed.output
    reference = re.search(r"ร-\d{4}-\d{6}", filed.output).group(0)
    assert "0812345678" in oss_queue(site_dir, "complaint", "show", reference).output
    answered = oss_queue(site_dir, "complaint", "update", reference, "answered", "--staff", "s01",
                         "--answer", "เพิ่มเจ้าหน้าที่ช่วงเช้า")  # fmt: skip
    assert "answer: เพิ่มเจ้าหน้าที่ช่วงเช้า" in answered.output
    oss_queue(site_dir, "complaint", "update", reference, "closed", "--staff", "s01")
    assert "0812345678" not in oss_queue(site_dir, "complaint", "show", reference).output
    assert "0 complaint(s)" in oss_queue(site_dir, "complaint", "list").output
