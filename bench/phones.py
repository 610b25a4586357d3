"""bench/phones: a thousand citizens' phones following their tickets while calls run.

As a centre runs it: `oss-queue server` (starting its Mosquitto with one account
per device) and `oss-queue web` each a process of their own; this process holds
a counter terminal and a thousand phone pages (server-sent event streams on
their own sockets, as many browsers would hold). Every ticket waits for the one
open counter, so each call changes every page (one fewer ahead, or "your turn").

Measured: call → each page's update p50/p99 (issue 20's target ≤ 500 ms p99, aim
100 ms), the web server's peak memory, and a ticket's page in Debian's Chromium
on a slow phone profile (4× slower CPU, 400 ms and 1.6 Mbit/s): first paint
(target ≤ 1 s) and the bytes it took (target ≤ 30 KB).

    python -m bench.phones [--phones 1000] [--calls 20]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import resource
import shutil
import statistics
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.rig import a_centre, memory_mb, process, wait_for_port
from queue_server.bus import messages as m
from queue_server.config import Site
from queue_server.config.models import Role
from screens.common.bus_link import make_bus
from tests.support.brokers import free_port

TARGET_P99_MS = 500.0
TARGET_PAINT_MS = 1000.0
TARGET_BYTES = 30_000
PIN = "1111"
SETTLE_SECONDS = 1.5


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


@dataclass
class Phone:
    """One page's stream: when each update arrived and what it said."""

    token: str
    arrivals: list[tuple[float, dict[str, Any]]] = field(default_factory=list)

    def first_after(self, moment: float) -> float | None:
        return next((at for at, _ in self.arrivals if at > moment), None)


async def follow(port: int, phone: Phone, opened: asyncio.Event) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(
        f"GET /t/{phone.token}/events HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        "Accept: text/event-stream\r\n\r\n".encode()
    )
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    if not head.startswith(b"HTTP/1.1 200"):
        status = head.splitlines()[0].decode()
        raise RuntimeError(f"a page was refused: {status}")
    try:
        while line := await reader.readline():
            if line.startswith(b"data: "):
                phone.arrivals.append((time.perf_counter(), json.loads(line[6:])))
                opened.set()
    finally:
        writer.close()


async def calls_to_pages(site: Site, port: int, tokens: list[str], calls: int) -> dict[str, Any]:
    desk = make_bus(site, "counter-2", Role.COUNTER)
    desk.start()
    try:
        await asyncio.to_thread(desk.call, m.OpName.STAFF_LOGIN, {"staff": "s01", "pin": PIN})
        await asyncio.to_thread(desk.call, m.OpName.COUNTER_OPEN, {"counter": "2", "staff": "s01"})
        phones = [Phone(token) for token in tokens]
        began = time.perf_counter()
        tasks, opened = [], []
        for phone in phones:
            ready = asyncio.Event()
            opened.append(ready)
            tasks.append(asyncio.create_task(follow(port, phone, ready)))
        await asyncio.wait_for(asyncio.gather(*(e.wait() for e in opened)), 120)
        open_seconds = time.perf_counter() - began
        await asyncio.sleep(SETTLE_SECONDS)
        latencies, own, updated = [], [], []
        args = {"counter": "2", "staff": "s01"}
        for n in range(calls):
            if n:
                await asyncio.to_thread(desk.call, m.OpName.COUNTER_COMPLETE, args)
                await asyncio.sleep(SETTLE_SECONDS / 2)
            before = time.perf_counter()
            called = await asyncio.to_thread(desk.call, m.OpName.COUNTER_CALL_NEXT, args)
            await asyncio.sleep(SETTLE_SECONDS)
            seen = [(p, p.first_after(before)) for p in phones]
            got = [(p, (at - before) * 1000) for p, at in seen if at is not None]
            latencies.extend(ms for _, ms in got)
            updated.append(len(got))
            own.extend(ms for p, ms in got if p.token == tokens[n])
            print(f"  call {n + 1:>2} ({called.number}): {len(got)} pages updated, "
                  f"p99 {percentile([ms for _, ms in got], 99):.0f} ms")  # fmt: skip
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
    finally:
        desk.stop()
    return {
        "phones": len(tokens),
        "open_s": open_seconds,
        "p50": statistics.median(latencies),
        "p99": percentile(latencies, 99),
        "called_p99": percentile(own, 99) if own else None,
        "pages_updated": statistics.mean(updated),
    }


def slow_phone(url: str) -> dict[str, float]:
    """A ticket's page in Chromium as a slow phone opens it: first paint and its bytes."""
    from tests.support.browser import chromium

    with chromium(viewport={"width": 360, "height": 740}, is_mobile=True) as browser:
        page = browser.new_page()
        cdp = page.context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", {
            "offline": False, "latency": 400, "downloadThroughput": 1.6e6 / 8,
            "uploadThroughput": 0.75e6 / 8})  # fmt: skip
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
        sizes: list[int] = []
        page.on("response", lambda r: sizes.append(len(r.body())) if r.ok and
                "/events" not in r.url else None)  # fmt: skip
        page.goto(url, wait_until="load")
        paint = page.evaluate("performance.getEntriesByName('first-contentful-paint')[0].startTime")
    return {"paint_ms": float(paint or "nan"), "bytes": sum(sizes)}


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--phones", type=int, default=1000)
    parser.add_argument("--calls", type=int, default=20)
    args = parser.parse_args(argv)
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, max(soft, 4 * args.phones)), hard))
    folder = Path(tempfile.mkdtemp(prefix="bench-phones-"))
    try:
        site, tokens = a_centre(folder / "site", args.phones)
        print(f"bench/phones — {args.phones} phone pages, {args.calls} calls, "
              f"`oss-queue server` and `oss-queue web` as processes")  # fmt: skip
        port = free_port()
        config = str(site.path)
        with process("server", "--config", config, log=folder / "server.log"):
            wait_for_port(int(site.config.broker.url.rsplit(":", 1)[1]))
            time.sleep(1.0)  # the server's accounts file, then its first state
            with process("web", "--config", config, "--bind", "127.0.0.1", "--port", str(port),
                         log=folder / "web.log") as web:  # fmt: skip
                wait_for_port(port)
                result = asyncio.run(calls_to_pages(site, port, tokens, args.calls))
                result["rss_mb"], result["peak_mb"] = memory_mb(web.pid)
                page = slow_phone(f"http://127.0.0.1:{port}/t/{tokens[-1]}")
        result.update(page)
        print(f"  {result['phones']} pages open in {result['open_s']:.1f} s; call → every page "
              f"p50 {result['p50']:.0f} ms, p99 {result['p99']:.0f} ms (target ≤ "
              f"{TARGET_P99_MS:g}, aim 100); the called page p99 {result['called_p99']:.0f} ms; "
              f"{result['pages_updated']:.0f} pages updated a call")  # fmt: skip
        print(f"  web server memory {result['rss_mb']:.0f} MB, peak {result['peak_mb']:.0f} MB")
        print(f"  slow phone: first paint {page['paint_ms']:.0f} ms (target ≤ "
              f"{TARGET_PAINT_MS:g}), {page['bytes']:,} bytes "
              f"(target ≤ {TARGET_BYTES:,})")  # fmt: skip
        return result
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
