"""One announcement at a time, in the order the calls came, none dropped.

Calls can come faster than a phrase takes to say (two counters pressing
"call" together, a burst of recalls). Each call is queued and played after
the one before it has finished; ``tick()`` is driven by the app's clock, so
nothing here needs a thread. A call whose clips are not all recorded is
announced with the chime alone, and the missing clips are logged once.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from queue_server import logs

from .pack import VoicePack
from .phrase import Reading, announcement

log = logs.get(__name__)


class Playing(Protocol):
    def done(self) -> bool: ...


class Player(Protocol):
    def start(self, wav: bytes) -> Playing: ...


@dataclass(frozen=True)
class Call:
    ticket: str
    counter: str
    recall: int = 0


@dataclass
class Announcement:
    call: Call
    clips: list[str]
    spoken: bool  # False: chime only (a clip is missing, or the voice is off)
    queued_at: float
    started_at: float | None = None
    wav_bytes: int = 0


@dataclass
class Announcer:
    pack: VoicePack
    wording: str
    reading: Reading
    player: Player
    voice: bool = True
    on_start: Callable[[Announcement], None] | None = None
    history: deque[Announcement] = field(default_factory=lambda: deque(maxlen=500))
    _queue: deque[Announcement] = field(default_factory=deque)
    _playing: Playing | None = None
    _reported: set[str] = field(default_factory=set)

    def announce(self, call: Call) -> None:
        clips = announcement(self.wording, call.ticket, call.counter, self.reading)
        self._queue.append(Announcement(call, clips, spoken=False, queued_at=time.monotonic()))

    @property
    def waiting(self) -> int:
        return len(self._queue)

    @property
    def busy(self) -> bool:
        return self._playing is not None and not self._playing.done()

    def tick(self) -> None:
        if self.busy or not self._queue:
            return
        item = self._queue.popleft()
        missing = self.pack.missing(item.clips) if self.voice else []
        new = sorted(set(missing) - self._reported)
        if new:
            self._reported.update(new)
            log.warning(
                "voice_clips_missing",
                pack=self.pack.folder,
                clips=",".join(new),
                then="the chime only (oss-queue voice record)",
            )
        item.spoken = self.voice and not missing
        wav = self.pack.compose(item.clips if item.spoken else [])
        item.wav_bytes = len(wav)
        item.started_at = time.monotonic()
        self.history.append(item)
        log.info("announcing", **vars(item.call))
        self._playing = self.player.start(wav)
        if self.on_start is not None:
            self.on_start(item)
