"""Noticing that staff saved site.yaml or the catalog, so the server reloads them itself.

An edit counts once the files have stopped changing for one look, so a
save caught half-written is not read; a broken edit is reported and the
server keeps the version it has (see ``QueueServer.reload``).
"""

from __future__ import annotations

from pathlib import Path

from .loader import Site

Stamp = tuple[tuple[int, int] | None, ...]


def _stamp(paths: list[Path]) -> Stamp:
    stamps: list[tuple[int, int] | None] = []
    for path in paths:
        try:
            stat = path.stat()
        except OSError:
            stamps.append(None)
        else:
            stamps.append((stat.st_mtime_ns, stat.st_size))
    return tuple(stamps)


class SiteFiles:
    def __init__(self, site: Site) -> None:
        self.follow(site)

    def follow(self, site: Site) -> None:
        """Watch the files ``site`` was loaded from (the catalog's name may have changed)."""
        self.paths = [site.path, site.resolve(site.config.catalog)]
        self._applied = self._last = _stamp(self.paths)

    def edited(self) -> bool:
        """True once per edit: the files look the same twice in a row, and not as before."""
        now = _stamp(self.paths)
        settled = now == self._last
        self._last = now
        if settled and now != self._applied:
            self._applied = now
            return True
        return False

    def stale(self) -> bool:
        """Whether the files differ from what was last applied (a reader that looks only
        now and then, such as the console at each page, reloads at once)."""
        now = _stamp(self.paths)
        if now == self._applied:
            return False
        self._applied = self._last = now
        return True
