"""The board's widgets: header with date and clock, counters, last calls, queues, banner."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from typing import Any

from kivy.uix.boxlayout import BoxLayout

from queue_server.domain.catalog import Text

from ..common import theme
from ..common.sizing import Sizer
from ..common.thai import ThaiLabel
from ..common.widgets import Panel
from ..common.wording import OFFLINE, clock, english_date, long_thai_date
from .view import BoardView, CounterRow


def _label(words: str = "", **kwargs: Any) -> ThaiLabel:
    return ThaiLabel(words=words, **kwargs)


class CounterTile(Panel):
    """One counter: its name, the number it serves (large), and a note."""

    def __init__(self, sizer: Sizer, **kwargs: Any) -> None:
        super().__init__(orientation="vertical", padding=8, fill=theme.PANEL, **kwargs)
        self.counter_id = ""
        self.name = sizer(_label(color=theme.MUTED, size_hint_y=0.28), 4.2)
        self.number = sizer(
            _label(font_name=theme.FONT_BOLD, color=theme.NUMBER, wrap_words=False), 13
        )
        self.note = sizer(_label(color=theme.MUTED, size_hint_y=0.22), 3.2)
        for child in (self.name, self.number, self.note):
            self.add_widget(child)

    def show(self, row: CounterRow, flashing: bool) -> None:
        self.counter_id = row.id
        self.name.words = f"{row.name.th}  {row.name.en}"
        self.number.words = row.ticket or "–"
        self.note.words = row.note.both()
        self.fill = theme.FLASH if flashing else theme.PANEL
        ink = theme.ON_FLASH if flashing else theme.NUMBER
        self.number.color = ink
        self.name.color = self.note.color = theme.ON_FLASH if flashing else theme.MUTED


class BoardScreen(Panel):
    """The whole board; ``show`` draws a BoardView, ``set_online`` the link state."""

    def __init__(
        self,
        site_name: Text,
        banner: Text | None,
        portrait: bool,
        last_calls: int = 6,
        **kwargs: Any,
    ) -> None:
        super().__init__(orientation="vertical", fill=theme.BACKGROUND, **kwargs)
        self.last_calls = last_calls
        self.sizer = sizer = Sizer(self)
        self.banner_text = banner
        # Portrait: the centre's name on its own row above the date and clock.
        header = Panel(
            fill=theme.PANEL_LIGHT,
            size_hint_y=0.11 if portrait else 0.12,
            padding=(16, 4),
            orientation="vertical" if portrait else "horizontal",
        )
        self.site_label = sizer(_label(site_name.both("\n"), halign="left"), 3.6)
        self.date_label = sizer(_label(halign="right", size_hint_x=0.9), 3.4)
        self.clock_label = sizer(
            _label(font_name=theme.FONT_BOLD, halign="right", size_hint_x=0.35, wrap_words=False), 7
        )
        header.add_widget(self.site_label)
        when = BoxLayout() if portrait else header
        when.add_widget(self.date_label)
        when.add_widget(self.clock_label)
        if portrait:
            header.add_widget(when)
        self.add_widget(header)

        body = BoxLayout(
            orientation="vertical" if portrait else "horizontal", padding=12, spacing=12
        )
        share = {"size_hint_y": 1.3} if portrait else {"size_hint_x": 1.5}
        serving = BoxLayout(orientation="vertical", spacing=10, **share)
        serving.add_widget(
            sizer(_label("กำลังให้บริการ · Now serving", halign="left", size_hint_y=0.1), 4.2)
        )
        self.tiles_box = BoxLayout(orientation="vertical", spacing=10)
        serving.add_widget(self.tiles_box)
        body.add_widget(serving)

        side = BoxLayout(orientation="vertical", spacing=10)
        side.add_widget(sizer(_label("เรียกล่าสุด · Last calls", halign="left", size_hint_y=0.1), 4.2))
        self.calls_box = BoxLayout(orientation="vertical", spacing=4, size_hint_y=0.9)
        side.add_widget(self.calls_box)
        side.add_widget(sizer(_label("รอคิว · Waiting", halign="left", size_hint_y=0.1), 4.2))
        self.queues_box = BoxLayout(orientation="vertical", spacing=4, size_hint_y=0.7)
        side.add_widget(self.queues_box)
        body.add_widget(side)
        self.add_widget(body)

        self.footer = Panel(fill=theme.PANEL_LIGHT, size_hint_y=0.1, padding=(16, 4))
        self.footer_label = sizer(_label(), 3.4)
        self.footer.add_widget(self.footer_label)
        self.add_widget(self.footer)
        self.tiles: list[CounterTile] = []
        # Rows are made once and their words changed: a label re-renders only when its text does.
        self.call_rows: list[tuple[ThaiLabel, ThaiLabel]] = []
        for _ in range(last_calls):
            line = BoxLayout()
            ticket = sizer(_label(font_name=theme.FONT_BOLD, color=theme.NUMBER), 5.2)
            counter = sizer(_label(halign="left"), 3.6)
            line.add_widget(ticket)
            line.add_widget(counter)
            self.calls_box.add_widget(line)
            self.call_rows.append((ticket, counter))
        self.queue_rows: list[tuple[ThaiLabel, ThaiLabel, ThaiLabel]] = []
        self.online = True
        self.closed_note: Text | None = None
        self._show_footer()

    # -- drawing ----------------------------------------------------------

    def show(self, view: BoardView, flashing: Collection[str]) -> None:
        self.show_counters(view, flashing)
        self.show_rest(view)

    def show_counters(self, view: BoardView, flashing: Collection[str]) -> None:
        while len(self.tiles) < len(view.counters):
            tile = CounterTile(self.sizer)
            self.tiles.append(tile)
            self.tiles_box.add_widget(tile)
        while len(self.tiles) > len(view.counters):
            self.tiles_box.remove_widget(self.tiles.pop())
        for tile, row in zip(self.tiles, view.counters, strict=True):
            tile.show(row, flashing=row.ticket is not None and row.ticket in flashing)

    def show_rest(self, view: BoardView) -> None:
        for index, (ticket, counter) in enumerate(self.call_rows):
            call = view.calls[index] if index < len(view.calls) else None
            ticket.words = call.ticket if call else ""
            counter.words = f"→ {call.counter.th}" if call else ""
        if len(self.queue_rows) != len(view.queues):
            self._make_queue_rows(len(view.queues))
        for (name, waiting, wait), queue in zip(self.queue_rows, view.queues, strict=True):
            name.words = f"{queue.prefix}  {queue.name.th}"
            waiting.words = f"{queue.waiting} คน"
            wait.words = queue.wait.th
        self.closed_note = view.closed_note
        self._show_footer()

    def _make_queue_rows(self, count: int) -> None:
        self.sizer.forget({label for row in self.queue_rows for label in row})
        self.queues_box.clear_widgets()
        self.queue_rows = []
        for _ in range(count):
            line = BoxLayout()
            row = (
                self.sizer(_label(halign="left", size_hint_x=1.6), 3.0),
                self.sizer(_label(size_hint_x=0.6), 3.4),
                self.sizer(_label(color=theme.MUTED), 2.8),
            )
            for label in row:
                line.add_widget(label)
            self.queues_box.add_widget(line)
            self.queue_rows.append(row)

    def show_time(self, now: datetime) -> None:
        self.date_label.words = f"{long_thai_date(now)}\n{english_date(now)}"
        self.clock_label.words = clock(now)

    def set_online(self, online: bool) -> None:
        self.online = online
        self._show_footer()

    def _show_footer(self) -> None:
        if not self.online:
            self.footer.fill = theme.DANGER
            self.footer_label.words = f"{OFFLINE.th}\n{OFFLINE.en}"
        elif self.closed_note is not None:
            self.footer.fill = theme.WARN
            self.footer_label.words = self.closed_note.both()
        else:
            self.footer.fill = theme.PANEL_LIGHT
            banner = self.banner_text
            self.footer_label.words = banner.both("\n") if banner else ""
