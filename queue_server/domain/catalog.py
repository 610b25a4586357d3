"""What a centre offers: services grouped in categories, each with a queue prefix.

These are plain values; the YAML catalog a centre edits is validated in
``queue_server.config`` and turned into these.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from .errors import DomainError, ErrorCode


class ServiceKind(StrEnum):
    """The three kinds of OSS service in the Ministry of Interior guideline (มท 0812/ว8963)."""

    FORWARD = "forward"  # รับเรื่อง-ส่งต่อ: taken here, forwarded to the owner agency
    ONSITE = "onsite"  # เบ็ดเสร็จ ณ อปท.: completed at the counter
    TANGRAT = "tangrat"  # through the Tang Rat (ทางรัฐ) app, with staff help


@dataclass(frozen=True)
class Text:
    """A label in Thai with its English counterpart."""

    th: str
    en: str

    def in_lang(self, lang: str) -> str:
        return self.en if lang == "en" else self.th


@dataclass(frozen=True)
class Category:
    id: str
    name: Text


@dataclass(frozen=True)
class Service:
    code: str
    prefix: str
    kind: ServiceKind
    category: str
    name: Text
    agency: Text
    typical_minutes: float
    documents: tuple[Text, ...] = ()
    eservice_url: str | None = None


@dataclass(frozen=True)
class Catalog:
    categories: tuple[Category, ...]
    services: tuple[Service, ...]
    _by_code: Mapping[str, Service] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_code", {s.code: s for s in self.services})

    def get(self, code: str) -> Service:
        try:
            return self._by_code[code]
        except KeyError:
            raise DomainError(
                ErrorCode.UNKNOWN_SERVICE, f"no service {code!r} in this centre's catalog"
            ) from None

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    def in_category(self, category: str) -> tuple[Service, ...]:
        return tuple(s for s in self.services if s.category == category)

    def codes(self) -> frozenset[str]:
        return frozenset(self._by_code)

    def prefixes(self) -> frozenset[str]:
        return frozenset(s.prefix for s in self.services)

    @classmethod
    def of(cls, categories: Iterable[Category], services: Iterable[Service]) -> Catalog:
        return cls(tuple(categories), tuple(services))
