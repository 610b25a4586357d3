"""Domain errors carry a stable snake_case code.

The code is part of the MQTT contract (``error.code`` in a reply), so apps can
react to it without parsing a message; the message is for people and logs.
"""

from __future__ import annotations

from enum import StrEnum


class ErrorCode(StrEnum):
    UNKNOWN_SERVICE = "unknown_service"
    UNKNOWN_COUNTER = "unknown_counter"
    UNKNOWN_TICKET = "unknown_ticket"
    TICKET_EXPIRED = "ticket_expired"  # a phone page opened after its ticket's day
    SERVICE_CLOSED = "service_closed"
    NUMBERS_EXHAUSTED = "numbers_exhausted"
    QUEUE_EMPTY = "queue_empty"
    TICKET_NOT_WAITING = "ticket_not_waiting"
    TICKET_NOT_CALLED = "ticket_not_called"
    TICKET_NOT_SERVING = "ticket_not_serving"
    TICKET_NOT_PARKED = "ticket_not_parked"
    TICKET_NOT_AT_COUNTER = "ticket_not_at_counter"
    NO_CURRENT_TICKET = "no_current_ticket"
    RECALL_LIMIT = "recall_limit"
    COUNTER_CLOSED = "counter_closed"
    COUNTER_PAUSED = "counter_paused"
    COUNTER_NOT_PAUSED = "counter_not_paused"
    COUNTER_BUSY = "counter_busy"
    SERVICE_NOT_SERVED = "service_not_served"
    SAME_SERVICE = "same_service"
    INVALID_PAUSE_REASON = "invalid_pause_reason"
    TICKET_NOT_SERVED = "ticket_not_served"
    ALREADY_RATED = "already_rated"
    RATING_CLOSED = "rating_closed"
    INVALID_SCORES = "invalid_scores"
    OUTCOME_RECORDED = "outcome_recorded"
    UNKNOWN_CASE = "unknown_case"
    UNKNOWN_AGENCY = "unknown_agency"
    INVALID_CASE = "invalid_case"
    CASE_STATUS_ORDER = "case_status_order"
    INVALID_CONTACT = "invalid_contact"
    UNKNOWN_COMPLAINT = "unknown_complaint"
    INVALID_COMPLAINT = "invalid_complaint"
    COMPLAINT_STATUS_ORDER = "complaint_status_order"


class DomainError(Exception):
    """A request the rules refuse. Nothing has changed when it is raised."""

    def __init__(self, code: ErrorCode, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
