"""`oss-queue voice check` and the prompts of `voice record`."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from queue_server.cli.main import main
from queue_server.config import load_site
from screens.voice.phrase import required_clips
from tests.support.voice import tone_pack


def test_check_lists_what_is_missing_and_what_to_say(site_dir: Path) -> None:
    result = CliRunner().invoke(main, ["voice", "check", "--config", str(site_dir / "site.yaml")])
    assert result.exit_code == 1
    assert "0 of 20 clips ready" in result.output
    assert "A.wav  (say: เอ)  missing" in result.output


def test_check_passes_for_a_complete_pack(site_dir: Path) -> None:
    site = load_site(site_dir / "site.yaml")
    voice = site.config.screens.voice
    tone_pack(
        site_dir / "voice",
        required_clips(voice.wording, site.catalog.prefixes(), ["1", "2", "3"], "digits"),
    )
    result = CliRunner().invoke(main, ["voice", "check", "--config", str(site_dir / "site.yaml")])
    assert result.exit_code == 0, result.output
    assert "Every call can be spoken." in result.output


def test_record_walks_through_each_missing_clip(site_dir: Path) -> None:
    result = CliRunner().invoke(
        main, ["voice", "record", "--config", str(site_dir / "site.yaml")], input="s\n" * 20
    )
    assert result.exit_code == 0, result.output
    assert "[1/20] Say: «ขอเชิญหมายเลข»" in result.output
    assert "[20/20]" in result.output
