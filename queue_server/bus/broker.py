"""Brokers: a generated Mosquitto setup with per-device accounts, and the amqtt fallback.

Every centre runs Mosquitto with one account per device (the username is
the client id) and an ACL that lets each device touch only its own topics,
so a phone on the waiting-room Wi-Fi cannot connect, and one device's
password cannot publish a call, read another's replies or knock another
device off. The embedded amqtt broker (MQTT 3.1.1, in-process, no accounts)
is only the fallback where Mosquitto is not installed (docs/brokers.md).
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import logging
import os
import shutil
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .accounts import (
    PASSWORDS_FILE,
    AccountError,
    accounts_of,
    read_passwords,
    settle_passwords,
    write_passwords,
    write_private,
)
from .messages import MAX_PUBLISHED_BYTES
from .mqtt import BrokerAddress
from .topics import ROOT, check_name

if TYPE_CHECKING:
    from queue_server.config.models import BridgeModel


# What a centre's bridge forwards to the province: the retained board, counter
# and catalog states and every device's presence. Requests, replies and
# events stay in the centre; nothing comes down.
FORWARDED = ("state/#", "presence/#")
# The local account the bridge reads with: in the ACL, never in the password
# file, so nobody can log in as it.
BRIDGE_USER = "bridge"


class EmbeddedBroker:
    """amqtt in a background thread with its own event loop."""

    def __init__(self, host: str = "127.0.0.1", port: int = 1883) -> None:
        self.host, self.port = host, port
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._ready = threading.Event()
        self._stopping: asyncio.Event | None = None
        self._error: BaseException | None = None

    def start(self, timeout: float = 10.0) -> None:
        # amqtt logs every packet with its payload at DEBUG: a rating comment or
        # anything else a citizen typed would end up in the log (PDPA).
        for name in ("amqtt", "transitions"):
            logging.getLogger(name).setLevel(logging.WARNING)
        self._thread = threading.Thread(target=self._run, name="amqtt-broker", daemon=True)
        self._thread.start()
        if not self._ready.wait(timeout):
            raise TimeoutError("the embedded MQTT broker did not start")
        if self._error is not None:
            raise RuntimeError(f"the embedded MQTT broker failed to start: {self._error}")

    def _run(self) -> None:
        self._loop = asyncio.new_event_loop()
        try:
            self._loop.run_until_complete(self._serve())
        finally:
            self._loop.close()

    async def _serve(self) -> None:
        from amqtt.broker import Broker  # imported here: only the embedded case needs it

        config = {
            "listeners": {"default": {"type": "tcp", "bind": f"{self.host}:{self.port}"}},
            "plugins": {
                "amqtt.plugins.authentication.AnonymousAuthPlugin": {"allow_anonymous": True}
            },
        }
        self._stopping = asyncio.Event()
        broker = Broker(config)
        try:
            await broker.start()
        except BaseException as exc:
            self._error = exc
            self._ready.set()
            return
        self._ready.set()
        await self._stopping.wait()
        await broker.shutdown()

    def stop(self) -> None:
        if self._loop and self._stopping:
            self._loop.call_soon_threadsafe(self._stopping.set)
        if self._thread:
            self._thread.join(10)

    def __enter__(self) -> EmbeddedBroker:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


# -- Mosquitto -----------------------------------------------------------------


def mosquitto_hash(password: str, iterations: int = 101) -> str:
    """A password hash in Mosquitto 2's own format ($7$ = PBKDF2-SHA512)."""
    salt = os.urandom(12)
    digest = hashlib.pbkdf2_hmac("sha512", password.encode(), salt, iterations)
    return f"$7${iterations}${base64.b64encode(salt).decode()}${base64.b64encode(digest).decode()}"


def acl_text(site: str, clients: Mapping[str, str]) -> str:
    """One block per account, i.e. per device: exactly that device's own topics.

    With ``use_username_as_clientid`` the username is the client id, so a
    device may write only its own request and presence topics and read only
    its own replies; state and events are written by the server alone.
    """
    check_name("site id", site)
    base = f"{ROOT}/{site}"
    reads = {
        "kiosk": ["state/board", "state/catalog", "event/reprint", "presence/server/+"],
        "counter": ["state/#", "event/call", "presence/#"],
        "rating": ["state/board", "event/rating", "presence/server/+"],
        "display": ["state/#", "event/call", "presence/server/+"],
        "web": ["state/#", "event/call", "presence/#"],
    }
    blocks = [
        f"# OSS Queue ACL for site {site}. Generated by `oss-queue broker mosquitto-config`.",
    ]
    for account, role in accounts_of(site, clients).items():
        lines = [f"user {account}"]
        if role in ("server", "admin"):
            lines.append(f"topic readwrite {base}/#")
            if role == "admin":
                lines.append(f"topic read {bridge_state_topic(site)}")
        else:
            lines += [f"topic read {base}/{t}" for t in reads[role]]
            lines.append(f"topic write {base}/presence/{role}/{account}")
            if role not in ("display", "web"):  # they only read (the console writes in-process)
                lines.append(f"topic write {base}/req/{account}")
                lines.append(f"topic read {base}/resp/{account}")
        blocks.append("\n".join(lines))
    blocks.append(
        "\n".join([f"user {BRIDGE_USER}"] + [f"topic read {base}/{t}" for t in FORWARDED])
    )
    return "\n\n".join(blocks) + "\n"


def bridge_state_topic(site: str) -> str:
    """Where Mosquitto says (retained, "1" or "0") whether the bridge to the province is up."""
    return f"$SYS/broker/connection/province-{site}/state"


def bridge_section(site: str, bridge: BridgeModel) -> list[str]:
    """Mosquitto's bridge to the province broker: upward only, queued while the line is down.

    ``cleansession false`` keeps the province's session (and the messages
    queued here) across a cut line; on reconnecting, Mosquitto sends the
    latest retained board and presence again, so the dashboard catches up.
    """
    check_name("site id", site)
    address = BrokerAddress.parse(bridge.url)
    lines = [
        f"connection province-{site}",
        f"address {address.host}:{address.port}",
        "bridge_protocol_version mqttv311",
        f"remote_clientid bridge-{site}",
        f"local_clientid bridge-{site}-local",
        f"local_username {BRIDGE_USER}",
        "cleansession false",
        "start_type automatic",
        "restart_timeout 2 60",
        "keepalive_interval 30",
        "notifications true",
        "notifications_local_only true",
        f"notification_topic {bridge_state_topic(site)}",
    ]
    if bridge.username:
        lines.append(f"remote_username {bridge.username}")
    if bridge.password:
        lines.append(f"remote_password {bridge.password}")
    tls = bridge.tls
    if tls:
        lines.append(f"bridge_cafile {tls.ca_file.resolve()}")
        if tls.cert_file and tls.key_file:
            lines += [
                f"bridge_certfile {tls.cert_file.resolve()}",
                f"bridge_keyfile {tls.key_file.resolve()}",
            ]
    elif address.tls:
        lines.append("bridge_capath /etc/ssl/certs")
    lines += [f"topic {ROOT}/{site}/{t} out 1" for t in FORWARDED]
    return lines


@dataclass(frozen=True)
class MosquittoFiles:
    config: Path
    passwd: Path
    acl: Path
    passwords: Path


def write_mosquitto_config(
    directory: Path,
    site: str,
    clients: Mapping[str, str],
    *,
    port: int = 1883,
    bind: str = "0.0.0.0",
    tls: tuple[Path, Path, Path] | None = None,
    tls_port: int = 8883,
    log_to_stderr: bool = False,
    new_passwords: bool = False,
    rotate: Iterable[str] = (),
    bridge: BridgeModel | None = None,
    persistence: Path | None = None,
    log_denied: bool = False,
    run_as: str | None = None,
) -> MosquittoFiles:
    """Write mosquitto.conf, the password file, the ACL and the plain passwords (mode 600).

    One account per device (``accounts_of``). Written again (a new client in
    site.yaml, a new version's ACL), the passwords already given out are
    kept: ``rotate`` names the accounts that get a new one (a lost or leaked
    password), ``new_passwords`` renews them all. ``tls`` is (ca, cert, key):
    a TLS listener on ``bind``, and the plaintext listener then only on
    127.0.0.1 for the apps on the broker's own box. ``bridge`` adds the bridge
    to the province (its password makes the config itself a secret).
    ``persistence`` is the folder for Mosquitto's state (none: in memory).
    ``run_as``: the user Mosquitto keeps running as when started by root
    (default: it drops to ``mosquitto``).
    """
    directory.mkdir(parents=True, exist_ok=True)
    files = rewrite_passwords(
        directory, site, clients, rotate=rotate, rotate_all=new_passwords, required=False
    )
    write_private(files.acl, acl_text(site, clients))
    _give_to_broker_user(files.acl)
    lines = [
        "# Mosquitto for OSS Queue. Generated by `oss-queue broker mosquitto-config`.",
        "per_listener_settings false",
        "allow_anonymous false",
        f"password_file {files.passwd.resolve()}",
        f"acl_file {files.acl.resolve()}",
        "log_dest stderr" if log_to_stderr else "log_dest syslog",
        "log_type error\nlog_type warning\nlog_type notice\nlog_type information",
        # the server's largest message (the catalog) and its MQTT header
        f"max_packet_size {MAX_PUBLISHED_BYTES + 1024}",
        "set_tcp_nodelay true",
    ]
    if run_as:
        lines.append(f"user {run_as}")
    if log_denied:
        # Mosquitto 2.0 logs a denied publish only at debug level (with every other packet).
        lines.append("log_type debug")
    if persistence is None:
        lines.append("persistence false")
    else:
        lines += ["persistence true", f"persistence_location {persistence.resolve()}/"]
    # A listener's own setting (before any listener line it would open another on 1883):
    # the username is the client id, so one device's password cannot take another's id.
    own_id = "use_username_as_clientid true"
    plain_bind = "127.0.0.1" if tls else bind
    lines += ["", f"listener {port} {plain_bind}", "protocol mqtt", own_id]
    if tls:
        ca, cert, key = tls
        lines += [
            "",
            f"listener {tls_port} {bind}",
            "protocol mqtt",
            own_id,
            f"cafile {ca.resolve()}",
            f"certfile {cert.resolve()}",
            f"keyfile {key.resolve()}",
            "tls_version tlsv1.2",
        ]
    if bridge:
        lines += ["", *bridge_section(site, bridge)]
    write_private(files.config, "\n".join(lines) + "\n")
    _give_to_broker_user(files.config)
    return files


def rewrite_passwords(
    directory: Path,
    site: str,
    clients: Mapping[str, str],
    *,
    rotate: Iterable[str] = (),
    rotate_all: bool = False,
    required: bool = True,
) -> MosquittoFiles:
    """The password file and passwords.txt again: kept, except the accounts rotated.

    ``required``: the folder must already hold a generated config (rotating
    one device's password should not quietly start a new setup).
    """
    files = MosquittoFiles(
        config=directory / "mosquitto.conf",
        passwd=directory / "passwd",
        acl=directory / "acl",
        passwords=directory / PASSWORDS_FILE,
    )
    if required and not files.passwords.exists():
        raise FileNotFoundError(
            f"{files.passwords} does not exist: run `oss-queue broker mosquitto-config` first"
        )
    accounts = accounts_of(site, clients)
    unknown = sorted(set(rotate) - set(accounts))
    if unknown:
        raise AccountError(f"no broker account {', '.join(unknown)}: not listed in site.yaml")
    kept = read_passwords(files.passwords) if files.passwords.exists() else {}
    passwords = settle_passwords(accounts, kept, rotate=rotate, rotate_all=rotate_all)
    write_private(files.passwd, "".join(f"{a}:{mosquitto_hash(p)}\n" for a, p in passwords.items()))
    write_passwords(files.passwords, passwords)
    _give_to_broker_user(files.passwd)
    return files


def _give_to_broker_user(*paths: Path, user: str = "mosquitto") -> None:
    """Mosquitto started as root drops to the ``mosquitto`` user, which must read these."""
    if os.geteuid() != 0:
        return
    try:
        import pwd

        pwd.getpwnam(user)
    except KeyError:
        return
    for path in paths:
        shutil.chown(path, user, user)
