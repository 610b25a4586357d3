"""The site config and the service catalog: YAML files a centre edits, validated with pydantic."""

from .errors import ConfigError, ConfigProblem
from .loader import Site, load_catalog, load_site
from .models import CatalogFile, SiteConfig

__all__ = [
    "CatalogFile",
    "ConfigError",
    "ConfigProblem",
    "Site",
    "SiteConfig",
    "load_catalog",
    "load_site",
]
