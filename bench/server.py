"""bench/server: the queue server's CPU per ticket issued, as the queue grows.

Each request goes through ``QueueServer.handle`` (the operation table, the
stored reply, the transaction on SQLite) and then the state it publishes,
as on the bus; no broker (its answer costs well under a millisecond), so
the figure is the server's own work. Issue 22's target: ≤ 5 ms a ticket,
flat from 0 to 300 tickets waiting.

    python -m bench.server [--tickets 300]
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
import time
import uuid
from pathlib import Path

from assets import DEFAULT_CATALOG, DEFAULT_SITE
from queue_server.bootstrap import centre
from queue_server.config import load_site
from queue_server.storage.migrate import upgrade
from queue_server.testing import at
from tests.integration.bus.conftest import without_rate_limits

TARGET_MS = 5.0
TARGET_PEAK_MB = 120.0
BLOCK = 50
SIGN_INS = 40


def peak_memory(folder: Path, tickets: int) -> float:
    """`oss-queue server` as a centre runs it (a process of its own on Mosquitto): its peak
    resident memory (VmHWM) after staff sign in at a counter and the kiosk issues tickets."""
    import subprocess
    import sys

    from queue_server.bus.client import BusClient
    from tests.support.brokers import start_mosquitto
    from tests.support.sites import open_all_day, without_rate_limits

    open_all_day(folder / "site.yaml")  # the real clock: any day, any hour
    without_rate_limits(folder / "site.yaml")
    broker = start_mosquitto()
    try:
        site = load_site(folder / "site.yaml")
        parts = centre(site)
        parts.staff.set_pin("s01", "1111", at(10, 0))
        parts.close()
        server = subprocess.Popen(
            [sys.executable, "-c", "from queue_server.cli.main import main; main()", "server",
             "--config", str(site.path), "--mqtt", broker.url],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        try:
            kiosk = BusClient(site=site.id, client_id="kiosk-1", role="kiosk",
                              broker_url=broker.url)  # fmt: skip
            desk = BusClient(site=site.id, client_id="counter-1", role="counter",
                             broker_url=broker.url)  # fmt: skip
            kiosk.start()
            desk.start()
            for n in range(SIGN_INS):  # every other one with a wrong PIN
                pin = "1111" if n % 2 else "9999"
                desk.request("staff.login", {"staff": "s01", "pin": pin}, timeout=10).done.wait(11)
            for _ in range(tickets):
                kiosk.call("ticket.issue", {"service": "general-petition"})
            status = Path(f"/proc/{server.pid}/status").read_text()
            kiosk.stop()
            desk.stop()
            return int(status.split("VmHWM:")[1].split()[0]) / 1024
        finally:
            server.terminate()
            server.wait(20)
    finally:
        broker.stop()


def main(argv: list[str] | None = None) -> dict[str, object]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tickets", type=int, default=300)
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="bench-server-"))
    try:
        shutil.copy(DEFAULT_SITE, folder / "site.yaml")
        shutil.copy(DEFAULT_CATALOG, folder / "catalog.yaml")
        site = load_site(folder / "site.yaml")
        upgrade(site.database_url)
        parts = centre(site, lambda: at(10, 0))
        server = without_rate_limits(parts.server("mqtt://127.0.0.1:9"))
        server.mqtt.publish = lambda *a, **k: None  # type: ignore[method-assign]
        topic = server.topics.request("kiosk-1")
        curve: dict[str, float] = {}
        print("bench/server — CPU per ticket issued (handle + published state), SQLite")
        print(f"{'waiting':>10}{'ms CPU':>9}   target ≤ {TARGET_MS:g} ms, flat")
        for start in range(0, args.tickets, BLOCK):
            began = time.process_time()
            for _ in range(BLOCK):
                body = {"v": 1, "id": uuid.uuid4().hex, "op": "ticket.issue",
                        "args": {"service": "general-petition"}}  # fmt: skip
                reply = server.handle(topic, json.dumps(body).encode())
                assert reply and reply["ok"], reply
                server.publish_state()
            ms = (time.process_time() - began) / BLOCK * 1000
            curve[f"{start}-{start + BLOCK}"] = ms
            print(f"{start:>4}–{start + BLOCK:<5}{ms:>9.1f}")
        parts.service.close()
        peak = peak_memory(folder, args.tickets)
        print(f"server process peak memory after {SIGN_INS} sign-ins and {args.tickets} tickets: "
              f"{peak:.0f} MB (target ≤ {TARGET_PEAK_MB:g})")  # fmt: skip
        return {"curve": curve, "worst": max(curve.values()), "last": ms, "peak_mb": peak}
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
