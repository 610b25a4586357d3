"""The board's widgets: header (logo, date, clock), the newest call, counters, last calls,
queues, banner."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from pathlib import Path
from typing import Any

from kivy.clock import Clock
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.gridlayout import GridLayout
from kivy.uix.image import Image

from queue_server.domain.catalog import Text

from ..common import theme
from ..common.qr import qr_texture
from ..common.sizing import Sizer
from ..common.thai import ThaiLabel, fit_text
from ..common.widgets import Backdrop, BigNumber, Panel
from ..common.wording import OFFLINE, PHONE_QR, clock, english_date, long_thai_date
from .view import BoardView, CounterRow, Hero


def _label(words: str = "", **kwargs: Any) -> ThaiLabel:
    return ThaiLabel(words=words, **kwargs)


class CounterTile(Panel):
    """One counter: its name, the number it serves, and a note (smaller than the hero)."""

    def __init__(self, sizer: Sizer, **kwargs: Any) -> None:
        super().__init__(orientation="vertical", padding=6, fill=theme.PANEL, **kwargs)
        self.counter_id = ""
        self.name = sizer(_label(color=theme.MUTED, size_hint_y=0.24), 3.0)
        self.number = sizer(BigNumber(), 9)
        self.note = sizer(_label(color=theme.MUTED, size_hint_y=0.2), 2.6)
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


# The newest call's number: 36 % of the screen's short side as type, about 27 % of a
# landscape board's height as ink (the digits are 0.76 of the type size): 29 cm on a
# 55" screen's 68 cm, read from well beyond ten metres.
HERO_NUMBER = 36


class HeroPanel(Panel):
    """The newest call, as big as the board allows; or, closed, when it opens again."""

    def __init__(self, sizer: Sizer, **kwargs: Any) -> None:
        super().__init__(orientation="vertical", padding=(12, 4), fill=theme.PANEL, **kwargs)
        self.title = sizer(_label(color=theme.MUTED, size_hint_y=0.08), 4.2)
        self.number = sizer(BigNumber(size_hint_y=0.8), HERO_NUMBER)
        # In the number's place when there is no call to show: closed, or none yet.
        self.reason = sizer(
            _label(font_name=theme.FONT_BOLD, color=theme.NUMBER, size_hint_y=0.8), 5.4
        )
        self.counter = sizer(_label(font_name=theme.FONT_BOLD, size_hint_y=0.12), 5.6)
        for child in (self.title, self.number, self.counter):
            self.add_widget(child)

    def show(self, hero: Hero, flashing: bool) -> None:
        called = hero.ticket is not None
        # No call to show (closed, or none yet): the reason takes the number's place.
        self.title.words = hero.title.both() if called else ""
        self.number.words = hero.ticket or ""
        self.reason.words = "" if called else hero.title.both("\n")
        shown = self.number if called else self.reason
        if shown.parent is None:
            other = self.reason if called else self.number
            index = self.children.index(other)
            self.remove_widget(other)
            self.add_widget(shown, index=index)
        self.counter.words = f"→ {hero.counter.both()}" if hero.counter else ""
        self.fill = theme.FLASH if flashing else theme.PANEL
        self.number.color = theme.ON_FLASH if flashing else theme.NUMBER
        self.counter.color = theme.ON_FLASH if flashing else theme.TEXT
        self.title.color = theme.ON_FLASH if flashing else theme.MUTED


class BoardScreen(Backdrop):
    """The whole board; ``show`` draws a BoardView, ``set_online`` the link state."""

    def __init__(
        self,
        site_name: Text,
        banner: Text | None,
        portrait: bool,
        last_calls: int = 6,
        logo: Path | None = None,
        phone_qr: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(orientation="vertical", fill=theme.BACKGROUND, **kwargs)
        self.last_calls = last_calls
        self.sizer = sizer = Sizer(self)
        self.banner_text = banner
        self.add_widget(self._header(site_name, logo, portrait))

        body = BoxLayout(
            orientation="vertical" if portrait else "horizontal", padding=12, spacing=12
        )
        now = BoxLayout(orientation="vertical", spacing=10,
                        **({"size_hint_y": 1.5} if portrait else {"size_hint_x": 1.5}))  # fmt: skip
        self.hero = HeroPanel(sizer, size_hint_y=0.76)
        now.add_widget(self.hero)
        self.tiles_box = GridLayout(rows=1, spacing=10, size_hint_y=0.24)
        now.add_widget(self.tiles_box)
        body.add_widget(now)

        side = BoxLayout(orientation="vertical", spacing=6)
        side.add_widget(self._heading(Text("เรียกล่าสุด", "Last calls")))
        self.calls_box = BoxLayout(orientation="vertical", spacing=4, size_hint_y=0.5)
        side.add_widget(self.calls_box)
        side.add_widget(self._heading(Text("รอคิว", "Waiting")))
        self.queues_box = BoxLayout(orientation="vertical", spacing=4, size_hint_y=0.5)
        side.add_widget(self.queues_box)
        body.add_widget(side)
        self.add_widget(body)

        self.footer = Panel(
            fill=theme.PANEL_LIGHT, size_hint_y=0.12 if phone_qr else 0.08, padding=(16, 4),
            spacing=12,
        )  # fmt: skip
        self.footer_label = sizer(_label(), 3.0)
        self.footer.add_widget(self.footer_label)
        if phone_qr:  # the centre's page for phones: queues and waits in the citizen's hand
            self.footer.add_widget(self._phone_qr(phone_qr))
        self.add_widget(self.footer)
        self.tiles: list[CounterTile] = []
        # Rows are made once and their words changed: a label re-renders only when its text does.
        # The hero shows the newest call; these rows the ones before it.
        self.call_rows: list[tuple[ThaiLabel, ThaiLabel]] = []
        for _ in range(max(1, last_calls - 1)):
            line = BoxLayout()
            ticket = sizer(_label(font_name=theme.FONT_BOLD, color=theme.NUMBER,
                                  size_hint_x=0.8, wrap_words=False), 5.0)  # fmt: skip
            counter = sizer(_label(halign="left", wrap_words=False), 3.4)
            line.add_widget(ticket)
            line.add_widget(counter)
            self.calls_box.add_widget(line)
            self.call_rows.append((ticket, counter))
        self.queue_rows: list[tuple[ThaiLabel, ThaiLabel, ThaiLabel]] = []
        # Sized once laid out (each row's labels call it): a label's width is known only
        # after the layout pass.
        self._resize_rows = Clock.create_trigger(lambda _dt: self._same_size_rows())
        self.online = True
        self.closed_note: Text | None = None
        self._show_footer()

    def _phone_qr(self, address: str) -> BoxLayout:
        texture = qr_texture(address)
        texture.mag_filter = "nearest"  # sharp modules, however far the code is scaled
        code = Image(texture=texture, fit_mode="contain", size_hint_x=None)
        code.bind(height=lambda widget, height: setattr(widget, "width", height))
        caption = self.sizer(_label(PHONE_QR.both("\n"), halign="right"), 2.6)
        box = BoxLayout(spacing=10, size_hint_x=0.45)
        box.add_widget(caption)
        box.add_widget(code)
        return box

    def _heading(self, words: Text) -> ThaiLabel:
        return self.sizer(_label(words.both(), halign="left", size_hint_y=0.08), 3.6)

    def _header(self, site_name: Text, logo: Path | None, portrait: bool) -> Panel:
        # Portrait: the centre's name on its own row above the date and clock.
        header = Panel(
            fill=theme.PANEL_LIGHT,
            size_hint_y=0.11 if portrait else 0.1,
            padding=(16, 4),
            spacing=12,
            orientation="vertical" if portrait else "horizontal",
        )
        name_row = BoxLayout(spacing=12)
        if logo is not None:
            name_row.add_widget(Image(source=str(logo), fit_mode="contain", size_hint_x=0.12))
        self.site_label = self.sizer(_label(site_name.both("\n"), halign="left"), 3.2)
        name_row.add_widget(self.site_label)
        header.add_widget(name_row)
        self.date_label = self.sizer(_label(halign="right", size_hint_x=0.7), 3.0)
        self.clock_label = self.sizer(
            _label(font_name=theme.FONT_BOLD, halign="right", size_hint_x=0.3, wrap_words=False),
            6.5,
        )
        when = BoxLayout() if portrait else header
        when.add_widget(self.date_label)
        when.add_widget(self.clock_label)
        if portrait:
            header.add_widget(when)
        return header

    # -- drawing ----------------------------------------------------------

    def show(self, view: BoardView, flashing: Collection[str]) -> None:
        self.show_counters(view, flashing)
        self.show_rest(view)

    def show_counters(self, view: BoardView, flashing: Collection[str]) -> None:
        """What a call changes at once: the hero and the counters' tiles."""
        self.hero.show(view.hero, view.hero.ticket is not None and view.hero.ticket in flashing)
        while len(self.tiles) < len(view.counters):
            tile = CounterTile(self.sizer)
            self.tiles.append(tile)
            self.tiles_box.add_widget(tile)
        while len(self.tiles) > len(view.counters):
            self.tiles_box.remove_widget(self.tiles.pop())
        # Up to five tiles side by side; more share two rows.
        self.tiles_box.rows = 1 if len(self.tiles) <= 5 else 2
        for tile, row in zip(self.tiles, view.counters, strict=True):
            tile.show(row, flashing=row.ticket is not None and row.ticket in flashing)

    def show_rest(self, view: BoardView) -> None:
        earlier = view.calls[1:]
        for index, (ticket, counter) in enumerate(self.call_rows):
            call = earlier[index] if index < len(earlier) else None
            ticket.words = call.ticket if call else ""
            counter.words = f"→ {call.counter.th}" if call else ""
        if len(self.queue_rows) != len(view.queues):
            self._make_queue_rows(len(view.queues))
        for (name, waiting, wait), queue in zip(self.queue_rows, view.queues, strict=True):
            name.words = f"{queue.prefix}  {queue.name.th}"
            waiting.words = queue.count.th
            wait.words = queue.wait.th
        self._resize_rows()
        self.closed_note = view.closed_note
        self._show_footer()

    def _make_queue_rows(self, count: int) -> None:
        self.sizer.forget({label for row in self.queue_rows for label in row})
        self.queues_box.clear_widgets()
        self.queue_rows = []
        for _ in range(count):
            line = BoxLayout(spacing=8)
            row = (
                _label(halign="left", size_hint_x=1.5),
                _label(size_hint_x=0.7, wrap_words=False),
                _label(color=theme.MUTED, halign="right", size_hint_x=0.9, wrap_words=False),
            )
            for label in row:
                label.bind(size=self._resize_rows)
                line.add_widget(label)
            self.queues_box.add_widget(line)
            self.queue_rows.append(row)

    def _same_size_rows(self) -> None:
        """Every waiting row in one type size: the size at which the longest one fits."""
        labels = [label for row in self.queue_rows for label in row]
        wanted = max(8, round(3.6 * self.sizer.unit))
        size = min(
            (
                fit_text(label.words, label.width, label.height, label.font_name, wanted,
                         label.wrap_words)[1]
                for label in labels
                if label.words
            ),
            default=wanted,
        )  # fmt: skip
        for label in labels:
            label.wanted_size = size

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
