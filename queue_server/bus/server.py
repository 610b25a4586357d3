"""``oss-queue server``: applies requests from the bus to the queue and publishes state.

Messages arrive on paho's network thread and are queued; one worker thread
handles them in order (a kiosk's and a rating tablet's first: bus/inbox.py),
so the server never applies two operations at once and a slow database never
stalls the network loop. Whatever a message holds, the worker answers it (when
a reply topic can be derived) or logs why not, and goes on to the next one.
"""

from __future__ import annotations

import hashlib
import json
import math
import queue
import threading
import time
import uuid
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any

from pydantic import ValidationError

from queue_server import logs, watchdog
from queue_server.config import ConfigError, Site, load_site
from queue_server.config.models import Role
from queue_server.config.revision import restart_only
from queue_server.config.watch import SiteFiles
from queue_server.domain.counters import CounterSetup
from queue_server.domain.errors import DomainError
from queue_server.domain.events import CALL_EVENTS
from queue_server.ops.memory import freeze_what_start_made
from queue_server.service import QueueService
from queue_server.storage import is_unavailable
from queue_server.storage.staff import StaffRegistry
from queue_server.storage.store import DuplicateRequest, RequestKey

from . import messages as m
from . import state
from .accounts import server_client_id
from .auth import BusRefusal, LoginThrottle, require_role
from .inbox import Inbox
from .limits import RateLimits
from .mqtt import QOS, BrokerAddress, Credentials, encode, make_client
from .ops import OPS, Context, OpResult
from .topics import Topics

log = logs.get(__name__)

PRESENCE_SECONDS = 5.0  # at most this often while refusing a flood (for `oss-queue status`)
REFRESH_SECONDS = 30.0  # republish the board even when nothing happens (clock, open/closed)
WATCH_SECONDS = 2.0  # how often run_forever looks for an edited site.yaml or catalog

# Whose requests the worker takes first: a citizen waits at these screens (bus/inbox.py).
CITIZENS_FIRST = frozenset({Role.KIOSK, Role.RATING})

# Work items that are not messages (topic "" on the worker's inbox).
_REPUBLISH = ("", b"")
_CONNECTED = ("", b"connected")
_RELOAD = ("", b"reload")


class QueueServer:
    def __init__(
        self,
        site: Site,
        service: QueueService,
        staff: StaffRegistry,
        *,
        broker_url: str,
        credentials: Credentials | None = None,
        client_id: str | None = None,
        wall_clock: Callable[[], datetime] | None = None,
    ) -> None:
        self.site = site
        self.started = site  # what a restart would change (database, broker, site id)
        self.service = service
        service.keeps_state = True  # the state after each change is read in its transaction
        self.topics = Topics(site.id)
        self.client_id = client_id or server_client_id(site.id)
        # this run of the server: state seq is compared only within one (messages.CounterState)
        self.run = uuid.uuid4().hex[:12]
        self.staff = staff
        self.roles = self._roles_of(site)
        self.now = wall_clock or service.clock
        self.throttle = LoginThrottle(self.staff, self.now)
        self.limits = RateLimits(site.config.limits)
        self._presence_at = 0.0
        self._refusals_told = 0  # rate-limit refusals the last presence counted
        self._inbox: Inbox[tuple[str, bytes] | None] = Inbox()
        self._worker: threading.Thread | None = None
        self._connected = threading.Event()
        presence = self.topics.presence("server", self.client_id)
        self._presence_topic = presence
        self._address = BrokerAddress.parse(broker_url)
        self.mqtt = make_client(
            self.client_id,
            self._address,
            credentials or Credentials(),
            will_topic=presence,
            will_payload=encode(m.Presence(online=False, role="server", client=self.client_id)),
            clean_session=False,  # requests sent while the server restarts wait at the broker
        )
        self.mqtt.on_connect = self._on_connect
        self.mqtt.on_disconnect = self._on_disconnect
        self.mqtt.on_message = self._on_message
        self.handled = 0
        self._stopping = False
        self._state_dirty = False
        self.config_problem: str | None = None  # an edit that could not be applied, for status
        self.catalog_updated_at = datetime.now(UTC)
        self.files = SiteFiles(site)

    @property
    def setups(self) -> Mapping[str, CounterSetup]:
        """The counters as the queue runs them (after an edit, what the store revised)."""
        return self.service.store.setups

    def _roles_of(self, site: Site) -> dict[str, Role]:
        roles = dict(site.config.clients)
        roles.setdefault(self.client_id, Role.SERVER)
        return roles

    # -- lifecycle -------------------------------------------------------

    def start(self, timeout: float = 10.0) -> None:
        self._worker = threading.Thread(target=self._work, name="queue-server", daemon=True)
        self._worker.start()
        self.mqtt.connect_async(self._address.host, self._address.port, keepalive=30)
        self.mqtt.loop_start()
        if not self._connected.wait(timeout):
            raise ConnectionError(
                f"cannot reach the MQTT broker at {self._address.host}:{self._address.port}"
            )

    def stop(self) -> None:
        self._stopping = True
        if self._connected.is_set():
            info = self.mqtt.publish(
                self._presence_topic, encode(self._presence(False)), qos=QOS, retain=True
            )
            info.wait_for_publish(2)
        self._inbox.put(None)
        if self._worker:
            self._worker.join(10)
        self.mqtt.disconnect()
        self.mqtt.loop_stop()

    def _presence(self, online: bool) -> m.Presence:
        extra: dict[str, Any] = (
            {"config_problem": self.config_problem} if self.config_problem else {}
        )
        if self.limits.refused:
            extra["rate_limited"] = dict(self.limits.refused)
        self._refusals_told = self.limits.refused.total()
        return m.Presence(
            online=online,
            role="server",
            client=self.client_id,
            at=datetime.now(UTC).isoformat(),
            extra=extra,
        )

    def _on_connect(self, client: Any, userdata: Any, flags: Any, reason: Any, props: Any) -> None:
        if reason.is_failure:
            log.error("broker_refused_login", client=self.client_id, reason=reason)
            return
        client.subscribe(self.topics.all_requests, qos=QOS)
        self._publish_presence()
        self._inbox.put(_CONNECTED)  # ask the worker to republish the catalog and all state
        self._connected.set()
        log.info("broker_connected", client=self.client_id)

    def _on_disconnect(
        self, client: Any, userdata: Any, flags: Any, reason: Any, props: Any
    ) -> None:
        self._connected.clear()
        if not self._stopping:
            log.warning("broker_lost", reason=reason, then="reconnecting")

    def _on_message(self, client: Any, userdata: Any, message: Any) -> None:
        sender = self.topics.client_of_request(message.topic)
        first = sender is not None and self.roles.get(sender) in CITIZENS_FIRST
        self._inbox.put((message.topic, message.payload), first=first)

    # -- the worker ------------------------------------------------------

    def _work(self) -> None:
        """Handle messages in order; publish state once the inbox is drained.

        Call events go out at once (displays announce them); the retained
        state is republished after a burst rather than after every request.
        """
        next_refresh = time.monotonic() + REFRESH_SECONDS
        while True:
            timeout = 0 if self._state_dirty else max(0.1, next_refresh - time.monotonic())
            try:
                item = self._inbox.get(timeout=timeout) if timeout else self._inbox.get_nowait()
            except queue.Empty:
                item = _REPUBLISH
            if item is None:
                return
            topic, payload = item
            try:
                if topic:
                    self.handle(topic, payload)
                    continue
                if item == _RELOAD:
                    self.reload()
                elif item == _CONNECTED:
                    self.publish_catalog()
                self.publish_state()
                if self.limits.refused.total() != self._refusals_told:
                    self._publish_presence()  # the last count of a flood, for `status`
                next_refresh = time.monotonic() + REFRESH_SECONDS
            except Exception:  # the server must outlive any one message
                log.exception("message_failed", topic=topic or "(internal)")
                self._state_dirty = False

    def handle(self, topic: str, payload: bytes) -> dict[str, Any] | None:
        """Apply one request message; publish and return the reply (None if none can be sent)."""
        self.handled += 1
        client = self.topics.client_of_request(topic)
        if client is None:
            log.warning("message_ignored", topic=topic, reason="not a request topic")
            return None
        reply, outcome = self._answer(client, payload)
        self.mqtt.publish(self.topics.response(client), encode(reply), qos=QOS)
        if outcome is not None:
            self._publish_outcome(client, outcome)
        return reply

    def _answer(self, client: str, payload: bytes) -> tuple[dict[str, Any], OpResult | None]:
        request_id: str | None = None

        def refuse(
            code: str, message: str, retry_after: int | None = None
        ) -> tuple[dict[str, Any], None]:
            body = state.error_body(code, message, retry_after)
            why = body["error"]["message"]
            log.warning("request_refused", client=client, id=request_id, code=code, why=why)
            return {"v": m.VERSION, "id": request_id, **body}, None

        if len(payload) > m.MAX_PAYLOAD_BYTES:
            return refuse(
                m.BusCode.PAYLOAD_TOO_LARGE,
                f"{len(payload)} bytes; the limit is {m.MAX_PAYLOAD_BYTES}",
            )
        try:
            data = json.loads(payload.decode("utf-8"))
        except UnicodeDecodeError:
            return refuse(m.BusCode.INVALID_JSON, "the payload is not UTF-8 text")
        except (ValueError, RecursionError) as exc:  # ValueError: also a number of 5 000 digits
            return refuse(m.BusCode.INVALID_JSON, f"the payload is not JSON: {str(exc)[:120]}")
        if not isinstance(data, dict):
            return refuse(m.BusCode.INVALID_REQUEST, "the payload must be a JSON object")
        if isinstance(data.get("id"), str) and 0 < len(data["id"]) <= 64:
            request_id = data["id"]
        if data.get("v") != m.VERSION:
            return refuse(
                m.BusCode.UNSUPPORTED_VERSION,
                f"this server speaks v={m.VERSION}, got v={data.get('v')!r}",
            )
        try:
            request = m.Request.model_validate(data)
        except ValidationError as exc:
            return refuse(m.BusCode.INVALID_REQUEST, m.describe_validation(exc))
        op = OPS.get(request.op)
        if op is None:
            return refuse(m.BusCode.UNKNOWN_OP, f"no operation {request.op!r}")
        try:
            role = require_role(self.roles.get(client), client, op.roles, op.name)
        except BusRefusal as exc:
            return refuse(exc.code, exc.message)
        wait = self.limits.request(client, role)
        if wait:
            return self._rate_limited(refuse, client, wait)
        try:
            args = op.args.model_validate(request.args)
        except ValidationError as exc:
            return refuse(m.BusCode.INVALID_ARGS, m.describe_validation(exc))

        key = RequestKey(client, request.id, op.name)
        envelope = {"v": m.VERSION, "id": request.id}
        if op.name is m.OpName.TICKET_ISSUE and role is Role.KIOSK:
            wait = self.limits.ticket(client)
            if wait:
                # a kiosk's retry of a ticket it already has is answered, never refused
                stored = self.service.store.stored_reply(key)
                if stored is not None:
                    log.info("request_repeated", client=client, id=request.id, answer="stored")
                    return {**envelope, **stored}, None
                return self._rate_limited(refuse, client, wait)
        # Any other repeated write is answered from its stored reply inside the unit of
        # work (DuplicateRequest below): no extra read before every request.
        ctx = Context(self.service, self.staff, self.throttle, client, role, key, self.now)
        try:
            outcome = op.run(ctx, args)
        except DuplicateRequest as dup:
            return {**envelope, **dup.reply}, None
        except DomainError as exc:
            body = state.error_body(exc.code.value, exc.message)
            if op.writes:
                self.service.store.remember_reply(key, body, self.now())
            return {**envelope, **body}, None
        except BusRefusal as exc:
            return refuse(exc.code, exc.message, exc.retry_after)
        except Exception as exc:
            if is_unavailable(exc):
                log.error("database_unavailable", op=op.name, client=client, error=exc)
                return refuse(
                    m.BusCode.STORAGE_UNAVAILABLE, "the database is not available; try again"
                )
            log.exception("request_failed", op=op.name, client=client)
            return refuse(
                m.BusCode.INTERNAL_ERROR, "the server could not apply this request; it was logged"
            )
        return {**envelope, "ok": True, "result": outcome.result}, outcome

    def _rate_limited(
        self, refuse: Callable[..., tuple[dict[str, Any], None]], client: str, wait: float
    ) -> tuple[dict[str, Any], None]:
        """Refuse (not stored: the same request goes through later) and tell `status` soon."""
        if time.monotonic() - self._presence_at > PRESENCE_SECONDS:
            self._publish_presence()
        seconds = math.ceil(wait)
        return refuse(
            m.BusCode.RATE_LIMITED, f"too many requests from {client}; wait {seconds} s", seconds
        )

    # -- publishing ------------------------------------------------------

    def _publish_outcome(self, client: str, outcome: OpResult) -> None:
        for event in outcome.events:
            if event.type in CALL_EVENTS:
                self.mqtt.publish(
                    self.topics.call, encode(state.call_event(event, self.setups)), qos=QOS
                )
            elif state.is_completion(event):
                self.mqtt.publish(self.topics.rating, encode(state.rating_event(event)), qos=QOS)
        if outcome.reprint is not None or outcome.slip is not None:
            reprint = m.ReprintEvent.model_validate(
                {"ticket": outcome.reprint, "case": outcome.slip, "requested_by": client}
            )
            self.mqtt.publish(self.topics.reprint, encode(reprint), qos=QOS)
        if outcome.events:
            self._state_dirty = True

    # -- an edited site.yaml or catalog ----------------------------------

    def request_reload(self) -> None:
        """Reload site.yaml and the catalog on the worker, between two requests."""
        self._inbox.put(_RELOAD)

    def reload(self) -> None:
        """Apply the edited files, or keep running on what we have and say what is wrong."""
        try:
            edited = load_site(self.site.path)
        except (ConfigError, OSError) as exc:
            self.config_problem = f"site.yaml or catalog not applied: {exc}"
            log.error("reload_refused", problem=self.config_problem, running="the version before")
            self._publish_presence()
            return
        revision = self.service.revise(self.site, edited)
        catalog_changed = revision.site.catalog_file != self.site.catalog_file
        self.site = revision.site
        self.files.follow(edited)
        self.roles = self._roles_of(edited)
        self.limits = RateLimits(edited.config.limits, refused=self.limits.refused)
        for line in revision.changes or ["no change"]:
            log.info("reloaded", file=self.site.path.name, change=line)
        self.config_problem = None
        waiting = restart_only(self.started, edited)
        if waiting:
            self.config_problem = f"restart the server to apply: {', '.join(waiting)}"
            log.warning("restart_needed", problem=self.config_problem)
        self._publish_presence()
        if catalog_changed:
            self.catalog_updated_at = datetime.now(UTC)
            self.publish_catalog()

    def _publish_presence(self) -> None:
        self._presence_at = time.monotonic()
        self.mqtt.publish(self._presence_topic, encode(self._presence(True)), qos=QOS, retain=True)

    def publish_catalog(self) -> None:
        document = self.site.catalog_file
        if document is None:
            return
        body = document.model_dump(mode="json", by_alias=True)
        version = hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()[:16]
        message = encode(
            m.CatalogState(
                site=self.site.id,
                version=version,
                updated_at=self.catalog_updated_at.isoformat(),
                catalog=body,
            )
        )
        if len(message) > m.MAX_PUBLISHED_BYTES:
            # The broker would drop it; screens keep the catalog files they have.
            self.config_problem = (
                f"catalog not sent to the screens: {len(message) // 1024} KB, "
                f"more than the {m.MAX_PUBLISHED_BYTES // 1024} KB the broker carries"
            )
            log.error("catalog_not_sent", problem=self.config_problem)
            self._publish_presence()
            return
        self.mqtt.publish(self.topics.catalog, message, qos=QOS, retain=True)

    def _centre_name(self) -> m.Bilingual:
        info = self.site.config.site
        name = info.short_name or info.name
        return name.text

    def publish_state(self) -> None:
        self._state_dirty = False
        floor = self.service.floor()
        self.mqtt.publish(
            self.topics.board,
            encode(state.board(self.site.id, floor, self.setups, self._centre_name(), self.run)),
            qos=QOS,
            retain=True,
        )
        for counter_id, message in state.counters(self.site.id, floor, self.run).items():
            self.mqtt.publish(
                self.topics.counter(counter_id), encode(message), qos=QOS, retain=True
            )

    def run_forever(self) -> None:
        """For the CLI: run until SIGINT/SIGTERM."""
        import signal

        stop = threading.Event()
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, lambda *_: stop.set())
        # `systemctl reload oss-queue-server` sends SIGHUP; saving the files is enough too.
        signal.signal(signal.SIGHUP, lambda *_: self.request_reload())
        self.start()
        freeze_what_start_made()  # no full collection walking the catalog mid-request
        log.info("server_running", site=self.site.id)
        watchdog.ready()
        every = watchdog.interval_seconds()
        next_ping = time.monotonic()
        tick = min(WATCH_SECONDS, every) if every else WATCH_SECONDS
        while not stop.wait(tick):
            if self.files.edited():
                self.request_reload()
            # Ping only while the worker keeps up: a server whose worker hangs gets restarted.
            if every and time.monotonic() >= next_ping:
                next_ping = time.monotonic() + every
                if self._worker is not None and self._worker.is_alive():
                    watchdog.alive()
        self.stop()
