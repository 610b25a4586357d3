"""Printer backends: network (port 9100), serial, USB, file/device, PNG folder, none.

Every backend answers ``status()`` and ``print_image()`` and never raises:
failures come back as a ``PrintResult`` with a reason, because the kiosk
must keep running (and show the ticket on screen) whatever the printer does.
Before each ticket the real printers are asked for their real-time status
(``DLE EOT``) with a short timeout: no ticket is sent to a printer that is
offline or out of paper.
"""

from __future__ import annotations

import contextlib
import socket
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

from PIL import Image

from queue_server import logs

from .escpos_bytes import encode_ticket, escpos_printers
from .status import Paper, PrinterStatus, PrintOutcome, PrintResult

log = logs.get(__name__)

DLE_EOT_PRINTER = b"\x10\x04\x01"
DLE_EOT_PAPER = b"\x10\x04\x04"
OFFLINE_BIT = 0x08
PAPER_NEAR_END = 0x0C
PAPER_END = 0x60
CHUNK = 4096


def _paper(status_byte: int) -> Paper:
    """Read the roll paper sensor byte (answer to DLE EOT 4)."""
    if status_byte & PAPER_END == PAPER_END:
        return Paper.OUT
    if status_byte & PAPER_NEAR_END:
        return Paper.LOW
    return Paper.OK


class TicketPrinter(Protocol):
    def status(self) -> PrinterStatus: ...

    def print_image(self, image: Image.Image, name: str) -> PrintResult: ...


class Link(Protocol):
    """An open byte link to a printer."""

    written: int  # bytes handed to the link so far

    def write(self, data: bytes) -> None: ...

    def read_byte(self) -> bytes: ...

    def taken(self) -> int | None:
        """Bytes the printer's end confirmed taking (None: the link cannot tell)."""
        ...

    def close(self) -> None: ...


# struct tcp_info (linux/tcp.h): tcpi_bytes_acked, a u64 at this offset since Linux 4.1.
_TCP_BYTES_ACKED = 120


class TcpLink:
    def __init__(self, host: str, port: int, timeout: float) -> None:
        self.sock = socket.create_connection((host, port), timeout=timeout)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.written = 0

    def write(self, data: bytes) -> None:
        self.sock.sendall(data)
        self.written += len(data)

    def taken(self) -> int | None:
        """What the printer's TCP stack acknowledged: the bytes in its hands, not in ours
        (sendall returns once the bytes are in our kernel's buffer)."""
        try:
            info = self.sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_INFO, 256)
        except (OSError, AttributeError):
            return None
        if len(info) < _TCP_BYTES_ACKED + 8:
            return None
        return int.from_bytes(info[_TCP_BYTES_ACKED : _TCP_BYTES_ACKED + 8], "little")

    def read_byte(self) -> bytes:
        return self.sock.recv(1)

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.sock.shutdown(socket.SHUT_RDWR)
        self.sock.close()


class SerialLink:
    def __init__(self, device: str, baudrate: int, timeout: float) -> None:
        import serial

        self.port = serial.Serial(
            device, baudrate=baudrate, timeout=timeout, write_timeout=timeout * 10
        )
        self.written = 0
        self.confirmed: int | None = None  # what had left the port at the last flush

    def write(self, data: bytes) -> None:
        written = self.port.write(data) or 0
        self.written += written
        self.port.flush()  # until it has left the port (tcdrain)
        self.confirmed = self.taken_now()

    def taken_now(self) -> int | None:
        try:
            return self.written - int(self.port.out_waiting)
        except (OSError, ValueError, AttributeError):
            return None

    def taken(self) -> int | None:
        """What left the serial port: written, less what still waits in its buffer; once
        the port has hung up (a cable pulled), what had left it at the last flush."""
        now = self.taken_now()
        return now if now is not None else self.confirmed

    def read_byte(self) -> bytes:
        return self.port.read(1)

    def close(self) -> None:
        self.port.close()


class EscposLink:
    """USB through python-escpos (needs pyusb and a udev rule for the device)."""

    def __init__(self, vendor_id: int, product_id: int, timeout: float) -> None:
        self.printer = escpos_printers().Usb(vendor_id, product_id, timeout=int(timeout * 1000))
        self.printer.open()
        self.written = 0

    def write(self, data: bytes) -> None:
        self.printer._raw(data)
        self.written += len(data)

    def taken(self) -> int | None:
        return None  # USB transfers complete or raise: what was written was taken

    def read_byte(self) -> bytes:
        return bytes(self.printer._read()[:1])

    def close(self) -> None:
        self.printer.close()


class LinkPrinter:
    """A real ESC/POS printer behind some link."""

    def __init__(
        self, name: str, connect: Callable[[], Link], *, require_status: bool = True
    ) -> None:
        self.name = name
        self.connect = connect
        self.require_status = require_status

    def _ask(self, link: Link, query: bytes) -> int | None:
        link.write(query)
        try:
            answer = link.read_byte()
        except (TimeoutError, OSError):
            return None
        return answer[0] if answer else None

    def _status(self, link: Link) -> PrinterStatus:
        printer = self._ask(link, DLE_EOT_PRINTER)
        paper_byte = self._ask(link, DLE_EOT_PAPER) if printer is not None else None
        if printer is None or paper_byte is None:
            return PrinterStatus(None, Paper.UNKNOWN, "the printer did not answer the status query")
        online = not printer & OFFLINE_BIT
        paper = _paper(paper_byte)
        reason = None if online else "the printer is offline (cover open, or an error)"
        if paper is Paper.OUT:
            reason = "the printer is out of paper"
        return PrinterStatus(online, paper, reason)

    def _dropped(
        self, link: Link, name: str, before: int, size: int, exc: Exception | str
    ) -> PrintResult:
        """The link went mid-ticket: say so, with the bytes the printer really took (what
        our side had written includes what was still in its buffers)."""
        confirmed = link.taken()
        handed = link.written - before
        took = min(size, max(0, confirmed - before)) if confirmed is not None else handed
        log.warning(
            "printing_failed", ticket=name, printer=self.name, taken_bytes=took, bytes=size,
            error=exc,
        )  # fmt: skip
        if before:
            reason = f"the link to the printer dropped after {took} of {size} bytes ({exc})"
        else:
            reason = f"the printer link failed: {exc}"
        status = PrinterStatus(False, Paper.UNKNOWN, reason)
        return PrintResult(PrintOutcome.FAILED, status, reason, took)

    def status(self) -> PrinterStatus:
        try:
            link = self.connect()
        except Exception as exc:
            return PrinterStatus(False, Paper.UNKNOWN, f"cannot reach the printer: {exc}")
        try:
            return self._status(link)
        except Exception as exc:
            return PrinterStatus(False, Paper.UNKNOWN, f"the printer link failed: {exc}")
        finally:
            link.close()

    def print_image(self, image: Image.Image, name: str) -> PrintResult:
        data = encode_ticket(image)
        try:
            link = self.connect()
        except Exception as exc:
            status = PrinterStatus(False, Paper.UNKNOWN, f"cannot reach the printer: {exc}")
            return PrintResult(PrintOutcome.FAILED, status, status.reason)
        before = 0  # bytes on the link before the ticket (the status queries)
        try:
            status = self._status(link)
            unanswered = status.online is None
            if (
                (unanswered and self.require_status)
                or status.online is False
                or status.paper is Paper.OUT
            ):
                return PrintResult(PrintOutcome.FAILED, status, status.reason)
            before = link.written
            for start in range(0, len(data), CHUNK):
                link.write(data[start : start + CHUNK])
            # Real-time commands are answered in order, so an answer now means
            # the printer took the whole ticket; it also tells whether the roll
            # ran out while printing.
            after = self._ask(link, DLE_EOT_PAPER)
            confirmed = link.taken() if after is None else None
            if confirmed is not None and confirmed - before < len(data):
                # No answer, and the printer's end has not taken the whole ticket: the link
                # went (the writes only filled our own buffers).
                return self._dropped(link, name, before, len(data), "no answer after the ticket")
            if after is None and self.require_status:
                status = PrinterStatus(
                    None, Paper.UNKNOWN, "the printer did not confirm the ticket"
                )
                return PrintResult(PrintOutcome.FAILED, status, status.reason, len(data))
            paper = _paper(after) if after is not None else status.paper
            status = PrinterStatus(status.online, paper, status.reason)
            if paper is Paper.OUT:
                reason = "the printer ran out of paper during the ticket"
                return PrintResult(PrintOutcome.FAILED, status, reason, len(data))
            outcome = PrintOutcome.PAPER_LOW if paper is Paper.LOW else PrintOutcome.PRINTED
            return PrintResult(outcome, status, None, len(data))
        except Exception as exc:
            return self._dropped(link, name, before, len(data), exc)
        finally:
            with contextlib.suppress(Exception):
                link.close()


class FilePrinter:
    """A device file (e.g. /dev/usb/lp0) or a plain file: bytes only, no status."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def status(self) -> PrinterStatus:
        ok = self.path.parent.exists()
        return PrinterStatus(
            ok or None, Paper.UNKNOWN, None if ok else f"{self.path.parent} does not exist"
        )

    def print_image(self, image: Image.Image, name: str) -> PrintResult:
        data = encode_ticket(image)
        try:
            with open(self.path, "ab") as out:
                out.write(data)
        except OSError as exc:
            status = PrinterStatus(False, Paper.UNKNOWN, f"cannot write {self.path}: {exc}")
            return PrintResult(PrintOutcome.FAILED, status, status.reason)
        return PrintResult(
            PrintOutcome.PRINTED, PrinterStatus(True, Paper.UNKNOWN), None, len(data), self.path
        )


class PngPrinter:
    """The virtual printer for demos and tests: each ticket becomes a PNG in a folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def status(self) -> PrinterStatus:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            return PrinterStatus(False, Paper.UNKNOWN, f"cannot use {self.folder}: {exc}")
        return PrinterStatus(True, Paper.OK)

    def print_image(self, image: Image.Image, name: str) -> PrintResult:
        status = self.status()
        if not status.online:
            return PrintResult(PrintOutcome.FAILED, status, status.reason)
        path = self.folder / f"{datetime.now():%Y%m%d-%H%M%S}-{name}.png"
        try:
            image.save(path)
        except OSError as exc:
            status = PrinterStatus(False, Paper.UNKNOWN, f"cannot write {path}: {exc}")
            return PrintResult(PrintOutcome.FAILED, status, status.reason)
        return PrintResult(PrintOutcome.PRINTED, status, None, 0, path)


class NoPrinter:
    def status(self) -> PrinterStatus:
        return PrinterStatus(None, Paper.UNKNOWN, "this kiosk has no printer")

    def print_image(self, image: Image.Image, name: str) -> PrintResult:
        return PrintResult(PrintOutcome.FAILED, self.status(), "this kiosk has no printer")


def make_printer(config: Any, base_dir: Path = Path(".")) -> TicketPrinter:
    """The backend the site config's ``printer`` section names."""
    backend = config.backend
    if backend == "png":
        folder = config.dir if config.dir.is_absolute() else base_dir / config.dir
        return PngPrinter(folder)
    if backend == "file":
        return FilePrinter(config.path if config.path.is_absolute() else base_dir / config.path)
    if backend == "network":
        return LinkPrinter(
            f"{config.host}:{config.port}",
            lambda: TcpLink(config.host, config.port, config.timeout_s),
            require_status=config.require_status,
        )
    if backend == "serial":
        return LinkPrinter(
            config.device,
            lambda: SerialLink(config.device, config.baudrate, config.timeout_s),
            require_status=config.require_status,
        )
    if backend == "usb":
        return LinkPrinter(
            f"usb {config.vendor_id:04x}:{config.product_id:04x}",
            lambda: EscposLink(config.vendor_id, config.product_id, 2.0),
            require_status=config.require_status,
        )
    return NoPrinter()
