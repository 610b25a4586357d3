"""Spoken calls: which clips, in what order, what a pack lacks, how clips are joined."""

from __future__ import annotations

import wave
from pathlib import Path

from screens.voice.announcer import Announcer, Call
from screens.voice.pack import RATE, VoicePack, read_frames, silence, to_wav, tone
from screens.voice.phrase import announcement, number_words, read_code, required_clips
from screens.voice.players import SilentPlayer
from screens.voice.recording import keep_clip, trim
from tests.support.voice import tone_pack

WORDING = "ขอเชิญหมายเลข {number} ที่ช่องบริการ {counter} ค่ะ"


def test_a_number_is_read_digit_by_digit() -> None:
    assert read_code("A012", "digits") == ["A", "0", "1", "2"]


def test_a_number_is_read_as_thai_number_words() -> None:
    assert read_code("A112", "words") == ["A", "หนึ่ง", "ร้อย", "สิบ", "สอง"]
    assert number_words(21) == ["ยี่", "สิบ", "เอ็ด"]


def test_the_announcement_follows_the_wording() -> None:
    assert announcement(WORDING, "B007", "2", "digits") == [
        "ขอเชิญหมายเลข", "B", "0", "0", "7", "ที่ช่องบริการ", "สอง", "ค่ะ",
    ]  # fmt: skip


def test_a_site_needs_its_wording_letters_and_digits() -> None:
    needed = required_clips(WORDING, ["A", "B"], ["1", "2"], "digits")
    assert needed[:3] == ["ขอเชิญหมายเลข", "ที่ช่องบริการ", "ค่ะ"]
    assert {"A", "B", "0", "9", "หนึ่ง", "สอง"} <= set(needed)
    assert len(needed) == len(set(needed))


def test_a_pack_names_missing_clips_and_wrong_formats(tmp_path: Path) -> None:
    pack = VoicePack(tone_pack(tmp_path, ["A", "1"]))
    with wave.open(str(tmp_path / "2.wav"), "wb") as w:
        w.setnchannels(2)
        w.setsampwidth(2)
        w.setframerate(44100)
        w.writeframes(b"\x00" * 400)
    problems = {p.clip: p.problem for p in pack.problems(["A", "1", "2", "3"])}
    assert problems["3"] == "missing"
    assert "44100 Hz" in problems["2"]
    assert set(problems) == {"2", "3"}


def test_clips_are_joined_after_the_chime(tmp_path: Path) -> None:
    pack = VoicePack(tone_pack(tmp_path, ["A", "1"], seconds=0.1))
    joined = read_frames_of(pack.compose(["A", "1"]), tmp_path)
    chime = read_frames(pack.chime_path)
    assert joined.startswith(chime)
    assert len(joined) > len(chime) + 2 * int(RATE * 0.1) * 2


def test_a_missing_clip_leaves_the_chime_alone(tmp_path: Path) -> None:
    pack = VoicePack(tone_pack(tmp_path, ["A"]))
    assert read_frames_of(pack.compose(["A", "9"]), tmp_path) == read_frames(pack.chime_path)


def test_calls_are_announced_one_at_a_time_in_order(tmp_path: Path) -> None:
    pack = VoicePack(tone_pack(tmp_path, required_clips(WORDING, ["A"], ["1", "2"], "digits")))
    announcer = Announcer(pack, WORDING, "digits", SilentPlayer())
    for number in ("A001", "A002", "A003"):
        announcer.announce(Call(number, "1"))
    assert announcer.waiting == 3
    for _ in range(5):
        announcer.tick()
    assert [a.call.ticket for a in announcer.history] == ["A001", "A002", "A003"]
    assert all(a.spoken for a in announcer.history)


def test_a_missing_clip_is_announced_with_the_chime_only(tmp_path: Path) -> None:
    announcer = Announcer(VoicePack(tone_pack(tmp_path, [])), WORDING, "digits", SilentPlayer())
    announcer.announce(Call("A001", "1"))
    announcer.tick()
    assert [a.spoken for a in announcer.history] == [False]


def test_recordings_are_trimmed_to_the_voice() -> None:
    voice = tone((440.0,), 0.3, volume=0.5)
    trimmed = trim(silence(1.0) + voice + silence(1.0))
    assert len(voice) <= len(trimmed) < len(voice) + 2 * int(RATE * 0.06) * 2 + 4


def test_a_silent_recording_is_not_kept(tmp_path: Path) -> None:
    raw = tmp_path / "take.wav"
    raw.write_bytes(to_wav(silence(1.0)))
    assert "heard nothing" in (keep_clip(raw, tmp_path / "A.wav") or "")
    assert not (tmp_path / "A.wav").exists()


def read_frames_of(wav: bytes, folder: Path) -> bytes:
    path = folder / "joined.wav"
    path.write_bytes(wav)
    return read_frames(path)
