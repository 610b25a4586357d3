"""Worker functions for the concurrency tests; importable so ``spawn`` can start them."""

from __future__ import annotations

import os
import time
from typing import Any

from queue_server.bootstrap import service_for
from queue_server.config import load_site
from queue_server.domain.errors import DomainError, ErrorCode
from queue_server.domain.queue_day import QueueDay
from queue_server.service import QueueService
from queue_server.testing import at


def _service(site_path: str, database_url: str) -> QueueService:
    os.environ["OSS_QUEUE_DATABASE_URL"] = database_url
    return service_for(load_site(site_path), clock=lambda: at(9, 0))


def issue_many(site_path: str, database_url: str, service_code: str, count: int) -> list[str]:
    service = _service(site_path, database_url)
    try:
        return [service.issue(service_code).result.number for _ in range(count)]
    finally:
        service.close()


def call_until_done(
    site_path: str, database_url: str, counter: str, issuers_done: Any
) -> list[str]:
    """Call and complete tickets at ``counter`` until the issuers stop and the queue is empty."""
    service = _service(site_path, database_url)
    called: list[str] = []
    try:
        service.at_counter(QueueDay.open_counter, counter, f"staff{counter}")
        while True:
            finished = issuers_done.is_set()
            try:
                called.append(
                    service.at_counter(QueueDay.call_next, counter, f"staff{counter}").result.number
                )
                service.at_counter(QueueDay.complete, counter, f"staff{counter}")
            except DomainError as exc:
                if exc.code is not ErrorCode.QUEUE_EMPTY:
                    raise
                if finished:
                    return called
                time.sleep(0.005)
    finally:
        service.close()
