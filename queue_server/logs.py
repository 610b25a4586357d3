"""One logging setup for every OSS Queue process, and log lines that name their event.

A line reads ``request_refused client=kiosk-1 code=rate_limited``: the event
first, then its fields, so the journal can be searched by event and field
(``journalctl -u oss-queue-server | grep request_refused``) and a person
still reads it. Fields hold ids, codes, counts and reasons, never free text
a citizen typed (PDPA).
"""

from __future__ import annotations

import logging
from typing import Any

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
# Libraries that log every packet (amqtt: with its payload) or every profile lookup.
QUIET = ("amqtt", "transitions", "escpos")


def _value(value: Any) -> str:
    text = str(value)
    return repr(text) if not text or any(c.isspace() or c in "='\"" for c in text) else text


class EventLog:
    """``log.warning("request_refused", client=..., code=...)``: one event, its fields."""

    def __init__(self, name: str) -> None:
        self.logger = logging.getLogger(name)

    def _emit(self, level: int, event: str, fields: dict[str, Any], exc_info: bool) -> None:
        if self.logger.isEnabledFor(level):
            line = " ".join([event, *(f"{k}={_value(v)}" for k, v in fields.items())])
            self.logger.log(level, "%s", line, exc_info=exc_info, stacklevel=3)

    def debug(self, event: str, **fields: Any) -> None:
        self._emit(logging.DEBUG, event, fields, False)

    def info(self, event: str, **fields: Any) -> None:
        self._emit(logging.INFO, event, fields, False)

    def warning(self, event: str, **fields: Any) -> None:
        self._emit(logging.WARNING, event, fields, False)

    def error(self, event: str, **fields: Any) -> None:
        self._emit(logging.ERROR, event, fields, False)

    def exception(self, event: str, **fields: Any) -> None:
        """An error with its traceback (call from an ``except`` block)."""
        self._emit(logging.ERROR, event, fields, True)


def get(name: str) -> EventLog:
    return EventLog(name)


def setup(verbose: bool = False) -> None:
    """The one logging setup: to standard error (the journal under systemd)."""
    logging.basicConfig(level=logging.DEBUG if verbose else logging.INFO, format=FORMAT)
    for name in QUIET:
        logging.getLogger(name).setLevel(logging.WARNING)
