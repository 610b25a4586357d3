"""A site, its database and a running queue server for a benchmark (a fixed clock, 10:00)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from assets import DEFAULT_CATALOG, DEFAULT_SITE
from queue_server.bootstrap import centre
from queue_server.bus.accounts import server_client_id
from queue_server.bus.mqtt import Credentials
from queue_server.bus.server import QueueServer
from queue_server.config import Site, load_site
from queue_server.ops.memory import freeze_what_start_made
from queue_server.storage import upgrade
from queue_server.testing import at
from tests.support.brokers import free_port
from tests.support.sites import open_all_day, without_rate_limits

PIN = "1111"
OSS_QUEUE = "from queue_server.cli.main import main; main()"


def new_site(
    folder: Path, edit: dict[str, str] | None = None, *, rate_limits: bool = False
) -> Site:
    """The default site; without the rate limits unless asked (a benchmark's kiosk issues
    far faster than citizens can)."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(DEFAULT_SITE, folder / "site.yaml")
    shutil.copy(DEFAULT_CATALOG, folder / "catalog.yaml")
    text = (folder / "site.yaml").read_text(encoding="utf-8")
    for old, new in (edit or {}).items():
        text = text.replace(old, new, 1)
    (folder / "site.yaml").write_text(text, encoding="utf-8")
    if not rate_limits:
        without_rate_limits(folder / "site.yaml")
    site = load_site(folder / "site.yaml")
    upgrade(site.database_url)
    return site


@contextmanager
def running_server(
    site: Site, broker_url: str, credentials: Callable[[str], Credentials | None] | None = None
) -> Iterator[QueueServer]:
    """``credentials``: the server's login by client id, on a broker with accounts."""
    parts = centre(site, clock=lambda: at(10, 0))
    parts.staff.set_pin("s01", PIN, at(10, 0))
    login = credentials(server_client_id(site.id)) if credentials else None
    server = parts.server(broker_url, credentials=login)
    server.start()
    freeze_what_start_made()  # as `oss-queue server` does once started (run_forever)
    try:
        yield server
    finally:
        server.stop()
        parts.close()


def a_centre(folder: Path, tickets: int) -> tuple[Site, list[str]]:
    """The default site open all day on its own broker port, one counter's worth of
    services, and ``tickets`` waiting (issued before the processes start); their phone
    tokens."""
    port = free_port()
    site = new_site(folder, {"url: mqtt://127.0.0.1:1883": f"url: mqtt://127.0.0.1:{port}"})
    open_all_day(site.path)
    site = load_site(site.path)
    served = [s for s in site.catalog.services if s.category in ("citizen", "local")]
    by_prefix = {s.prefix: s.code for s in served}  # one service a letter: 999 numbers each
    parts = centre(site)
    parts.staff.set_pin("s01", PIN, parts.service.clock())
    codes = list(by_prefix.values())
    tokens = [parts.service.issue(codes[n % len(codes)]).wire["token"] for n in range(tickets)]
    parts.close()
    return site, tokens


@contextmanager
def process(*argv: str, log: Path) -> Any:
    with log.open("w") as out:
        child = subprocess.Popen([sys.executable, "-c", OSS_QUEUE, *argv], stdout=out,
                                 stderr=subprocess.STDOUT)  # fmt: skip
        try:
            yield child
        finally:
            child.terminate()
            try:
                child.wait(20)
            except subprocess.TimeoutExpired:
                child.kill()


def wait_for_port(port: int, seconds: float = 30) -> None:
    import socket

    end = time.monotonic() + seconds
    while time.monotonic() < end:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError(f"nothing listens on {port}")


def memory_mb(pid: int) -> tuple[float, float]:
    """(now, peak) resident memory of a process."""
    status = Path(f"/proc/{pid}/status").read_text()
    kb = {k: int(status.split(f"{k}:")[1].split()[0]) for k in ("VmRSS", "VmHWM")}
    return kb["VmRSS"] / 1024, kb["VmHWM"] / 1024


@contextmanager
def x_screen(size: tuple[int, int]) -> Iterator[str | None]:
    """A virtual X screen (Xvfb) as DISPLAY for this process and the ones it starts, or
    None where Xvfb is not installed (DISPLAY unset meanwhile: the screens draw
    offscreen, never on the desktop of whoever runs the benchmark).

    On a board's or a kiosk's PC each frame reaches the screen through the X server:
    the swap waits for llvmpipe to finish drawing and copies the picture out. SDL's
    offscreen driver does neither, and that is not how the screens run: a frame is
    drawn only when a later one flushes it, so the board's call waited for the frame
    before it, and a kiosk's memory grew by each texture the unfinished frames still
    held (167 → 371 MB for 3 000 label textures, flat in a window)."""
    before = os.environ.pop("DISPLAY", None)
    try:
        xvfb = shutil.which("Xvfb")
        if xvfb is None:
            yield None
            return
        with _xvfb(xvfb, size) as number:
            os.environ["DISPLAY"] = f":{number}"
            yield os.environ["DISPLAY"]
    finally:
        os.environ.pop("DISPLAY", None)
        if before is not None:
            os.environ["DISPLAY"] = before


@contextmanager
def _xvfb(xvfb: str, size: tuple[int, int]) -> Iterator[str]:
    """Xvfb running; the display number it chose."""
    ready, told = os.pipe()  # Xvfb writes the display number it chose once it listens
    child = subprocess.Popen(
        [xvfb, "-displayfd", str(told), "-screen", "0", f"{size[0]}x{size[1]}x24",
         "-nolisten", "tcp"],
        pass_fds=(told,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    os.close(told)
    try:
        number = os.read(ready, 16).decode().strip()
        if not number:
            raise RuntimeError("Xvfb did not start")
        yield number
    finally:
        os.close(ready)
        child.terminate()
        child.wait(10)
