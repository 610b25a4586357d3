"""The broker the server starts itself: Mosquitto with one account per device, amqtt only
where Mosquitto is missing."""

import logging

import pytest

from queue_server.bus import local_broker
from queue_server.bus.accounts import credentials_for, read_passwords
from queue_server.bus.client import BusClient
from queue_server.bus.local_broker import start_local_broker
from tests.support.brokers import free_port, mosquitto_binary

pytestmark = pytest.mark.broker  # Mosquitto of its own


def test_the_local_broker_is_mosquitto_with_a_password_per_device_beside_site_yaml(bus_site):
    mosquitto_binary()
    broker = start_local_broker(bus_site, f"mqtt://127.0.0.1:{free_port()}")
    try:
        assert broker.kind == "mosquitto"
        passwords = read_passwords(bus_site.base_dir / "broker" / "passwords.txt")
        assert set(bus_site.config.clients) <= set(passwords)
        assert (bus_site.base_dir / "broker").stat().st_mode & 0o077 == 0
        display = BusClient(
            site=bus_site.id,
            client_id="display-1",
            role="display",
            broker_url=f"mqtt://127.0.0.1:{broker.address.port}",
            credentials=credentials_for(bus_site, "display-1"),
        )
        display.start(wait=5)  # its own password, read from the accounts file
        display.stop()
    finally:
        broker.stop()


def test_without_mosquitto_the_amqtt_fallback_runs_and_says_what_it_lacks(
    bus_site, monkeypatch, caplog
):
    monkeypatch.setattr(local_broker, "mosquitto_path", lambda: None)
    with caplog.at_level(logging.WARNING):
        broker = start_local_broker(bus_site, f"mqtt://127.0.0.1:{free_port()}")
    try:
        assert broker.kind == "amqtt"
        assert "no accounts or ACL" in caplog.text
    finally:
        broker.stop()
