"""`oss-queue status`: the centre's devices from their retained presence."""

from __future__ import annotations

from collections.abc import Callable

from click.testing import CliRunner

from queue_server.bus.client import BusClient
from queue_server.bus.server import QueueServer
from queue_server.cli.main import main
from queue_server.config import Site
from tests.support.brokers import RunningBroker


def status(site: Site, broker: RunningBroker) -> tuple[int, str]:
    result = CliRunner().invoke(
        main, ["status", "--config", str(site.path), "--mqtt", broker.url, "--seconds", "1"]
    )
    return result.exit_code, result.output


def test_status_lists_the_server_and_a_kiosk_out_of_paper(
    server: QueueServer, app: Callable[..., BusClient], bus_site: Site, broker: RunningBroker
) -> None:
    kiosk = app("kiosk-1")
    kiosk.set_presence(printer_online=True, paper="out", printer_error=None)
    app("display-1")
    code, output = status(bus_site, broker)
    lines = {line.split()[0]: line for line in output.splitlines()[1:]}
    assert "online" in lines[server.client_id]
    assert "printer out of paper" in lines["kiosk-1"]
    assert "online" in lines["display-1"]
    assert "never connected" in lines["counter-3"]
    assert "admin" not in lines  # the status command itself is not a device
    assert code == 1  # the kiosk needs attention


def test_a_device_that_left_shows_offline(
    server: QueueServer, app: Callable[..., BusClient], bus_site: Site, broker: RunningBroker
) -> None:
    display = app("display-1")
    display.stop()
    code, output = status(bus_site, broker)
    line = next(x for x in output.splitlines() if x.startswith("display-1"))
    assert "offline" in line
    assert code == 1
