"""The chaos day (short in CI; `make chaos` runs the long one and prints its figures)."""

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from assets import DEFAULT_CATALOG, DEFAULT_SITE
from queue_server.config import load_site
from tests.support.brokers import start_mosquitto
from tests.support.databases import migrated
from tests.support.sites import open_all_day, without_rate_limits

from .harness import ChaosDay

SECONDS = float(os.environ.get("OSS_CHAOS_SECONDS", "20"))


@pytest.fixture
def workdir():
    folder = Path(tempfile.mkdtemp(prefix="oss-chaos-"))
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.slow
@pytest.mark.timeout(int(SECONDS) + 300)
def test_nothing_is_lost_or_doubled_while_the_server_and_broker_die(workdir, monkeypatch):
    monkeypatch.delenv("OSS_QUEUE_DATABASE_URL", raising=False)
    shutil.copy(DEFAULT_CATALOG, workdir / "catalog.yaml")
    site_yaml = workdir / "site.yaml"
    shutil.copy(DEFAULT_SITE, site_yaml)
    open_all_day(site_yaml)  # the server runs on the real clock
    without_rate_limits(site_yaml)  # two kiosks issue several tickets a second
    site_yaml.write_text(
        site_yaml.read_text().replace("  kiosk-1: kiosk\n", "  kiosk-1: kiosk\n  kiosk-2: kiosk\n")
    )
    site = load_site(site_yaml)
    migrated(site.database_url)
    broker = start_mosquitto()  # the same plain Mosquitto the bus tests use
    day = ChaosDay(site, broker, workdir, SECONDS, seed=int(os.environ.get("OSS_CHAOS_SEED", "11")))
    try:
        figures = day.run()
    finally:
        day.close()
        broker.stop()
    print(figures.line())
    (Path(os.environ.get("OSS_CHAOS_REPORT", workdir / "figures.txt"))).write_text(
        figures.line() + "\n"
    )
    assert figures.server_kills >= 1 and figures.broker_kills >= 1
    assert figures.tickets > 0 and figures.calls > 0
    assert figures.violations == []
