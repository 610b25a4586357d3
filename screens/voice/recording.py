"""Recording clips from a microphone with ``arecord`` (ALSA), and tidying them.

Clips are trimmed to the voice, so joined clips sound like one sentence
rather than words with holes between them; a recording with no voice in it
(a muted microphone) is refused rather than saved as silence.
"""

from __future__ import annotations

import signal
import subprocess
import time
from array import array
from pathlib import Path

from .pack import RATE, read_frames, to_wav

# 16-bit peak below this is silence (about -36 dBFS); 50 ms kept on each side.
SILENCE = 500
PAD_SECONDS = 0.05
# A clip is a word or a short phrase; anything longer was a stuck recording.
MAX_SECONDS = 8.0


class RecordingError(RuntimeError):
    pass


def trim(frames: bytes) -> bytes:
    """Cut the silence before and after the voice; b"" when there is no voice at all."""
    samples = array("h", frames)
    loud = [i for i, s in enumerate(samples) if abs(s) >= SILENCE]
    if not loud:
        return b""
    pad = int(RATE * PAD_SECONDS)
    start, end = max(0, loud[0] - pad), min(len(samples), loud[-1] + pad)
    return samples[start:end].tobytes()


class Recorder:
    """Start and stop ``arecord`` into a WAV file of the pack's format."""

    def __init__(self, device: str = "default") -> None:
        self.device = device
        self._process: subprocess.Popen[bytes] | None = None

    def start(self, path: Path) -> None:
        command = ["arecord", "-q", "-D", self.device, "-f", "S16_LE", "-r", str(RATE), "-c", "1"]
        try:
            self._process = subprocess.Popen([*command, str(path)], stderr=subprocess.PIPE)
        except FileNotFoundError:
            raise RecordingError(
                "arecord is not installed: apt-get install alsa-utils (scripts/bootstrap does it)"
            ) from None
        time.sleep(0.1)
        if self._process.poll() is not None:
            error = (self._process.stderr.read() if self._process.stderr else b"").decode()
            raise RecordingError(f"cannot record from {self.device!r}: {error.strip()}")

    def stop(self) -> None:
        if self._process is None:
            return
        self._process.send_signal(signal.SIGINT)  # arecord then finishes the WAV header
        self._process.wait(5)
        self._process = None


def keep_clip(raw: Path, target: Path) -> str | None:
    """Trim ``raw`` into ``target``; or say why not (nothing is written then)."""
    voice = trim(read_frames(raw))
    if not voice:
        return "heard nothing: check the microphone and its volume, then try again"
    seconds = len(voice) / 2 / RATE
    if seconds > MAX_SECONDS:
        return f"{seconds:.0f} s is too long for one clip: say just the word, then press Enter"
    target.write_bytes(to_wav(voice))
    return None
