"""Free text keeps what a citizen says about the service, not what identifies them.

Found from outside: these were stored as typed.
"""

import pytest

from queue_server.domain.personal_data import scrub

N, E = "[ลบเลข]", "[ลบอีเมล]"


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("บัตร 1.1037.00123.45.6 หาย", f"บัตร {N} หาย"),
        ("โทร (081) 234 5678 นะคะ", f"โทร {N} นะคะ"),
        ("โทร 081 - 234 - 5678", f"โทร {N}"),
        ("โทร 081.234.5678", f"โทร {N}"),
        ("โทร 081-234-5678", f"โทร {N}"),
        ("โทร +66 81 234 5678", f"โทร {N}"),
        ("บ้าน 02 123 4567", f"บ้าน {N}"),
        ("โทร ๐๘๑-๒๓๔-๕๖๗๘ ค่ะ", f"โทร {N} ค่ะ"),
        ("เลขบัตร ๑๑๐๓๗๐๐๑๒๓๔๕๖", f"เลขบัตร {N}"),
        ("ติดต่อ somchai.k@example.co.th ได้", f"ติดต่อ {E} ได้"),
        ("อีเมล somchai @ gmail . com", f"อีเมล {E}"),
        ("โทรกลับเบอร์0812345678ด้วย", f"โทรกลับเบอร์{N}ด้วย"),
    ],
)
def test_personal_numbers_and_addresses_are_taken_out(typed: str, stored: str) -> None:
    assert scrub(typed) == stored


@pytest.mark.parametrize(
    "kept",
    [
        "รอ 45 นาที ช่อง 2 บริการดีมาก",
        "เปิด 08.30 - 16.30 น. วันที่ 29/11/2569",
        "ค่าธรรมเนียม 1,500 บาท บัตรคิว A001",
        "ให้ ๕ ดาว",
        "",
    ],
)
def test_what_is_said_about_the_service_is_kept(kept: str) -> None:
    assert scrub(kept) == kept
