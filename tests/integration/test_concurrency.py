"""Concurrent kiosks and counters, as threads and as separate processes, on SQLite and PostgreSQL.

Proves the storage rules: no number is handed out twice, and no ticket is
called by two counters.
"""

import multiprocessing
from collections import Counter
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

import pytest

from queue_server.testing import MONDAY
from tests.support.workers import call_until_done, issue_many

LICENCE = "driving-licence-queue"
WORKERS, EACH = 4, 40


def test_threads_never_get_the_same_number(site, service):
    with ThreadPoolExecutor(WORKERS) as pool:
        batches = list(
            pool.map(
                lambda _: [service.issue(LICENCE).result.number for _ in range(EACH)],
                range(WORKERS),
            )
        )
    numbers = [n for batch in batches for n in batch]
    assert len(set(numbers)) == WORKERS * EACH
    assert sorted(numbers) == [f"A{i:03d}" for i in range(1, WORKERS * EACH + 1)]


@pytest.mark.slow
def test_processes_never_get_the_same_number(site):
    spawn = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(WORKERS, mp_context=spawn) as pool:
        futures = [
            pool.submit(issue_many, str(site.path), site.database_url, LICENCE, EACH)
            for _ in range(WORKERS)
        ]
        numbers = [n for f in futures for n in f.result(timeout=120)]
    assert sorted(numbers) == [f"A{i:03d}" for i in range(1, WORKERS * EACH + 1)]


@pytest.mark.slow
def test_counters_in_separate_processes_never_call_the_same_ticket(site, service):
    spawn = multiprocessing.get_context("spawn")
    manager = spawn.Manager()
    issuers_done = manager.Event()
    with ProcessPoolExecutor(WORKERS, mp_context=spawn) as pool:
        callers = [
            pool.submit(call_until_done, str(site.path), site.database_url, counter, issuers_done)
            for counter in ("1", "2")
        ]
        issuers = [
            pool.submit(issue_many, str(site.path), site.database_url, LICENCE, 30)
            for _ in range(2)
        ]
        issued = [n for f in issuers for n in f.result(timeout=120)]
        issuers_done.set()
        called = [n for f in callers for n in f.result(timeout=120)]
    manager.shutdown()

    assert sorted(called) == sorted(issued) and len(issued) == 60
    calls_per_ticket = Counter(
        e["ticket_id"] for e in service.store.events_of_day(MONDAY) if e["type"] == "ticket.called"
    )
    assert set(calls_per_ticket.values()) == {1}
    assert {t.state.value for t in service.store.tickets_of_day(MONDAY)} == {"done"}
