"""Load ``site.yaml`` and its catalog into validated models and domain values."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from queue_server.domain.catalog import Catalog, Category, Service
from queue_server.domain.counters import CounterSetup
from queue_server.domain.hours import Interval, OpeningHours
from queue_server.domain.priority import make_policy
from queue_server.domain.questionnaire import Question, questions
from queue_server.domain.queue_day import Rules
from queue_server.domain.ratings import RatingRules

from .errors import ConfigError, ConfigProblem, line_of
from .models import PATTERN_HINTS, WEEKDAYS, CatalogFile, SiteConfig, parse_interval

DATABASE_URL_ENV = "OSS_QUEUE_DATABASE_URL"

M = TypeVar("M", bound=BaseModel)


# libyaml's parser where PyYAML was built with it: a catalog of 32 services with their
# manuals reads in a few milliseconds instead of ~100 (every app and every reload reads it)
_Safe = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Safe):  # type: ignore[valid-type,misc]
    """Safe YAML, but dates stay text: pydantic then reports a bad date by its field.

    PyYAML's own timestamp parsing raises a bare ValueError on "2026-13-10".
    """


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def plain_yaml(text: str) -> Any:
    """YAML as plain values, as the loader reads it (dates stay text)."""
    return yaml.load(text, Loader=_Loader)


def _read_yaml(path: Path) -> tuple[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError([ConfigProblem(path, (), "file not found")]) from None
    except UnicodeDecodeError as exc:
        raise ConfigError([ConfigProblem(path, (), f"not UTF-8 text ({exc.reason})")]) from None
    except OSError as exc:  # a folder, no permission, …
        raise ConfigError([ConfigProblem(path, (), f"cannot read it: {exc.strerror}")]) from None
    try:
        data = plain_yaml(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc)
        raise ConfigError([ConfigProblem(path, (), f"not valid YAML: {problem}", line)]) from None
    if not isinstance(data, dict):
        raise ConfigError([ConfigProblem(path, (), "expected a mapping of keys at the top")])
    return text, data


def _validate(model: type[M], path: Path, text: str, data: dict[str, Any]) -> M:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors(include_url=False):
            loc = tuple(
                part for part in err["loc"] if not (isinstance(part, str) and part in _UNION_TAGS)
            )
            message = err["msg"].removeprefix("Value error, ")
            if err["type"] == "extra_forbidden":
                message = "unknown key (check the spelling)"
            elif err["type"] == "string_pattern_mismatch":
                hint = PATTERN_HINTS.get(str((err.get("ctx") or {}).get("pattern")))
                message = f"{err['input']!r} is not allowed here: {hint}" if hint else message
            problems.append(ConfigProblem(path, loc, message, line_of(text, loc)))
        raise ConfigError(problems) from None


# pydantic puts the chosen member of a tagged union into the error location.
_UNION_TAGS = {"png", "file", "network", "serial", "usb", "none"}


def load_catalog(path: Path) -> tuple[CatalogFile, Catalog]:
    text, data = _read_yaml(path)
    model = _validate(CatalogFile, path, text, data)
    return model, catalog_of(model)


def catalog_of(model: CatalogFile) -> Catalog:
    """The domain's catalog from the validated file (or the server's published copy of it)."""
    return Catalog.of(
        (Category(c.id, c.name.text) for c in model.categories),
        (
            Service(
                code=s.code,
                prefix=s.prefix,
                kind=s.kind,
                category=s.category,
                name=s.name.text,
                agency=s.agency.text,
                typical_minutes=s.typical_minutes,
                documents=tuple(d.document for d in s.documents),
                eservice_url=str(s.eservice_url) if s.eservice_url else None,
                manual=s.manual.manual,
            )
            for s in model.services
        ),
    )


@dataclass(frozen=True)
class Site:
    """A loaded, cross-checked site: the config, its catalog and where it lives."""

    path: Path
    config: SiteConfig
    catalog: Catalog
    catalog_file: CatalogFile | None = None  # as validated; the server publishes it

    @property
    def base_dir(self) -> Path:
        return self.path.parent

    @property
    def id(self) -> str:
        return self.config.site.id

    def resolve(self, p: Path) -> Path:
        return p if p.is_absolute() else self.base_dir / p

    @property
    def logo(self) -> Path | None:
        """The centre's emblem if site.yaml names one that is there (``config check`` warns
        of one that is not; a screen without its logo still works)."""
        logo = self.config.site.logo
        return self.resolve(logo) if logo and self.resolve(logo).is_file() else None

    @property
    def database_url(self) -> str:
        return self.resolve_url(os.environ.get(DATABASE_URL_ENV) or self.config.database.url)

    @property
    def central_database_url(self) -> str | None:
        """The province's database (`oss-queue sync`), if site.yaml names one."""
        central = self.config.province.database
        return self.resolve_url(central.url) if central else None

    def resolve_url(self, url: str) -> str:
        """A database URL with a relative SQLite path made relative to the site folder."""
        prefix = "sqlite:///"
        if url.startswith(prefix) and not url.startswith(prefix + "/") and url != "sqlite://":
            relative = url[len(prefix) :]
            if relative != ":memory:":
                return prefix + str(self.resolve(Path(relative)).resolve())
        return url

    def opening_hours(self) -> OpeningHours:
        hours = self.config.hours
        weekly: dict[int, tuple[Interval, ...]] = {}
        for index, day in enumerate(WEEKDAYS):
            spans = sorted(parse_interval(text) for text in getattr(hours, day))
            weekly[index] = tuple(Interval(start, end) for start, end in spans)
        return OpeningHours(
            weekly=weekly,
            holidays=frozenset(h.date for h in hours.holidays),
            stop_issuing_minutes=hours.stop_issuing_minutes,
        )

    def rules(self) -> Rules:
        p = self.config.priority
        return Rules(
            hours=self.opening_hours(),
            policy=make_policy(p.policy, ratio=p.ratio, weight=p.ageing_weight),
            max_recalls=self.config.queue.max_recalls,
        )

    def rating_rules(self) -> RatingRules:
        rating = self.config.rating
        return RatingRules(
            sections=tuple(q for s in rating.sections for q in s.questions),
            quick=rating.mode == "quick",
            window=timedelta(minutes=rating.window_minutes),
        )

    def rating_questions(self) -> list[Question]:
        """The satisfaction form's questions as this centre sets them (every form's)."""
        rating = self.config.rating
        return questions(
            [(s.id, s.name.text, [(i.id, i.text.text) for i in s.items]) for s in rating.sections],
            rating.mode == "quick",
        )

    def counter_setups(self) -> list[CounterSetup]:
        setups = []
        for c in self.config.counters:
            codes: set[str] = set()
            if not c.services and not c.categories:
                codes = set(self.catalog.codes())
            for entry in c.services:
                codes |= self.catalog.codes() if entry == "*" else {entry}
            for category in c.categories:
                codes |= {s.code for s in self.catalog.in_category(category)}
            setups.append(CounterSetup(c.id, c.name.text, frozenset(codes)))
        return setups

    def unserved_services(self) -> list[str]:
        served = set().union(*(s.services for s in self.counter_setups()))
        return [s.code for s in self.catalog.services if s.code not in served]


def _cross_check(path: Path, text: str, config: SiteConfig, catalog: Catalog) -> None:
    problems = []
    categories = {c.id for c in catalog.categories}
    for i, counter in enumerate(config.counters):
        for j, code in enumerate(counter.services):
            if code != "*" and code not in catalog:
                loc = ("counters", i, "services", j)
                problems.append(
                    ConfigProblem(
                        path,
                        loc,
                        f"unknown service {code!r} (not in {config.catalog})",
                        line_of(text, loc),
                    )
                )
        for j, category in enumerate(counter.categories):
            if category not in categories:
                loc = ("counters", i, "categories", j)
                problems.append(
                    ConfigProblem(
                        path,
                        loc,
                        f"unknown category {category!r}; the catalog has {sorted(categories)}",
                        line_of(text, loc),
                    )
                )
    if problems:
        raise ConfigError(problems)


def load_site(
    path: Path | str, *, base_dir: Path | None = None, catalog_path: Path | None = None
) -> Site:
    """Load and cross-check site.yaml and its catalog. ``base_dir`` and ``catalog_path``
    check a draft before it replaces the real file (config.edits): a draft site.yaml read
    as if it lay in the site's folder, or the site with a draft catalog."""
    path = Path(path)
    text, data = _read_yaml(path)
    config = _validate(SiteConfig, path, text, data)
    folder = base_dir or path.parent
    catalog_path = catalog_path or (
        config.catalog if config.catalog.is_absolute() else folder / config.catalog
    )
    if catalog_path.is_dir() or not catalog_path.exists():
        loc = ("catalog",)
        message = (
            f"{str(config.catalog)!r} is a folder, not a catalog file"
            if catalog_path.is_dir()
            else f"catalog file {str(config.catalog)!r} not found (looked in {catalog_path.parent})"
        )
        raise ConfigError([ConfigProblem(path, loc, message, line_of(text, loc))])
    catalog_file, catalog = load_catalog(catalog_path)
    _cross_check(path, text, config, catalog)
    return Site(path=path, config=config, catalog=catalog, catalog_file=catalog_file)
