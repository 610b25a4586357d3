"""Personal data taken out of free text: what a citizen writes about the service stays,
the numbers and addresses that could identify them do not (PDPA).

Applied where the text is typed (the app, before it is published, so it never
waits in the broker's queue) and again by the server before it is stored.
Numbers are found however they are written: ``081-234-5678``,
``(081) 234 5678``, ``081.234.5678``, ``081 - 234 - 5678``, ``+66 81 234
5678``, a Thai ID as ``1.1037.00123.45.6``, and all of these in Thai digits.
"""

from __future__ import annotations

import re

from .errors import DomainError, ErrorCode

NUMBER_MARK = "[ลบเลข]"
EMAIL_MARK = "[ลบอีเมล]"

_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
# Nine digits or more in a run, whatever stands between them: a phone number (9–10
# digits, 11 with +66) or a citizen ID (13). Times and dates ("10.30 - 11.45",
# "29/11/2569") have fewer digits in a run, or ':' and '/' between them.
_NUMBER = re.compile(r"[(+]*\d(?:[\s.\-–—()]*\d){8,}")
_EMAIL = re.compile(r"[\w.+-]+\s*@\s*[\w-]+(?:\s*\.\s*[\w-]+)+", re.UNICODE)


def scrub(text: str) -> str:
    """The text with personal numbers and e-mail addresses replaced by a mark."""
    # Thai digits have the same length as Arabic ones: find on the translated text,
    # replace the same spans in the text as typed.
    found = text.translate(_THAI_DIGITS)
    spans = [(m.start(), m.end(), EMAIL_MARK) for m in _EMAIL.finditer(found)]
    masked = _mask(found, spans)
    spans += [(m.start(), m.end(), NUMBER_MARK) for m in _NUMBER.finditer(masked)]
    result, last = [], 0
    for start, end, mark in sorted(spans):
        result += [text[last:start], mark]
        last = end
    result.append(text[last:])
    return "".join(result)


def _mask(text: str, spans: list[tuple[int, int, str]]) -> str:
    """Blank out spans already found, so their digits are not found twice."""
    chars = list(text)
    for start, end, _ in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


_PHONE = re.compile(r"^0[0-9]{8,9}$")  # a Thai landline or mobile, digits only


def consented_contact(contact: str | None, consent: bool) -> str | None:
    """A phone number to call the citizen back: kept only when they said yes to it.

    The one piece of personal data the product keeps, on purpose and with consent; its
    case or complaint removes it when it is over.
    """
    if contact is None or not contact.strip():
        return None
    if not consent:
        raise DomainError(
            ErrorCode.INVALID_CONTACT, "a contact is kept only with the citizen's consent"
        )
    digits = re.sub(r"[\s\-]", "", contact)
    if not _PHONE.match(digits):
        raise DomainError(
            ErrorCode.INVALID_CONTACT, "a contact is a Thai phone number (0 + 8–9 digits)"
        )
    return digits
