"""The complaint or suggestion page of the tablet and the kiosk: chosen, not typed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kivy.uix.boxlayout import BoxLayout
from kivy.uix.gridlayout import GridLayout
from kivy.uix.image import Image
from kivy.uix.textinput import TextInput

from queue_server.domain.catalog import Text
from queue_server.domain.complaints import NATIONAL_LINE_URL

from . import complaint_draft as words
from . import theme
from .complaint_draft import ComplaintDraft
from .qr import qr_texture
from .sizing import Sizer
from .thai import ThaiLabel
from .thai_keyboard import ThaiKeyboard
from .widgets import Panel, TapButton

BACK = Text("ยกเลิก", "Cancel")
SEND = Text("ส่งเรื่อง", "Send")
OWN_WORDS = Text("พิมพ์ข้อความเอง", "Type your own words")
NO_NAMES = Text("ไม่ต้องใส่ชื่อหรือเบอร์โทร", "No names or phone numbers, please")
WRITE = Text("พิมพ์ตามที่ผู้รับบริการแจ้ง (ไม่ต้องใส่ชื่อหรือเบอร์โทร)",
             "Write what the citizen said (no names or phone numbers)")  # fmt: skip


class ComplaintForm(Panel):
    """Kind, category, the sentences that say it; ``on_send(draft)`` or ``on_cancel()``."""

    def __init__(
        self,
        on_send: Callable[[ComplaintDraft], None],
        on_cancel: Callable[[], None],
        on_touch: Callable[[], None] | None = None,
        typed: bool = False,
        **kwargs: Any,
    ) -> None:
        """``typed``: a box to write what was said too (the counter, with a keyboard)."""
        super().__init__(orientation="vertical", padding=16, spacing=10, **kwargs)
        self.on_send, self.on_cancel = on_send, on_cancel
        self.typed = typed
        self.keyboard_open = False
        self.on_activity = on_touch or (lambda: None)
        self.sizer = Sizer(self)
        self.draft = ComplaintDraft()

    def start(self, draft: ComplaintDraft | None = None) -> None:
        self.draft = draft or ComplaintDraft()
        self.keyboard_open = False
        self._show()

    def _button(self, text: str, name: str, action: Callable[[], None], size: float = 3.4,
                **kw: Any) -> TapButton:  # fmt: skip
        button = self.sizer(TapButton(words=text, name=name, **kw), size)
        button.bind(on_release=lambda *_: (self.on_activity(), action()))
        return button

    def _show(self, note: str = "") -> None:
        self.sizer.clear(self)
        draft = self.draft
        if self.keyboard_open:
            self._keyboard_page()
            return
        self.add_widget(self.sizer(ThaiLabel(words=words.TITLE.both(), size_hint_y=0.08), 4.6))
        kinds = BoxLayout(spacing=10, size_hint_y=0.1)
        for kind, name in words.kinds():
            chosen = kind is draft.kind
            kinds.add_widget(self._button(
                name.both(), f"kind-{kind.value}", lambda k=kind: self._kind(k),
                background=theme.OK if chosen else theme.PANEL_LIGHT,
            ))  # fmt: skip
        self.add_widget(kinds)
        categories = GridLayout(cols=3, spacing=8, size_hint_y=0.2)
        for category, name in words.categories():
            chosen = category is draft.category
            categories.add_widget(self._button(
                name.th, f"topic-{category.value}", lambda c=category: self._category(c),
                3.4, background=theme.OK if chosen else theme.ACCENT,
            ))  # fmt: skip
        self.add_widget(categories)
        self.add_widget(self.sizer(ThaiLabel(words=words.CHOOSE_WHAT.both(), size_hint_y=0.06,
                                             color=theme.MUTED), 3.0))  # fmt: skip
        phrases = GridLayout(cols=2, spacing=8, size_hint_y=0.34)
        for index, phrase in enumerate(draft.phrases):
            chosen = index in draft.chosen
            phrases.add_widget(self._button(
                phrase.both("\n"), f"phrase-{index}", lambda i=index: self._toggle(i), 3.2,
                background=theme.OK if chosen else theme.PANEL_LIGHT,
            ))  # fmt: skip
        self.add_widget(phrases)
        if not self.typed:  # a touchscreen: the citizen's own words on the Thai keyboard
            own = f"{OWN_WORDS.both()}: {draft.typed}" if draft.typed else OWN_WORDS.both()
            typing = self._button(own, "complaint-type", self._open_keyboard, 3.2,
                                  background=theme.PANEL_LIGHT, size_hint_y=0.1)  # fmt: skip
            self.add_widget(typing)
        if self.typed:
            self.text_box = TextInput(
                text=draft.typed, hint_text=WRITE.both(), font_name=theme.FONT, font_size=24,
                size_hint_y=0.12,
            )  # fmt: skip
            self.text_box.name = "complaint-text"
            self.text_box.bind(text=lambda _box, text: setattr(self.draft, "typed", text))
            self.add_widget(self.text_box)
        beyond = BoxLayout(spacing=10, size_hint_y=0.14)
        beyond.add_widget(Image(texture=qr_texture(NATIONAL_LINE_URL), fit_mode="contain",
                                size_hint_x=0.12))  # fmt: skip
        beyond.add_widget(self.sizer(ThaiLabel(words=words.BEYOND_CENTRE.both("\n"),
                                               halign="left"), 3.4))  # fmt: skip
        self.add_widget(beyond)
        self.note = self.sizer(ThaiLabel(words=note, color=theme.NUMBER, size_hint_y=0.06), 3.2)
        self.add_widget(self.note)
        row = BoxLayout(spacing=12, size_hint_y=0.12)
        row.add_widget(self._button(BACK.both(), "complaint-cancel", self.on_cancel, 3.6,
                                    background=theme.DANGER))  # fmt: skip
        row.add_widget(self._button(SEND.both(), "complaint-send", self._send, 3.8,
                                    background=theme.OK))  # fmt: skip
        self.add_widget(row)

    def _keyboard_page(self) -> None:
        self.add_widget(self.sizer(ThaiLabel(words=OWN_WORDS.both(), size_hint_y=0.08), 4.0))
        self.preview = self.sizer(
            ThaiLabel(words=self.draft.typed or "…", size_hint_y=0.16, color=theme.NUMBER), 4.0
        )
        self.add_widget(self.preview)
        self.add_widget(self.sizer(ThaiLabel(words=NO_NAMES.both(), size_hint_y=0.06,
                                             color=theme.MUTED), 3.0))  # fmt: skip
        keyboard = ThaiKeyboard(self._typing, self._close_keyboard)
        keyboard.start(self.draft.typed)
        self.add_widget(keyboard)

    def _open_keyboard(self) -> None:
        self.keyboard_open = True
        self._show()

    def _typing(self, text: str) -> None:
        self.on_activity()
        self.draft.typed = text
        self.preview.words = text or "…"

    def _close_keyboard(self) -> None:
        self.keyboard_open = False
        self._show()

    def _kind(self, kind: Any) -> None:
        self.draft.kind = kind
        self._show()

    def _category(self, category: Any) -> None:
        self.draft.choose_category(category)
        self._show()

    def _toggle(self, index: int) -> None:
        self.draft.toggle(index)
        self._show()

    def _send(self) -> None:
        problem = self.draft.problem()
        if problem is not None:
            self._show(problem.both())
            return
        self.on_send(self.draft)
