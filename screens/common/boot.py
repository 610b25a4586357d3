"""Kivy start-up, done before the first ``import kivy``.

Kivy reads its environment once, at import: command-line parsing must be off
(our CLI owns ``argv``), logs must not go to the console by default, and on a
machine with no screen (CI, a headless demo) SDL has to draw offscreen.
"""

from __future__ import annotations

import os
from pathlib import Path


def has_screen() -> bool:
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def prepare_kivy(
    *,
    size: tuple[int, int],
    fullscreen: bool,
    offscreen: bool | None = None,
    home: Path | None = None,
    position: tuple[int, int] | None = None,
) -> None:
    """Set Kivy's environment and window config; call before importing any Kivy module."""
    if offscreen is None:
        offscreen = not has_screen()
    os.environ["KIVY_NO_ARGS"] = "1"
    os.environ.setdefault("KIVY_NO_CONSOLELOG", "1")
    os.environ.setdefault("KIVY_NO_FILELOG", "1")
    # Interruptible by "free" events: a message from the bus wakes the loop (see BusLink)
    # instead of waiting out the frame; everything else keeps Kivy's frame rhythm.
    os.environ.setdefault("KIVY_CLOCK", "free_all")
    if home is not None:
        os.environ["KIVY_HOME"] = str(home)
    if offscreen:
        os.environ["SDL_VIDEODRIVER"] = "offscreen"
        os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    from kivy.config import Config

    Config.set("graphics", "width", str(size[0]))
    Config.set("graphics", "height", str(size[1]))
    Config.set("graphics", "fullscreen", "auto" if fullscreen and not offscreen else "0")
    Config.set("graphics", "resizable", "1")
    # Above a desktop's panels when full screen (see ScreenApp.cover_the_screen).
    Config.set("graphics", "always_on_top", "1" if fullscreen and not offscreen else "0")
    Config.set("kivy", "exit_on_escape", "0")
    Config.set("input", "mouse", "mouse,disable_multitouch")
    if position is not None:
        Config.set("graphics", "position", "custom")
        Config.set("graphics", "left", str(position[0]))
        Config.set("graphics", "top", str(position[1]))
