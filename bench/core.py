"""bench/core: queue operations per minute through the domain and storage.

One cycle is a citizen's ticket from kiosk to counter: ``issue`` then
``call_next`` then ``complete``, three operations, each its own transaction
under the site lock. Measured on SQLite (WAL, the default) and on a real
PostgreSQL server, with one process and with four processes working at
once, each process at its own counter. Target (issue 22): at least 50 000
ops/min on SQLite with one worker, on 2 cores.

    python -m bench.core [--seconds 5] [--no-postgres]
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import platform
import shutil
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

from assets import DEFAULT_CATALOG, DEFAULT_SITE
from queue_server.bootstrap import service_for
from queue_server.config import load_site
from queue_server.domain.queue_day import QueueDay
from queue_server.storage import upgrade
from queue_server.testing import at

SERVICE = "driving-licence-queue"
TARGET_OPS_PER_MIN = 50_000
COUNTERS = ("b1", "b2", "b3", "b4")


def make_site(folder: Path) -> Path:
    """The default site with four counters that serve everything."""
    shutil.copy(DEFAULT_CATALOG, folder / "catalog.yaml")
    text = DEFAULT_SITE.read_text(encoding="utf-8")
    head, rest = text.split("counters:\n", 1)
    tail = rest[rest.index("\n# Who is called first") :]
    counters = "".join(
        f'  - id: "{c}"\n    name: {{th: ช่องบริการ {c}, en: Counter {c}}}\n' for c in COUNTERS
    )
    (folder / "site.yaml").write_text(head + "counters:\n" + counters + tail, encoding="utf-8")
    return folder / "site.yaml"


def run_cycles(
    site_path: str, database_url: str, counter: str, seconds: float
) -> tuple[int, float]:
    """Issue, call and complete tickets at ``counter`` for ``seconds``; return (ops, elapsed)."""
    os.environ["OSS_QUEUE_DATABASE_URL"] = database_url
    service = service_for(load_site(site_path), clock=lambda: at(10, 0))
    service.at_counter(QueueDay.open_counter, counter, f"staff-{counter}")
    ops, start = 0, time.perf_counter()
    try:
        while time.perf_counter() - start < seconds:
            service.issue(SERVICE)
            service.at_counter(QueueDay.call_next, counter, f"staff-{counter}")
            service.at_counter(QueueDay.complete, counter, f"staff-{counter}")
            ops += 3
        return ops, time.perf_counter() - start
    finally:
        service.close()


def measure(site_path: Path, database_url: str, workers: int, seconds: float) -> float:
    upgrade(database_url)
    # Every worker, even a single one, is its own process (the database URL
    # goes through its environment, which the parent keeps clean).
    spawn = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=spawn) as pool:
        futures = [
            pool.submit(run_cycles, str(site_path), database_url, COUNTERS[i], seconds)
            for i in range(workers)
        ]
        results = [f.result() for f in futures]
    total_ops = sum(ops for ops, _ in results)
    return total_ops / max(elapsed for _, elapsed in results) * 60


def main(argv: list[str] | None = None) -> list[dict[str, object]]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=5.0, help="per measurement")
    parser.add_argument("--no-postgres", action="store_true")
    args = parser.parse_args(argv)

    rows: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory(prefix="oss-bench-") as tmp:
        folder = Path(tmp)
        site_path = make_site(folder)
        databases: list[tuple[str, object]] = [("sqlite", None)]
        server = None
        if not args.no_postgres:
            from tests.support.postgres import start_postgres

            server = start_postgres()
            databases.append(("postgresql", server))
        try:
            for name, pg in databases:
                for workers in (1, 4):
                    if pg is None:
                        url = f"sqlite:///{folder}/bench-{workers}.db"
                    else:
                        url = pg.create_database()  # type: ignore[attr-defined]
                    rate = measure(site_path, url, workers, args.seconds)
                    rows.append({"database": name, "workers": workers, "ops_per_min": round(rate)})
        finally:
            if server is not None:
                server.stop()

    print(f"bench/core — {platform.node()}, {os.cpu_count()} cores, {datetime.now(UTC):%Y-%m-%d}")
    print("one op = issue, call_next or complete, each a transaction under the site lock")
    print(f"{'database':<12}{'workers':>8}{'ops/min':>12}{'target':>10}")
    for row in rows:
        target = f"≥{TARGET_OPS_PER_MIN}" if row["database"] == "sqlite" else "-"
        print(f"{row['database']:<12}{row['workers']:>8}{row['ops_per_min']:>12,}{target:>10}")
    return rows


if __name__ == "__main__":
    main()
