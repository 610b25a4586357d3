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

    def both(self, between: str = " · ") -> str:
        """Thai then English, for words that must serve whoever reads them."""
        return f"{self.th}{between}{self.en}"


class CopyRule(StrEnum):
    """Zero-Copy (seed 004: the cabinet's abolition of copies): what a document asks of
    the citizen."""

    ORIGINAL = "original"  # the original is shown and handed back; no copy is taken
    COPY = "copy"  # a copy is still asked of the citizen
    NONE = "none"  # nothing to bring: the office retrieves the data itself


# What each kind is called (the guideline's words): the reports and the console alike.
KIND_NAMES = {
    ServiceKind.FORWARD: Text("รับเรื่อง-ส่งต่อ", "Taken and forwarded"),
    ServiceKind.ONSITE: Text("เบ็ดเสร็จ ณ อปท.", "Completed here"),
    ServiceKind.TANGRAT: Text("ผ่านแอปพลิเคชันทางรัฐ", "Through the Tang Rat app"),
}

ZERO_COPY = {
    CopyRule.ORIGINAL: Text("ไม่ต้องใช้สำเนา", "no copy needed"),
    CopyRule.COPY: Text("ยังต้องใช้สำเนา", "a copy is still needed"),
    CopyRule.NONE: Text("ไม่ต้องนำมา เจ้าหน้าที่ตรวจสอบเอง", "no need to bring it: we check it"),
}


@dataclass(frozen=True)
class Document(Text):
    """A document to bring, with what Zero-Copy asks of it."""

    copy: CopyRule = CopyRule.ORIGINAL

    @property
    def line(self) -> Text:
        """As the kiosk card and the ticket list it: the name, then what to bring of it."""
        rule = ZERO_COPY[self.copy]
        return Text(f"{self.th} ({rule.th})", f"{self.en} ({rule.en})")


@dataclass(frozen=True)
class Manual:
    """The citizens' manual (คู่มือสำหรับประชาชน) of a service, as the centre keeps it.

    ``checked`` is False for values that came with the default catalog: the centre
    confirms each against its own manual.
    """

    steps: tuple[Text, ...] = ()
    fee_baht: float = 0
    fee_note: Text | None = None
    standard_minutes: int | None = None  # at the counter
    standard_days: int | None = None  # a forwarded request, at the owning agency
    unit: Text | None = None  # who is responsible
    checked: bool = False

    def brief(self, forwarded: bool) -> Text:
        """Steps, fee and time in one line (3 ขั้นตอน · ไม่มีค่าธรรมเนียม · ประมาณ 15 นาที)."""
        th, en = [], []
        if self.steps:
            th.append(f"{len(self.steps)} ขั้นตอน")
            en.append(f"{len(self.steps)} steps")
        if self.fee_baht:
            th.append(f"ค่าธรรมเนียม {self.fee_baht:,.0f} บาท")
            en.append(f"fee {self.fee_baht:,.0f} baht")
        else:
            th.append("ไม่มีค่าธรรมเนียม")
            en.append("no fee")
        if self.standard_minutes:
            th.append(f"ที่ศูนย์ประมาณ {self.standard_minutes} นาที")
            en.append(f"about {self.standard_minutes} min here")
        if forwarded and self.standard_days:
            th.append(f"หน่วยงานใช้เวลาประมาณ {self.standard_days} วัน")
            en.append(f"the agency takes about {self.standard_days} days")
        return Text(" · ".join(th), " · ".join(en))


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
    documents: tuple[Document, ...] = ()
    eservice_url: str | None = None
    manual: Manual = Manual()

    @property
    def standard_days(self) -> int | None:
        return self.manual.standard_days

    @property
    def copies_asked(self) -> tuple[Document, ...]:
        """The documents of which a copy is still asked (Zero-Copy's list)."""
        return tuple(d for d in self.documents if d.copy is CopyRule.COPY)


@dataclass(frozen=True)
class Catalog:
    """The services offered, plus any taken off the catalog while tickets for them were open.

    A centre edits its catalog during the day. A withdrawn service is no
    longer offered (no new tickets, no transfers to it), but the citizens
    already holding its tickets are still called and served, so the queue
    keeps knowing it until they are done.
    """

    categories: tuple[Category, ...]
    services: tuple[Service, ...]
    withdrawn: tuple[Service, ...] = ()
    _by_code: Mapping[str, Service] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        known = {s.code: s for s in self.withdrawn} | {s.code: s for s in self.services}
        object.__setattr__(self, "_by_code", known)

    def get(self, code: str) -> Service:
        """A known service, offered or withdrawn: what tickets already issued refer to."""
        try:
            return self._by_code[code]
        except KeyError:
            raise DomainError(
                ErrorCode.UNKNOWN_SERVICE, f"no service {code!r} in this centre's catalog"
            ) from None

    def offered(self, code: str) -> Service:
        """A service a new ticket (or a transfer) may be for."""
        service = self.get(code)
        if service not in self.services:
            raise DomainError(
                ErrorCode.UNKNOWN_SERVICE,
                f"service {code!r} was taken off this centre's catalog today",
            )
        return service

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    @property
    def known(self) -> tuple[Service, ...]:
        return self.services + self.withdrawn

    def revised(self, new: Catalog, still_open: Iterable[str]) -> Catalog:
        """``new``, keeping as withdrawn the services it drops that ``still_open`` tickets use."""
        keep = set(still_open) - new.codes()
        withdrawn = tuple(s for s in self.known if s.code in keep)
        return Catalog(new.categories, new.services, withdrawn)

    def in_category(self, category: str) -> tuple[Service, ...]:
        return tuple(s for s in self.services if s.category == category)

    def codes(self) -> frozenset[str]:
        """The codes offered."""
        return frozenset(s.code for s in self.services)

    def prefixes(self) -> frozenset[str]:
        return frozenset(s.prefix for s in self.known)

    def agencies(self) -> frozenset[str]:
        """The agencies a request may be forwarded to, by Thai or English name."""
        return frozenset(name for s in self.known for name in (s.agency.th, s.agency.en))

    @classmethod
    def of(cls, categories: Iterable[Category], services: Iterable[Service]) -> Catalog:
        return cls(tuple(categories), tuple(services))
