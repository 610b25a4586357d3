"""The chaos day: kiosks, counters and a display over a real Mosquitto and a real server
process, while the broker and the server are killed (-9) and restarted at random moments
and client links are cut. Everything runs on 127.0.0.1 and stops by itself."""

from __future__ import annotations

import contextlib
import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from queue_server.bootstrap import centre, service_for
from queue_server.bus import messages as m
from queue_server.bus.client import BusClient, PendingRequest
from queue_server.config import Site
from tests.support.brokers import RunningBroker

OSS_QUEUE = str(Path(sys.executable).parent / "oss-queue")
SERVICES = ("driving-licence-queue", "general-petition", "unemployment-registration")
PIN = "8642"


@dataclass
class Figures:
    seconds: float = 0.0
    server_kills: int = 0
    broker_kills: int = 0
    link_drops: int = 0
    requests: int = 0
    answered: int = 0
    tickets: int = 0
    calls: int = 0
    violations: list[str] = field(default_factory=list)

    def line(self) -> str:
        return (
            f"chaos day: {self.seconds:.0f} s, {self.server_kills} server kills, "
            f"{self.broker_kills} broker kills, {self.link_drops} link drops, "
            f"{self.requests} requests ({self.answered} answered), {self.tickets} tickets, "
            f"{self.calls} calls, {len(self.violations)} violations"
        )


class ServerProcess:
    def __init__(self, config: Path, url: str, log: Path) -> None:
        self.config, self.url, self.log = config, url, log
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        env = {k: v for k, v in os.environ.items() if not k.startswith("OSS_QUEUE_")}
        out = open(self.log, "ab")  # noqa: SIM115 - owned by the process
        self.process = subprocess.Popen(
            [OSS_QUEUE, "server", "--config", str(self.config), "--mqtt", self.url],
            stdout=out, stderr=out, env=env,
        )  # fmt: skip

    def kill(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(10)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()


class ChaosDay:
    def __init__(
        self, site: Site, broker: RunningBroker, workdir: Path, seconds: float, seed: int
    ) -> None:
        self.site = site
        self.broker = broker
        self.seconds = seconds
        self.random = random.Random(seed)
        self.server = ServerProcess(site.path, broker.url, workdir / "server.log")
        self.figures = Figures()
        self.issue_requests: dict[str, PendingRequest] = {}
        self.issued: dict[str, str] = {}  # request id -> number
        self.replies_seen: dict[str, list[str]] = defaultdict(list)  # request id -> raw replies
        self.boards: list[m.BoardState] = []
        self.stop = threading.Event()
        self.chaos_paused = threading.Event()
        self.lock = threading.Lock()
        self.clients: list[BusClient] = []

    # -- parts -------------------------------------------------------------

    def _client(self, client_id: str, role: str) -> BusClient:
        client = BusClient(
            site=self.site.id, client_id=client_id, role=role, broker_url=self.broker.url,
            request_timeout=90, retry_interval=1.0,
        )  # fmt: skip
        client.start(wait=30)
        self.clients.append(client)
        return client

    def _kiosk(self, client: BusClient) -> None:
        while not self.stop.is_set():
            pending = client.request(
                "ticket.issue",
                {"service": self.random.choice(SERVICES), "priority": self.random.random() < 0.2},
            )
            with self.lock:
                self.issue_requests[pending.id] = pending
                self.figures.requests += 1
            time.sleep(self.random.uniform(0.1, 0.4))

    def _counter(self, client: BusClient, counter: str) -> None:
        args = {"counter": counter, "staff": "s01"}
        while not self.stop.is_set():
            pending = client.request("counter.call_next", args)
            with self.lock:
                self.figures.requests += 1
            self._answered(pending)
            if pending.ok:
                time.sleep(self.random.uniform(0.05, 0.3))
                done = client.request("counter.complete", args)
                with self.lock:
                    self.figures.requests += 1
                self._answered(done)
                if not done.ok:
                    self._violation(f"complete at {counter} failed: {done.reply}")
            elif pending.reply and pending.error.code != "queue_empty":
                self._violation(f"call_next at {counter}: {pending.reply}")
            else:
                time.sleep(0.2)

    def _chaos(self) -> None:
        planned = [0.1, 0.5]  # always at least one server kill and one broker kill
        while not self.stop.wait(self.random.uniform(2.0, 5.0)):
            what = planned.pop(0) if planned else self.random.random()
            if what < 0.4:
                self.server.kill()
                self.figures.server_kills += 1
                time.sleep(self.random.uniform(0.2, 1.5))
                self.server.start()
            elif what < 0.75:
                self.broker.kill()
                self.figures.broker_kills += 1
                time.sleep(self.random.uniform(0.2, 1.5))
                self.broker.restart()
            else:
                victim = self.random.choice(self.clients)
                sock = victim.mqtt.socket()
                if sock is not None:
                    with contextlib.suppress(OSError):
                        sock.close()  # the Wi-Fi drops: paho notices and reconnects
                    self.figures.link_drops += 1

    def _answered(self, pending: PendingRequest) -> None:
        if pending.done.wait(95) and pending.reply is not None:
            with self.lock:
                self.figures.answered += 1
        else:
            self._violation(f"{pending.op} request {pending.id} never answered")

    def _violation(self, text: str) -> None:
        with self.lock:
            self.figures.violations.append(text)

    # -- the day -------------------------------------------------------------

    def run(self) -> Figures:
        start = time.monotonic()
        setup = centre(self.site)
        setup.staff.set_pin("s01", PIN, setup.service.clock())
        setup.close()
        self.server.start()
        watcher = self._client("admin", "admin")
        watcher.subscribe(f"{watcher.topics.base}/resp/#", self._on_reply)
        display = self._client("display-1", "display")
        display.on_board(lambda t, d: self.boards.append(d))
        kiosks = [self._client(k, "kiosk") for k in ("kiosk-1", "kiosk-2")]
        counters = [self._client(c, "counter") for c in ("counter-1", "counter-2")]
        for client, counter in zip(counters, ("1", "2"), strict=True):
            client.call("staff.login", {"staff": "s01", "pin": PIN}, timeout=60)
            client.call("counter.open", {"counter": counter, "staff": "s01"}, timeout=60)
        workers = [threading.Thread(target=self._kiosk, args=(k,), daemon=True) for k in kiosks]
        workers += [
            threading.Thread(target=self._counter, args=(c, n), daemon=True)
            for c, n in zip(counters, ("1", "2"), strict=True)
        ]
        chaos = threading.Thread(target=self._chaos, daemon=True)
        for t in [*workers, chaos]:
            t.start()
        end = start + self.seconds
        while time.monotonic() < end:
            for client in (watcher, display):
                client.poll()
            time.sleep(0.05)
        self.stop.set()
        chaos.join(30)
        for t in workers:
            t.join(120)
        for pending in self.issue_requests.values():
            pending.done.wait(95)
        self.figures.seconds = time.monotonic() - start
        self._check(display)
        return self.figures

    def _on_reply(self, topic: str, data: dict[str, Any]) -> None:
        self.replies_seen[str(data.get("id"))].append(json.dumps(data, sort_keys=True))

    def _check(self, display: BusClient) -> None:
        from queue_server.domain.service_day import service_day_of

        service = service_for(self.site)
        try:
            day = service_day_of(service.clock())
            tickets = service.store.tickets_of_day(day)
            events = service.store.events_of_day(day)
            numbers = Counter(t.number for t in tickets)
            for number, count in numbers.items():
                if count > 1:
                    self._violation(f"number {number} issued {count} times")
            answered = 0
            for rid, pending in self.issue_requests.items():
                if not pending.done.is_set() or pending.reply is None:
                    self._violation(f"issue request {rid} never answered")
                    continue
                answered += 1
                if pending.ok:
                    self.issued[rid] = pending.result().number
                else:
                    self._violation(f"issue request {rid} refused: {pending.reply}")
            self.figures.answered += answered
            if sorted(self.issued.values()) != sorted(numbers):
                self._violation(
                    f"{len(self.issued)} tickets given to kiosks but {len(numbers)} in the database"
                )
            calls = Counter(e["ticket_id"] for e in events if e["type"] == "ticket.called")
            for ticket_id, count in calls.items():
                if count > 1:
                    self._violation(f"ticket {ticket_id} called {count} times")
            self.figures.tickets, self.figures.calls = len(tickets), sum(calls.values())
            for rid, replies in self.replies_seen.items():
                if len(set(replies)) > 1:
                    self._violation(f"request {rid} got different replies")
            truth = service.floor()
        finally:
            service.close()
        # every request is answered: the display must show the truth within 5 s
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            display.poll()
            if self.boards and self._board_matches(self.boards[-1], truth):
                break
            time.sleep(0.1)
        else:
            self._violation("the display did not show the true state within 5 s of recovery")

    @staticmethod
    def _board_matches(board: m.BoardState, truth: Any) -> bool:
        tickets = {c.id: c.ticket for c in board.counters}
        expected = {d.info.id: d.info.ticket for d in truth.desks}
        waiting = {q.service: q.waiting for q in board.queues}
        return tickets == expected and waiting == {q.service: q.waiting for q in truth.queues}

    def close(self) -> None:
        for client in self.clients:
            with contextlib.suppress(Exception):
                client.stop()
        self.server.stop()
