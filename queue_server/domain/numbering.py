"""Ticket numbers: ``{prefix}{NNN}``, counted per prefix and service day.

The stored sequence only ever grows within a day (so it can carry a unique
constraint); the printed number wraps from 999 back to 001.
"""

from __future__ import annotations

NUMBERS_PER_CYCLE = 999


def display_number(prefix: str, seq: int) -> str:
    if seq < 1:
        raise ValueError(f"sequence starts at 1, got {seq}")
    return f"{prefix}{(seq - 1) % NUMBERS_PER_CYCLE + 1:03d}"


def normalise_number(text: str) -> str:
    """Accept what a person types or a scanner reads: ``a1``, ``A 001``, ``A001``."""
    compact = "".join(text.split()).upper()
    head = compact.rstrip("0123456789")
    digits = compact[len(head) :]
    if not head or not digits:
        return compact
    return f"{head}{int(digits):03d}"
