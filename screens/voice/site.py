"""A site's voice pack and the clips its calls can need (from site.yaml; no Kivy)."""

from __future__ import annotations

from pathlib import Path

from queue_server.config import Site

from .pack import VoicePack
from .phrase import required_clips


def site_pack(site: Site, folder: Path | None = None) -> VoicePack:
    """The pack in ``folder``, else the one ``screens.voice.pack`` names."""
    return VoicePack(folder or site.resolve(site.config.screens.voice.pack))


def site_clips(site: Site) -> list[str]:
    """Every clip the configured wording, queue letters and counters can call for."""
    voice = site.config.screens.voice
    return required_clips(
        voice.wording,
        sorted(site.catalog.prefixes()),
        [c.id for c in site.config.counters],
        voice.number_reading,
    )
