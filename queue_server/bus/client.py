"""The bus client every app uses (kiosk, counter terminal, display, rating screen).

- Connects with a retained presence and a Last Will that marks the app
  offline, reconnects by itself and subscribes again after each reconnect.
- Requests carry an id chosen here; until the reply comes the same request
  (same id) is sent again after every reconnect and every ``retry_interval``,
  for as long as it takes (a server restarted on the amqtt fallback broker,
  which drops what was queued for it, still gets the request). The server
  answers a repeated id from its store, so a kiosk that loses the broker
  mid-request still gets exactly one ticket.
- Retained state carries ``seq``; an update older than the last one seen on
  that topic is dropped.
- Messages are handed to the caller's thread: the app calls ``poll()`` (the
  Kivy apps from their clock), and handlers run there. ``call()`` blocks and
  works from any thread without polling.
"""

from __future__ import annotations

import json
import queue
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from queue_server import logs

from . import messages as m
from .mqtt import QOS, BrokerAddress, Credentials, encode, make_client
from .topics import Topics

log = logs.get(__name__)

Handler = Callable[[str, Any], None]  # (topic, the message as its contract model)
M = TypeVar("M", bound=BaseModel)
CALL_SECONDS = 15.0


class BusError(m.CodedError):
    """The server refused a request (``code`` from the contract), or it timed out."""


@dataclass
class PendingRequest:
    id: str
    op: str
    payload: bytes
    deadline: float | None  # None: until answered
    next_retry: float
    callback: Callable[[PendingRequest], None] | None = None
    # Runs in the network thread as the reply comes (see ``request``).
    at_once: Callable[[PendingRequest], None] | None = None
    reply: m.Reply | None = None  # validated on receipt
    sent: int = 0
    done: threading.Event = field(default_factory=threading.Event)

    @property
    def ok(self) -> bool:
        return self.reply is not None and self.reply.ok

    @property
    def error(self) -> m.ErrorBody:
        """Why it was refused; a timeout when no reply came (nothing when it succeeded)."""
        if self.reply is None:
            return m.ErrorBody(code=m.BusCode.TIMEOUT, message=f"no reply to {self.op}")
        return self.reply.error or m.ErrorBody(code="", message="")

    def result(self) -> Any:
        """The result as its contract model (``messages.RESULTS[op]``: a ``TicketWire`` for a
        ticket.issue), or raise the refusal as a BusError."""
        if not self.ok:
            raise BusError(self.error.code, self.error.message)
        return self.reply.result if self.reply else None


def _typed(model: type[M], handler: Callable[[str, M], None]) -> Handler:
    def deliver(topic: str, data: dict[str, Any]) -> None:
        try:
            message = model.model_validate(data)
        except ValidationError as exc:
            log.warning(
                "message_ignored",
                topic=topic,
                model=model.__name__,
                error=m.describe_validation(exc),
            )
            return
        handler(topic, message)

    return deliver


def _typed_reply(op: str, reply: m.Reply) -> m.Reply:
    """A successful reply with its result as the op's model; a result that breaks the
    contract becomes a refusal the app can show, not an exception in its handler."""
    model = m.RESULTS.get(op)  # type: ignore[call-overload]  (an OpName is its string)
    if not reply.ok or model is None:
        return reply
    try:
        return reply.model_copy(update={"result": model.model_validate(reply.result)})
    except ValidationError as exc:
        error = m.ErrorBody(code=m.BusCode.INTERNAL_ERROR, message=m.describe_validation(exc))
        log.warning("reply_result_ignored", id=reply.id, op=op, error=error.message)
        return m.Reply(id=reply.id, ok=False, error=error)


def _topic_matches(pattern: str, topic: str) -> bool:
    p_parts, t_parts = pattern.split("/"), topic.split("/")
    for i, part in enumerate(p_parts):
        if part == "#":
            return True
        if i >= len(t_parts) or (part != "+" and part != t_parts[i]):
            return False
    return len(p_parts) == len(t_parts)


class BusClient:
    def __init__(
        self,
        *,
        site: str,
        client_id: str,
        role: str,
        broker_url: str,
        credentials: Credentials | None = None,
        request_timeout: float | None = None,
        retry_interval: float = 3.0,
        presence: bool = True,
    ) -> None:
        """``request_timeout``: when a request gives up (default: never, it is retried
        until answered). ``presence=False``: a reader that is no device of the site (the
        province board, on a broker where it may only read) publishes no presence and
        leaves no Last Will."""
        self.topics = Topics(site)
        self.client_id = client_id
        self.role = role
        self.request_timeout = request_timeout
        self.retry_interval = retry_interval
        self._address = BrokerAddress.parse(broker_url)
        self._presence_topic = self.topics.presence(role, client_id) if presence else None
        self._presence_extra: dict[str, Any] = {}
        self.mqtt = make_client(
            client_id,
            self._address,
            credentials or Credentials(),
            will_topic=self._presence_topic,
            will_payload=(
                encode(m.Presence(online=False, role=role, client=client_id)) if presence else None
            ),
        )
        self.mqtt.on_connect = self._on_connect
        self.mqtt.on_disconnect = self._on_disconnect
        self.mqtt.on_message = self._on_message
        self._subscriptions: list[tuple[str, Handler]] = []
        self._connection_handlers: list[Callable[[bool], None]] = []
        self._inbox: queue.SimpleQueue[Callable[[], None]] = queue.SimpleQueue()
        # Called from the network thread whenever a handler is queued: a screen wakes its
        # loop with it, so a call is drawn now rather than at the next poll.
        self.on_waiting: Callable[[], None] | None = None
        self._pending: dict[str, PendingRequest] = {}
        self._lock = threading.Lock()
        self._last_seq: dict[str, tuple[str | None, int]] = {}  # topic → (server run, seq)
        self._connected = threading.Event()
        self._stopping = threading.Event()
        self._retrier = threading.Thread(target=self._retry_loop, name="bus-retry", daemon=True)

    # -- lifecycle -------------------------------------------------------

    @property
    def connected(self) -> bool:
        return self._connected.is_set()

    def start(self, wait: float | None = 10.0) -> None:
        """Connect (and keep reconnecting). With ``wait``, raise if not connected in time."""
        self.mqtt.connect_async(self._address.host, self._address.port, keepalive=15)
        self.mqtt.loop_start()
        self._retrier.start()
        if wait is not None and not self._connected.wait(wait):
            raise ConnectionError(
                f"cannot reach the MQTT broker at {self._address.host}:{self._address.port}"
            )

    def stop(self) -> None:
        self._stopping.set()
        if self.connected and self._presence_topic:
            self.mqtt.publish(
                self._presence_topic, self._presence(False), qos=QOS, retain=True
            ).wait_for_publish(2)
        self.mqtt.disconnect()
        self.mqtt.loop_stop()

    def _presence(self, online: bool) -> bytes:
        return encode(
            m.Presence(
                online=online,
                role=self.role,
                client=self.client_id,
                at=datetime.now(UTC).isoformat(),
                extra=self._presence_extra,
            )
        )

    def set_presence(self, **extra: Any) -> None:
        """Add app facts (e.g. a kiosk's printer status) to the retained presence."""
        self._presence_extra.update(extra)
        if self.connected and self._presence_topic:
            self.mqtt.publish(self._presence_topic, self._presence(True), qos=QOS, retain=True)

    # -- subscriptions ---------------------------------------------------

    def subscribe(
        self, pattern: str, handler: Handler, model: type[BaseModel] | None = None
    ) -> None:
        """Run ``handler(topic, message)`` for each message on ``pattern``: with a ``model``
        the message is handed over as that contract model, and one that does not fit it is
        logged and dropped here, so no app handles a malformed state; without one, the JSON
        object as it came (tools that show any topic)."""
        self._subscriptions.append((pattern, handler if model is None else _typed(model, handler)))
        if self.connected:
            self.mqtt.subscribe(pattern, qos=QOS)

    def on_board(self, handler: Callable[[str, m.BoardState], None]) -> None:
        self.subscribe(self.topics.board, handler, m.BoardState)

    def on_counter(self, counter: str, handler: Callable[[str, m.CounterState], None]) -> None:
        self.subscribe(self.topics.counter(counter), handler, m.CounterState)

    def on_catalog(self, handler: Callable[[str, m.CatalogState], None]) -> None:
        self.subscribe(self.topics.catalog, handler, m.CatalogState)

    def on_call(self, handler: Callable[[str, m.CallEvent], None]) -> None:
        self.subscribe(self.topics.call, handler, m.CallEvent)

    def on_rating(self, handler: Callable[[str, m.RatingEvent], None]) -> None:
        self.subscribe(self.topics.rating, handler, m.RatingEvent)

    def on_reprint(self, handler: Callable[[str, m.ReprintEvent], None]) -> None:
        self.subscribe(self.topics.reprint, handler, m.ReprintEvent)

    def on_presence(self, pattern: str, handler: Callable[[str, m.Presence], None]) -> None:
        self.subscribe(pattern, handler, m.Presence)

    def on_connection(self, handler: Callable[[bool], None]) -> None:
        self._connection_handlers.append(handler)

    # -- requests --------------------------------------------------------

    def request(
        self,
        op: m.OpName | str,
        args: dict[str, Any] | None = None,
        *,
        callback: Callable[[PendingRequest], None] | None = None,
        timeout: float | None = None,
        request_id: str | None = None,
        at_once: Callable[[PendingRequest], None] | None = None,
    ) -> PendingRequest:
        """Send a request; the callback runs in ``poll()`` when the reply (or the timeout) comes.

        ``at_once`` runs in the network thread the moment the reply comes, before
        the app's thread polls: for work that must not wait for a screen's next
        frame (a kiosk's ticket goes to its printer's thread). It may only hand
        work on; it must not touch the screen.

        The arguments are checked against the contract's model first (and a comment
        scrubbed of personal data, before it can wait in the broker); arguments the
        server would refuse are refused here, as the same ``invalid_args`` reply.
        """
        rid = request_id or uuid.uuid4().hex
        refusal: m.Reply | None = None
        model = m.ARGS.get(op)  # type: ignore[call-overload]  (an OpName is its string)
        if model is not None:
            try:
                args = model.model_validate(args or {}).model_dump(mode="json")
            except ValidationError as exc:
                error = m.ErrorBody(code=m.BusCode.INVALID_ARGS, message=m.describe_validation(exc))
                refusal = m.Reply(id=rid, ok=False, error=error)
        body = {"v": m.VERSION, "id": rid, "op": op, "args": args or {}}
        now = time.monotonic()
        patience = timeout or self.request_timeout
        pending = PendingRequest(
            id=rid,
            op=op,
            payload=encode(body),
            deadline=None if patience is None else now + patience,
            next_retry=now + self.retry_interval,
            callback=callback,
            at_once=at_once,
        )
        with self._lock:
            self._pending[rid] = pending
        if refusal is not None:
            self._finish(pending, refusal)
        elif self.connected:
            self._send(pending)
        return pending

    def call(
        self, op: m.OpName | str, args: dict[str, Any] | None = None, timeout: float | None = None
    ) -> Any:
        """Send a request and wait for its result (raises BusError on refusal or timeout).

        A caller that blocks wants an answer or an error: without a timeout of its
        own (or the client's), it waits ``CALL_SECONDS``.
        """
        patience = timeout or self.request_timeout or CALL_SECONDS
        pending = self.request(op, args, timeout=patience)
        pending.done.wait(patience + 1)
        return pending.result()

    def _send(self, pending: PendingRequest) -> None:
        pending.sent += 1
        self.mqtt.publish(self.topics.request(self.client_id), pending.payload, qos=QOS)

    def _finish(self, pending: PendingRequest, reply: m.Reply | None) -> None:
        with self._lock:
            if self._pending.pop(pending.id, None) is None:
                return  # already answered: a duplicate reply
        pending.reply = reply
        pending.done.set()
        if pending.at_once is not None:
            try:
                pending.at_once(pending)
            except Exception:
                log.exception("reply_handler_failed", op=pending.op)
        if pending.callback is not None:
            callback = pending.callback
            self._queue(lambda: callback(pending))

    def _retry_loop(self) -> None:
        while not self._stopping.wait(0.2):
            now = time.monotonic()
            with self._lock:
                pendings = list(self._pending.values())
            for pending in pendings:
                if pending.deadline is not None and now >= pending.deadline:
                    log.warning(
                        "request_timed_out", id=pending.id, op=pending.op, sends=pending.sent
                    )
                    self._finish(pending, None)
                elif now >= pending.next_retry and self.connected:
                    pending.next_retry = now + self.retry_interval
                    self._send(pending)

    # -- delivery to the caller's thread ----------------------------------

    def _queue(self, task: Callable[[], None]) -> None:
        self._inbox.put(task)
        if self.on_waiting is not None:
            self.on_waiting()

    def poll(self, limit: int = 200) -> int:
        """Run queued handlers in this thread; returns how many ran."""
        ran = 0
        while ran < limit:
            try:
                task = self._inbox.get_nowait()
            except queue.Empty:
                break
            try:
                task()
            except Exception:
                log.exception("message_handler_failed")
            ran += 1
        return ran

    # -- paho callbacks (network thread) ----------------------------------

    def _on_connect(self, client: Any, userdata: Any, flags: Any, reason: Any, props: Any) -> None:
        if reason.is_failure:
            log.error("broker_refused_login", client=self.client_id, reason=reason)
            return
        client.subscribe(self.topics.response(self.client_id), qos=QOS)
        for pattern in dict.fromkeys(p for p, _ in self._subscriptions):
            client.subscribe(pattern, qos=QOS)
        if self._presence_topic:
            client.publish(self._presence_topic, self._presence(True), qos=QOS, retain=True)
        self._connected.set()
        with self._lock:
            pendings = list(self._pending.values())
        for pending in pendings:  # anything sent while the link was down goes again, same id
            self._send(pending)
        for handler in self._connection_handlers:
            self._queue(lambda h=handler: h(True))

    def _on_disconnect(
        self, client: Any, userdata: Any, flags: Any, reason: Any, props: Any
    ) -> None:
        self._connected.clear()
        if not self._stopping.is_set():
            log.warning("broker_lost", client=self.client_id, reason=reason, then="reconnecting")
        for handler in self._connection_handlers:
            self._queue(lambda h=handler: h(False))

    def _on_message(self, client: Any, userdata: Any, message: Any) -> None:
        try:
            data = json.loads(message.payload.decode("utf-8"))
        except (ValueError, RecursionError):  # not UTF-8, not JSON, or a 5 000-digit number
            log.warning("message_not_json", topic=message.topic)
            return
        if not isinstance(data, dict):
            return
        if message.topic == self.topics.response(self.client_id):
            with self._lock:
                pending = self._pending.get(str(data.get("id")))
            if pending is not None:
                try:
                    reply = m.Reply.model_validate(data)
                except ValidationError as exc:
                    log.warning("reply_ignored", id=pending.id, error=m.describe_validation(exc))
                    return
                self._finish(pending, _typed_reply(pending.op, reply))
            return
        seq = data.get("seq")
        if isinstance(seq, int):
            run = data.get("run")
            last = self._last_seq.get(message.topic)
            if last is not None and last[0] == run and seq < last[1]:
                log.info("stale_state_dropped", topic=message.topic, seq=seq)
                return
            # a new server run starts its own count (a restored database goes back)
            self._last_seq[message.topic] = (run, seq)
        for pattern, handler in self._subscriptions:
            if _topic_matches(pattern, message.topic):
                self._queue(lambda h=handler, t=message.topic, d=data: h(t, d))
