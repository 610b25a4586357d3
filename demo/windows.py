"""The demo on a desktop: the broker and server here, each app in its own window beside the others.

Each app runs as its own process, as it would on its own machine: the kiosk,
the display board, a counter terminal and the rating tablet of that counter.
Ctrl-C stops them all.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import click

from .centre import PIN, STAFF, SUPERVISOR, SUPERVISOR_PIN, free_port, running_centre

OSS_QUEUE = "from queue_server.cli.main import main; main()"
# (command, client id, extra options, size, top-left corner) on a 1920×1080 desktop
LAYOUT = (
    ("display", "display-1", [], (960, 540), (0, 0)),
    ("kiosk", "kiosk-1", [], (960, 600), (960, 0)),
    ("counter", "counter-2", ["--counter", "2"], (960, 520), (0, 560)),
    ("rating", "rating-2", [], (960, 460), (960, 620)),
)


def run_windows(directory: Path, seconds: float | None = None) -> None:
    port = free_port(8080)
    with running_centre(directory / "site", directory / "tickets", port) as centre:
        config = str(centre.site.path)
        children = []
        for command, client, extra, (w, h), (x, y) in LAYOUT:
            argv = [sys.executable, "-c", OSS_QUEUE, command, "--config", config,
                    "--client-id", client, "--window", "--size", f"{w}x{h}", "--at", f"{x},{y}",
                    *extra]  # fmt: skip
            log = (directory / f"{command}.log").open("w")
            children.append(subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT))
        argv = [sys.executable, "-c", OSS_QUEUE, "web", "--config", config,
                "--bind", "127.0.0.1", "--port", str(port)]  # fmt: skip
        log = (directory / "web.log").open("w")
        children.append(subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT))
        console = f"http://127.0.0.1:{port}/"
        click.secho("OSS Queue demo — a centre on this desktop", bold=True)
        click.echo(
            f"  kiosk, display board, counter 2 and its rating tablet are opening.\n"
            f"  Counter sign-in: staff code {STAFF}, PIN {PIN} (then F10 opens the counter).\n"
            f"  Tickets print as pictures into {(directory / 'tickets').resolve()}\n"
            f"  The display has no recorded voice yet: it plays the chime (docs/screens.md).\n"
            f"  Centre console: {console} (supervisor {SUPERVISOR}, PIN {SUPERVISOR_PIN};\n"
            f"  clerk {STAFF}, PIN {PIN}).\n"
            f"  A ticket's QR opens its phone page on this desktop "
            f"({centre.site.config.web.phone_url}/t/…;\n"
            f"  a real phone needs web.phone_url on the LAN's address, docs/phone.md).\n"
            f"  Logs: {directory.resolve()}/*.log. Ctrl-C stops everything."
        )
        _open_when_up(console)
        end = time.monotonic() + seconds if seconds else None
        try:
            while all(child.poll() is None for child in children):
                if end is not None and time.monotonic() > end:
                    break
                time.sleep(0.5)
        except KeyboardInterrupt:
            pass
        finally:
            for child in children:
                if child.poll() is None:
                    child.send_signal(signal.SIGTERM)
            for child in children:
                try:
                    child.wait(10)
                except subprocess.TimeoutExpired:
                    child.kill()
        click.echo("demo stopped")


def _open_when_up(url: str, wait: float = 10.0) -> None:
    """Open the console in the desktop's browser once it answers (it starts in a moment)."""
    import urllib.request
    import webbrowser

    end = time.monotonic() + wait
    while time.monotonic() < end:
        try:
            with urllib.request.urlopen(url + "signin", timeout=1):
                webbrowser.open(url)
                return
        except OSError:
            time.sleep(0.2)
