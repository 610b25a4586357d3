"""The counter terminal in a real window, against a real server over Mosquitto."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from kivy.uix.scrollview import ScrollView

from queue_server.bus import messages as m
from queue_server.bus.client import BusClient
from queue_server.bus.server import QueueServer
from queue_server.config import Site
from queue_server.config.models import Role
from screens.common.bus_link import BusLink, make_bus
from screens.counter.app import CounterController
from tests.integration.bus.conftest import PIN
from tests.support.brokers import RunningBroker
from tests.support.kivy_window import Window
from tests.support.sites import add_service, edit_catalog

SIZE = (1280, 800)


@pytest.fixture
def open_terminal(
    site: Site, broker: RunningBroker, window: Window
) -> Iterator[Callable[[str, str], CounterController]]:
    made: list[CounterController] = []

    def make(client_id: str, counter: str) -> CounterController:
        link = BusLink(make_bus(site, client_id, Role.COUNTER, broker.url))
        controller = CounterController(site, link, counter)
        controller.start()
        made.append(controller)
        return controller

    yield make
    for controller in made:
        controller.stop()


def sign_in(window: Window, terminal: CounterController, counter: str) -> None:
    window.show(terminal.root, SIZE)
    window.pump(5, until=lambda: terminal.link.online)
    terminal.sign_in.staff.text = "s01"
    terminal.sign_in.pin.text = PIN
    window.tap(window.button(f"counter-{counter}"))
    window.tap(window.button("sign_in"))
    window.pump(5, until=lambda: terminal.state is not None)


def press(window: Window, terminal: CounterController, name: str) -> None:
    """Tap a button whose operation succeeds, and wait for the state that follows it."""
    seq = terminal.state.seq if terminal.state else -1
    sent = terminal.requests.sent_at
    window.tap(window.button(name))
    window.pump(5, until=lambda: terminal.requests.sent_at != sent)  # the tap made a request
    window.pump(10, until=lambda: not terminal.requests.busy)
    window.pump(10, until=lambda: terminal.state is not None and terminal.state.seq > seq)


@pytest.fixture
def tickets(server: QueueServer, app: Callable[..., BusClient]) -> list[str]:
    kiosk = app("kiosk-1")
    return [
        kiosk.call("ticket.issue", {"service": s, "priority": p}).number
        for s, p in (
            ("general-petition", False),
            ("general-petition", False),
            ("general-petition", True),
        )
    ]


def test_staff_sign_in_open_call_recall_and_complete(
    tickets: list[str], open_terminal: Callable[[str, str], CounterController], window: Window
) -> None:
    terminal = open_terminal("counter-2", "2")
    window.show(terminal.root, SIZE)
    window.shot("counter-01-sign-in")
    sign_in(window, terminal, "2")
    press(window, terminal, "open")
    window.shot("counter-02-open")
    press(window, terminal, "call_next")
    assert terminal.state is not None and terminal.state.ticket is not None
    assert terminal.state.ticket.number == tickets[2]  # the priority ticket first
    press(window, terminal, "recall")
    window.pump(2, until=lambda: terminal.state.ticket.recall == 1)
    window.shot("counter-03-called-recalled")
    assert "1/3" in window.texts()
    caption = terminal.desk.ticket_state  # found: "(Prioritv)" cut off by the buttons below
    assert "Priority" in caption.words and caption.texture_size[1] <= caption.height
    press(window, terminal, "serve")
    press(window, terminal, "complete")
    window.pump(2, until=lambda: terminal.state.ticket is None)
    window.shot("counter-04-completed")
    assert terminal.state.waiting == 2


def test_recall_stops_at_the_maximum(
    tickets: list[str], open_terminal: Callable[[str, str], CounterController], window: Window
) -> None:
    terminal = open_terminal("counter-2", "2")
    sign_in(window, terminal, "2")
    press(window, terminal, "open")
    press(window, terminal, "call_next")
    for expected in (1, 2, 3):
        press(window, terminal, "recall")
        window.pump(2, until=lambda e=expected: terminal.state.ticket.recall == e)
    window.pump(1, until=lambda: terminal.desk.buttons["recall"].disabled)
    window.shot("counter-05-recall-limit")
    assert "3/3" in window.texts()


def test_keyboard_shortcut_calls_the_next_ticket(
    tickets: list[str], open_terminal: Callable[[str, str], CounterController], window: Window
) -> None:
    from kivy.core.window import Window as KivyWindow

    terminal = open_terminal("counter-2", "2")
    sign_in(window, terminal, "2")
    press(window, terminal, "open")
    window.button("call_next")  # the screen is ready for it
    KivyWindow.dispatch("on_key_down", 282, 0, "", [])  # F1
    window.pump(5, until=lambda: terminal.state.ticket is not None)
    assert terminal.state.ticket.number == tickets[2]


def test_two_counters_cannot_take_back_the_same_parked_ticket(
    tickets: list[str],
    open_terminal: Callable[[str, str], CounterController],
    window: Window,
) -> None:
    first = open_terminal("counter-3", "3")
    second = open_terminal("counter-2", "2")
    sign_in(window, first, "3")
    press(window, first, "open")
    press(window, first, "call_next")
    parked = first.state.ticket.number
    press(window, first, "park")
    sign_in(window, second, "2")
    press(window, second, "open")
    window.pump(3, until=lambda: bool(second.state and second.state.parked))
    window.pump(3, until=lambda: bool(first.state and first.state.parked))
    # Both screens offer the parked ticket; the first to ask gets it.
    first.unpark(parked)
    window.pump(5, until=lambda: not first.requests.busy)
    window.show(second.root, SIZE)
    second.unpark(parked)
    window.pump(5, until=lambda: not second.requests.busy)
    window.pump(0.3)
    window.shot("counter-06-conflict")
    assert "ช่องอื่นรับไปแล้ว" in second.desk.message.words
    window.pump(3, until=lambda: first.state.ticket is not None)
    assert first.state.ticket.number == parked


def test_transfer_and_pause_go_through_their_pickers(
    tickets: list[str], open_terminal: Callable[[str, str], CounterController], window: Window
) -> None:
    terminal = open_terminal("counter-2", "2")
    sign_in(window, terminal, "2")
    press(window, terminal, "open")
    press(window, terminal, "call_next")
    number = terminal.state.ticket.number
    window.tap(window.button("transfer"))
    window.shot("counter-07-transfer-picker")
    from screens.counter.desk import Picker

    (picker,) = window.find(lambda w: isinstance(w, Picker))
    assert len(picker.shown()) == len(terminal.site.catalog.services) - 1
    picker.search.text = "ภาษี"  # found: 6 of 25 services shown, cut, no search
    window.pump(0.2)
    window.shot("counter-07b-transfer-search")
    assert picker.shown() and all(
        "ภาษี" in terminal.site.catalog.get(code).name.th for code in picker.shown()
    )
    picker.search.text = "คนพิการ"
    window.pump(0.1)
    window.tap(window.button("pick-disability-card"))
    window.pump(5, until=lambda: not terminal.requests.busy and terminal.state.ticket is None)
    assert "โอนไปงานอื่น" in terminal.desk.message.words and number in terminal.desk.message.words
    window.tap(window.button("pause"))
    window.tap(window.button("pick-meeting"))
    window.pump(5, until=lambda: terminal.state.counter.status == "paused")
    assert terminal.state.counter.pause_reason == "meeting"
    window.shot("counter-08-paused")
    press(window, terminal, "resume")
    window.pump(5, until=lambda: terminal.state.counter.status == "open")


def test_the_counter_warns_when_the_kiosk_runs_out_of_paper(
    server: QueueServer,
    app: Callable[..., BusClient],
    open_terminal: Callable[[str, str], CounterController],
    window: Window,
) -> None:
    terminal = open_terminal("counter-2", "2")
    sign_in(window, terminal, "2")
    app("kiosk-1").set_presence(printer_online=True, paper="out", printer_error=None)
    window.pump(5, until=lambda: "kiosk-1" in terminal.desk.alerts.words)
    window.shot("counter-09-kiosk-paper-out")
    assert "กระดาษหมด" in terminal.desk.alerts.words
    app("kiosk-1").set_presence(paper="ok")
    window.pump(5, until=lambda: terminal.desk.alerts.words == "")


def test_the_transfer_picker_offers_a_service_added_during_the_day(
    tickets: list[str],
    server: QueueServer,
    open_terminal: Callable[[str, str], CounterController],
    window: Window,
    site: Site,
) -> None:
    terminal = open_terminal("counter-2", "2")
    sign_in(window, terminal, "2")
    edit_catalog(
        site.resolve(site.config.catalog),
        add_service("pet-licence", "D", "local", "ขึ้นทะเบียนสุนัขและแมว"),
    )
    server.request_reload()
    window.pump(10, until=lambda: "pet-licence" in terminal.desk.catalog)
    press(window, terminal, "open")
    press(window, terminal, "call_next")
    window.tap(window.button("transfer"))
    [picker_list] = window.find(lambda w: isinstance(w, ScrollView))
    picker_list.scroll_y = 0  # the new service is last: scroll down to it
    window.pump(0.2)
    window.shot("counter-10-transfer-to-new-service")
    window.tap(window.button("pick-pet-licence"))
    window.pump(5, until=lambda: not terminal.requests.busy and terminal.state.ticket is None)
    assert "โอนไปงานอื่น" in terminal.desk.message.words
    window.pump(5, until=lambda: not terminal.requests.busy and terminal.state.ticket is None)
    assert "โอนไปงานอื่น" in terminal.desk.message.words


def test_a_completed_ticket_is_forwarded_and_gets_a_case_reference(
    server: QueueServer,
    tickets: list[str],
    open_terminal: Callable[[str, str], CounterController],
    window: Window,
) -> None:
    terminal = open_terminal("counter-2", "2")
    sign_in(window, terminal, "2")
    for step in ("open", "call_next", "serve", "complete"):
        press(window, terminal, step)
    window.tap(window.button("outcome-forwarded"))
    window.tap(window.button("forward-send"))  # no channel yet: the form says so
    assert "เลือกช่องทางที่ส่ง" in window.texts()
    window.tap(window.button("channel-dla_oss"))
    window.tap(window.button("forward-consent"))
    window.find(lambda w: getattr(w, "name", "") == "forward-agency-ref")[0].text = "มก 12/69"
    window.find(lambda w: getattr(w, "name", "") == "forward-contact")[0].text = "081-234-5678"
    window.shot("counter-06-forward-form")
    window.tap(window.button("forward-send"))
    window.pump(10, until=lambda: "ส-2569-000001" in terminal.desk.message.words)
    window.shot("counter-07-case-opened")
    case = server.service.cases.get("ส-2569-000001").case
    assert (case.number, case.channel.value, case.agency_ref, case.contact) == (
        tickets[2], "dla_oss", "มก 12/69", "0812345678",
    )  # fmt: skip

    window.tap(window.button("cases"))  # the follow-up list: the agency has received it
    window.tap(window.button("pick-ส-2569-000001"))
    window.shot("counter-08-case-moves")
    window.tap(window.button("pick-received"))
    window.pump(10, until=lambda: "หน่วยงานรับเรื่องแล้ว" in terminal.desk.message.words)
    assert server.service.cases.get("ส-2569-000001").case.status.value == "received"


def test_an_outcome_that_needs_nothing_more_is_one_tap(
    server: QueueServer,
    tickets: list[str],
    open_terminal: Callable[[str, str], CounterController],
    window: Window,
) -> None:
    terminal = open_terminal("counter-2", "2")
    sign_in(window, terminal, "2")
    for step in ("open", "call_next", "complete"):
        press(window, terminal, step)
    window.tap(window.button("outcome-documents_missing"))
    window.pump(10, until=lambda: "เอกสารไม่ครบ" in terminal.desk.message.words)
    assert server.service.cases.listing().cases == []


def test_a_complaint_told_at_the_counter_is_written_down_without_numbers(
    server: QueueServer,
    tickets: list[str],
    open_terminal: Callable[[str, str], CounterController],
    window: Window,
) -> None:
    terminal = open_terminal("counter-2", "2")
    sign_in(window, terminal, "2")
    press(window, terminal, "open")
    press(window, terminal, "call_next")
    window.tap(window.button("complaint"))
    window.tap(window.button("topic-staff"))
    box = window.find(lambda w: getattr(w, "name", "") == "complaint-text")[0]
    box.text = "ช่องเดิมให้รอนาน โทรกลับ 081 234 5678"
    window.shot("counter-09-complaint")
    window.tap(window.button("complaint-send"))
    window.pump(10, until=lambda: "ร-2569-000001" in terminal.desk.message.words)
    (filed,) = server.service.complaints.listing().complaints
    assert filed.complaint.text == "ช่องเดิมให้รอนาน โทรกลับ [ลบเลข]"
    assert (filed.complaint.number, filed.complaint.source) == (tickets[2], "counter-2")


def test_a_counter_with_its_own_printer_prints_the_slip_at_the_desk(
    server: QueueServer,
    site: Site,
    broker: RunningBroker,
    app: Callable[..., BusClient],
    window: Window,
) -> None:
    from queue_server.config import load_site
    from tests.support.escpos_decode import decode, same_pixels
    from tests.support.fake_printer import TcpPrinter

    desk_printer = TcpPrinter()
    text = site.path.read_text(encoding="utf-8").replace(
        "\nscreens:\n",
        "\nscreens:\n  counter:\n    printer: {backend: network, host: 127.0.0.1, "
        f"port: {desk_printer.port}, timeout_s: 1.0}}\n",
    )
    site.path.write_text(text, encoding="utf-8")
    app("admin").call("ticket.issue", {"service": "general-petition"})
    reprints: list = []
    listener = app("kiosk-1")  # the only kiosk-1 here: it hears what the kiosk would
    listener.on_reprint(lambda _t, event: reprints.append(event))  # the kiosk's path
    terminal = CounterController(
        load_site(site.path), BusLink(make_bus(site, "counter-2", Role.COUNTER, broker.url)), "2"
    )
    terminal.start()
    try:
        sign_in(window, terminal, "2")
        for step in ("open", "call_next", "complete"):
            press(window, terminal, step)
        window.tap(window.button("outcome-forwarded"))
        window.tap(window.button("channel-paper"))
        window.tap(window.button("forward-send"))
        window.pump(10, until=lambda: any(c.done.is_set() for c in desk_printer.captures))
        case = server.service.cases.get("ส-2569-000001").to_wire()
        got = decode(bytes(desk_printer.captures[0].data)).image(576)
        want = terminal.slip_printer.printing.render_case_slip(m.CaseWire.model_validate(case))
        assert same_pixels(got, want)
        window.pump(0.5)
        listener.poll()
        assert reprints == []  # the kiosk was not asked …
        watcher = app("admin")
        watcher.call("case.slip", {"reference": "ส-2569-000001"})  # … as it is by case.slip
        window.pump(5, until=lambda: listener.poll() >= 0 and bool(reprints))
        assert reprints[0].case.reference == "ส-2569-000001"
    finally:
        terminal.stop()
        desk_printer.close()
