"""systemd's notify protocol: "ready", then "alive" pings for ``WatchdogSec``.

A few lines over a datagram socket (``$NOTIFY_SOCKET``), so no library is
needed; outside systemd (no socket) every call does nothing. A process that
hangs stops pinging and systemd restarts it.
"""

from __future__ import annotations

import os
import socket


def notify(message: str) -> bool:
    address = os.environ.get("NOTIFY_SOCKET")
    if not address:
        return False
    if address.startswith("@"):  # an abstract socket
        address = "\0" + address[1:]
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
        sock.connect(address)
        sock.sendall(message.encode())
    return True


def ready() -> bool:
    return notify("READY=1")


def alive() -> bool:
    return notify("WATCHDOG=1")


def interval_seconds() -> float | None:
    """How often to ping: half of systemd's watchdog period, or None without one."""
    usec = os.environ.get("WATCHDOG_USEC")
    return int(usec) / 2_000_000 if usec and usec.isdigit() else None
