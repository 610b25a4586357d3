"""Pydantic models of the two files a centre edits: ``site.yaml`` and ``catalog.yaml``.

Unknown keys are refused (``extra='forbid'``) so a typo such as ``countres:``
is reported instead of silently ignored.
"""

from __future__ import annotations

import re
from datetime import date, time
from enum import StrEnum
from itertools import pairwise
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import urlparse

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    HttpUrl,
    StringConstraints,
    field_validator,
    model_validator,
)

from queue_server.domain.catalog import CopyRule, Document, Manual, ServiceKind, Text
from queue_server.domain.priority import PolicyName

SLUG = r"^[a-z0-9][a-z0-9_-]{0,39}$"
COUNTER_ID = r"^[A-Za-z0-9][A-Za-z0-9_-]{0,15}$"
PREFIX = r"^[A-Z]{1,2}$"
Slug = Annotated[str, StringConstraints(pattern=SLUG)]
CounterId = Annotated[str, StringConstraints(pattern=COUNTER_ID)]
Prefix = Annotated[str, StringConstraints(pattern=PREFIX)]

# What to tell a person whose value does not match one of the patterns above.
PATTERN_HINTS = {
    SLUG: "use lower-case English letters, digits, - and _ (up to 40), e.g. 'maekorn'",
    COUNTER_ID: "use letters, digits, - and _ (up to 16), e.g. '1' or 'A2'",
    PREFIX: "use one or two capital English letters, e.g. 'A'",
}
NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]

_INTERVAL = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Bilingual(Strict):
    th: NonEmpty
    en: NonEmpty

    @property
    def text(self) -> Text:
        """As the domain, the screens and the wire carry it."""
        return Text(self.th, self.en)


# -- catalog -------------------------------------------------------------


class CategoryModel(Strict):
    id: Slug
    name: Bilingual


class DocumentModel(Bilingual):
    """A document to bring. ``copy`` (Zero-Copy): ``original`` shown and handed back,
    ``copy`` still asked of the citizen, ``none`` (the office retrieves the data). Left
    out, a document whose Thai name says สำเนา (a copy) is taken to ask for one."""

    # written ``copy:`` in the catalog (``copy`` itself is a pydantic method's name)
    zero_copy: CopyRule = Field(alias="copy")

    @model_validator(mode="before")
    @classmethod
    def _copy_from_name(cls, data: Any) -> Any:
        if isinstance(data, dict) and "copy" not in data:
            asks = str(data.get("th", "")).startswith("สำเนา")
            return {**data, "copy": CopyRule.COPY if asks else CopyRule.ORIGINAL}
        return data

    @property
    def document(self) -> Document:
        return Document(self.th, self.en, self.zero_copy)


class ManualModel(Strict):
    """The service's citizens' manual: steps, fee, standard time, the unit responsible.

    ``checked: false`` marks values that came with the default catalog for the centre
    to confirm against its own manual."""

    steps: list[Bilingual] = []
    fee_baht: float = Field(default=0, ge=0, le=100_000)
    fee_note: Bilingual | None = None
    standard_minutes: int | None = Field(default=None, ge=1, le=480)
    standard_days: int | None = Field(default=None, ge=1, le=365)
    unit: Bilingual | None = None
    checked: bool = False

    @property
    def manual(self) -> Manual:
        return Manual(
            steps=tuple(s.text for s in self.steps),
            fee_baht=self.fee_baht,
            fee_note=self.fee_note.text if self.fee_note else None,
            standard_minutes=self.standard_minutes,
            standard_days=self.standard_days,
            unit=self.unit.text if self.unit else None,
            checked=self.checked,
        )


class ServiceModel(Strict):
    code: Slug
    prefix: Prefix
    kind: ServiceKind
    category: Slug
    name: Bilingual
    agency: Bilingual
    typical_minutes: float = Field(gt=0, le=480)
    documents: list[DocumentModel] = []
    eservice_url: HttpUrl | None = None
    manual: ManualModel = ManualModel()
    # what the seed list read where it was garbled: the entry is the product's reading of
    # it, for the centre to confirm (`config check` lists them)
    seed_text: str | None = Field(default=None, max_length=200)


class CatalogFile(Strict):
    version: Literal[1] = 1
    categories: list[CategoryModel] = Field(min_length=1)
    services: list[ServiceModel] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> CatalogFile:
        seen: set[str] = set()
        for service in self.services:
            if service.code in seen:
                raise ValueError(f"service code {service.code!r} appears twice")
            seen.add(service.code)
        categories = {c.id for c in self.categories}
        if len(categories) != len(self.categories):
            raise ValueError("a category id appears twice")
        for service in self.services:
            if service.category not in categories:
                raise ValueError(
                    f"service {service.code!r} names category {service.category!r}, "
                    f"which is not one of {sorted(categories)}"
                )
        return self


# -- site ----------------------------------------------------------------


def parse_interval(text: str) -> tuple[time, time]:
    match = _INTERVAL.match(text)
    if not match:
        raise ValueError(f"{text!r} is not an interval like '08:30-16:30'")
    h1, m1, h2, m2 = (int(g) for g in match.groups())
    try:
        start, end = time(h1, m1), time(h2, m2)
    except ValueError as exc:
        raise ValueError(f"{text!r}: {exc}") from None
    if end <= start:
        raise ValueError(f"{text!r} ends before it starts")
    return start, end


class SiteInfo(Strict):
    id: Slug = Field(description="Used in MQTT topics: lower-case letters, digits, - and _")
    name: Bilingual
    short_name: Bilingual | None = None
    # The centre's emblem (PNG, beside site.yaml): on the board's and the kiosk's header.
    logo: Path | None = None


class Holiday(Strict):
    date: date
    name: NonEmpty | None = None


class HoursModel(Strict):
    mon: list[str] = []
    tue: list[str] = []
    wed: list[str] = []
    thu: list[str] = []
    fri: list[str] = []
    sat: list[str] = []
    sun: list[str] = []
    holidays: list[Holiday] = []
    stop_issuing_minutes: int = Field(default=0, ge=0, le=240)

    @field_validator(*WEEKDAYS)
    @classmethod
    def _intervals(cls, value: list[str]) -> list[str]:
        parsed = sorted(parse_interval(v) for v in value)
        for (_, end), (start, _) in pairwise(parsed):
            if start < end:
                raise ValueError(f"intervals overlap: {value}")
        return value


class CounterModel(Strict):
    """Serves the listed services and categories; with neither listed, serves everything."""

    id: CounterId
    name: Bilingual
    services: list[str] = []
    categories: list[Slug] = []


class PriorityModel(Strict):
    policy: PolicyName = PolicyName.RATIO
    ratio: int = Field(default=2, ge=1, le=20)
    ageing_weight: float = Field(default=2.0, ge=1.0, le=10.0)


class QueueModel(Strict):
    max_recalls: int = Field(default=3, ge=0, le=10)


class PngPrinter(Strict):
    backend: Literal["png"] = "png"
    width_px: Literal[576, 512, 384] = 576
    dir: Path = Path("tickets")


class FilePrinter(Strict):
    backend: Literal["file"]
    width_px: Literal[576, 512, 384] = 576
    path: Path


class _RealPrinter(Strict):
    width_px: Literal[576, 512, 384] = 576
    # false for printers that do not answer the real-time status query (DLE EOT)
    require_status: bool = True
    # true: the number in the printer's own type and its own QR command (GS ( k): about
    # 3 KB less a ticket (1.6 s at 19 200 baud), but their look depends on the model
    native_codes: bool = False


class NetworkPrinter(_RealPrinter):
    backend: Literal["network"]
    host: NonEmpty
    port: int = Field(default=9100, ge=1, le=65535)
    timeout_s: float = Field(default=2.0, gt=0, le=60)


class SerialPrinter(_RealPrinter):
    backend: Literal["serial"]
    device: NonEmpty
    baudrate: int = Field(default=19200, ge=1200, le=921600)
    timeout_s: float = Field(default=1.0, gt=0, le=60)


class UsbPrinter(_RealPrinter):
    backend: Literal["usb"]
    vendor_id: int = Field(ge=0, le=0xFFFF)
    product_id: int = Field(ge=0, le=0xFFFF)


class NoPrinter(Strict):
    backend: Literal["none"]
    width_px: Literal[576, 512, 384] = 576


Printer = Annotated[
    PngPrinter | FilePrinter | NetworkPrinter | SerialPrinter | UsbPrinter | NoPrinter,
    Field(discriminator="backend"),
]


class TicketModel(Strict):
    """How tickets read: Thai digits in the date (๒๓ พ.ย. ๒๕๖๙) or Arabic ones (23 พ.ย. 2569)."""

    thai_digits: bool = False
    # ticket: a QR the kiosk reads back (status, rating); eservice: the service's
    # e-service page where the catalog has one.
    qr: Literal["ticket", "eservice"] = "ticket"


class TlsModel(Strict):
    ca_file: Path
    cert_file: Path | None = None
    key_file: Path | None = None


class BrokerModel(Strict):
    url: str = Field(default="mqtt://127.0.0.1:1883", pattern=r"^mqtts?://[^\s/:]+(:\d+)?/?$")
    # true: the server starts the centre's broker itself (Mosquitto with the
    # generated per-device config in broker/ beside site.yaml; amqtt where
    # Mosquitto is not installed).
    embedded: bool = True
    tls: TlsModel | None = None
    # A device on its own box: its broker account, whose username is its client id
    # (from passwords.txt of `oss-queue broker mosquitto-config`).
    username: NonEmpty | None = None
    password: NonEmpty | None = None
    # Apps on the server's own box read their password here, by client id.
    accounts_file: Path = Path("broker/passwords.txt")


class Role(StrEnum):
    SERVER = "server"
    KIOSK = "kiosk"
    COUNTER = "counter"
    DISPLAY = "display"
    RATING = "rating"
    ADMIN = "admin"
    WEB = "web"  # the centre console: reads the bus; writes go through the op table in-process
    # A citizen's phone on the console's web server, by a ticket's token: no bus account,
    # never a device in ``clients:``
    PHONE = "phone"


ClientId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")]


class DatabaseModel(Strict):
    url: str = Field(
        default="sqlite:///data/oss-queue.db",
        description="SQLAlchemy URL; a relative SQLite path is relative to the site folder",
    )

    @field_validator("url")
    @classmethod
    def _known_backend(cls, value: str) -> str:
        if not value.startswith(("sqlite://", "postgresql://", "postgresql+psycopg://")):
            raise ValueError("use sqlite:///path.db or postgresql+psycopg://user:pass@host/db")
        return value


class BridgeModel(Strict):
    """The province's broker, which this centre's Mosquitto forwards its board and presence to.

    Only the centre's own broker talks to it (a bridge), so a cut line to the
    province changes nothing at the centre (docs/scale.md).
    """

    url: str = Field(pattern=r"^mqtts?://[^\s/:]+(:\d+)?/?$")
    username: NonEmpty | None = None
    password: NonEmpty | None = None
    tls: TlsModel | None = None

    @model_validator(mode="after")
    def _no_password_in_the_clear(self) -> BridgeModel:
        host = urlparse(self.url).hostname or ""
        loopback = host == "localhost" or host.startswith("127.")
        if self.password and not (self.tls or self.url.startswith("mqtts://") or loopback):
            raise ValueError(
                "a bridge with a password must use TLS (mqtts://… and tls.ca_file): "
                "over plain mqtt:// the province password crosses the network readable"
            )
        return self


class CentralDatabaseModel(DatabaseModel):
    """The province's central reports database: no default, never the centre's own."""

    url: str = Field(description="postgresql+psycopg://user:pass@host/db (or a SQLite file)")


class ProvinceModel(Strict):
    bridge: BridgeModel | None = None
    # the central reports database `oss-queue sync` sends the daily aggregates to
    database: CentralDatabaseModel | None = None


class RatingItem(Strict):
    """One question of a section (its own 1–5 answer); ``text`` is the question asked."""

    id: Slug
    text: Bilingual


class RatingSection(Strict):
    """A section of the questionnaire: one question, or several ``items`` each answered
    on its own; the report gives each item and the section pooling them."""

    id: Slug
    name: Bilingual
    items: list[RatingItem] = []

    @property
    def questions(self) -> list[str]:
        """The ids a rating answers for this section: its items', or its own."""
        return [i.id for i in self.items] or [self.id]


DEFAULT_SECTIONS = [
    RatingSection(id="process", name=Bilingual(th="ด้านกระบวนการ/ขั้นตอน", en="Process")),
    RatingSection(id="staff", name=Bilingual(th="ด้านเจ้าหน้าที่", en="Staff")),
    RatingSection(id="facilities", name=Bilingual(th="ด้านสิ่งอำนวยความสะดวก", en="Facilities")),
    RatingSection(id="outcome", name=Bilingual(th="ด้านผลการให้บริการ", en="Outcome")),
]


class BandModel(Strict):
    """An interpretation band: a mean (2 decimals) from ``low`` up to the next band's low."""

    low: float = Field(ge=1, le=5)
    th: NonEmpty
    en: NonEmpty


DEFAULT_BANDS = [
    BandModel(low=4.21, th="มากที่สุด", en="Highest"),
    BandModel(low=3.41, th="มาก", en="High"),
    BandModel(low=2.61, th="ปานกลาง", en="Moderate"),
    BandModel(low=1.81, th="น้อย", en="Low"),
    BandModel(low=1.00, th="น้อยที่สุด", en="Lowest"),
]


class RatingModel(Strict):
    mode: Literal["full", "quick"] = "full"
    # ask the respondent's sex, age band and occupation (each may be skipped) after the
    # questions; the quarterly report counts them
    profile: bool = True
    window_minutes: int = Field(default=30, ge=1, le=24 * 60)
    sections: list[RatingSection] = Field(default_factory=lambda: list(DEFAULT_SECTIONS))
    bands: list[BandModel] = Field(default_factory=lambda: list(DEFAULT_BANDS), min_length=1)

    @field_validator("sections")
    @classmethod
    def _questions_unique(cls, sections: list[RatingSection]) -> list[RatingSection]:
        ids = [s.id for s in sections] + [i.id for s in sections for i in s.items]
        twice = sorted({i for i in ids if ids.count(i) > 1})
        if twice:
            raise ValueError(f"section and item ids must be unique; twice: {', '.join(twice)}")
        return sections

    @field_validator("bands")
    @classmethod
    def _bands_cover_the_scale(cls, bands: list[BandModel]) -> list[BandModel]:
        lows = [b.low for b in bands]
        if len(set(lows)) != len(lows):
            raise ValueError("two bands start at the same mean")
        if min(lows) > 1.0:
            raise ValueError("the lowest band must start at 1.00 so every mean has a band")
        return bands


class DisplayModel(Strict):
    """The waiting-room board."""

    banner: Bilingual | None = None
    orientation: Literal["landscape", "portrait"] = "landscape"
    flash_seconds: float = Field(default=6.0, ge=0, le=60)
    last_calls: int = Field(default=6, ge=1, le=12)
    # a QR to the centre's page for phones (queues and waits now), when web.phone_url is set
    phone_qr: bool = True


class VoiceModel(Strict):
    """Announcements built from recorded clips; a missing clip means chime only."""

    enabled: bool = True
    pack: Path = Path("voice")
    # {number} and {counter} are replaced; every other word must have a clip.
    wording: NonEmpty = "ขอเชิญหมายเลข {number} ที่ช่องบริการ {counter} ค่ะ"
    # digits: A 1 2 3 read one by one; words: A ร้อยยี่สิบสาม
    number_reading: Literal["digits", "words"] = "digits"
    repeat_on_recall: bool = True

    @field_validator("wording")
    @classmethod
    def _has_number(cls, value: str) -> str:
        if "{number}" not in value:
            raise ValueError("the wording must contain {number}")
        return value


class KioskModel(Strict):
    """The citizen's touchscreen."""

    idle_seconds: int = Field(default=60, ge=10, le=600)
    ticket_seconds: int = Field(default=20, ge=5, le=300)
    # Physical size of the screen, so buttons can be made at least 15 mm tall.
    screen_width_mm: float = Field(default=476, ge=100, le=2000)
    # An argon2 hash from `oss-queue kiosk --hash-pin`: the staff corner's PIN.
    staff_pin_hash: NonEmpty | None = None
    # How long to wait for the server before telling the citizen to ask staff.
    patience_seconds: float = Field(default=4.0, ge=1, le=60)
    # The kiosk that prints reprints staff ask for (default: the first kiosk in clients:).
    reprint_kiosk: str | None = None


class RatingScreenModel(Strict):
    """The tablet at a counter."""

    # Which counter each rating tablet sits at (client id → counter id).
    counters: dict[str, CounterId] = {}
    timeout_seconds: int = Field(default=90, ge=10, le=600)
    thanks_seconds: int = Field(default=5, ge=1, le=60)
    comments: list[Bilingual] = Field(
        default_factory=lambda: [
            Bilingual(th="รวดเร็วดี", en="Quick"),
            Bilingual(th="เจ้าหน้าที่สุภาพ", en="Polite staff"),
            Bilingual(th="รอนานเกินไป", en="Waited too long"),
            Bilingual(th="เอกสารยุ่งยาก", en="Too much paperwork"),
        ]
    )


class CounterScreenModel(Strict):
    """The counter terminal. ``printer``: one attached to this counter's box prints the
    case slips there (else they print at the kiosk); site.yaml on that box says so."""

    printer: Printer | None = None


class ScreensModel(Strict):
    counter: CounterScreenModel = CounterScreenModel()
    display: DisplayModel = DisplayModel()
    voice: VoiceModel = VoiceModel()
    kiosk: KioskModel = KioskModel()
    rating: RatingScreenModel = RatingScreenModel()


class RateModel(Strict):
    """A token bucket: ``burst`` requests at once, refilled at ``per_minute``."""

    per_minute: float = Field(gt=0, le=6000)
    burst: int = Field(ge=1, le=1000)


class TicketRateModel(Strict):
    per_hour: float = Field(default=60, gt=0, le=3600)
    burst: int = Field(default=30, ge=1, le=1000)


class LimitsModel(Strict):
    """Per-device request rates (the server answers ``rate_limited`` beyond them).

    Roles not listed here (server, admin) are not limited; displays send no requests.
    """

    kiosk: RateModel = RateModel(per_minute=30, burst=20)
    counter: RateModel = RateModel(per_minute=60, burst=20)
    rating: RateModel = RateModel(per_minute=30, burst=20)
    display: RateModel = RateModel(per_minute=6, burst=5)
    # each address's requests to the phone pages (a page, its live feed, a rating)…
    phone: RateModel = RateModel(per_minute=60, burst=30)
    # …and its requests with a token no ticket has: nobody finds one by trying
    phone_misses: RateModel = RateModel(per_minute=2, burst=10)
    # live pages one address may hold open (a phone is one or two; more behind a NAT)
    phone_streams: int = Field(default=20, ge=1, le=10_000)
    # tickets one kiosk may issue: at most burst + per_hour × hours open in a day
    tickets: TicketRateModel = TicketRateModel()


class RetentionModel(Strict):
    # tickets, events and scores (anonymous); the report aggregates are kept for good
    days: int = Field(default=730, ge=30, le=3650)
    # what citizens wrote: long enough for the quarter's report (due on the 30th of
    # its last month), then gone
    comments_days: int = Field(default=120, ge=1, le=3650)


class ReportsModel(Strict):
    """When the quarter's satisfaction report is due at the province: by default the
    seed's rule (the 30th of the quarter's last month; its first report was due on 30
    December 2566); ``month_after`` for a province that asks for the next month."""

    quarterly_due: Literal["quarter_end", "month_after"] = "quarter_end"
    due_day: int = Field(default=30, ge=1, le=31)
    remind_days: int = Field(default=14, ge=0, le=60)  # `oss-queue status` says so from then


class WebModel(Strict):
    """The centre console (`oss-queue web`), served from the server box on the LAN, and
    the citizens' phone pages beside it."""

    bind: str = "0.0.0.0"
    port: int = Field(default=8080, ge=1, le=65535)
    # The phone pages also on a port of their own, without the console: the citizens'
    # Wi-Fi may reach this port and not the console's (docs/phone.md).
    phone_port: int | None = Field(default=None, ge=1, le=65535)
    # This server as a phone on the centre's Wi-Fi reaches it (http://192.168.1.10:8081):
    # the ticket's QR opens <phone_url>/t/<token>. Unset: the QR is for the kiosk only.
    phone_url: str | None = Field(
        default=None, pattern=r"^https?://[A-Za-z0-9.-]+(:\d{1,5})?(/[A-Za-z0-9._~/-]*)?$"
    )


class SiteConfig(Strict):
    site: SiteInfo
    catalog: Path = Path("catalog.yaml")
    hours: HoursModel
    counters: list[CounterModel] = Field(min_length=1)
    priority: PriorityModel = PriorityModel()
    queue: QueueModel = QueueModel()
    printer: Printer = PngPrinter()
    ticket: TicketModel = TicketModel()
    broker: BrokerModel = BrokerModel()
    database: DatabaseModel = DatabaseModel()
    rating: RatingModel = RatingModel()
    retention: RetentionModel = RetentionModel()
    reports: ReportsModel = ReportsModel()
    limits: LimitsModel = LimitsModel()
    screens: ScreensModel = ScreensModel()
    province: ProvinceModel = ProvinceModel()
    web: WebModel = WebModel()
    clients: dict[ClientId, Role] = {}

    @field_validator("clients")
    @classmethod
    def _devices_only(cls, clients: dict[str, Role]) -> dict[str, Role]:
        phones = sorted(c for c, role in clients.items() if role is Role.PHONE)
        if phones:
            raise ValueError(f"phones are no devices of the centre (no broker account): {phones}")
        return clients

    @model_validator(mode="after")
    def _unique_counters(self) -> SiteConfig:
        ids = [c.id for c in self.counters]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise ValueError(f"counter ids appear more than once: {duplicates}")
        return self
