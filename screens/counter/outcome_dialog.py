"""The outcome dialog after Complete: four answers, and the forwarding form."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kivy.uix.boxlayout import BoxLayout
from kivy.uix.gridlayout import GridLayout
from kivy.uix.modalview import ModalView
from kivy.uix.textinput import TextInput
from kivy.uix.widget import Widget

from queue_server.domain.cases import Channel, Outcome
from screens.common import case_texts as words
from screens.common import theme
from screens.common.thai import ThaiLabel
from screens.common.widgets import Panel, TapButton

from .outcome import ForwardForm


def _input(hint: str, digits: bool = False) -> TextInput:
    field = TextInput(
        hint_text=hint, multiline=False, font_name=theme.FONT, font_size=26, write_tab=False,
        size_hint_y=None, height=56,
    )  # fmt: skip
    if digits:
        field.input_filter = lambda text, _undo: "".join(c for c in text if c.isdigit() or c == "-")
    return field


class OutcomeDialog(ModalView):
    """Asks what became of ticket ``number``; a forwarded one opens the form in place."""

    def __init__(
        self,
        number: str,
        suggested: Outcome,
        agencies: list[str],
        on_outcome: Callable[[Outcome], None],
        on_forward: Callable[[ForwardForm], None],
        **kwargs: Any,
    ) -> None:
        super().__init__(size_hint=(0.86, 0.9), auto_dismiss=False, **kwargs)
        self.number, self.agencies = number, agencies
        self.on_outcome, self.on_forward = on_outcome, on_forward
        self.box = Panel(orientation="vertical", fill=theme.PANEL, padding=14, spacing=10)
        self.add_widget(self.box)
        self.show_choices(suggested)

    def _title(self, text: str) -> None:
        self.box.add_widget(ThaiLabel(words=text, font_size=32, size_hint_y=None, height=72))

    def _button(self, text: str, name: str, action: Callable[[], None], **kw: Any) -> TapButton:
        button = TapButton(words=text, name=name, font_size=26, **kw)
        button.bind(on_release=lambda *_: action())
        return button

    def show_choices(self, suggested: Outcome) -> None:
        self.box.clear_widgets()
        self._title(f"{words.WHAT_BECAME.th} {self.number} · {words.WHAT_BECAME.en}")
        grid = GridLayout(cols=2, spacing=10)
        for outcome, label in words.OUTCOMES.items():
            background = theme.OK if outcome is suggested else theme.ACCENT
            grid.add_widget(
                self._button(label.both("\n"), f"outcome-{outcome.value}",
                             lambda o=outcome: self.choose(o), background=background)
            )  # fmt: skip
        self.box.add_widget(grid)
        self.box.add_widget(
            self._button(words.LATER.both(), "outcome-later", self.close,
                         background=theme.PANEL_LIGHT, size_hint_y=None, height=72)
        )  # fmt: skip

    def choose(self, outcome: Outcome) -> None:
        if outcome is Outcome.FORWARDED:
            self.show_form(ForwardForm(self.number, self.agencies[0] if self.agencies else ""))
        else:
            self.close()
            self.on_outcome(outcome)

    def show_form(self, form: ForwardForm) -> None:
        self.form = form
        self.box.clear_widgets()
        self._title(f"{words.FORWARD_TITLE.th} · {self.number} · {words.FORWARD_TITLE.en}")
        self.box.add_widget(ThaiLabel(words=words.AGENCY.both(), font_size=24, size_hint_y=None,
                                      height=40, halign="left"))  # fmt: skip
        self.agency = self._button(form.agency, "forward-agency", self._next_agency,
                                   size_hint_y=None, height=64)  # fmt: skip
        self.box.add_widget(self.agency)
        self.box.add_widget(ThaiLabel(words=words.CHANNEL.both(), font_size=24, size_hint_y=None,
                                      height=40, halign="left"))  # fmt: skip
        channels = GridLayout(cols=4, spacing=8, size_hint_y=None, height=72)
        self.channel_buttons: dict[Channel, TapButton] = {}
        for channel, label in words.CHANNELS.items():
            button = self._button(label.th, f"channel-{channel.value}",
                                  lambda c=channel: self.choose_channel(c))  # fmt: skip
            self.channel_buttons[channel] = button
            channels.add_widget(button)
        self.box.add_widget(channels)
        self.agency_ref = _input(words.AGENCY_REF.both())
        self.agency_ref.name = "forward-agency-ref"
        self.box.add_widget(self.agency_ref)
        consent_row = BoxLayout(spacing=8, size_hint_y=None, height=64)
        self.consent = self._button("", "forward-consent", self._toggle_consent, size_hint_x=0.6)
        self.contact = _input(words.CONTACT.both(), digits=True)
        self.contact.name = "forward-contact"
        self.contact.size_hint_x = 0.4
        consent_row.add_widget(self.consent)
        consent_row.add_widget(self.contact)
        self.box.add_widget(consent_row)
        self.note = ThaiLabel(words="", color=theme.NUMBER, font_size=24, size_hint_y=None,
                              height=44)  # fmt: skip
        self.box.add_widget(self.note)
        row = BoxLayout(spacing=10, size_hint_y=None, height=76)
        row.add_widget(self._button(words.CANCEL.both(), "forward-cancel",
                                    lambda: self.show_choices(Outcome.FORWARDED),
                                    background=theme.DANGER))  # fmt: skip
        row.add_widget(self._button(words.SEND.both(), "forward-send", self.save,
                                    background=theme.OK))  # fmt: skip
        self.box.add_widget(row)
        self.box.add_widget(Widget())  # the slack below, not above the title
        self._refresh()

    def _next_agency(self) -> None:
        """Each tap offers the next agency of the catalog (the service's own comes first)."""
        if not self.agencies:
            return
        at = self.agencies.index(self.form.agency) if self.form.agency in self.agencies else -1
        self.form.agency = self.agencies[(at + 1) % len(self.agencies)]
        self._refresh()

    def choose_channel(self, channel: Channel) -> None:
        self.form.channel = channel
        self._refresh()

    def _toggle_consent(self) -> None:
        self.form.consent = not self.form.consent
        self._refresh()

    def _refresh(self) -> None:
        self.note.words = ""
        self.agency.words = self.form.agency
        for channel, button in self.channel_buttons.items():
            button.background = theme.OK if channel is self.form.channel else theme.ACCENT
        answer = "ใช่" if self.form.consent else "ไม่"
        self.consent.words = f"{words.CONSENT.th}: {answer}"
        self.consent.background = theme.OK if self.form.consent else theme.PANEL_LIGHT
        self.contact.disabled = not self.form.consent
        if not self.form.consent:
            self.contact.text = ""

    def save(self) -> None:
        self.form.agency_ref = self.agency_ref.text
        self.form.contact = self.contact.text
        problem = self.form.problem()
        if problem is not None:
            self.note.words = problem.both()
            return
        self.close()
        self.on_forward(self.form)

    def close(self) -> None:
        self.dismiss(animation=False)
