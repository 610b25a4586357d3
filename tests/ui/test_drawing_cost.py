"""What a frame costs under software OpenGL, where every pixel drawn is the CPU's work.

Found measuring the board (issue 22): a call took half a second to reach the screen at
1920×1080 under llvmpipe. Each full-screen layer costs the CPU about 20 ms a frame, a
label drew its text anew whenever only its colour changed (the board's flash), every
opaque panel was blended with what lay beneath, and a call waited for the next poll of
the bus before it was drawn.
"""

from __future__ import annotations

import pytest
from PIL import Image, ImageChops

from queue_server.domain.catalog import Text
from tests.support.kivy_window import Window

TEXT = "ช่องบริการ 2  Counter 2"


def _red_labels(window: Window, tinted_later: bool):
    """A ThaiLabel and Kivy's own Label side by side, both red, at the same size."""
    from kivy.uix.boxlayout import BoxLayout
    from kivy.uix.label import Label

    from screens.common import theme
    from screens.common.thai import ThaiLabel

    red = (0.9, 0.1, 0.1, 1)
    row = BoxLayout()
    ours = ThaiLabel(words=TEXT, font_size=40, color=theme.TEXT if tinted_later else red)
    kivys = Label(text=TEXT, font_size=40, color=red, font_name=theme.FONT,
                  font_script_name="Thai")  # fmt: skip
    row.add_widget(ours)
    row.add_widget(kivys)
    window.show(row, (800, 100))
    kivys.font_size = ours.font_size  # ours may have shrunk the text to fit its box
    window.pump(0.1)
    if tinted_later:
        ours.color = red
        window.pump(0.1)
    return ours, kivys


def _halves(window: Window) -> tuple[Image.Image, Image.Image]:
    """Each label's ink, cropped to its bounding box (the two sit at different places)."""
    image = Image.open(window.shot("drawing-cost-labels")).convert("RGB")
    width, height = image.size
    halves = image.crop((0, 0, width // 2, height)), image.crop((width // 2, 0, width, height))
    return tuple(half.crop(half.getbbox()) for half in halves)  # type: ignore[return-value]


@pytest.mark.parametrize("tinted_later", [False, True], ids=["red from the start", "turned red"])
def test_a_labels_colour_looks_as_kivy_would_draw_it(window: Window, tinted_later: bool) -> None:
    """Drawn once in white and tinted by the canvas: the pixels Kivy's coloured text has."""
    _red_labels(window, tinted_later)
    ours, kivys = _halves(window)
    assert ours.size == kivys.size
    difference = ImageChops.difference(ours, kivys)
    assert max(high for _, high in difference.getextrema()) <= 2


def test_a_labels_colour_changes_without_drawing_its_text_again(window: Window) -> None:
    from screens.common.thai import ThaiLabel

    label = window.show(ThaiLabel(words=TEXT, font_size=30), (600, 80))
    drawn = []
    refresh = label._label.refresh
    label._label.refresh = lambda: (drawn.append(1), refresh())[1]
    for colour in ((1, 0.8, 0.2, 1), (0.5, 0.6, 0.7, 1)):
        label.color = colour
        window.pump(0.1)
    assert drawn == []
    assert tuple(label._tint.rgba) == (0.5, 0.6, 0.7, 1)


def test_centred_text_is_a_texture_as_wide_as_the_text_not_the_box(window: Window) -> None:
    from screens.common.thai import ThaiLabel

    label = window.show(ThaiLabel(words="รอคิว", font_size=30), (1000, 80))
    assert 0 < label.texture_size[0] < 200


def test_the_board_is_drawn_on_the_windows_clear_colour_not_a_rectangle(window: Window) -> None:
    from kivy.graphics import Rectangle

    from screens.common import theme
    from screens.display.board import BoardScreen

    screen = window.show(
        BoardScreen(Text("ศูนย์บริการร่วม", "One Stop Service"), None, portrait=False),
        (1920, 1080),
    )
    assert tuple(window.window.clearcolor) == tuple(theme.BACKGROUND)
    assert not [i for i in screen.canvas.before.children if isinstance(i, Rectangle)]


def _blending_while(panel, window: Window) -> tuple[bool, bool]:
    """(blending on while the panel's fill is drawn, blending on after the panel)."""
    from kivy.graphics import Callback, Rectangle
    from kivy.graphics.opengl import GL_BLEND, glIsEnabled

    seen: dict[str, bool] = {}
    before = panel.canvas.before
    fill = next(i for i in before.children if isinstance(i, Rectangle))
    before.insert(
        before.indexof(fill) + 1, Callback(lambda *_: seen.update(fill=glIsEnabled(GL_BLEND)))
    )
    panel.canvas.after.add(Callback(lambda *_: seen.update(after=glIsEnabled(GL_BLEND))))
    window.show(panel, (200, 100))
    panel.canvas.ask_update()
    window.pump(0.1)
    return seen["fill"], seen["after"]


def test_an_opaque_panel_is_filled_without_blending_and_blending_is_back_after_it(
    window: Window,
) -> None:
    from screens.common import theme
    from screens.common.widgets import Panel

    assert _blending_while(Panel(fill=theme.PANEL), window) == (False, True)


def test_a_see_through_panel_is_still_blended(window: Window) -> None:
    from screens.common.widgets import Panel

    assert _blending_while(Panel(fill=(1, 0, 0, 0.5)), window) == (True, True)


def test_the_screens_run_kivys_clock_that_a_message_can_wake() -> None:
    from kivy.clock import Clock

    assert hasattr(Clock, "create_trigger_free")  # "free_all": a free event ends the sleep


def test_a_message_from_the_bus_is_handled_at_the_next_tick_not_the_next_poll(
    window: Window, monkeypatch: pytest.MonkeyPatch
) -> None:
    import json
    import threading
    from types import SimpleNamespace

    from kivy.clock import Clock

    from queue_server.bus.client import BusClient
    from screens.common.bus_link import BusLink

    monkeypatch.setattr(BusLink, "POLL_SECONDS", 3600.0)  # no poll comes in this test
    client = BusClient(site="x", client_id="display-1", role="display",
                       broker_url="mqtt://127.0.0.1:9")  # fmt: skip
    boards: list[object] = []
    client.subscribe(client.topics.board, lambda _topic, board: boards.append(board))
    link = BusLink(client)
    link.start()
    try:
        window.pump(0.05)
        message = SimpleNamespace(topic=client.topics.board, payload=json.dumps({"v": 1}).encode())
        network = threading.Thread(target=client._on_message, args=(None, None, message))
        network.start()
        network.join()
        Clock.tick()
        assert len(boards) == 1
    finally:
        link.stop()
