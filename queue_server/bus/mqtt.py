"""Making paho-mqtt clients the same way everywhere: address, credentials, TLS, Last Will.

Nothing outside ``queue_server.bus`` sees a paho object; apps get messages
as plain ``(topic, payload)`` pairs through ``BusClient``.
"""

from __future__ import annotations

import contextlib
import json
import socket
import ssl
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import paho.mqtt.client as paho

QOS = 1


@dataclass(frozen=True)
class BrokerAddress:
    host: str
    port: int
    tls: bool

    @classmethod
    def parse(cls, url: str) -> BrokerAddress:
        parsed = urlparse(url)
        if parsed.scheme not in ("mqtt", "mqtts") or not parsed.hostname:
            raise ValueError(f"broker URL {url!r}: use mqtt://host:1883 or mqtts://host:8883")
        tls = parsed.scheme == "mqtts"
        return cls(parsed.hostname, parsed.port or (8883 if tls else 1883), tls)


@dataclass(frozen=True)
class Credentials:
    username: str | None = None
    password: str | None = None
    ca_file: Path | None = None
    cert_file: Path | None = None
    key_file: Path | None = None


def encode(message: Any) -> bytes:
    """Compact UTF-8 JSON (Thai stays readable, not \\u-escaped)."""
    if hasattr(message, "model_dump"):
        message = message.model_dump(mode="json")
    return json.dumps(message, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _no_delay(client: paho.Client, userdata: Any, sock: Any) -> None:
    """Small messages go out at once: Nagle's algorithm would hold them ~40 ms."""
    with contextlib.suppress(OSError, AttributeError):  # not a plain TCP socket: leave it
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)


def make_client(
    client_id: str,
    address: BrokerAddress,
    credentials: Credentials,
    *,
    will_topic: str | None = None,
    will_payload: bytes | None = None,
    clean_session: bool = True,
) -> paho.Client:
    client = paho.Client(
        paho.CallbackAPIVersion.VERSION2,
        client_id=client_id,
        protocol=paho.MQTTv311,
        clean_session=clean_session,
    )
    client.on_socket_open = _no_delay
    client.reconnect_delay_set(min_delay=1, max_delay=5)
    client.max_queued_messages_set(1000)
    if credentials.username:
        client.username_pw_set(credentials.username, credentials.password)
    if address.tls or credentials.ca_file:
        client.tls_set(
            ca_certs=str(credentials.ca_file) if credentials.ca_file else None,
            certfile=str(credentials.cert_file) if credentials.cert_file else None,
            keyfile=str(credentials.key_file) if credentials.key_file else None,
            cert_reqs=ssl.CERT_REQUIRED,
        )
    if will_topic is not None:
        client.will_set(will_topic, will_payload, qos=QOS, retain=True)
    return client
