"""Backup and restore, on SQLite (online) and PostgreSQL (pg_dump)."""

import threading
from pathlib import Path

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
    # A004 is in a citizen's hand: it is not issued again
    assert service.issue(LICENCE).result.number == "A005"


def test_a_restore_over_an_unreadable_database_skips_numbers_ahead(site, service, tmp_path):
    service.issue(LICENCE)
    backup(site.database_url, tmp_path / "day.backup")
    service.store.engine.dispose()
    if site.database_url.startswith("sqlite"):
        path = Path(site.database_url.removeprefix("sqlite:///"))
        for part in path.parent.glob(path.name + "*"):
            part.write_bytes(b"not a database" * 100)
        moved, read = restore(
            site.database_url, tmp_path / "day.backup", today_queues=[(site.id, MONDAY, "A")]
        )
        assert not read and moved == 1
        assert service.issue(LICENCE).result.number == "A102"


def test_restore_is_refused_while_the_server_runs(site, tmp_path):
    from queue_server.ops.server_lock import server_lock
    from tests.integration.test_cli import run

    backup(site.database_url, tmp_path / "day.backup")
    with server_lock(site):
        result = run("restore", str(tmp_path / "day.backup"), "--yes", "--config", str(site.path))
    assert result.returncode == 1
    assert "is running" in result.stderr and "stop it first" in result.stderr


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


def test_dated_backups_older_than_the_kept_days_are_removed(tmp_path):
    from datetime import date

    from queue_server.storage.backup import prune

    for day in ("2026-10-01", "2026-10-23", "2026-10-24", "2026-11-23"):
        (tmp_path / f"maekorn-{day}.db").write_bytes(b"x")
    (tmp_path / "other-2026-01-01.db").write_bytes(b"x")  # another site's
    (tmp_path / "maekorn-notes.txt").write_bytes(b"x")  # not a backup
    removed = prune(tmp_path, "maekorn", 30, date(2026, 11, 23))
    assert sorted(p.name for p in removed) == ["maekorn-2026-10-01.db", "maekorn-2026-10-23.db"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "maekorn-2026-10-24.db", "maekorn-2026-11-23.db", "maekorn-notes.txt", "other-2026-01-01.db"
    ]  # fmt: skip


def test_the_newest_backup_is_kept_however_old(tmp_path):
    from datetime import date

    from queue_server.storage.backup import prune

    (tmp_path / "maekorn-2025-01-01.db").write_bytes(b"x")
    assert prune(tmp_path, "maekorn", 30, date(2026, 11, 23)) == []


def test_backup_into_a_folder_names_the_file_by_site_and_day(site_dir, tmp_path):
    from tests.integration.test_cli import run

    config = str(site_dir / "site.yaml")
    assert run("db", "upgrade", "--config", config).returncode == 0
    result = run("backup", "--config", config, "--into", str(tmp_path / "b"), "--keep", "30")
    assert result.returncode == 0, result.stderr
    [made] = (tmp_path / "b").iterdir()
    assert made.name.startswith("maekorn-") and made.suffix == ".db"
