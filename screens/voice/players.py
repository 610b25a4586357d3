"""Where announcements are heard: Kivy's SDL2 audio, or nowhere (sound off)."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from queue_server import logs

log = logs.get(__name__)


class _Finished:
    def done(self) -> bool:
        return True


class SilentPlayer:
    """Sound disabled in site.yaml: the board still flashes, nothing is played."""

    def start(self, wav: bytes) -> _Finished:
        return _Finished()


class _KivySound:
    def __init__(self, sound: Any) -> None:
        self._sound = sound
        self._done = False
        sound.bind(on_stop=self._stopped)
        sound.play()

    def _stopped(self, *_: Any) -> None:
        self._done = True

    def done(self) -> bool:
        return self._done


class KivyPlayer:
    """Plays through SDL2 (Kivy's audio); must be used from Kivy's main thread."""

    def __init__(self) -> None:
        self._dir = Path(tempfile.mkdtemp(prefix="oss-voice-"))
        self._count = 0

    def start(self, wav: bytes) -> _KivySound | _Finished:
        from kivy.core.audio import SoundLoader

        # Two files in turn: SDL may still hold the previous one open.
        self._count += 1
        path = self._dir / f"call-{self._count % 2}.wav"
        path.write_bytes(wav)
        sound = SoundLoader.load(str(path))
        if sound is None:
            log.error("no_audio_output", clip=path, then="the call is shown, not heard")
            return _Finished()
        return _KivySound(sound)
