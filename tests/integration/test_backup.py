"""Backup and restore, on SQLite (online) and PostgreSQL (pg_dump)."""

import threading

from queue_server.storage.backup import backup, restore
from queue_server.testing import MONDAY

LICENCE = "driving-licence-queue"


def numbers(service):
    return [t.number for t in service.store.tickets_of_day(MONDAY)]


def test_restore_brings_back_the_backed_up_day(site, service, tmp_path):
    for _ in range(3):
        service.issue(LICENCE)
    backup(site.database_url, tmp_path / "day.backup")
    service.issue(LICENCE)
    assert numbers(service) == ["A001", "A002", "A003", "A004"]
    service.store.engine.dispose()
    restore(site.database_url, tmp_path / "day.backup")
    assert numbers(service) == ["A001", "A002", "A003"]
    assert service.issue(LICENCE).result.number == "A004"


def test_a_backup_taken_while_tickets_are_issued_is_consistent(
    site, service, tmp_path, database_url
):
    if not database_url.startswith("sqlite"):
        return  # pg_dump's snapshot is consistent by design; the live case is SQLite's
    stop, started = threading.Event(), threading.Event()

    def keep_issuing():
        while not stop.is_set():
            if service.issue(LICENCE).result.number == "A005":
                started.set()

    writer = threading.Thread(target=keep_issuing)
    writer.start()
    try:
        started.wait(10)
        backup(site.database_url, tmp_path / "live.backup")
    finally:
        stop.set()
        writer.join()
    import sqlite3

    copy = sqlite3.connect(tmp_path / "live.backup")
    assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    seqs = [row[0] for row in copy.execute("SELECT seq FROM tickets ORDER BY seq")]
    last = copy.execute("SELECT last_seq FROM number_sequences").fetchone()[0]
    assert seqs == list(range(1, len(seqs) + 1)) and last == len(seqs)  # no half-written issue
