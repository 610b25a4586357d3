"""The server under systemd: READY once it serves, then WATCHDOG pings (a real process)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
from pathlib import Path

from queue_server.config import Site
from tests.integration.test_cli import OSS_QUEUE
from tests.support.brokers import RunningBroker


def test_the_server_tells_systemd_it_is_ready_and_alive(
    bus_site: Site, mosquitto_broker: RunningBroker, tmp_path: Path
) -> None:
    path = tmp_path / "notify"
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as listener:
        listener.bind(str(path))
        listener.settimeout(20)
        env = {**os.environ, "NOTIFY_SOCKET": str(path), "WATCHDOG_USEC": "1000000"}
        env.pop("OSS_QUEUE_DATABASE_URL", None)
        server = subprocess.Popen(
            [OSS_QUEUE, "server", "--config", str(bus_site.path), "--mqtt", mosquitto_broker.url],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            assert listener.recv(64) == b"READY=1"
            assert listener.recv(64) == b"WATCHDOG=1"
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(20)
