"""The centre's broker started by the server itself (``broker.embedded: true``).

Mosquitto with the generated per-device config, written into ``broker/``
beside site.yaml on every start (passwords already given out are kept) and
listening on the URL's address; its retained state persists there, so a
restarted broker still has the board. Where Mosquitto is not installed, the
amqtt fallback runs instead, with its limits (no accounts, no ACL, queued
messages of a persistent session lost across a reconnect) logged loudly.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from queue_server import logs

from .broker import EmbeddedBroker, MosquittoFiles, write_mosquitto_config
from .mqtt import BrokerAddress

if TYPE_CHECKING:
    from queue_server.config import Site

log = logs.get(__name__)


def mosquitto_path() -> str | None:
    found = shutil.which("mosquitto")
    if found:
        return found
    return "/usr/sbin/mosquitto" if Path("/usr/sbin/mosquitto").exists() else None


def wait_for_port(host: str, port: int, timeout: float = 10.0) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            with socket.create_connection((host, port), timeout=0.2):
                return True
        except OSError:
            time.sleep(0.05)
    return False


@dataclass
class LocalBroker:
    """A running local broker: ``kind`` is "mosquitto" or "amqtt"."""

    kind: str
    address: BrokerAddress
    process: subprocess.Popen[bytes] | None = None
    embedded: EmbeddedBroker | None = None
    files: MosquittoFiles | None = None

    def stop(self) -> None:
        if self.embedded is not None:
            self.embedded.stop()
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()

    def __enter__(self) -> LocalBroker:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def write_local_config(site: Site, port: int, host: str = "127.0.0.1") -> MosquittoFiles:
    """The per-device config in ``broker/`` beside site.yaml (where apps find their password)."""
    folder = site.resolve(site.config.broker.accounts_file).parent
    folder.mkdir(parents=True, exist_ok=True)
    folder.chmod(0o700)
    clients = {client: role.value for client, role in site.config.clients.items()}
    return write_mosquitto_config(
        folder,
        site.id,
        clients,
        port=port,
        bind=host,
        log_to_stderr=True,
        persistence=folder,
        run_as=pwd.getpwuid(os.getuid()).pw_name,  # a broker of this user's, in its folder
    )


def start_local_broker(
    site: Site, url: str | None = None, *, prefer: str = "mosquitto", log_file: Path | None = None
) -> LocalBroker:
    """Start the centre's broker at ``url`` (default: site.yaml's); Mosquitto unless missing.

    Mosquitto logs to the server's own standard error (the journal under
    systemd, which is capped), or into ``log_file`` (the demo, whose terminal
    it would otherwise fill), written anew each start.
    """
    address = BrokerAddress.parse(url or site.config.broker.url)
    binary = mosquitto_path() if prefer == "mosquitto" else None
    if binary is None:
        log.warning(
            "amqtt_fallback",
            reason="Mosquitto is not installed",
            lacks="no accounts or ACL; a session's queued messages lost across a reconnect",
            fix="apt-get install mosquitto (docs/brokers.md)",
        )
        embedded = EmbeddedBroker(address.host, address.port)
        embedded.start()
        return LocalBroker("amqtt", address, embedded=embedded)
    files = write_local_config(site, address.port, address.host)
    out = open(log_file, "wb") if log_file else None  # noqa: SIM115 - the broker's now
    process = subprocess.Popen([binary, "-c", str(files.config)], stdout=out, stderr=out)
    if out is not None:
        out.close()
    broker = LocalBroker("mosquitto", address, process=process, files=files)
    if not wait_for_port(address.host, address.port) or process.poll() is not None:
        broker.stop()
        said = log_file.read_text(errors="replace")[-400:] if log_file else "see its log above"
        raise RuntimeError(f"Mosquitto did not start on {address.host}:{address.port}: {said}")
    return broker
