"""Complaints and suggestions, and the register's statuses."""

import pytest

from queue_server.domain.complaints import Category, Kind, Status, receive
from queue_server.domain.errors import DomainError, ErrorCode
from queue_server.testing import MONDAY, at


def a_complaint(**changes):
    fields = {"reference": "ร-2569-000001", "kind": Kind.COMPLAINT, "category": Category.WAITING,
              "text": "รอนานมาก", "source": "rating-2", "now": at(10), "today": MONDAY}  # fmt: skip
    return receive(**{**fields, **changes})


def refused(code: ErrorCode):
    return pytest.raises(DomainError, match=code.value)


def test_what_was_said_keeps_no_phone_or_id_number() -> None:
    complaint = a_complaint(text="  โทรกลับที่ 081-234-5678   บัตร 1103700012345 ")
    assert complaint.text == "โทรกลับที่ [ลบเลข] บัตร [ลบเลข]"


def test_an_empty_or_overlong_text_is_refused() -> None:
    with refused(ErrorCode.INVALID_COMPLAINT):
        a_complaint(text="   ")
    with refused(ErrorCode.INVALID_COMPLAINT):
        a_complaint(text="ก" * 1001)


def test_a_contact_needs_consent_and_is_gone_at_close() -> None:
    with refused(ErrorCode.INVALID_CONTACT):
        a_complaint(contact="0812345678")
    complaint = a_complaint(contact="081 234 5678", consent=True)
    assert complaint.contact == "0812345678"
    complaint.advance(Status.ANSWERED, "s01", at(11), "ขออภัย เพิ่มเจ้าหน้าที่ช่วงเช้าแล้ว")
    assert complaint.contact == "0812345678"
    complaint.advance(Status.CLOSED, "s01", at(12), None)
    assert complaint.contact is None and not complaint.is_open


def test_an_answer_is_needed_to_answer_and_statuses_never_go_back() -> None:
    complaint = a_complaint()
    with refused(ErrorCode.INVALID_COMPLAINT):
        complaint.advance(Status.ANSWERED, "s01", at(11), None)
    complaint.advance(Status.ACKNOWLEDGED, "s01", at(11), None)
    with refused(ErrorCode.COMPLAINT_STATUS_ORDER):
        complaint.advance(Status.NEW, "s01", at(12), None)
    assert [s for _, _, s in complaint.history] == ["new", "acknowledged"]
    assert complaint.age_days(MONDAY.replace(day=30)) == 7
