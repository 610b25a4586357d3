"""What the satisfaction form says (the tablet's and the kiosk's), in Thai and English.

The questions and the scale's words are the domain's (domain.questionnaire).
"""

from __future__ import annotations

from queue_server.domain.catalog import Text

# the form's questions and words, shared with the phone's form
from queue_server.domain.questionnaire import (  # noqa: F401
    ABOUT_YOU,
    ANYTHING_ELSE,
    LEVEL_WORDS,
    OVERALL,
    about,
)

BACK = Text("ย้อนกลับ", "Back")
SKIP = Text("ข้าม", "Skip")
NEXT = Text("ถัดไป", "Next")
SEND = Text("ส่งคำตอบ", "Send")


def header(
    ticket: str, step: int | None = None, steps: int = 1, section: Text | None = None
) -> str:
    """The form's header (in Thai, as the survey is): which ticket, which question, and the
    section an item belongs to."""
    where = f" · ข้อ {step}/{steps}" if step is not None and steps > 1 else ""
    part = f" · {section.th}" if section else ""
    return f"แบบประเมินความพึงพอใจ · คิว {ticket}{where}{part}"
