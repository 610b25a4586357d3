"""A counter (ช่องบริการ): who staffs it, whether it is open, what it is serving now."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from .catalog import Text
from .errors import DomainError, ErrorCode


class CounterStatus(StrEnum):
    CLOSED = "closed"
    OPEN = "open"
    PAUSED = "paused"


class PauseReason(StrEnum):
    BREAK = "break"
    MEETING = "meeting"
    SYSTEM = "system"
    OTHER = "other"


@dataclass(frozen=True)
class CounterSetup:
    """What the site config says about a counter; fixed for the day."""

    id: str
    name: Text
    services: frozenset[str]


@dataclass
class Counter:
    setup: CounterSetup
    status: CounterStatus = CounterStatus.CLOSED
    staff: str | None = None
    current: str | None = None  # id of the ticket called or being served here
    pause_reason: PauseReason | None = None
    priority_streak: int = 0  # priority calls in a row while normal tickets waited

    @property
    def id(self) -> str:
        return self.setup.id

    def serves(self, service: str) -> bool:
        return service in self.setup.services

    def require_open(self) -> None:
        if self.status is CounterStatus.CLOSED:
            raise DomainError(ErrorCode.COUNTER_CLOSED, f"counter {self.id} is closed")
        if self.status is CounterStatus.PAUSED:
            raise DomainError(
                ErrorCode.COUNTER_PAUSED, f"counter {self.id} is paused ({self.pause_reason})"
            )

    def require_idle(self) -> None:
        if self.current is not None:
            raise DomainError(
                ErrorCode.COUNTER_BUSY,
                f"counter {self.id} still has a ticket: complete, park, transfer "
                "or mark it no-show first",
            )

    def require_current(self) -> str:
        if self.current is None:
            raise DomainError(ErrorCode.NO_CURRENT_TICKET, f"counter {self.id} has no ticket")
        return self.current
