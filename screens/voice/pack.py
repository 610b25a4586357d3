"""A voice pack: a folder of WAV clips named by what they say, plus an optional chime.

    voice/
      chime.wav            optional; the bundled chime is used otherwise
      ขอเชิญหมายเลข.wav
      A.wav  B.wav  …      letters of the queue prefixes and counter ids
      0.wav … 9.wav        digits (or หนึ่ง.wav … ร้อย.wav for number words)

Every clip is 16-bit mono PCM at 22,050 Hz (what ``oss-queue voice record``
writes), so an announcement is the clips joined end to end with short gaps:
no resampling, no synthetic voice. A clip in another format is reported by
``oss-queue voice check`` rather than played wrongly.
"""

from __future__ import annotations

import io
import math
import struct
import wave
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from assets import ASSETS

RATE = 22050
CHANNELS = 1
SAMPLE_BYTES = 2
GAP_SECONDS = 0.08
BUNDLED_CHIME = ASSETS / "sounds" / "chime.wav"


class ClipFormatError(ValueError):
    pass


@dataclass(frozen=True)
class ClipProblem:
    clip: str
    problem: str


def read_frames(path: Path) -> bytes:
    """The PCM frames of a clip, or ClipFormatError naming what is wrong."""
    try:
        with wave.open(str(path), "rb") as w:
            shape = (w.getframerate(), w.getnchannels(), w.getsampwidth())
            if shape != (RATE, CHANNELS, SAMPLE_BYTES):
                raise ClipFormatError(
                    f"{path.name}: {shape[0]} Hz, {shape[1]} channel(s), {shape[2] * 8}-bit; "
                    f"needs {RATE} Hz mono 16-bit (record it again with `oss-queue voice record`)"
                )
            return w.readframes(w.getnframes())
    except (wave.Error, EOFError) as exc:
        raise ClipFormatError(f"{path.name}: not a PCM WAV file ({exc})") from None


def to_wav(frames: bytes) -> bytes:
    out = io.BytesIO()
    with wave.open(out, "wb") as w:
        w.setnchannels(CHANNELS)
        w.setsampwidth(SAMPLE_BYTES)
        w.setframerate(RATE)
        w.writeframes(frames)
    return out.getvalue()


def silence(seconds: float) -> bytes:
    return b"\x00" * (int(RATE * seconds) * SAMPLE_BYTES * CHANNELS)


def tone(frequencies: Sequence[float], seconds: float, volume: float = 0.35) -> bytes:
    """A soft bell-like tone (sine partials with an exponential decay)."""
    count = int(RATE * seconds)
    samples = []
    for i in range(count):
        t = i / RATE
        value = sum(math.sin(2 * math.pi * f * t) / (n + 1) for n, f in enumerate(frequencies))
        envelope = math.exp(-3.0 * t / seconds) * min(1.0, i / 200)
        samples.append(int(32767 * volume * envelope * value / len(frequencies)))
    return struct.pack(f"<{count}h", *samples)


class VoicePack:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def clip_path(self, clip: str) -> Path:
        return self.folder / f"{clip}.wav"

    @property
    def chime_path(self) -> Path:
        own = self.folder / "chime.wav"
        return own if own.exists() else BUNDLED_CHIME

    def missing(self, clips: Iterable[str]) -> list[str]:
        return [c for c in clips if not self.clip_path(c).is_file()]

    def problems(self, clips: Iterable[str]) -> list[ClipProblem]:
        """Missing clips and clips in the wrong format."""
        found: list[ClipProblem] = []
        for clip in clips:
            path = self.clip_path(clip)
            if not path.is_file():
                found.append(ClipProblem(clip, "missing"))
                continue
            try:
                read_frames(path)
            except ClipFormatError as exc:
                found.append(ClipProblem(clip, str(exc)))
        return found

    def compose(self, clips: Sequence[str]) -> bytes:
        """Chime, then the clips with short gaps, as one WAV; only the chime if a clip is missing.

        Raises nothing for a missing or bad clip: the caller logs what
        ``problems`` says, and the waiting room still hears the chime.
        """
        parts = [read_frames(self.chime_path)]
        if clips and not self.problems(clips):
            parts.append(silence(0.25))
            for clip in clips:
                parts.append(read_frames(self.clip_path(clip)))
                parts.append(silence(GAP_SECONDS))
        return to_wav(b"".join(parts))
