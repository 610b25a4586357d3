"""Fake ESC/POS printers on a real TCP socket (127.0.0.1) and a real serial pty.

They answer the real-time status queries (``DLE EOT n``) that come before a
ticket with the bytes a test chooses, then record everything else. A test can
make one close the connection part-way through a ticket, or never answer.
"""

from __future__ import annotations

import contextlib
import os
import socket
import threading
import time
import tty
from collections.abc import Callable
from dataclasses import dataclass, field

ONLINE = 0x12  # DLE EOT 1: fixed bits only, online
OFFLINE = 0x1A  # bit 3 set
PAPER_OK = 0x12  # DLE EOT 4: fixed bits only
PAPER_LOW = 0x1E  # near-end bits 2 and 3
PAPER_OUT = 0x72  # end bits 5 and 6
PRINTER_BUFFER = 4096  # bytes a (dropping) printer's link holds before it takes them


@dataclass
class Behaviour:
    printer: int | None = ONLINE  # None: never answers
    paper: int | None = PAPER_OK
    close_after: int | None = None  # close the link after this many ticket bytes
    paper_after: int | None = None  # the paper sensor once printed (None: as before)


@dataclass
class Capture:
    data: bytearray = field(default_factory=bytearray)
    done: threading.Event = field(default_factory=threading.Event)
    ticket_at: float | None = None  # wall clock when the first ticket byte came (bench/kiosk)
    done_at: float | None = None


def _serve(
    read: Callable[[], bytes],
    write: Callable[[bytes], object],
    behaviour: Behaviour,
    capture: Capture,
) -> None:
    """Answer status queries until the ticket starts, then record everything."""
    buffer = b""
    answering = True
    while True:
        chunk = read()
        if not chunk:
            break
        if answering:
            buffer += chunk
            while len(buffer) >= 3 and buffer[:2] == b"\x10\x04":
                answer = behaviour.printer if buffer[2] == 1 else behaviour.paper
                capture.data += buffer[:3]
                buffer = buffer[3:]
                if answer is not None:
                    write(bytes([answer]))
            if buffer and not b"\x10\x04".startswith(buffer[:2]):  # not (part of) a query
                answering = False
                capture.ticket_at = time.time()
                capture.data += buffer
                buffer = b""
        else:
            capture.data += chunk
        # the query after the ticket: "did you take it all, and is there paper?"
        if (
            not answering
            and capture.data.endswith(b"\x10\x04\x04")
            and behaviour.close_after is None
        ):
            after = behaviour.paper if behaviour.paper_after is None else behaviour.paper_after
            if after is not None:
                write(bytes([after]))
        if behaviour.close_after is not None and len(capture.data) >= behaviour.close_after:
            break
    capture.done_at = time.time()
    capture.done.set()


class TcpPrinter:
    def __init__(self, behaviour: Behaviour | None = None) -> None:
        self.behaviour = behaviour or Behaviour()
        self.server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        if self.behaviour.close_after is not None:
            # A printer's input buffer is a few kilobytes: TCP lets the sender run only
            # that far ahead of what it has taken (the kernel's default is far larger).
            self.server.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, PRINTER_BUFFER)
        self.server.bind(("127.0.0.1", 0))
        self.server.listen()
        self.port = self.server.getsockname()[1]
        self.captures: list[Capture] = []
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.server.accept()
            except OSError:
                return
            capture = Capture()
            self.captures.append(capture)
            threading.Thread(target=self._handle, args=(conn, capture), daemon=True).start()

    def _handle(self, conn: socket.socket, capture: Capture) -> None:
        with conn:
            chunk = 65536 if self.behaviour.close_after is None else 512  # a printer's pace
            _serve(lambda: conn.recv(chunk), conn.sendall, self.behaviour, capture)
            if self.behaviour.close_after is not None:
                conn.setsockopt(
                    socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00"
                )

    def ticket_bytes(self, timeout: float = 5.0) -> bytes:
        """The bytes of the last connection, once the sender has closed it."""
        capture = self.captures[-1]
        capture.done.wait(timeout)
        return bytes(capture.data)

    def close(self) -> None:
        if self.server.fileno() == -1:
            return
        self.server.shutdown(socket.SHUT_RDWR)  # wakes the thread blocked in accept()
        self.server.close()


class PtyPrinter:
    """A serial printer: the backend opens the pty's device; this side reads the master."""

    def __init__(self, behaviour: Behaviour | None = None) -> None:
        self.behaviour = behaviour or Behaviour()
        self.master, slave = os.openpty()
        tty.setraw(slave)
        self.device = os.ttyname(slave)
        self._slave = slave
        self._closing = threading.Lock()
        self.capture = Capture()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _read(self) -> bytes:
        try:
            return os.read(self.master, 65536)
        except OSError:
            return b""

    def _run(self) -> None:
        _serve(self._read, lambda b: os.write(self.master, b), self.behaviour, self.capture)
        if self.behaviour.close_after is not None:  # the cable pulled: the port hangs up
            self._hang_up()

    def _hang_up(self) -> None:
        with self._closing:
            if self.master != -1:
                os.close(self.master)
                self.master = -1

    def ticket_bytes(self, expected: int, timeout: float = 5.0) -> bytes:
        import time

        end = time.monotonic() + timeout
        while len(self.capture.data) < expected and time.monotonic() < end:
            time.sleep(0.01)
        return bytes(self.capture.data)

    def close(self) -> None:
        os.close(self._slave)
        self._hang_up()


def pty_capacity() -> int:
    """What a pty holds between its two ends while nobody reads (about 20 KB on Linux):
    a serial adapter's buffers, larger."""
    import fcntl

    master, slave = os.openpty()
    try:
        tty.setraw(slave)
        fcntl.fcntl(slave, fcntl.F_SETFL, fcntl.fcntl(slave, fcntl.F_GETFL) | os.O_NONBLOCK)
        held = 0
        with contextlib.suppress(BlockingIOError):
            while True:
                held += os.write(slave, b"x" * 512)
        return held
    finally:
        os.close(slave)
        os.close(master)
