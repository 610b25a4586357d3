"""The documented two-terminal session: `oss-queue broker`, `oss-queue server`, then requests.

The broker is Mosquitto with the generated per-device accounts; the server
and each `bus request --client-id` log in with their own password from
broker/passwords.txt beside site.yaml.
"""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from queue_server.bus.accounts import read_passwords
from tests.support.brokers import free_port, wait_for_port
from tests.support.sites import open_all_day

pytestmark = pytest.mark.broker  # Mosquitto of its own

OSS_QUEUE = str(Path(sys.executable).parent / "oss-queue")


@pytest.fixture
def running(site_dir):
    port = free_port()
    url = f"mqtt://127.0.0.1:{port}"
    config = str(site_dir / "site.yaml")
    open_all_day(site_dir / "site.yaml")  # the server runs on the real clock
    broker = subprocess.Popen(  # Mosquitto with an account per device, beside site.yaml
        [OSS_QUEUE, "broker", "--config", config, "--mqtt", url],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    wait_for_port(port)
    subprocess.run(
        [OSS_QUEUE, "staff", "set-pin", "s01", "--pin", "1357", "--config", config],
        check=True,
        capture_output=True,
    )
    server = subprocess.Popen(
        [OSS_QUEUE, "server", "--config", config, "--mqtt", url],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    for line in server.stdout:  # wait until it is connected and serving
        if "server_running" in line:
            break
    yield config, url, port, server
    for process in (server, broker):
        process.terminate()
        process.wait(10)


def request(config: str, url: str, client: str, op: str, *args: str) -> dict:
    result = subprocess.run(
        [
            OSS_QUEUE,
            "bus",
            "request",
            op,
            *args,
            "--client-id",
            client,
            "--config",
            config,
            "--mqtt",
            url,
        ],
        capture_output=True,
        text=True,
        timeout=30,
    )
    return json.loads(result.stdout)


def test_issue_and_call_from_the_command_line_and_read_the_retained_board(running):
    config, url, port, _ = running
    issued = request(
        config, url, "kiosk-1", "ticket.issue", "service=general-petition", "priority:=true"
    )
    assert (
        issued["ok"]
        and issued["result"]["number"] == "D001"
        and issued["result"]["priority"] is True
    )
    assert request(config, url, "counter-2", "staff.login", "staff=s01", "pin=1357")["ok"]
    assert request(config, url, "counter-2", "counter.open", "counter=2", "staff=s01")["ok"]
    called = request(config, url, "counter-2", "counter.call_next", "counter=2", "staff=s01")
    assert called["result"]["number"] == "D001"

    mosquitto_sub = shutil.which("mosquitto_sub")
    if mosquitto_sub is None:
        pytest.skip("mosquitto-clients not installed")
    site_id = "maekorn"
    passwords = read_passwords(Path(config).parent / "broker" / "passwords.txt")
    board = subprocess.run(
        [
            mosquitto_sub,
            "-h",
            "127.0.0.1",
            "-p",
            str(port),
            "-u",
            "display-1",
            "-P",
            passwords["display-1"],
            "-t",
            f"oss/{site_id}/state/board",
            "-C",
            "1",
            "-W",
            "5",
        ],
        capture_output=True,
        text=True,
    )
    state = json.loads(board.stdout)
    assert [c["ticket"] for c in state["counters"] if c["id"] == "2"] == ["D001"]
    assert state["last_calls"][0]["ticket"] == "D001"


def test_the_server_stops_cleanly_on_sigterm(running):
    _, _, _, server = running
    server.terminate()
    assert server.wait(10) == 0
