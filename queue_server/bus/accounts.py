"""Broker accounts: one per device, named by the device's client id.

Mosquitto is told to use the username as the client id
(``use_username_as_clientid``), so whoever holds one device's password can
connect only as that device: it cannot take over the server's or another
counter's client id, and the ACL written for that one username is all it may
touch. The plain passwords live in one file (mode 600) that the person
installing the devices reads, and that apps on the same box read their own
line from.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from .mqtt import Credentials
from .topics import check_name

if TYPE_CHECKING:
    from queue_server.config import Site

PASSWORDS_FILE = "passwords.txt"
_HEADER = (
    "# Broker accounts for OSS Queue, one per device (the username is its client id).\n"
    "# Each device's site.yaml gets its own line: broker.username and broker.password.\n"
    "# Keep this file safe (mode 600).\n"
)


class AccountError(ValueError):
    """A device has no broker account, or its site.yaml names another device's."""


def server_client_id(site_id: str) -> str:
    """The queue server's client id, and so its broker account."""
    return f"server-{site_id}"


def accounts_of(site_id: str, clients: Mapping[str, str]) -> dict[str, str]:
    """Every broker account (client id → role): the server's and each listed device's."""
    accounts = {server_client_id(site_id): "server"}
    for client, role in clients.items():
        accounts[check_name("client id", client)] = role
    return accounts


def new_password() -> str:
    return secrets.token_urlsafe(18)


def read_passwords(path: Path) -> dict[str, str]:
    result = {}
    for line in path.read_text().splitlines():
        if line and not line.startswith("#") and ": " in line:
            account, password = line.split(": ", 1)
            result[account] = password
    return result


def write_private(path: Path, text: str) -> None:
    """Write a secret: created 600 (never readable by others, not even for a moment)."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as out:
        out.write(text)
    path.chmod(0o600)


def write_passwords(path: Path, passwords: Mapping[str, str]) -> None:
    write_private(path, _HEADER + "".join(f"{a}: {p}\n" for a, p in passwords.items()))


def settle_passwords(
    accounts: Iterable[str],
    kept: Mapping[str, str],
    *,
    rotate: Iterable[str] = (),
    rotate_all: bool = False,
) -> dict[str, str]:
    """The password of each account: the one given out before, or a new one.

    Rotating one device leaves every other device's password as it was, so
    only that one machine's site.yaml needs editing.
    """
    rotated = set(rotate)
    return {
        account: new_password()
        if rotate_all or account in rotated or account not in kept
        else kept[account]
        for account in accounts
    }


def accounts_file(site: Site) -> Path:
    """Where apps on this box find their password when site.yaml does not hold one."""
    configured = site.config.broker.accounts_file
    return site.resolve(configured)


def credentials_for(site: Site, client_id: str) -> Credentials:
    """This device's broker login: its own account, never another device's.

    ``broker.username`` in site.yaml (a device on its own box) must be the
    device's client id; otherwise the password is looked up by client id in
    the accounts file (every app on a one-box centre). No file, no account:
    connect without one (the amqtt fallback, which has no accounts).
    """
    broker = site.config.broker
    tls = broker.tls
    files = {
        "ca_file": tls.ca_file if tls else None,
        "cert_file": tls.cert_file if tls else None,
        "key_file": tls.key_file if tls else None,
    }
    if broker.username:
        if broker.username != client_id:
            raise AccountError(
                f"broker.username in site.yaml is {broker.username!r}, but this app runs as "
                f"{client_id!r}: each device logs in with its own account (its client id)"
            )
        return Credentials(broker.username, broker.password, **files)
    path = accounts_file(site)
    try:
        passwords = read_passwords(path)
    except FileNotFoundError:
        return Credentials(**files)
    except OSError as exc:
        raise AccountError(f"cannot read the broker accounts in {path}: {exc}") from None
    if client_id not in passwords:
        raise AccountError(
            f"{path} has no account for {client_id!r}: list it under clients: in site.yaml, "
            "then run `oss-queue broker mosquitto-config` again"
        )
    return Credentials(client_id, passwords[client_id], **files)
