"""bench/screens: a counter's "call next" → the display board's number changed; the announcer.

1. The display board in this process, in a window on a virtual X screen (Xvfb)
   as on its own PC (offscreen where there is no Xvfb), running its own loop;
   `oss-queue server` and its Mosquitto as a process (as on the server box), and
   a counter's "call next" sent as the terminal sends it. Time from sending to
   the frame where the board's tile for that counter shows the new number, drawn.
   Target: p99 ≤ 100 ms at 1920×1080 under software OpenGL.
2. The announcement queue fed 10 calls a second for 10 seconds with clips of a
   realistic length: every call is kept, in order, none overlaps; prints how
   long joining the clips takes and how the backlog grows (announcements take
   longer than 0.1 s, so a burst is worked off after it ends).

    python -m bench.screens [--calls 100]
"""

from __future__ import annotations

import argparse
import tempfile
import threading
import time
from pathlib import Path

from screens.common.boot import prepare_kivy

TARGET_P99_MS = 100.0


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))]


def board_latency(calls: int, folder: Path) -> dict[str, float]:
    """The board in this process, as on its own mini PC; `oss-queue server` (with its
    Mosquitto) a process of its own, as on the server box; the counter a bus client
    sending what the terminal's "call next" sends (the terminal is another PC)."""
    from kivy.base import EventLoop
    from kivy.core.window import Window
    from kivy.graphics.opengl import glFinish

    from bench.rig import PIN, a_centre, process, wait_for_port
    from queue_server.bus import messages as m
    from queue_server.config.models import Role
    from screens.common import theme
    from screens.common.bus_link import BusLink, make_bus
    from screens.display.app import DisplayController, voice_for
    from screens.voice.players import SilentPlayer

    theme.register_fonts()
    EventLoop.ensure_window()
    site, _ = a_centre(folder / "screens", calls)

    # OpenGL only queues drawing; llvmpipe rasterizes it in threads of its own when the
    # frame is flushed. A screen's swap waits for the frame to be drawn, but SDL's
    # offscreen driver has no swap, so without this a frame would be drawn whenever the
    # next one flushes it: each frame is finished when it is flipped, as on a display.
    Window.bind(on_flip=lambda *_: glFinish())

    def pump_until(done, timeout: float = 10.0) -> float:
        """Run the board's own loop (its frame rate, its clock) until ``done``; the time
        when the frame that made it so has been drawn."""
        end = time.monotonic() + timeout
        while not done():
            EventLoop.idle()
            if time.monotonic() > end:
                raise TimeoutError("the screens did not update")
        return time.perf_counter()

    with process("server", "--config", str(site.path), log=folder / "server.log"):
        wait_for_port(int(site.config.broker.url.rsplit(":", 1)[1]))
        desk = make_bus(site, "counter-2", Role.COUNTER)  # the terminal's account
        board = BusLink(make_bus(site, "display-1", Role.DISPLAY))
        display = DisplayController(site, board, voice_for(site, SilentPlayer()))
        Window.add_widget(display.root)
        display.start()
        desk.start()
        try:
            desk.call(m.OpName.STAFF_LOGIN, {"staff": "s01", "pin": PIN})
            args = {"counter": "2", "staff": "s01"}
            desk.call(m.OpName.COUNTER_OPEN, args)
            pump_until(lambda: display.state is not None)
            tile = lambda: next(t for t in display.screen.tiles if t.counter_id == "2")  # noqa: E731
            pump_until(lambda: any(t.counter_id == "2" for t in display.screen.tiles))
            latencies = []
            for _ in range(calls):
                before = tile().number.words
                start = time.perf_counter()
                sent = threading.Thread(target=desk.call, args=(m.OpName.COUNTER_CALL_NEXT, args))
                sent.start()
                changed = pump_until(lambda b=before: tile().number.words != b)
                latencies.append((changed - start) * 1000)
                sent.join()
                settle = time.monotonic() + 0.3  # the flash and the queues settle, as between calls
                while time.monotonic() < settle:
                    EventLoop.idle()
                desk.call(m.OpName.COUNTER_COMPLETE, args)
            heard = len(display.calls_heard)
            from kivy.graphics.opengl import GL_RENDERER, glGetString

            renderer = glGetString(GL_RENDERER).decode(errors="replace")
        finally:
            desk.stop()
            display.stop()
    return {
        "p50": percentile(latencies, 50),
        "p99": percentile(latencies, 99),
        "max": max(latencies),
        "calls": calls,
        "heard": heard,
        "renderer": renderer,
    }


class TimedPlayer:
    """Plays for as long as the WAV lasts, silently."""

    class _Playing:
        def __init__(self, seconds: float) -> None:
            self.until = time.monotonic() + seconds

        def done(self) -> bool:
            return time.monotonic() >= self.until

    def start(self, wav: bytes) -> _Playing:
        return self._Playing((len(wav) - 44) / 2 / 22050)


def announcer_burst(folder: Path, rate: float = 10.0, seconds: float = 10.0) -> dict[str, float]:
    from screens.voice.announcer import Announcer, Call
    from screens.voice.pack import VoicePack, to_wav, tone
    from screens.voice.phrase import required_clips

    wording = "ขอเชิญหมายเลข {number} ที่ช่องบริการ {counter} ค่ะ"
    pack_dir = folder / "voice"
    pack_dir.mkdir()
    for clip in required_clips(wording, ["A", "B", "C", "D"], ["1", "2", "3"], "digits"):
        length = 0.9 if len(clip) > 3 else 0.35  # phrases longer than letters and digits
        (pack_dir / f"{clip}.wav").write_bytes(to_wav(tone((220.0,), length)))
    announcer = Announcer(VoicePack(pack_dir), wording, "digits", TimedPlayer())
    compose: list[float] = []
    sent, started = 0, time.monotonic()
    max_waiting = 0
    while time.monotonic() - started < seconds:
        due = int((time.monotonic() - started) * rate)
        while sent < due:
            announcer.announce(Call(f"A{sent + 1:03d}", str(sent % 3 + 1)))
            sent += 1
        before = len(announcer.history)
        t0 = time.perf_counter()
        announcer.tick()
        if len(announcer.history) > before:
            compose.append((time.perf_counter() - t0) * 1000)
        max_waiting = max(max_waiting, announcer.waiting)
        time.sleep(0.005)
    played = [a.call.ticket for a in announcer.history]
    queued = played + [a.call.ticket for a in announcer._queue]
    in_order = queued == [f"A{i + 1:03d}" for i in range(sent)]
    duration = (announcer.history[0].wav_bytes - 44) / 2 / 22050 if announcer.history else 0.0
    return {
        "calls": sent,
        "kept": len(queued),
        "in_order": in_order,
        "compose_p99": percentile(compose, 99),
        "seconds_each": duration,
        "backlog": max_waiting,
    }


def main(argv: list[str] | None = None) -> dict[str, dict[str, float]]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--calls", type=int, default=100)
    parser.add_argument("--size", default="1920x1080", help="the board's window, WIDTHxHEIGHT")
    args = parser.parse_args(argv)
    size = tuple(int(v) for v in args.size.split("x"))
    from bench.rig import x_screen

    with tempfile.TemporaryDirectory(prefix="oss-bench-screens-") as tmp, x_screen(size) as x:
        prepare_kivy(size=size, fullscreen=False, offscreen=x is None, home=Path(tmp))
        board = board_latency(args.calls, Path(tmp))
        board["window"] = "an X window (Xvfb)" if x else "offscreen (no Xvfb here)"
        burst = announcer_burst(Path(tmp))
    print(
        f"bench/screens — counter action → board frame showing the number, {board['calls']} calls, "
        f"board {args.size} in {board['window']} drawn by {board['renderer']}"
    )
    print(f"  p50 {board['p50']:.1f} ms   p99 {board['p99']:.1f} ms   max {board['max']:.1f} ms"
          f"   calls heard by the board {board['heard']}/{board['calls']}")  # fmt: skip
    print(f"  target: p99 ≤ {TARGET_P99_MS:.0f} ms")
    print(
        f"announcer — {burst['calls']} calls at 10/s: {burst['kept']} kept, in order: "
        f"{burst['in_order']}; joining clips p99 {burst['compose_p99']:.1f} ms; one call "
        f"lasts {burst['seconds_each']:.1f} s; most waiting at once {burst['backlog']}"
    )
    return {"board": board, "announcer": burst}


if __name__ == "__main__":
    main()
