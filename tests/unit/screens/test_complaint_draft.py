"""A complaint made by choosing, without typing (screens/common/complaint_draft.py)."""

from queue_server.domain.complaints import Category, Kind
from screens.common.complaint_draft import PHRASES, ComplaintDraft


def test_every_category_has_sentences_to_choose_from() -> None:
    assert set(PHRASES) == set(Category) and all(PHRASES.values())


def test_chosen_sentences_make_the_text_and_a_new_category_starts_afresh() -> None:
    draft = ComplaintDraft(kind=Kind.SUGGESTION)
    assert draft.problem() is not None
    draft.toggle(0)
    draft.toggle(3)
    assert draft.text() == "รอคิวนานเกินไป / ควรเปิดช่องบริการเพิ่ม"
    assert draft.args("D001") == {"kind": "suggestion", "category": "waiting",
                                  "text": draft.text(), "number": "D001"}  # fmt: skip
    draft.choose_category(Category.FACILITIES)
    assert draft.chosen == set() and draft.problem() is not None
