"""bench/reload: an edited catalog, from the server's reload to a kiosk holding it.

A real queue server on SQLite and Mosquitto; a kiosk client subscribes to the
retained catalog. Each round edits the catalog file (a service added, then
removed again), asks the server to reload (what saving the file or
``systemctl reload`` does, without the file watcher's 2 s look) and times
until the kiosk has the new version: validation, the revision against the
open tickets, and the publish. Also the size of the published catalog for
the shipped 25 services and for 400, against the 256 KB the broker carries.

    python -m bench.reload [--rounds 40]
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from assets import DEFAULT_CATALOG
from bench.bus import percentile
from bench.rig import new_site, running_server
from queue_server.bus.client import BusClient
from queue_server.bus.messages import MAX_PUBLISHED_BYTES
from tests.support.brokers import start_mosquitto
from tests.support.sites import add_service, add_services, drop_service, edit_catalog

TARGET_P99_MS = 500.0  # staff save and look at the kiosk: well under a second


def catalog_kb(catalog: Path, extra: int) -> float:
    document = yaml.safe_load(catalog.read_text(encoding="utf-8"))
    add_services(extra)(document)
    body = json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode()
    return (len(body) + 200) / 1024  # plus the message's own fields


def wait_until(kiosk: BusClient, done: Callable[[], bool], timeout: float = 10.0) -> None:
    end = time.monotonic() + timeout
    while not done():
        if time.monotonic() > end:
            raise RuntimeError("the kiosk never received the edited catalog")
        kiosk.poll()
        time.sleep(0.001)


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=40)
    args = parser.parse_args(argv)
    broker = start_mosquitto()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            site = new_site(Path(tmp) / "site")
            catalog = site.resolve(site.config.catalog)
            with running_server(site, broker.url) as server:
                kiosk = BusClient(site=site.id, client_id="kiosk-1", role="kiosk",
                                  broker_url=broker.url)  # fmt: skip
                versions: list[str] = []
                kiosk.on_catalog(lambda _t, data: versions.append(data.version))
                kiosk.start()
                wait_until(kiosk, lambda: bool(versions))  # the retained catalog first
                times = []
                for n in range(args.rounds):
                    edit = (
                        add_service("bench-extra", "D", "local", "บริการทดสอบ")
                        if n % 2 == 0
                        else drop_service("bench-extra")
                    )
                    edit_catalog(catalog, edit)
                    before = versions[-1]
                    start = time.perf_counter()
                    server.request_reload()
                    wait_until(kiosk, lambda b=before: versions[-1] != b)
                    times.append((time.perf_counter() - start) * 1000)
                kiosk.stop()
    finally:
        broker.stop()
    result = {
        "rounds": args.rounds,
        "p50": statistics.median(times),
        "p99": percentile(times, 99),
        "kb_25": catalog_kb(DEFAULT_CATALOG, 0),
        "kb_400": catalog_kb(DEFAULT_CATALOG, 375),
        "limit_kb": MAX_PUBLISHED_BYTES / 1024,
    }
    print(
        f"reload → kiosk has it, {args.rounds} edits: p50 {result['p50']:.1f} ms, "
        f"p99 {result['p99']:.1f} ms (target ≤ {TARGET_P99_MS:g} ms)\n"
        f"published catalog: 25 services {result['kb_25']:.1f} KB, "
        f"400 services {result['kb_400']:.1f} KB (the broker carries {result['limit_kb']:g} KB)"
    )
    return result


if __name__ == "__main__":
    main()
