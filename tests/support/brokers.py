"""Real MQTT brokers for the tests, on 127.0.0.1 and a free port: amqtt and Mosquitto."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest

from queue_server.bus.accounts import read_passwords
from queue_server.bus.broker import EmbeddedBroker, mosquitto_hash, write_mosquitto_config
from queue_server.bus.local_broker import mosquitto_path
from queue_server.bus.local_broker import wait_for_port as listening
from queue_server.bus.mqtt import Credentials
from queue_server.config.models import BridgeModel


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port: int, timeout: float = 10.0) -> None:
    if not listening("127.0.0.1", port, timeout):
        raise TimeoutError(f"nothing listens on 127.0.0.1:{port}")


def mosquitto_binary() -> str:
    found = mosquitto_path()
    if not found:
        if os.environ.get("CI"):
            pytest.fail("mosquitto is required under CI (apt-get install mosquitto)")
        pytest.skip("mosquitto is not installed")
    return found


@dataclass
class RunningBroker:
    url: str
    port: int
    process: subprocess.Popen | None = None
    embedded: EmbeddedBroker | None = None
    config: Path | None = None
    passwords: Mapping[str, str] | None = None
    log: Path | None = None

    def credentials(self, account: str, **tls: Path) -> Credentials | None:
        """The login of one device (its client id) on a secured broker; None on an open one."""
        if not self.passwords:
            return None
        return Credentials(account, self.passwords[account], **tls)

    def reload(self) -> None:
        """As `systemctl reload mosquitto`: read the password file and ACL again."""
        assert self.process is not None
        self.process.send_signal(signal.SIGHUP)
        time.sleep(0.3)

    def stop(self) -> None:
        if self.embedded:
            self.embedded.stop()
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)

    def kill(self) -> None:
        """As if the broker's box lost power."""
        if self.process:
            self.process.kill()
            self.process.wait(10)

    def restart(self) -> None:
        assert self.config is not None
        self.kill()
        self.process = _spawn_mosquitto(self.config, self.log)
        wait_for_port(self.port)


def start_amqtt() -> RunningBroker:
    port = free_port()
    broker = EmbeddedBroker("127.0.0.1", port)
    broker.start()
    return RunningBroker(url=f"mqtt://127.0.0.1:{port}", port=port, embedded=broker)


def _spawn_mosquitto(config: Path, log: Path | None) -> subprocess.Popen:
    out = open(log, "ab") if log else subprocess.DEVNULL  # noqa: SIM115 - owned by the process
    return subprocess.Popen([mosquitto_binary(), "-c", str(config)], stdout=out, stderr=out)


def start_mosquitto() -> RunningBroker:
    """Plain Mosquitto: anonymous clients allowed (the transport under test, not its ACL)."""
    port = free_port()
    folder = Path(tempfile.mkdtemp(prefix="oss-mosquitto-"))
    config = folder / "mosquitto.conf"
    config.write_text(
        f"listener {port} 127.0.0.1\nallow_anonymous true\nlog_dest stderr\n"
        "persistence false\nset_tcp_nodelay true\n"
    )
    broker = RunningBroker(
        url=f"mqtt://127.0.0.1:{port}", port=port, config=config, log=folder / "log"
    )
    broker.process = _spawn_mosquitto(config, broker.log)
    wait_for_port(port)
    return broker


def start_secured_mosquitto(
    site: str,
    clients: Mapping[str, str],
    tls: tuple[Path, Path, Path] | None = None,
    bridge: BridgeModel | None = None,
    bind: str = "127.0.0.1",
) -> RunningBroker:
    """Mosquitto with the config `oss-queue broker mosquitto-config` generates.

    ``bind="0.0.0.0"`` (as a centre runs it) only with TLS, whose plaintext
    listener then stays on 127.0.0.1: nothing listens beyond this machine.
    """
    assert bind == "127.0.0.1" or tls, "tests listen beyond loopback only over TLS"
    mosquitto_binary()
    port, tls_port = free_port(), free_port()
    folder = Path(tempfile.mkdtemp(prefix="oss-mosquitto-acl-"))
    folder.chmod(0o755)  # mosquitto drops from root to its own user
    files = write_mosquitto_config(
        folder,
        site,
        clients,
        port=port,
        bind=bind,
        tls=tls,
        tls_port=tls_port,
        log_to_stderr=True,
        bridge=bridge,
    )
    broker = RunningBroker(
        url=f"mqtt://127.0.0.1:{port}",
        port=port,
        config=files.config,
        passwords=read_passwords(files.passwords),
        log=folder / "log",
    )
    broker.process = _spawn_mosquitto(files.config, broker.log)
    wait_for_port(port)
    if tls:
        wait_for_port(tls_port)
        broker.tls_port = tls_port  # type: ignore[attr-defined]
    return broker


def start_province_mosquitto(accounts: Mapping[str, str], acl: str) -> RunningBroker:
    """A province broker standing in for EMQX: the given accounts (user → password) and ACL."""
    port = free_port()
    folder = Path(tempfile.mkdtemp(prefix="oss-province-"))
    folder.chmod(0o755)
    (folder / "passwd").write_text(
        "".join(f"{u}:{mosquitto_hash(p)}\n" for u, p in accounts.items())
    )
    (folder / "acl").write_text(acl)
    config = folder / "mosquitto.conf"
    config.write_text(
        f"listener {port} 127.0.0.1\nallow_anonymous false\nlog_dest stderr\n"
        f"password_file {folder / 'passwd'}\nacl_file {folder / 'acl'}\npersistence false\n"
    )
    for path in folder.iterdir():
        path.chmod(0o644)
    broker = RunningBroker(
        url=f"mqtt://127.0.0.1:{port}", port=port, config=config, log=folder / "log"
    )
    broker.process = _spawn_mosquitto(config, broker.log)
    wait_for_port(port)
    return broker
