"""`oss-queue server` as systemd runs it: a real process, stopped with SIGTERM."""

from __future__ import annotations

import os
import signal
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager

from queue_server.config import Site
from tests.integration.test_cli import OSS_QUEUE


@contextmanager
def server_process(site: Site, broker_url: str, **env: str) -> Iterator[subprocess.Popen]:
    with site_process(site, "server", "--mqtt", broker_url, **env) as process:
        yield process


@contextmanager
def site_process(site: Site, command: str, *args: str, **env: str) -> Iterator[subprocess.Popen]:
    """``oss-queue COMMAND --config site.yaml ARGS`` as a process of its own; SIGTERM at the end."""
    environment = {k: v for k, v in os.environ.items() if k != "OSS_QUEUE_DATABASE_URL"}
    process = subprocess.Popen(
        [OSS_QUEUE, command, "--config", str(site.path), *args],
        env=environment | env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        yield process
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(20)
