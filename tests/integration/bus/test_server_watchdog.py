"""The server under systemd: READY once it serves, then WATCHDOG pings (a real process)."""

from __future__ import annotations

import socket
import ssl
import time
from pathlib import Path

import httpx2 as httpx

from queue_server.config import Site
from tests.support.brokers import RunningBroker, free_port
from tests.support.processes import server_process, site_process
from tests.support.tls import make_test_ca


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


def test_the_console_serves_its_sign_in_page_and_tells_systemd_it_is_alive(
    bus_site: Site, mosquitto_broker: RunningBroker, tmp_path: Path
) -> None:
    path, port = tmp_path / "notify", free_port()
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as listener:
        listener.bind(str(path))
        listener.settimeout(20)
        watched = {"NOTIFY_SOCKET": str(path), "WATCHDOG_USEC": "1000000"}
        args = ("--mqtt", mosquitto_broker.url, "--bind", "127.0.0.1", "--port", str(port))
        with site_process(bus_site, "web", *args, **watched):
            assert listener.recv(64) == b"READY=1"
            page = httpx.get(f"http://127.0.0.1:{port}/signin", timeout=5)
            assert page.status_code == 200 and "เข้าสู่ระบบ" in page.text
            assert listener.recv(64) == b"WATCHDOG=1"


def test_the_console_over_https_sets_secure_cookies(
    bus_site: Site, mosquitto_broker: RunningBroker, tmp_path: Path
) -> None:
    ca, cert, key = make_test_ca(tmp_path / "tls")
    port = free_port()
    args = ("--mqtt", mosquitto_broker.url, "--bind", "127.0.0.1", "--port", str(port),
            "--tls-cert", str(cert), "--tls-key", str(key))  # fmt: skip
    trusting = ssl.create_default_context(cafile=str(ca))
    with site_process(bus_site, "web", *args):
        page = None
        for _ in range(100):
            try:
                page = httpx.get(f"https://127.0.0.1:{port}/signin", verify=trusting, timeout=5)
                break
            except httpx.ConnectError:
                time.sleep(0.1)
        assert page is not None and page.status_code == 200
        cookie = page.headers["set-cookie"]
        assert "Secure" in cookie and "HttpOnly" in cookie


def test_the_phone_pages_on_a_port_of_their_own_answer_nothing_of_the_console(
    bus_site: Site, mosquitto_broker: RunningBroker
) -> None:
    """Found from outside: opening the console's port to the citizens' Wi-Fi opened the
    staff sign-in too. With web.phone_port the Wi-Fi needs only the phones' port."""
    import signal

    port, phones = free_port(), free_port()
    text = bus_site.path.read_text(encoding="utf-8")
    bus_site.path.write_text(
        text.replace("  port: 8080\n", f"  port: 8080\n  phone_port: {phones}\n")
    )
    args = ("--mqtt", mosquitto_broker.url, "--bind", "127.0.0.1", "--port", str(port))
    with site_process(bus_site, "web", *args) as web:
        for _ in range(100):
            try:
                centre = httpx.get(f"http://127.0.0.1:{phones}/q", timeout=5)
                break
            except httpx.ConnectError:
                time.sleep(0.1)
        assert centre.status_code == 200 and "set-cookie" not in centre.headers
        refused = httpx.get(f"http://127.0.0.1:{phones}/signin", timeout=5)
        assert refused.status_code == 404 and "set-cookie" not in refused.headers
        assert httpx.get(f"http://127.0.0.1:{port}/signin", timeout=5).status_code == 200
        web.send_signal(signal.SIGTERM)
        assert web.wait(15) in (0, -signal.SIGTERM)  # both stop (uvicorn re-raises it)
