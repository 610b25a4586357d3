"""The running server keeps Python's full collections off what it made at start.

Found measuring the kiosk's tap → paper (issue 22): a full collection in the server,
walking the catalog, SQLAlchemy's and pydantic's machinery, took 57–70 ms in the middle
of a ticket's request.
"""

from __future__ import annotations

import signal

import pytest

from queue_server.bus import server as server_module
from queue_server.bus.server import QueueServer


class Frozen(Exception):
    pass


def test_the_server_freezes_what_start_made_once_it_is_running(
    offline_server: QueueServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    steps: list[str] = []
    monkeypatch.setattr(offline_server, "start", lambda: steps.append("started"))

    def freeze() -> None:
        steps.append("frozen")
        raise Frozen  # enough: run_forever would now serve until a signal

    monkeypatch.setattr(server_module, "freeze_what_start_made", freeze)
    handlers = {
        sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
    }
    try:
        with pytest.raises(Frozen):
            offline_server.run_forever()
    finally:
        for sig, handler in handlers.items():
            signal.signal(sig, handler)
    assert steps == ["started", "frozen"]
