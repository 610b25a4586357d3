"""The console in a real browser: uvicorn on a free port, Debian's Chromium driven by Playwright.

Chromium is the system's (/usr/bin/chromium, from the bootstrap's packages), started
headless with the flags that keep it off the network it may not reach.
"""

from __future__ import annotations

import os
import shutil
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from tests.support.brokers import free_port

OUTPUT = Path(os.environ.get("OSS_TEST_OUTPUT", "test-output"))
CHROMIUM_FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage",
]  # fmt: skip


def chromium_path() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is required under CI (apt-get install chromium)")
        pytest.skip("chromium is not installed")
    return found


@contextmanager
def served(app: Any, port: int | None = None) -> Iterator[str]:
    """``app`` served by uvicorn on 127.0.0.1 in a thread (on ``port``: again, as after a
    restart); its base URL."""
    port = port or free_port()
    server = uvicorn.Server(
        uvicorn.Config(
            app, host="127.0.0.1", port=port, log_level="warning", timeout_graceful_shutdown=1
        )
    )
    thread = threading.Thread(target=server.run, name="console-web", daemon=True)
    thread.start()
    end = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > end or not thread.is_alive():
            raise RuntimeError("the console did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)


@contextmanager
def chromium(**context: Any) -> Iterator[Any]:
    """A new browser context (its own cookies) in headless Chromium."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path(), args=CHROMIUM_FLAGS, headless=True
        )
        try:
            yield browser.new_context(locale="th-TH", accept_downloads=True, **context)
        finally:
            browser.close()


def shot(page: Any, name: str, folder: str = "console") -> Path:
    (OUTPUT / folder).mkdir(parents=True, exist_ok=True)
    path = OUTPUT / folder / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
