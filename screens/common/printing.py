"""Printing off the UI thread (the kiosk's tickets, a counter's case slips): one job at a
time, results back on Kivy's thread.

A network printer that stalls can take its whole timeout; the citizen's
screen must keep answering meanwhile, and the number is already on it.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from kivy.clock import mainthread

from printers.status import Paper, PrinterStatus, PrintOutcome, PrintResult
from printers.tickets import TicketPrinting
from queue_server import logs
from queue_server.bus.messages import CaseWire, TicketWire
from queue_server.config import Site

log = logs.get(__name__)


# What a backend that raised (a bug, not a printer fault) is reported as.
BROKEN = PrinterStatus(None, Paper.UNKNOWN, "internal error")


class BackgroundPrinter:
    def __init__(self, printing: TicketPrinting) -> None:
        self.printing = printing
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="printer")

    def print_ticket(self, ticket: TicketWire, done: Callable[[PrintResult], None]) -> None:
        self._print(lambda: self.printing.print_ticket(ticket), ticket.number, done)

    def print_case_slip(self, case: CaseWire, done: Callable[[PrintResult], None]) -> None:
        """A forwarded case's slip, asked for by a counter (the citizen takes it away)."""
        self._print(lambda: self.printing.print_case_slip(case), case.reference, done)

    def _print(
        self, job: Callable[[], PrintResult], what: str, done: Callable[[PrintResult], None]
    ) -> None:
        deliver = mainthread(done)

        def work() -> None:
            try:
                result = job()
            except Exception:  # a bug in a backend must not take the kiosk down
                log.exception("printing_failed", printed=what)
                result = PrintResult(PrintOutcome.FAILED, BROKEN, BROKEN.reason)
            log.info(
                "ticket_printed", printed=what, outcome=result.outcome,
                reason=result.reason or "-",
            )  # fmt: skip
            deliver(result)

        self._pool.submit(work)

    def warm(self, ticket: TicketWire) -> None:
        """Render a ticket nobody sees: fonts, word lists and QR load before the first tap."""
        self._pool.submit(lambda: self.printing.render(ticket))

    def check(self, done: Callable[[PrinterStatus], None]) -> None:
        deliver = mainthread(done)

        def work() -> None:
            try:
                status = self.printing.status()
            except Exception:
                log.exception("printer_status_failed")
                status = BROKEN
            deliver(status)

        self._pool.submit(work)

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)


def slip_printer(site: Site, config: Any) -> BackgroundPrinter:
    """A counter's own printer (``screens.counter.printer`` in its box's site.yaml)."""
    from printers.backends import make_printer

    return BackgroundPrinter(TicketPrinting(site, make_printer(config, site.base_dir)))
