"""One queue server per site folder, and nothing that replaces its database while it runs.

The server holds an exclusive ``flock`` on a file beside site.yaml for as
long as it runs (the kernel lets go when the process dies, even by kill -9);
`restore` takes the same lock, so it is refused while the server runs
instead of swapping the database under it.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from queue_server.config import Site

LOCK_FILE = ".oss-queue-server.lock"


class ServerRunning(RuntimeError):
    pass


@contextmanager
def server_lock(site: Site) -> Iterator[None]:
    path = site.base_dir / LOCK_FILE
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(descriptor, 32, 0).decode(errors="replace").strip() or "?"
            raise ServerRunning(
                f"the queue server for {site.id} is running (pid {holder}): stop it first "
                "(sudo systemctl stop oss-queue-server)"
            ) from None
        os.ftruncate(descriptor, 0)
        os.pwrite(descriptor, f"{os.getpid()}\n".encode(), 0)
        yield
    finally:
        os.close(descriptor)  # closing lets go of the lock
