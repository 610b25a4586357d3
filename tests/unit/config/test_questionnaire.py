"""The questionnaire the centre really uses: sections of several items each."""

import pytest
from pydantic import ValidationError

from queue_server.config.models import RatingModel
from queue_server.domain.catalog import Text

STAFF = {"id": "staff", "name": {"th": "ด้านเจ้าหน้าที่", "en": "Staff"},
         "items": [{"id": "staff-polite", "text": {"th": "สุภาพ", "en": "Polite"}},
                   {"id": "staff-clear", "text": {"th": "ชัดเจน", "en": "Clear"}}]}  # fmt: skip


def test_a_section_of_items_asks_each_item_and_a_plain_section_itself() -> None:
    rating = RatingModel.model_validate(
        {"sections": [{"id": "process", "name": {"th": "ขั้นตอน", "en": "Process"}}, STAFF]}
    )
    assert [q for s in rating.sections for q in s.questions] == [
        "process", "staff-polite", "staff-clear",
    ]  # fmt: skip


def test_an_item_id_used_twice_is_refused_with_its_name() -> None:
    twice = {**STAFF, "id": "staff-polite"}
    with pytest.raises(ValidationError, match="twice: staff-polite"):
        RatingModel.model_validate({"sections": [twice]})


def test_the_form_asks_one_item_a_page_and_names_its_section() -> None:
    from queue_server.domain.questionnaire import questions

    asked = questions(
        [("process", Text("ขั้นตอน", "Process"), []),
         ("staff", Text("ด้านเจ้าหน้าที่", "Staff"), [("staff-polite", Text("สุภาพ", "Polite"))])],
        quick=False,
    )  # fmt: skip
    assert [q.id for q in asked] == ["process", "staff-polite"]
    assert asked[1].text.th == "สุภาพ" and asked[1].section.th == "ด้านเจ้าหน้าที่"
