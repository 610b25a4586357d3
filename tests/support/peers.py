"""A raw MQTT client logged in as one account: what a role (or an intruder) can do by hand."""

from __future__ import annotations

import json
import threading
import time

import paho.mqtt.client as paho


class Peer:
    """A raw MQTT client logged in as one role, recording what it receives."""

    def __init__(self, port: int, client_id: str, username: str | None, password: str | None):
        self.messages: list[tuple[str, bytes]] = []
        self.connected = threading.Event()
        self.answered = threading.Event()  # the broker's CONNACK, either way
        self.refused: str | None = None
        self.mqtt = paho.Client(paho.CallbackAPIVersion.VERSION2, client_id=client_id)
        if username:
            self.mqtt.username_pw_set(username, password)
        self.mqtt.on_message = lambda c, u, m: self.messages.append((m.topic, m.payload))
        self.mqtt.on_connect = self._on_connect
        self.mqtt.connect("127.0.0.1", port)
        self.mqtt.loop_start()
        self.answered.wait(3)

    def _on_connect(self, client, userdata, flags, reason, props):
        if reason.is_failure:
            self.refused = str(reason)
        else:
            self.connected.set()
        self.answered.set()

    def publish(self, topic: str, payload: dict, retain: bool = False) -> None:
        self.mqtt.publish(topic, json.dumps(payload), qos=1, retain=retain).wait_for_publish(3)

    def subscribe(self, topic: str) -> None:
        self.mqtt.subscribe(topic, qos=1)
        time.sleep(0.2)

    def close(self) -> None:
        self.mqtt.disconnect()
        self.mqtt.loop_stop()

    def seen(self, topic: str) -> list[bytes]:
        return [payload for t, payload in self.messages if t == topic]
