"""Files shipped with OSS Queue: the default catalog and site config, fonts, sounds."""

from pathlib import Path

ASSETS = Path(__file__).resolve().parent
DEFAULT_CATALOG = ASSETS / "catalog.yaml"
DEFAULT_SITE = ASSETS / "site.yaml"
# A placeholder emblem: a centre puts its own beside site.yaml under this name.
DEFAULT_LOGO = ASSETS / "logo.png"
