"""The server under systemd: READY once it serves, then WATCHDOG pings (a real process)."""

from __future__ import annotations

import socket
from pathlib import Path

from queue_server.config import Site
from tests.support.brokers import RunningBroker
from tests.support.processes import server_process


def test_the_server_tells_systemd_it_is_ready_and_alive(
    bus_site: Site, mosquitto_broker: RunningBroker, tmp_path: Path
) -> None:
    path = tmp_path / "notify"
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as listener:
        listener.bind(str(path))
        listener.settimeout(20)
        watched = {"NOTIFY_SOCKET": str(path), "WATCHDOG_USEC": "1000000"}
        with server_process(bus_site, mosquitto_broker.url, **watched):
            assert listener.recv(64) == b"READY=1"
            assert listener.recv(64) == b"WATCHDOG=1"
