"""What a long-running process does about Python's collector, so no request waits for it.

A full collection walks every object the process keeps: everything made at start
(modules, the catalog, SQLAlchemy's and pydantic's machinery, a screen's widgets,
fonts and word lists) and kept all day. Here that was 55–100 ms at moments nobody
chose: a kiosk's tap waiting for it, and the server's answer to that tap too
(issue 22).
"""

from __future__ import annotations

import gc


def freeze_what_start_made() -> None:
    """Set everything made while starting aside from the collector's full passes.

    What start made is kept for the process's life, so a full pass learns nothing by
    walking it; frozen, a full pass sees only what the day has made since (in the
    kiosk, tap → bytes p99 142 → 94–97 ms). Collected first, so no garbage is frozen.
    """
    gc.collect()
    gc.freeze()
