"""What the backends really send: captured from a TCP 9100 listener and a serial pty, decoded
by the tests' own ESC/POS decoder, and compared with the layout image."""

import pytest

from printers.backends import CHUNK, make_printer
from printers.escpos_bytes import encode_ticket
from printers.layout import render_ticket
from printers.status import Paper, PrintOutcome
from queue_server.config.models import FilePrinter, NetworkPrinter, PngPrinter, SerialPrinter
from tests.support.escpos_decode import decode, same_pixels
from tests.support.fake_printer import (
    OFFLINE,
    PAPER_LOW,
    PAPER_OUT,
    PRINTER_BUFFER,
    Behaviour,
    PtyPrinter,
    TcpPrinter,
    pty_capacity,
)
from tests.support.tickets import sample_ticket


@pytest.fixture
def tcp_printer():
    printers = []

    def start(behaviour: Behaviour | None = None) -> TcpPrinter:
        p = TcpPrinter(behaviour)
        printers.append(p)
        return p

    yield start
    for p in printers:
        p.close()


def network(port: int, **options) -> object:
    return make_printer(
        NetworkPrinter(backend="network", host="127.0.0.1", port=port, timeout_s=0.5, **options)
    )


@pytest.mark.parametrize("width", [576, 384])
def test_a_network_printer_receives_exactly_the_ticket_image(tcp_printer, width):
    image = render_ticket(sample_ticket(), width)
    listener = tcp_printer()
    result = network(listener.port).print_image(image, "A042")
    assert result.outcome is PrintOutcome.PRINTED and result.status.paper is Paper.OK
    decoded = decode(listener.ticket_bytes())
    assert same_pixels(decoded.image(image.width), image)
    assert decoded.commands[:3] == ["status 1", "status 4", "init"]
    assert decoded.commands[-3:] == ["feed 6", "cut partial", "status 4"]
    assert result.bytes_sent == len(listener.ticket_bytes()) - 9  # all but the status queries


def test_a_serial_printer_receives_exactly_the_ticket_image():
    image = render_ticket(sample_ticket("en"), 576)
    pty = PtyPrinter()
    try:
        config = SerialPrinter(backend="serial", device=pty.device, baudrate=115200, timeout_s=0.5)
        result = make_printer(config).print_image(image, "A042")
        assert result.outcome is PrintOutcome.PRINTED
        decoded = decode(pty.ticket_bytes(result.bytes_sent + 6))
        assert same_pixels(decoded.image(image.width), image)
        assert decoded.commands[-2:] == ["cut partial", "status 4"]
    finally:
        pty.close()


def test_a_nearly_empty_roll_prints_and_says_so(tcp_printer):
    listener = tcp_printer(Behaviour(paper=PAPER_LOW))
    result = network(listener.port).print_image(render_ticket(sample_ticket(), 576), "A042")
    assert result.outcome is PrintOutcome.PAPER_LOW and result.printed
    assert decode(listener.ticket_bytes()).bands


def test_no_ticket_is_sent_to_a_printer_without_paper(tcp_printer):
    listener = tcp_printer(Behaviour(paper=PAPER_OUT))
    result = network(listener.port).print_image(render_ticket(sample_ticket(), 576), "A042")
    assert result.outcome is PrintOutcome.FAILED and result.reason == "the printer is out of paper"
    assert result.status.paper is Paper.OUT
    assert listener.ticket_bytes() == b"\x10\x04\x01\x10\x04\x04"


def test_an_offline_printer_fails_cleanly(tcp_printer):
    listener = tcp_printer(Behaviour(printer=OFFLINE))
    result = network(listener.port).print_image(render_ticket(sample_ticket(), 576), "A042")
    assert result.outcome is PrintOutcome.FAILED and "offline" in result.reason


def test_a_printer_that_never_answers_status_fails_cleanly(tcp_printer):
    listener = tcp_printer(Behaviour(printer=None, paper=None))
    result = network(listener.port).print_image(render_ticket(sample_ticket(), 576), "A042")
    assert result.outcome is PrintOutcome.FAILED
    assert result.reason == "the printer did not answer the status query"


def test_a_printer_without_status_support_can_be_allowed(tcp_printer):
    listener = tcp_printer(Behaviour(printer=None, paper=None))
    result = network(listener.port, require_status=False).print_image(
        render_ticket(sample_ticket(), 576), "A042"
    )
    assert result.outcome is PrintOutcome.PRINTED and result.status.paper is Paper.UNKNOWN
    assert decode(listener.ticket_bytes()).commands[:2] == ["status 1", "init"]


def test_paper_running_out_during_the_ticket_is_a_failure(tcp_printer):
    listener = tcp_printer(Behaviour(paper_after=PAPER_OUT))
    result = network(listener.port).print_image(render_ticket(sample_ticket(), 576), "A042")
    assert result.outcome is PrintOutcome.FAILED
    assert result.reason == "the printer ran out of paper during the ticket"


def test_a_printer_that_drops_the_line_mid_ticket_fails_cleanly(tcp_printer):
    listener = tcp_printer(Behaviour(close_after=3000))
    result = network(listener.port).print_image(render_ticket(sample_ticket(), 576), "A042")
    assert result.outcome is PrintOutcome.FAILED
    assert result.reason in ("the printer did not confirm the ticket",) or result.reason.startswith(
        "the link to the printer dropped after"
    )


def test_a_dropped_link_reports_the_bytes_the_printer_took_not_those_handed_to_the_kernel(
    tcp_printer,
):
    """Found: 30 574 bytes "sent" when the printer took about 8 000 before the link dropped."""
    image = render_ticket(sample_ticket(), 576)
    size = len(encode_ticket(image))
    listener = tcp_printer(Behaviour(close_after=3000))
    result = network(listener.port).print_image(image, "A042")
    took = len(listener.ticket_bytes()) - 6  # less the two status queries
    assert result.reason.startswith("the link to the printer dropped after"), result.reason
    assert f"of {size} bytes" in result.reason
    # TCP's acknowledgements trail what the printer read by up to a buffer, either way
    assert took - PRINTER_BUFFER <= result.bytes_sent <= took + 4 * PRINTER_BUFFER < size


def test_nothing_listening_fails_cleanly(tcp_printer):
    listener = tcp_printer()
    port = listener.port
    listener.close()
    printer = network(port)
    result = printer.print_image(render_ticket(sample_ticket(), 576), "A042")
    assert result.outcome is PrintOutcome.FAILED and result.reason.startswith(
        "cannot reach the printer"
    )
    assert printer.status().online is False


def test_status_reports_paper_low(tcp_printer):
    status = network(tcp_printer(Behaviour(paper=PAPER_LOW)).port).status()
    assert (status.online, status.paper) == (True, Paper.LOW)


def test_the_png_printer_writes_the_image(tmp_path):
    image = render_ticket(sample_ticket(), 576)
    result = make_printer(PngPrinter(dir=tmp_path / "tickets")).print_image(image, "A042")
    assert result.outcome is PrintOutcome.PRINTED and result.path is not None
    assert result.path.name.endswith("-A042.png") and result.path.exists()


def test_the_file_printer_appends_the_bytes(tmp_path):
    image = render_ticket(sample_ticket(), 384)
    target = tmp_path / "lp0"
    printer = make_printer(FilePrinter(backend="file", path=target))
    assert printer.print_image(image, "A042").printed
    assert same_pixels(decode(target.read_bytes()).image(image.width), image)


def test_a_file_printer_on_a_missing_device_fails_cleanly(tmp_path):
    printer = make_printer(FilePrinter(backend="file", path=tmp_path / "missing" / "lp0"))
    result = printer.print_image(render_ticket(sample_ticket(), 384), "A042")
    assert result.outcome is PrintOutcome.FAILED and "cannot write" in result.reason


def test_a_usb_printer_that_is_not_plugged_in_fails_cleanly():
    from queue_server.config.models import UsbPrinter

    printer = make_printer(UsbPrinter(backend="usb", vendor_id=0x0416, product_id=0x5011))
    result = printer.print_image(render_ticket(sample_ticket(), 576), "A042")
    assert result.outcome is PrintOutcome.FAILED and result.reason.startswith(
        "cannot reach the printer"
    )
    assert printer.status().online is False


def test_a_tickets_qr_printed_for_phones_reads_back_as_its_page(tcp_printer, site_dir):
    """Printed, captured from the socket, decoded: the QR a phone's camera reads is the
    ticket's own page, and its caption says what scanning does."""
    import zxingcpp

    from printers.tickets import PHONE_QR_CAPTION, TicketPrinting
    from queue_server.bus.messages import TicketWire
    from queue_server.config import load_site
    from queue_server.domain.follow import new_token

    text = (site_dir / "site.yaml").read_text(encoding="utf-8")
    (site_dir / "site.yaml").write_text(
        text.replace(
            "  # phone_url: http://192.168.1.10:8081", "  phone_url: http://192.168.1.10:8080"
        ),
        encoding="utf-8",
    )
    listener = tcp_printer()
    site = load_site(site_dir / "site.yaml")
    printing = TicketPrinting(site, network(listener.port))
    token = new_token()
    ticket = TicketWire(
        number="D007", service="general-petition", kind="forward", priority=False,
        state="waiting", issued_at="2026-12-07T09:05:00+07:00", people_ahead=2,
        wait_minutes=[5, 15], token=token,
    )  # fmt: skip
    assert printing.content(ticket).qr_caption == PHONE_QR_CAPTION
    assert printing.print_ticket(ticket).outcome is PrintOutcome.PRINTED
    printed = decode(listener.ticket_bytes()).image(printing.width)
    (read,) = zxingcpp.read_barcodes(printed.convert("L"))
    assert read.text == f"HTTP://192.168.1.10:8080/T/{token}"


def test_a_serial_printer_whose_cable_is_pulled_mid_ticket_says_the_link_dropped():
    """The serial side of the dropped link (the TCP one is above): a distinct reason, and
    no more bytes claimed than the ticket has."""
    image = render_ticket(sample_ticket(), 576)
    size = len(encode_ticket(image))
    pty = PtyPrinter(Behaviour(close_after=3000))
    try:
        config = SerialPrinter(backend="serial", device=pty.device, baudrate=115200, timeout_s=0.5)
        result = make_printer(config).print_image(image, "A042")
        took = len(pty.ticket_bytes(3000)) - 6  # less the two status queries
        assert result.outcome is PrintOutcome.FAILED
        assert result.reason.startswith("the link to the printer dropped after"), result.reason
        assert f"of {size} bytes" in result.reason
        # what had left the port at the last chunk it finished, not all that was handed to
        # it: a pty, like a serial adapter, holds what the printer never read (measured)
        assert took - CHUNK <= result.bytes_sent <= took + pty_capacity() + CHUNK
        assert result.bytes_sent < size
    finally:
        pty.close()


def test_a_serial_printer_set_for_native_codes_gets_the_number_and_qr_as_commands(site_dir):
    """printer.native_codes, from site.yaml to the pty: the number as the printer's own type
    and the QR as its own command, the rest as the same raster; fewer bytes on the line."""
    from printers.tickets import TicketPrinting
    from queue_server.bus.messages import TicketWire
    from queue_server.config import load_site

    pty = PtyPrinter()
    try:
        text = (site_dir / "site.yaml").read_text(encoding="utf-8")
        (site_dir / "site.yaml").write_text(
            text.replace(
                "printer:\n  backend: png\n  width_px: 576\n  dir: tickets\n",
                f"printer:\n  backend: serial\n  device: {pty.device}\n  timeout_s: 0.5\n"
                "  native_codes: true\n",
            ),
            encoding="utf-8",
        )
        site = load_site(site_dir / "site.yaml")
        printing = TicketPrinting(site)
        ticket = TicketWire(
            number="D007", service="general-petition", kind="forward", priority=False,
            state="waiting", issued_at="2026-12-07T09:05:00+07:00", people_ahead=2,
            wait_minutes=[5, 15],
        )  # fmt: skip
        result = printing.print_ticket(ticket)
        assert result.outcome is PrintOutcome.PRINTED
        commands = decode(pty.ticket_bytes(result.bytes_sent + 6)).commands
        assert "text D007" in commands and "qr print" in commands
        assert f"qr store {printing.content(ticket).qr_data}" in commands
        drawn = len(encode_ticket(printing.render(ticket)))
        assert result.bytes_sent < drawn - 2500
    finally:
        pty.close()
