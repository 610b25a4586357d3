"""A request's refusal on a screen: the words are the contract's (bus.refusals)."""

from __future__ import annotations

from queue_server.bus.client import PendingRequest
from queue_server.bus.refusals import refusal
from queue_server.domain.catalog import Text


def refusal_of(pending: PendingRequest) -> Text:
    """The wording for a request's refusal (a timeout when no reply came)."""
    error = pending.error
    return refusal(error.code, error.message, error.retry_after)
