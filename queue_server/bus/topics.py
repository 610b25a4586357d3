"""MQTT topics of contract version 1, built in one place.

oss/{site}/req/{client}               app → server   requests
oss/{site}/resp/{client}              server → app   replies
oss/{site}/state/board                server, retained
oss/{site}/state/counter/{counter}    server, retained
oss/{site}/state/catalog              server, retained
oss/{site}/event/call                 server         announce a number
oss/{site}/event/rating               server         ask a rating screen
oss/{site}/event/reprint              server         ask a kiosk to print again
oss/{site}/presence/{role}/{client}   each app, retained, with a Last Will
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ROOT = "oss"
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")


def check_name(kind: str, value: str) -> str:
    """Ids that go into topics may not contain '/', '+', '#' or spaces."""
    if not _NAME.match(value):
        raise ValueError(f"{kind} {value!r}: use letters, digits, '.', '-' and '_' (max 64)")
    return value


@dataclass(frozen=True)
class Topics:
    site: str

    def __post_init__(self) -> None:
        check_name("site id", self.site)

    @property
    def base(self) -> str:
        return f"{ROOT}/{self.site}"

    def request(self, client: str) -> str:
        return f"{self.base}/req/{check_name('client id', client)}"

    def response(self, client: str) -> str:
        return f"{self.base}/resp/{check_name('client id', client)}"

    @property
    def all_requests(self) -> str:
        return f"{self.base}/req/+"

    @property
    def board(self) -> str:
        return f"{self.base}/state/board"

    @property
    def catalog(self) -> str:
        return f"{self.base}/state/catalog"

    def counter(self, counter: str) -> str:
        return f"{self.base}/state/counter/{check_name('counter id', counter)}"

    @property
    def call(self) -> str:
        return f"{self.base}/event/call"

    @property
    def rating(self) -> str:
        return f"{self.base}/event/rating"

    @property
    def reprint(self) -> str:
        return f"{self.base}/event/reprint"

    def presence(self, role: str, client: str) -> str:
        return f"{self.base}/presence/{check_name('role', role)}/{check_name('client id', client)}"

    @property
    def server_presence(self) -> str:
        return f"{self.base}/presence/server/+"

    @property
    def all_presence(self) -> str:
        return f"{self.base}/presence/#"

    def client_of_request(self, topic: str) -> str | None:
        """The client id in ``oss/{site}/req/{client}``, or None for any other topic."""
        prefix = f"{self.base}/req/"
        if not topic.startswith(prefix):
            return None
        client = topic[len(prefix) :]
        return client if _NAME.match(client) else None
