"""The counter terminal's widgets: sign-in, the desk with its buttons, and two pickers."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from kivy.uix.boxlayout import BoxLayout
from kivy.uix.gridlayout import GridLayout
from kivy.uix.modalview import ModalView
from kivy.uix.scrollview import ScrollView
from kivy.uix.textinput import TextInput

from queue_server.domain.catalog import Catalog, Text

from ..common import theme
from ..common.case_texts import CASES
from ..common.complaint_draft import TITLE
from ..common.sizing import Sizer
from ..common.thai import ThaiLabel
from ..common.widgets import Panel, TapButton
from .actions import ACTIONS, PAUSE_REASONS
from .view import DeskView

NEXT_ROWS = 8
PARKED_SLOTS = 9


def _field(hint: str, password: bool = False) -> TextInput:
    return TextInput(
        hint_text=hint,
        password=password,
        multiline=False,
        font_name=theme.FONT,
        font_size=30,
        write_tab=False,
        size_hint_y=0.12,
    )


class SignIn(Panel):
    """Staff code, PIN and which counter."""

    def __init__(
        self,
        counters: Sequence[tuple[str, Text]],
        chosen: str | None,
        on_sign_in: Callable[[str, str, str], None],
        **kwargs: Any,
    ) -> None:
        # Proportions, not pixels: the same form in a small window and on a full screen.
        super().__init__(orientation="vertical", padding=(40, 20), spacing=12, **kwargs)
        self.bind(width=lambda _w, width: setattr(self, "padding", (width * 0.12, 20)))
        self.on_sign_in = on_sign_in
        self.add_widget(
            ThaiLabel(
                words="เข้าสู่ระบบช่องบริการ · Counter sign-in",
                font_size=40,
                size_hint_y=0.14,
            )
        )
        self.staff = _field("รหัสเจ้าหน้าที่ · Staff code")
        self.pin = _field("PIN", password=True)
        self.pin.input_filter = "int"
        self.add_widget(self.staff)
        self.add_widget(self.pin)
        self.add_widget(ThaiLabel(words="ช่องบริการ · Counter", size_hint_y=0.08, font_size=28))
        row = GridLayout(cols=max(1, len(counters)), spacing=12, size_hint_y=0.16)
        self.counter_buttons: dict[str, TapButton] = {}
        for counter_id, name in counters:
            button = TapButton(words=name.th, name=f"counter-{counter_id}", font_size=28)
            button.bind(on_release=lambda _b, c=counter_id: self.choose(c))
            self.counter_buttons[counter_id] = button
            row.add_widget(button)
        self.add_widget(row)
        self.go = TapButton(
            words="เข้าสู่ระบบ · Sign in",
            name="sign_in",
            background=theme.OK,
            size_hint_y=0.16,
        )
        self.go.bind(on_release=lambda *_: self.submit())
        self.pin.bind(on_text_validate=lambda *_: self.submit())
        self.add_widget(self.go)
        self.message = ThaiLabel(words="", color=theme.NUMBER, font_size=28, size_hint_y=0.12)
        self.add_widget(self.message)
        self.chosen = ""
        if chosen or counters:
            self.choose(chosen or counters[0][0])

    def choose(self, counter_id: str) -> None:
        self.chosen = counter_id
        for cid, button in self.counter_buttons.items():
            button.background = theme.OK if cid == counter_id else theme.ACCENT

    def submit(self) -> None:
        self.on_sign_in(self.staff.text.strip(), self.pin.text.strip(), self.chosen)


class Desk(Panel):
    """The working screen: current ticket, buttons, the queue ahead, parked tickets."""

    def __init__(
        self,
        catalog: Catalog,
        on_action: Callable[[str], None],
        on_unpark: Callable[[str], None],
        on_sign_out: Callable[[], None],
        on_cases: Callable[[], None],
        on_complaint: Callable[[], None],
        **kwargs: Any,
    ) -> None:
        super().__init__(orientation="vertical", padding=10, spacing=8, **kwargs)
        self.catalog = catalog
        sizer = self.sizer = Sizer(self)
        self.on_unpark = on_unpark
        top = Panel(fill=theme.PANEL_LIGHT, size_hint_y=0.09, padding=(12, 4), spacing=10)
        self.title = sizer(ThaiLabel(halign="left", size_hint_x=2.2), 4.2)
        self.link = sizer(ThaiLabel(size_hint_x=1.0), 3.2)
        sign_out = sizer(
            TapButton(words="ออกจากระบบ · Sign out", name="sign_out", background=theme.DANGER), 2.8
        )
        sign_out.bind(on_release=lambda *_: on_sign_out())
        cases = sizer(TapButton(words=CASES.both(), name="cases", size_hint_x=0.9), 2.8)
        cases.bind(on_release=lambda *_: on_cases())
        complaint = sizer(TapButton(words=TITLE.th, name="complaint", size_hint_x=0.7), 2.8)
        complaint.bind(on_release=lambda *_: on_complaint())
        for child in (self.title, self.link, cases, complaint, sign_out):
            top.add_widget(child)
        self.add_widget(top)
        # Devices that need staff: a kiosk printer out of paper, a display offline.
        self.alerts_bar = Panel(fill=theme.BACKGROUND, size_hint_y=0.001, padding=(12, 0))
        self.alerts = sizer(ThaiLabel(color=theme.ON_FLASH), 2.8)
        self.alerts_bar.add_widget(self.alerts)
        self.add_widget(self.alerts_bar)

        body = BoxLayout(spacing=10)
        left = BoxLayout(orientation="vertical", spacing=8, size_hint_x=1.6)
        current = Panel(orientation="vertical", fill=theme.PANEL, size_hint_y=0.42, padding=8)
        self.number = sizer(
            ThaiLabel(font_name=theme.FONT_BOLD, color=theme.NUMBER, wrap_words=False), 16
        )
        self.service = sizer(ThaiLabel(size_hint_y=0.45), 3.6)
        self.ticket_state = sizer(ThaiLabel(color=theme.MUTED, size_hint_y=0.35), 3.2)
        for child in (self.number, self.service, self.ticket_state):
            current.add_widget(child)
        left.add_widget(current)
        grid = GridLayout(cols=3, spacing=8)
        self.buttons: dict[str, TapButton] = {}
        for action in ACTIONS:
            button = sizer(
                TapButton(
                    words=f"{action.label.th}\n{action.label.en} [{action.key.upper()}]",
                    name=action.name,
                ),
                3.0,
            )
            button.bind(on_release=lambda _b, n=action.name: on_action(n))
            self.buttons[action.name] = button
            grid.add_widget(button)
        left.add_widget(grid)
        body.add_widget(left)

        right = Panel(orientation="vertical", fill=theme.PANEL, padding=8, spacing=4)
        self.waiting = sizer(ThaiLabel(size_hint_y=0.1, halign="left"), 3.6)
        right.add_widget(self.waiting)
        self.next_box = BoxLayout(orientation="vertical", spacing=2)
        right.add_widget(self.next_box)
        self.parked_title = sizer(ThaiLabel(size_hint_y=0.08, halign="left"), 3.2)
        right.add_widget(self.parked_title)
        self.parked_box = GridLayout(cols=3, spacing=6, size_hint_y=0.22)
        right.add_widget(self.parked_box)
        # Rows and buttons are made once; a label re-renders only when its words change.
        self.next_rows = [sizer(ThaiLabel(halign="left"), 2.8) for _ in range(NEXT_ROWS)]
        for label in self.next_rows:
            self.next_box.add_widget(label)
        self.parked_buttons: list[TapButton] = []
        for _ in range(PARKED_SLOTS):
            button = sizer(TapButton(background=theme.WARN), 3.2)
            button.number = ""
            button.bind(on_release=lambda b: self.on_unpark(b.number) if b.number else None)
            self.parked_buttons.append(button)
            self.parked_box.add_widget(button)
        body.add_widget(right)
        self.add_widget(body)

        self.message = sizer(ThaiLabel(), 3.2)
        self.message_bar = Panel(fill=theme.PANEL_LIGHT, size_hint_y=0.08, padding=(12, 2))
        self.message_bar.add_widget(self.message)
        self.add_widget(self.message_bar)

    def service_name(self, code: str) -> str:
        return self.catalog.get(code).name.th if code in self.catalog else code

    def show(self, view: DeskView) -> None:
        """Put the view model on screen (screens/counter/view.py decides what it says)."""
        self.title.words = view.title
        self.number.words = view.number
        self.service.words = view.service
        self.ticket_state.words = view.ticket_state
        for name, button in self.buttons.items():
            button.disabled = name not in view.enabled
        self.waiting.words = view.waiting
        for index, label in enumerate(self.next_rows):
            label.words = view.next_rows[index] if index < len(view.next_rows) else ""
        self.parked_title.words = view.parked_title
        for index, button in enumerate(self.parked_buttons):
            slot = view.parked[index] if index < len(view.parked) else None
            button.number = slot.number if slot else ""
            button.words = button.number
            button.name = f"unpark-{button.number}" if slot else ""
            button.opacity = 1 if slot else 0
            button.disabled = slot is None or not slot.can_return

    def say(self, text: Text, kind: str = "info") -> None:
        self.message.words = text.both() if text.th else ""
        self.message_bar.fill = {"error": theme.DANGER, "ok": theme.OK, "wait": theme.WARN}.get(
            kind, theme.PANEL_LIGHT
        )

    def show_alerts(self, lines: list[str]) -> None:
        self.alerts.words = "   ·   ".join(lines)
        self.alerts_bar.fill = theme.NUMBER if lines else theme.BACKGROUND
        self.alerts_bar.size_hint_y = 0.06 if lines else 0.001

    def set_online(self, online: bool) -> None:
        self.link.words = "ออนไลน์ · Online" if online else "ขาดการเชื่อมต่อ · Offline"
        self.link.color = theme.TEXT if online else theme.NUMBER


# A choice: its value, its words, and (optionally) the heading it is listed under.
Choice = tuple[str, str] | tuple[str, str, str]


class Picker(ModalView):
    """A list of choices in a modal (transfer to a service, pause reason, a case).

    A long list (a catalog's services) is searchable and grouped under headings,
    one whole line a choice, with a scroll bar that stays in sight.
    """

    def __init__(
        self,
        title: str,
        choices: Sequence[Choice],
        on_pick: Callable[[str], None],
        searchable: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(size_hint=(0.8, 0.88), auto_dismiss=False, **kwargs)
        self.choices = [(c[0], c[1], c[2] if len(c) > 2 else "") for c in choices]
        self.on_pick = on_pick
        box = Panel(orientation="vertical", fill=theme.PANEL, padding=12, spacing=8)
        box.add_widget(ThaiLabel(words=title, font_size=32, size_hint_y=None, height=64))
        self.search: TextInput | None = None
        if searchable:
            self.search = TextInput(
                hint_text="พิมพ์เพื่อค้นหา · Type to search", multiline=False,
                font_name=theme.FONT, font_size=26, size_hint_y=None, height=56,
            )  # fmt: skip
            self.search.bind(text=lambda *_: self._fill())
            box.add_widget(self.search)
        grouped = any(group for _, _, group in self.choices)
        self.grid = GridLayout(
            cols=1 if searchable or grouped else 2, spacing=6, size_hint_y=None,
            row_default_height=64 if searchable or grouped else 84, row_force_default=True,
        )  # fmt: skip
        self.grid.bind(minimum_height=self.grid.setter("height"))
        scroll = ScrollView(
            bar_width=14, bar_color=theme.NUMBER, bar_inactive_color=theme.MUTED,
            scroll_type=["bars", "content"],
        )  # fmt: skip
        scroll.add_widget(self.grid)
        box.add_widget(scroll)
        cancel = TapButton(
            words="ยกเลิก · Cancel",
            name="pick-cancel",
            background=theme.DANGER,
            size_hint_y=None,
            height=72,
        )
        cancel.bind(on_release=lambda *_: self.dismiss(animation=False))
        box.add_widget(cancel)
        self.add_widget(box)
        self._fill()

    def on_open(self) -> None:
        if self.search is not None:
            self.search.focus = True

    def shown(self) -> list[str]:
        """The values on the list now (what the search left)."""
        return [
            w.name.removeprefix("pick-") for w in self.grid.children[::-1] if getattr(w, "name", "")
        ]

    def _fill(self) -> None:
        query = " ".join((self.search.text if self.search else "").lower().split())
        self.grid.clear_widgets()
        heading = None
        for value, words, group in self.choices:
            if query and query not in f"{words} {value} {group}".lower():
                continue
            if group and group != heading:
                heading = group
                self.grid.add_widget(
                    ThaiLabel(words=group, font_size=24, color=theme.NUMBER, halign="left")
                )
            button = TapButton(words=words, name=f"pick-{value}", font_size=24, wrap_words=False)
            button.bind(on_release=lambda _b, v=value: self._pick(v))
            self.grid.add_widget(button)
        if not self.grid.children:
            self.grid.add_widget(ThaiLabel(words="ไม่พบ · Nothing matches", font_size=24))

    def _pick(self, value: str) -> None:
        self.dismiss(animation=False)
        self.on_pick(value)


def transfer_choices(catalog: Catalog, current: str) -> list[Choice]:
    """Every other service, under its category, in the catalog's order."""
    order = {c.id: i for i, c in enumerate(catalog.categories)}
    names = {c.id: c.name.both() for c in catalog.categories}
    services = sorted(
        (s for s in catalog.services if s.code != current),
        key=lambda s: order.get(s.category, len(order)),
    )
    return [(s.code, f"{s.prefix} · {s.name.th}", names.get(s.category, "")) for s in services]


def pause_choices() -> list[tuple[str, str]]:
    return [(code, label.both()) for code, label in PAUSE_REASONS]
