"""PDPA: after a whole day, no table and no log line holds personal data.

The schema has nowhere to put a name, ID number or phone number; a citizen's
comment loses any long number; a staff PIN exists only as an argon2 hash;
and neither the database nor the server's log contains a planted ID number,
phone number or PIN.
"""

import json
import logging
import re

import pytest
from sqlalchemy import MetaData, select

from queue_server.bus.client import BusError
from queue_server.storage import make_engine
from queue_server.storage.engine import reading
from queue_server.storage.tables import metadata, staff

from .conftest import PIN, signed_in_counter

THAI_ID = "1103700012345"
PHONE = "0812345678"
# As found from outside: every one of these was stored as typed.
WRITTEN = ("1.1037.00123.45.6", "(081) 234 5678", "081 - 234 - 5678", "081.234.5678",
           "๐๘๑๒๓๔๕๖๗๘", "somchai.k@example.co.th")  # fmt: skip
PERSONAL_COLUMNS = re.compile(
    r"name|phone|mobile|tel|citizen|id_card|idcard|address|birth|email", re.I
)


def standalone(number: str) -> re.Pattern[str]:
    """The number on its own, not inside a longer run of letters and digits.

    Request ids and the PIN hash are random hex and base64: a 4-digit PIN turns
    up inside one about once in two hundred runs, which is not a leak.
    """
    return re.compile(rf"(?<![0-9A-Za-z]){number}(?![0-9A-Za-z])")


def test_no_table_has_a_column_for_personal_data(server):
    columns = [f"{t.name}.{c.name}" for t in metadata.sorted_tables for c in t.columns]
    assert [c for c in columns if PERSONAL_COLUMNS.search(c.split(".")[1])] == []


def test_a_whole_day_leaves_no_personal_data_in_tables_or_logs(server, app, bus_site, caplog):
    caplog.set_level(logging.DEBUG)
    kiosk, rating = app("kiosk-1"), app("rating-1")
    counter = signed_in_counter(app)
    kiosk.call("ticket.issue", {"service": "general-petition", "priority": True})
    counter2 = signed_in_counter(app, "counter-2", "2")
    counter2.call("counter.call_next", {"counter": "2", "staff": "s01"})
    counter2.call("counter.complete", {"counter": "2", "staff": "s01"})
    # a contact left with consent for a forwarded case is gone once the citizen is told
    forwarded = counter2.call("ticket.outcome", {
        "counter": "2", "staff": "s01", "number": "D001", "outcome": "forwarded",
        "agency": "องค์การบริหารส่วนตำบลแม่กรณ์", "channel": "paper",
        "agency_ref": f"ref {PHONE}", "contact": PHONE, "consent": True,
    })  # fmt: skip
    assert forwarded.case.has_contact and forwarded.case.agency_ref == "ref [ลบเลข]"
    for status in ("done", "informed"):
        args = {"staff": "s01", "reference": forwarded.case.reference, "status": status}
        counter2.call("case.update", args)
    # a complaint: its text loses the numbers, its consented contact goes when it is closed
    complaint = rating.call("complaint.submit", {
        "kind": "complaint", "category": "staff", "contact": PHONE, "consent": True,
        "text": f"โทรหาฉันที่ {PHONE} หรือ {WRITTEN[1]} บัตร {THAI_ID}",
    })  # fmt: skip
    closing = {"staff": "s01", "reference": complaint.reference, "answer": f"โทรแล้ว {PHONE}"}
    counter2.call("complaint.update", {**closing, "status": "answered"})
    counter2.call("complaint.update", {**closing, "status": "closed", "answer": None})
    comment = f"ช่วยโทรกลับ {PHONE} บัตร {THAI_ID} ขอบคุณ " + " ".join(WRITTEN)
    rating.call(
        "rating.submit",
        {
            "number": "D001",
            "scores": {"process": 5, "staff": 5, "facilities": 5, "outcome": 5},
            "comment": comment,
        },
    )
    # a wrong login attempt is logged: the log must not hold the PIN tried
    with pytest.raises(BusError):
        counter.call("staff.login", {"staff": "s01", "pin": "13579"})
    # a phone number typed where a ticket number is expected is refused, not echoed
    with pytest.raises(BusError, match="String should match"):
        rating.call("rating.submit", {"number": PHONE, "scores": {"process": 5}})
    # or where a service code is expected: refused, and not quoted in the stored refusal
    with pytest.raises(BusError, match="unknown_service"):
        kiosk.call("ticket.issue", {"service": PHONE})

    engine = make_engine(bus_site.database_url)
    dump = []
    with reading(engine) as conn:
        everything_stored = MetaData()
        everything_stored.reflect(conn)  # every table, including Alembic's
        for table in everything_stored.sorted_tables:
            for row in conn.execute(select(table)):
                dump.append(json.dumps([str(v) for v in row], ensure_ascii=False))
        hashes = list(conn.scalars(select(staff.c.pin_hash)))
    engine.dispose()
    everything = "\n".join(dump) + "\n" + caplog.text
    for secret in (THAI_ID, PHONE, PIN, "13579"):
        assert not standalone(secret).search(everything), f"{secret} found"
    for written in WRITTEN:
        assert written not in everything, f"{written} found"
    assert hashes and all(h.startswith("$argon2") for h in hashes)
    assert "ช่วยโทรกลับ [ลบเลข] บัตร [ลบเลข] ขอบคุณ [ลบเลข] [ลบอีเมล]" in everything
