"""The satisfaction form: one question a page, five faces, optional short comments.

Used by the rating tablet at each counter and by the kiosk's "rate our
service" entry. The scale and the default sections are the layout Thai local
offices commonly use (5 มากที่สุด … 1 น้อยที่สุด; process, staff, facilities, outcome;
the seeds name the form without reproducing it, so a centre sets its own in
rating.sections), or one overall question in quick mode. Nothing about the person is asked or kept.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from kivy.graphics import Color, Ellipse, Line
from kivy.properties import NumericProperty
from kivy.uix.behaviors import ButtonBehavior
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.gridlayout import GridLayout
from kivy.uix.widget import Widget

from queue_server.config import Site
from queue_server.domain.catalog import Text
from queue_server.domain.personal_data import scrub
from queue_server.domain.questionnaire import Question
from queue_server.domain.ratings import PROFILE, PROFILE_NAMES

from . import theme
from .rating_texts import (
    ABOUT_YOU,
    ANYTHING_ELSE,
    BACK,
    LEVEL_WORDS,
    NEXT,
    SEND,
    SKIP,
    about,
    header,
)
from .sizing import Sizer
from .thai import ThaiLabel
from .widgets import Panel, TapButton

FACE_COLOURS = {5: "#2e7d32", 4: "#7cb342", 3: "#fbc02d", 2: "#f57c00", 1: "#c62828"}
LEVELS = [(level, words, theme.rgb(FACE_COLOURS[level])) for level, words in LEVEL_WORDS.items()]


class Face(ButtonBehavior, Widget):
    """A round face whose mouth curves with the level (5 a broad smile, 1 a frown)."""

    level = NumericProperty(3)

    def __init__(self, level: int, colour: theme.Colour, **kwargs: Any) -> None:
        super().__init__(level=level, **kwargs)
        self.colour = colour
        self.bind(pos=self._draw, size=self._draw, state=self._draw)

    def _draw(self, *_: Any) -> None:
        self.canvas.clear()
        d = min(self.width, self.height) * (0.86 if self.state == "down" else 0.92)
        cx, cy = self.center
        x0, y0 = cx - d / 2, cy - d / 2
        with self.canvas:
            Color(*self.colour)
            Ellipse(pos=(x0, y0), size=(d, d))
            Color(*theme.BACKGROUND)
            eye = d * 0.11
            for ex in (cx - d * 0.18, cx + d * 0.18):
                Ellipse(pos=(ex - eye / 2, cy + d * 0.1), size=(eye, eye))
            bend = (self.level - 3) * d * 0.09  # + smiles, - frowns
            y = cy - d * 0.2
            Line(
                bezier=[cx - d * 0.24, y + bend / 2, cx, y - bend, cx + d * 0.24, y + bend / 2],
                width=max(2.0, d * 0.035),
            )


class RatingForm(Panel):
    """Asks each question in turn, then offers comments; calls ``on_done(scores, comment)``."""

    def __init__(
        self,
        questions: Sequence[Question],
        comments: Sequence[Text],
        on_done: Callable[[dict[str, int], str | None, dict[str, str]], None],
        on_touch: Callable[[], None] | None = None,
        ask_profile: bool = False,
        on_leave: Callable[[], None] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(orientation="vertical", padding=16, spacing=12, **kwargs)
        self.questions = list(questions)
        self.comments = list(comments)
        self.ask_profile = ask_profile
        self.profile: dict[str, str] = {}
        self.on_done = on_done
        self.on_activity = on_touch or (lambda: None)
        # Back on the first question leaves the form (the kiosk's welcome), so the page
        # has one Back button, the form's own, not a second one of the page's.
        self.on_leave = on_leave
        self.sizer = Sizer(self)
        self.ticket = ""
        self.scores: dict[str, int] = {}
        self.chosen: set[int] = set()
        self.page = 0
        self.header = self.sizer(ThaiLabel(size_hint_y=0.12, color=theme.MUTED), 4.0)
        self.body = BoxLayout(orientation="vertical", spacing=12)
        self.add_widget(self.header)
        self.add_widget(self.body)

    def start(self, ticket: str) -> None:
        self.ticket = ticket
        self.scores = {}
        self.chosen = set()
        self.profile = {}
        self.page = 0
        self._show()

    # -- pages -------------------------------------------------------------------

    @property
    def _pages(self) -> list[str]:
        """What follows the questions: the respondent's bands, then the comments."""
        return ["profile"] * self.ask_profile + ["comments"] * bool(self.comments)

    def _show(self) -> None:
        self.sizer.clear(self.body)
        after = self.page - len(self.questions)
        if after < 0:
            self._question(self.questions[self.page])
        elif self._pages[after] == "profile":
            self._profile_page()
        else:
            self._comment_page()

    def _next(self) -> None:
        self.page += 1
        if self.page >= len(self.questions) + len(self._pages):
            self.send()
            return
        self._show()

    def _profile_page(self) -> None:
        """Sex, age band, occupation: each may be left out; nothing is asked to be typed."""
        self.header.words = header(self.ticket)
        self.body.add_widget(self.sizer(ThaiLabel(words=ABOUT_YOU.both("\n"), size_hint_y=0.2),
                                        4.2))  # fmt: skip
        for field, bands in PROFILE.items():
            row = BoxLayout(spacing=8, size_hint_y=0.18)
            row.add_widget(self.sizer(ThaiLabel(words=PROFILE_NAMES[field].th, size_hint_x=0.5),
                                      3.6))  # fmt: skip
            for band, words in bands.items():
                chosen = self.profile.get(field) == band
                button = self.sizer(TapButton(
                    words=words.th, name=f"profile-{field}-{band}",
                    background=theme.OK if chosen else theme.PANEL_LIGHT,
                ), 3.0)  # fmt: skip
                button.bind(on_release=lambda _b, f=field, v=band: self.choose(f, v))
                row.add_widget(button)
            self.body.add_widget(row)
        row = BoxLayout(spacing=12, size_hint_y=0.2)
        skip = self.sizer(TapButton(words=SKIP.both(), name="profile-skip"), 4.0)
        skip.bind(on_release=lambda *_: self._skip_profile())
        go = self.sizer(TapButton(words=NEXT.both(), name="profile-next", background=theme.OK),
                        4.4)  # fmt: skip
        go.bind(on_release=lambda *_: (self.on_activity(), self._next()))
        row.add_widget(skip)
        row.add_widget(go)
        self.body.add_widget(row)

    def choose(self, field: str, band: str) -> None:
        """A band tapped again is taken back: the citizen need not give it."""
        self.on_activity()
        if self.profile.get(field) == band:
            del self.profile[field]
        else:
            self.profile[field] = band
        self._show()

    def _skip_profile(self) -> None:
        self.on_activity()
        self.profile = {}
        self._next()

    def _question(self, question: Question) -> None:
        self.header.words = header(
            self.ticket, self.page + 1, len(self.questions),
            question.section if question.section and question.text != about(question.section)
            else None,
        )  # fmt: skip
        self.body.add_widget(self.sizer(ThaiLabel(words=question.text.th, size_hint_y=0.22), 6.0))
        self.body.add_widget(
            self.sizer(ThaiLabel(words=question.text.en, size_hint_y=0.1, color=theme.MUTED), 3.6)
        )
        faces = GridLayout(cols=len(LEVELS), spacing=10)
        for level, label, colour in LEVELS:
            column = BoxLayout(orientation="vertical", spacing=4)
            face = Face(level, colour, size_hint_y=0.68)
            face.name = f"face-{level}"
            face.bind(on_release=lambda _f, lv=level: self.answer(lv))
            column.add_widget(face)
            column.add_widget(
                self.sizer(ThaiLabel(words=f"{level} {label.th}", size_hint_y=0.18), 4.2)
            )
            column.add_widget(
                self.sizer(ThaiLabel(words=label.en, size_hint_y=0.14, color=theme.MUTED), 2.6)
            )
            faces.add_widget(column)
        self.body.add_widget(faces)
        if self.page > 0 or self.on_leave is not None:
            self.body.add_widget(self._back())

    def _back(self, size_hint: tuple[float, float] = (0.3, 0.16)) -> TapButton:
        back = self.sizer(
            TapButton(words=BACK.both(), name="rating-back", size_hint=size_hint), 3.4
        )
        back.bind(on_release=lambda *_: self.back())
        return back

    def _comment_page(self) -> None:
        self.header.words = header(self.ticket)
        prompt = ANYTHING_ELSE.both("\n")
        self.body.add_widget(self.sizer(ThaiLabel(words=prompt, size_hint_y=0.25), 4.6))
        chips = GridLayout(cols=2, spacing=10)
        for index, text in enumerate(self.comments):
            chip = self.sizer(
                TapButton(
                    words=text.both("\n"),
                    name=f"comment-{index}",
                    background=theme.OK if index in self.chosen else theme.PANEL_LIGHT,
                ),
                3.8,
            )
            chip.bind(on_release=lambda _c, i=index: self.toggle(i))
            chips.add_widget(chip)
        self.body.add_widget(chips)
        row = BoxLayout(spacing=12, size_hint_y=0.22)
        row.add_widget(self._back(size_hint=(0.4, 1)))
        send = self.sizer(
            TapButton(words=SEND.both(), name="rating-send", background=theme.OK), 4.4
        )
        send.bind(on_release=lambda *_: self.send())
        row.add_widget(send)
        self.body.add_widget(row)

    # -- answers -----------------------------------------------------------------

    def answer(self, level: int) -> None:
        self.on_activity()
        self.scores[self.questions[self.page].id] = level
        self._next()

    def back(self) -> None:
        self.on_activity()
        if self.page == 0 and self.on_leave is not None:
            self.on_leave()
            return
        self.page = max(0, self.page - 1)
        self._show()

    def toggle(self, index: int) -> None:
        self.on_activity()
        self.chosen ^= {index}
        self._show()

    def send(self) -> None:
        comment = " / ".join(self.comments[i].th for i in sorted(self.chosen)) or None
        # Scrubbed where it is made, before it is published (it may wait in the broker).
        self.on_done(dict(self.scores), scrub(comment) if comment else None, dict(self.profile))


Done = Callable[[dict[str, int], str | None, dict[str, str]], None]


def form_for(site: Site, on_done: Done, **kwargs: Any) -> RatingForm:
    """The rating form as the site configures it (shared with the kiosk)."""
    rating = site.config.rating
    return RatingForm(
        site.rating_questions(),
        [c.text for c in site.config.screens.rating.comments],
        on_done,
        ask_profile=rating.profile and rating.mode == "full",
        **kwargs,
    )
