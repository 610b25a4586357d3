"""The citizens' manual and Zero-Copy in the catalog (seed 004, items 2 and 3)."""

import pytest
from pydantic import ValidationError

from assets import DEFAULT_SITE
from queue_server.config import load_site
from queue_server.config.models import CatalogFile, DocumentModel
from queue_server.domain.catalog import CopyRule, Manual

SITE = load_site(DEFAULT_SITE)


def test_a_document_named_as_a_copy_asks_for_one_unless_the_catalog_says_otherwise() -> None:
    assert DocumentModel(th="สำเนาทะเบียนบ้าน", en="Copy").zero_copy is CopyRule.COPY
    assert DocumentModel(th="บัตรประชาชน", en="ID").zero_copy is CopyRule.ORIGINAL
    said = DocumentModel.model_validate({"th": "สำเนาทะเบียนบ้าน", "en": "x", "copy": "none"})
    assert said.zero_copy is CopyRule.NONE
    with pytest.raises(ValidationError, match="copy"):
        DocumentModel.model_validate({"th": "x", "en": "x", "copy": "photocopy"})


def test_the_default_catalog_asks_no_citizen_for_a_copy_of_the_house_registration() -> None:
    asked = {s.code: [d.en for d in s.copies_asked] for s in SITE.catalog.services}
    assert {code: docs for code, docs in asked.items() if docs} == {  # the bank book's page
        "elderly-allowance": ["Copy of the bank book's first page"],
        "disability-allowance": ["Copy of the bank book's first page"],
    }
    water = SITE.catalog.get("water-supply-pwa")
    house = next(d for d in water.documents if d.en == "House registration book")
    assert house.copy is CopyRule.NONE and "ไม่ต้องนำมา" in house.line.th


def test_every_default_service_carries_a_manual_marked_to_check() -> None:
    manuals = [s.manual for s in SITE.catalog.services]
    assert all(m.steps and m.standard_minutes and not m.checked for m in manuals)
    forwarded = [s for s in SITE.catalog.services if s.kind.value == "forward"]
    assert all(s.standard_days for s in forwarded)


def test_the_manual_in_one_line() -> None:
    manual = Manual(steps=(SITE.catalog.services[0].name,) * 3, fee_baht=50,
                    standard_minutes=15, standard_days=30)  # fmt: skip
    assert manual.brief(forwarded=True).th == (
        "3 ขั้นตอน · ค่าธรรมเนียม 50 บาท · ที่ศูนย์ประมาณ 15 นาที · หน่วยงานใช้เวลาประมาณ 30 วัน"
    )
    assert manual.brief(forwarded=False).en == "3 steps · fee 50 baht · about 15 min here"


def test_the_published_catalog_reads_back_the_same() -> None:
    """What the server publishes (by alias: ``copy``) is what the screens validate."""
    published = SITE.catalog_file.model_dump(mode="json", by_alias=True)
    assert CatalogFile.model_validate(published) == SITE.catalog_file
