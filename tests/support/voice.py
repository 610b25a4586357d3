"""A voice pack of short tones standing in for recorded clips (each clip its own pitch)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from screens.voice.pack import to_wav, tone


def tone_pack(folder: Path, clips: Iterable[str], seconds: float = 0.04) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "chime.wav").write_bytes(to_wav(tone((880.0,), 0.08)))
    for index, clip in enumerate(clips):
        (folder / f"{clip}.wav").write_bytes(to_wav(tone((300.0 + 20 * index,), seconds)))
    return folder
