"""Files that hold secrets or citizens' records are for the service user and its group only.

New files get that from the CLI's umask (027); ``tighten`` mends those an
older version left readable by every account on the box (0644): site.yaml
can hold a broker password, the database holds the day's tickets and
comments, and the backups are copies of it.
"""

from __future__ import annotations

import stat
from pathlib import Path
from typing import TYPE_CHECKING

from queue_server.storage import sqlite_file

if TYPE_CHECKING:
    from queue_server.config import Site

OPEN_BITS = stat.S_IWGRP | stat.S_IRWXO


def private_files(site: Site) -> list[Path]:
    files = [site.path, site.resolve(site.config.catalog)]
    database = sqlite_file(site.database_url)
    if database is not None:
        files += [database, *database.parent.glob(database.name + "-*")]
    return [f for f in files if f.is_file()]


def tighten(paths: list[Path]) -> list[Path]:
    """Take away group write and everything for others; the paths that needed it."""
    mended = []
    for path in paths:
        mode = stat.S_IMODE(path.stat().st_mode)
        if mode & OPEN_BITS:
            path.chmod(mode & ~OPEN_BITS)
            mended.append(path)
    return mended
