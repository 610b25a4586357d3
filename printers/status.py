"""What printing returned, and what the printer said about itself."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path


class Paper(StrEnum):
    OK = "ok"
    LOW = "low"
    OUT = "out"
    UNKNOWN = "unknown"


class PrintOutcome(StrEnum):
    PRINTED = "printed"
    PAPER_LOW = "paper_low"  # printed, but the roll is nearly finished
    FAILED = "failed"


@dataclass(frozen=True)
class PrinterStatus:
    online: bool | None
    paper: Paper
    reason: str | None = None

    def as_presence(self) -> dict[str, object]:
        return {
            "printer_online": self.online,
            "paper": self.paper.value,
            "printer_error": self.reason,
        }


@dataclass(frozen=True)
class PrintResult:
    outcome: PrintOutcome
    status: PrinterStatus
    reason: str | None = None
    bytes_sent: int = 0
    path: Path | None = None

    @property
    def printed(self) -> bool:
        return self.outcome is not PrintOutcome.FAILED
