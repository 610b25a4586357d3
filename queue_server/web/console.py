"""The console's parts, and the one way it changes anything: an operation, audited.

Everything the console writes goes through here: an operation of the one
table (bus.ops) run as the signed-in staff member (their session is the
operation's client, so the same "is this staff member signed in here" check
applies as at a counter), or a change of the console's own (staff, files)
with its before and after. Each lands in the audit log.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pydantic import BaseModel

from queue_server.bootstrap import Centre
from queue_server.bus import messages as m
from queue_server.bus.auth import BusRefusal, LoginThrottle
from queue_server.bus.limits import RateLimits
from queue_server.bus.ops import OPS, Context
from queue_server.config import ConfigError, Site, load_site
from queue_server.config.edits import read_plain
from queue_server.config.models import Role
from queue_server.config.watch import SiteFiles
from queue_server.storage.audit import AuditLog

from .feed import FloorFeed
from .phones import PhoneFeed
from .sessions import Sessions, User, client_of, new_token


@dataclass
class Console:
    site: Site
    centre: Centre
    feed: FloorFeed
    clock: Callable[[], datetime]

    def __post_init__(self) -> None:
        self._files = SiteFiles(self.site)
        self._read_ahead()
        assert self.centre.engine is not None, "the console needs the site's database"
        self.audit = AuditLog(self.centre.engine, self.site.id)
        self.sessions = Sessions(self.centre.staff, self.clock)
        # its own budget of PIN checks: the console never slows the queue server's worker
        self.throttle = LoginThrottle(self.centre.staff, self.clock)
        # citizens' phones: every active ticket's view, and each address's budget
        self.phones = PhoneFeed(self.centre.service.following, self.feed, self.site)
        self.phone_limits = RateLimits(self.site.config.limits)

    def refresh(self) -> None:
        """Follow site.yaml and the catalog as saved (here, by the CLI or in an editor); a
        file that does not load leaves the console on what it had (the server says why)."""
        if self._files.stale():
            with contextlib.suppress(ConfigError, OSError):
                self.follow(load_site(self.site.path))

    def follow(self, site: Site) -> None:
        """Use ``site`` from now on (after an edit saved here)."""
        self.site = site
        self.phones.site = site
        self.phone_limits.config = site.config.limits
        self._files.follow(site)
        self._read_ahead()

    def _read_ahead(self) -> None:
        """Parse the files the setup pages show now, not on a supervisor's first click (a
        400-service catalog takes a C parser 150 ms; then it is kept until it changes)."""
        with contextlib.suppress(OSError):
            read_plain(self.site.path)
            read_plain(self.site.resolve(self.site.config.catalog))

    @property
    def staff(self) -> Any:
        return self.centre.staff

    def sign_in(self, address: str, code: str, pin: str) -> str:
        """A new session's token, or a BusRefusal (wrong PIN, throttled) as at a counter."""
        token = new_token()
        self.throttle.sign_in(
            self.centre.staff, f"web@{address}", code, pin, client_of(token), self.clock()
        )
        return token

    def run(self, user: User, name: m.OpName, args: dict[str, Any]) -> Any:
        """An operation of the one table, as ``user`` at the console: its typed result."""
        op = OPS[name.value]
        if Role.WEB not in op.roles:
            raise BusRefusal(m.BusCode.FORBIDDEN, f"the console may not {name.value}")
        if "staff" in op.args.model_fields:
            args = {**args, "staff": user.code}
        valid = op.args.model_validate(args)  # a ValidationError is the form's to show
        context = Context(
            self.centre.service, self.centre.staff, self.throttle, user.client, Role.WEB, None,
            self.clock,
        )  # fmt: skip
        result = op.run(context, valid).result
        model = m.RESULTS.get(name)
        return model.model_validate(result) if model else result

    def change(
        self, user: User, name: m.OpName, args: dict[str, Any], target: str, before: Any
    ) -> Any:
        """A write through the op table, written to the audit log with before and after."""
        result = self.run(user, name, args)
        self.audited(user, name.value, target, before, result)
        return result

    def audited(self, user: User, action: str, target: str, before: Any, after: Any) -> None:
        self.audit.write(self.clock(), user.code, action, target, _plain(before), _plain(after))


def _plain(value: Any) -> Any:
    return value.model_dump(mode="json") if isinstance(value, BaseModel) else value
