"""The province board's widgets: a header with the province's figures, a page of centre tiles."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from kivy.uix.gridlayout import GridLayout

from queue_server.domain.service_day import BANGKOK

from ..common import theme
from ..common.sizing import Sizer
from ..common.thai import ThaiLabel
from ..common.widgets import Backdrop, Panel
from ..common.wording import clock, english_date, long_thai_date
from .view import CLOSED, OFFLINE, OPEN, SILENT, CentreTile, ProvinceView

FILL = {
    OPEN: theme.PANEL,
    CLOSED: theme.BACKGROUND,
    OFFLINE: theme.DANGER,
    SILENT: theme.DANGER,
}


def _label(**kwargs: Any) -> ThaiLabel:
    return ThaiLabel(**kwargs)


class CentreCard(Panel):
    """One centre: name, state, how many wait, counters open, longest wait, last call, alerts."""

    def __init__(self, sizer: Sizer, **kwargs: Any) -> None:
        super().__init__(orientation="vertical", padding=(14, 8), spacing=2, **kwargs)
        self.site = ""
        self.name = sizer(_label(font_name=theme.FONT_BOLD, halign="left", wrap_words=False), 3.4)
        self.status = sizer(_label(color=theme.MUTED, halign="left"), 2.3)
        self.waiting = sizer(
            _label(font_name=theme.FONT_BOLD, color=theme.NUMBER, halign="left", size_hint_y=1.5),
            5.0,
        )
        self.counters = sizer(_label(halign="left"), 2.3)
        self.last_call = sizer(_label(color=theme.MUTED, halign="left"), 2.3)
        self.alerts = sizer(_label(color=theme.NUMBER, halign="left", size_hint_y=1.4), 2.0)
        for child in (self.name, self.status, self.waiting, self.counters, self.last_call,
                      self.alerts):  # fmt: skip
            self.add_widget(child)

    def show(self, tile: CentreTile | None) -> None:
        self.opacity = 0 if tile is None else 1
        if tile is None:
            return
        self.site = tile.site
        self.fill = FILL[tile.status]
        self.name.words = tile.name.th
        status = tile.status_text.both()
        if tile.status == SILENT and tile.heard is not None:
            status += f" (ล่าสุด {tile.heard.astimezone(BANGKOK):%H:%M})"
        self.status.words = status
        down = tile.status in (OFFLINE, SILENT)
        self.waiting.words = "–" if down else f"รอ {tile.waiting} คน"
        counters = f"ช่องบริการเปิด {tile.counters_open}/{tile.counters}"
        if tile.longest_wait and not down:
            counters += f" · รอนานสุด {tile.longest_wait.th}"
        self.counters.words = counters
        self.last_call.words = f"เรียกล่าสุด {tile.last_call}" if tile.last_call else ""
        shown = tile.alerts[:2]
        more = f"\nและอีก {len(tile.alerts) - 2} รายการ" if len(tile.alerts) > 2 else ""
        self.alerts.words = "\n".join(shown) + more


class ProvinceScreen(Backdrop):
    """The whole board: ``show`` draws one page of a ProvinceView."""

    def __init__(self, columns: int = 4, rows: int = 3, **kwargs: Any) -> None:
        super().__init__(orientation="vertical", fill=theme.BACKGROUND, **kwargs)
        self.sizer = sizer = Sizer(self)
        header = Panel(fill=theme.PANEL_LIGHT, size_hint_y=0.13, padding=(16, 4))
        self.title = sizer(
            _label(
                words="ศูนย์บริการร่วม (OSS) ทั้งจังหวัด\nOne-stop service centres of the province",
                halign="left",
            ),
            3.2,
        )
        self.summary = sizer(_label(halign="center", size_hint_x=1.1), 3.0)
        self.date_label = sizer(_label(halign="right", size_hint_x=0.8), 2.8)
        self.clock_label = sizer(
            _label(font_name=theme.FONT_BOLD, halign="right", size_hint_x=0.3, wrap_words=False), 6
        )
        for child in (self.title, self.summary, self.date_label, self.clock_label):
            header.add_widget(child)
        self.add_widget(header)
        self.grid = GridLayout(cols=columns, rows=rows, padding=12, spacing=12)
        self.cards = [CentreCard(sizer) for _ in range(columns * rows)]
        for card in self.cards:
            self.grid.add_widget(card)
        self.add_widget(self.grid)
        self.footer = Panel(fill=theme.PANEL_LIGHT, size_hint_y=0.07, padding=(16, 2))
        self.footer_label = sizer(_label(), 2.6)
        self.footer.add_widget(self.footer_label)
        self.add_widget(self.footer)

    @property
    def per_page(self) -> int:
        return len(self.cards)

    def show(self, view: ProvinceView, page: int, online: bool) -> None:
        pages = max(1, -(-len(view.tiles) // self.per_page))
        page %= pages
        shown = view.tiles[page * self.per_page : (page + 1) * self.per_page]
        for index, card in enumerate(self.cards):
            card.show(shown[index] if index < len(shown) else None)
        self.summary.words = (
            f"เปิด {view.open} · ขาดการติดต่อ {view.down} · รอ {view.waiting} คน"
            f" · แจ้งเตือน {view.alerts}\n"
            f"open {view.open} · down {view.down} · waiting {view.waiting} · alerts {view.alerts}"
        )
        if not online:
            self.footer.fill = theme.DANGER
            self.footer_label.words = (
                "ขาดการเชื่อมต่อกับเครื่องแม่ข่ายจังหวัด กำลังเชื่อมต่อใหม่ · "
                "Lost contact with the province broker; reconnecting"
            )
        else:
            self.footer.fill = theme.PANEL_LIGHT
            self.footer_label.words = (
                f"หน้า {page + 1}/{pages} · {len(view.tiles)} ศูนย์ · page {page + 1} of {pages}"
            )

    def show_time(self, now: datetime) -> None:
        self.date_label.words = f"{long_thai_date(now)}\n{english_date(now)}"
        self.clock_label.words = clock(now)
