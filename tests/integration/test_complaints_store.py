"""The complaints register in a real database (SQLite, and PostgreSQL)."""

import pytest
from sqlalchemy import select

from queue_server.domain.complaints import Category, Kind, Status
from queue_server.domain.errors import DomainError, ErrorCode
from queue_server.storage.store import DuplicateRequest, RequestKey
from queue_server.storage.tables import complaints


def test_a_complaint_is_kept_answered_and_closed_across_a_restart(open_service) -> None:
    first = open_service()
    said = first.complaints.submit(
        Kind.COMPLAINT, Category.STAFF, "เจ้าหน้าที่พูดไม่สุภาพ", "rating-2", number="a1",
        contact="0812345678", consent=True,
    ).result  # fmt: skip
    assert said.complaint.reference == "ร-2569-000001" and said.complaint.number == "A001"
    first.complaints.update(said.complaint.reference, Status.ANSWERED, "s01", "ได้ตักเตือนแล้ว")

    again = open_service()
    kept = again.complaints.get("ร 2569 000001").complaint
    assert (kept.status, kept.answer, kept.contact) == (
        Status.ANSWERED, "ได้ตักเตือนแล้ว", "0812345678",
    )  # fmt: skip
    again.complaints.update(kept.reference, Status.CLOSED, "s01")
    with again.store.engine.connect() as conn:
        assert conn.execute(select(complaints.c.contact)).scalar() is None
    assert again.complaints.listing().complaints == []
    assert len(again.complaints.listing(open_only=False).complaints) == 1


def test_a_repeated_request_files_one_complaint_and_the_reply_has_no_contact(service) -> None:
    key = RequestKey("kiosk-1", "same", "complaint.submit")
    args = (Kind.SUGGESTION, Category.FACILITIES, "ขอที่จอดรถเพิ่ม", "kiosk-1")
    first = service.complaints.submit(*args, contact="0812345678", consent=True, request=key)
    with pytest.raises(DuplicateRequest) as again:
        service.complaints.submit(*args, contact="0812345678", consent=True, request=key)
    assert again.value.reply["result"] == first.wire
    assert "0812345678" not in str(again.value.reply)
    assert len(service.complaints.listing().complaints) == 1


def test_a_status_going_back_changes_nothing(service) -> None:
    said = service.complaints.submit(Kind.COMPLAINT, Category.WAITING, "รอนาน", "kiosk-1")
    reference = said.result.complaint.reference
    service.complaints.update(reference, Status.ACKNOWLEDGED, "s01")
    with pytest.raises(DomainError, match=ErrorCode.COMPLAINT_STATUS_ORDER.value):
        service.complaints.update(reference, Status.NEW, "s01")
    assert service.complaints.get(reference).complaint.status is Status.ACKNOWLEDGED
