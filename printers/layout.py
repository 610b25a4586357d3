"""The ticket as a 1-bit image of the printer's width.

One layout for every language and width: the strings come from the ticket
and the catalog, sizes scale with the paper (576 px = 80 mm, 384 px = 58 mm,
at 203 dpi). The number is as large as the paper allows so it reads from two
metres; everything else wraps at Thai word boundaries.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache

import qrcode
from PIL import Image, ImageChops, ImageDraw, ImageOps

from queue_server.domain.catalog import Service, ServiceKind, Text
from queue_server.domain.service_day import local_time
from queue_server.domain.wait_words import wait_line
from thaitext.fonts import font
from thaitext.words import digits, thai_date, thai_time, wrap

KIND_TEXT = {
    ServiceKind.ONSITE: Text("บริการเสร็จที่นี่", "Completed here"),
    ServiceKind.FORWARD: Text("รับเรื่องและส่งต่อหน่วยงาน", "We take your request and forward it"),
    ServiceKind.TANGRAT: Text(
        "ทำผ่านแอปทางรัฐ โดยมีเจ้าหน้าที่ช่วย", "Through the Tang Rat app, with our help"
    ),
}
SUPERSAMPLE = 4  # small text is laid out this many times larger, then scaled down (_Canvas.line)
SUPERSAMPLE_BELOW = 24  # px: larger text keeps FreeType's crisp hinted stems
PRIVACY = Text("ตั๋วนี้ไม่มีข้อมูลส่วนบุคคล", "This ticket holds no personal data")
PRIORITY = Text("คิวพิเศษ", "Priority")
WATCH_SCREEN = Text("โปรดดูหมายเลขของท่านที่จอเรียกคิว", "Please watch the screen for your number")
SAMPLE = Text("ตัวอย่าง ไม่ใช่บัตรคิว", "Sample, not a ticket")
QR_QUIET_MODULES = 4  # the white border a QR needs around it to be read
QR_MODULE_DOTS = 6  # 0.75 mm at 203 dpi: easy for any scanner, and even (sent halved)
# Image.info key: the (top, bottom) rows of the image drawn at half resolution, doubled.
DOUBLED = "oss_queue_doubled"
# Image.info key: (row, "number" | "qr", text, QR module dots) for a printer that prints
# them itself (printer.native_codes): its own type and QR command go in at that row.
NATIVE = "oss_queue_native"


@dataclass(frozen=True)
class TicketContent:
    """What one ticket says. Built from the server's reply and the site's catalog."""

    centre: Text
    number: str
    service: Service
    issued_at: datetime
    lang: str = "th"
    priority: bool = False
    people_ahead: int | None = None
    wait_minutes: tuple[int, int] | None = None
    qr_data: str | None = None
    qr_caption: Text | None = None
    thai_digits: bool = False
    extra_lines: Sequence[str] = field(default_factory=tuple)
    sample: bool = False  # a printer test: marked so, and never a real number


@lru_cache(maxsize=4096)
def text_length(text: str, size: int, bold: bool) -> float:
    """Shaped width in pixels; cached, since wrapping measures the same lines again."""
    return font(size, bold).getlength(text, language="th")


def line_width(text: str, size: int, bold: bool) -> float:
    """The width a line takes as drawn."""
    if size >= SUPERSAMPLE_BELOW:
        return text_length(text, size, bold)
    return text_length(text, size * SUPERSAMPLE, bold) / SUPERSAMPLE


@lru_cache(maxsize=128)
def drawn_line(line: str, px: int, bold: bool) -> tuple[Image.Image, int]:
    """A line of text drawn black on white with ``pad`` pixels all round, and the pad.

    Kept: most lines are the same on every ticket of a service (the centre, the
    service, the manual, the documents, the captions), and drawing text was three
    quarters of a ticket's 20 ms while the citizen waits for the paper (issue 22).
    The pad leaves room for marks above the ascender and below the descender.

    Small text is drawn SUPERSAMPLE times larger and scaled down. FreeType's
    hinting snaps stems to whole pixels, which keeps them crisp when the ticket
    is cut to 1 bit, but it also rounds every advance: below about 24 px that
    opened visible gaps inside Thai words (after ว in ตั๋วนี้ and ส่วนบุคคล). Small
    text is therefore laid out large, where the spacing is the font's own;
    larger text stays hinted (tesseract reads it better:
    tests/integration/printers/test_ocr.py).
    """
    pad = px
    width = round(line_width(line, px, bold)) + 2 * pad
    if px >= SUPERSAMPLE_BELOW:
        face = font(px, bold)
        ascent, descent = face.getmetrics()
        image = Image.new("L", (width, ascent + descent + 2 * pad), 255)
        ImageDraw.Draw(image).text((pad, pad), line, font=face, fill=0, language="th")
        return image, pad
    s = SUPERSAMPLE
    big = font(px * s, bold)
    ascent, descent = big.getmetrics()
    height = (ascent + descent) // s + 2 * pad
    canvas = Image.new("L", (width * s, height * s), 255)
    ImageDraw.Draw(canvas).text((pad * s, pad * s), line, font=big, fill=0, language="th")
    return canvas.reduce(s), pad


@dataclass
class _Canvas:
    """Draws blocks top to bottom on a tall white strip, cropped at the end."""

    width: int
    scale: float
    native: bool = False  # the number and the QR left to the printer's own commands
    image: Image.Image = field(init=False)
    draw: ImageDraw.ImageDraw = field(init=False)
    y: int = 0
    # Rows drawn at half resolution and doubled (the number, the QR): the printer is sent
    # them at half size and told to double them (a quarter of the bytes, the same look).
    doubled: list[tuple[int, int]] = field(default_factory=list)
    natives: list[tuple[int, str, str, int]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.image = Image.new("L", (self.width, 4000), 255)
        self.draw = ImageDraw.Draw(self.image)
        self.margin = round(16 * self.width / 576)
        self.y = round(8 * self.scale)

    def px(self, value: float) -> int:
        return max(1, round(value * self.scale))

    def text(self, text: str, size: float, *, bold: bool = False, align: str = "center") -> None:
        px = self.px(size)
        face = font(px, bold)
        usable = self.width - 2 * self.margin
        ascent, descent = face.getmetrics()
        for line in wrap(text, lambda line: line_width(line, px, bold) <= usable):
            length = line_width(line, px, bold)
            x = self.margin if align == "left" else round((self.width - length) / 2)
            self.line(x, line, px, bold)
            self.y += ascent + descent + self.px(2)

    def bullet(self, text: str, size: float) -> None:
        px = self.px(size)
        face = font(px)
        indent = round(text_length("• ", px, False)) + self.margin
        usable = self.width - indent - self.margin
        lines = wrap(text, lambda line: line_width(line, px, False) <= usable)
        ascent, descent = face.getmetrics()
        for i, line in enumerate(lines):
            if i == 0:
                self.draw.text((self.margin, self.y), "•", font=face, fill=0)
            self.line(indent, line, px, False)
            self.y += ascent + descent + self.px(1)

    def line(self, x: int, line: str, px: int, bold: bool) -> None:
        """One line of text at (x, y), laid over what is drawn (marks of the line above)."""
        drawn, pad = drawn_line(line, px, bold)
        box = (x - pad, self.y - pad, x - pad + drawn.width, self.y - pad + drawn.height)
        self.image.paste(ImageChops.darker(self.image.crop(box), drawn), box)

    def number(self, text: str) -> None:
        """The biggest size at which the number fits the paper, up to 200 px on 80 mm.

        Drawn full size, halved and doubled back: 2×2 dots are far finer than the
        stroke (OCR still reads it), and the printer is sent a quarter of the bytes.
        """
        self.y = max(self.y, self._last_ink() + self.px(10))  # clear of marks below the name
        if self.native:
            self.natives.append((self.y, "number", text, 0))
            self.y += self.px(14)
            return
        usable = self.width - 2 * self.margin
        size = self.px(200)
        while size > 20 and font(size, True).getlength(text) > usable:
            size -= 4
        face = font(size, True)
        left, top, right, bottom = face.getbbox(text)
        width, height = right - left, bottom - top
        full = Image.new("L", (width + width % 2, height + height % 2), 255)
        ImageDraw.Draw(full).text((-left, -top), text, font=face, fill=0)
        self._paste_doubled(full.reduce(2).point(lambda v: 0 if v < 128 else 255))
        self.y += self.px(14)

    def _paste_doubled(self, small: Image.Image) -> None:
        """``small`` twice its size, centred, at even rows and columns (so the printer's own
        doubling of the half-size rows gives exactly these pixels)."""
        big = small.resize((small.width * 2, small.height * 2), Image.Resampling.NEAREST)
        x = (self.width - big.width) // 4 * 2
        top = self.y + self.y % 2
        self.image.paste(big, (x, top))
        self.doubled.append((top, top + big.height))
        self.y = top + big.height

    def banner(self, text: str, size: float) -> None:
        """White text on a black band across the paper: seen at a glance, even upside down."""
        top = self.y
        self.gap(8)
        self.text(text, size, bold=True)
        self.gap(2)
        box = (self.margin, top, self.width - self.margin, self.y)
        self.image.paste(ImageOps.invert(self.image.crop(box)), box)
        self.gap(10)

    def _last_ink(self) -> int:
        """The row below the lowest dark pixel drawn so far (marks below a line included)."""
        rows = self.image.crop((0, 0, self.width, self.y + self.px(40))).point(
            lambda v: 255 if v < 128 else 0
        )
        box = rows.getbbox()
        return box[3] if box else 0

    def rule(self) -> None:
        self.y += self.px(6)
        self.draw.line(
            (self.margin, self.y, self.width - self.margin, self.y), fill=0, width=self.px(2)
        )
        self.y += self.px(10)

    def gap(self, value: float) -> None:
        self.y += self.px(value)

    def qr(self, data: str, modules: float) -> None:
        half = max(1, round(self.px(modules) / 2))  # a module's side at half resolution
        # The quiet zone: nothing drawn within four modules of the code, or scanners miss it
        # (a caption's tone marks once sat three dots below it).
        quiet = QR_QUIET_MODULES * half * 2
        self.y = max(self.y, self._last_ink() + quiet)
        if self.native:
            self.natives.append((self.y, "qr", data, half * 2))
            self.y += quiet + self.px(6)
            return
        # A fixed mask pattern: choosing the best of eight costs more than it gives here.
        code = qrcode.QRCode(
            border=0, error_correction=qrcode.constants.ERROR_CORRECT_M, mask_pattern=0
        )
        code.add_data(data)
        code.make(fit=True)
        matrix = code.get_matrix()
        small = Image.new("L", (len(matrix), len(matrix)), 255)
        small.putdata([0 if dark else 255 for row in matrix for dark in row])
        small = small.resize((small.width * half, small.height * half), Image.Resampling.NEAREST)
        self._paste_doubled(small)
        self.y += quiet + self.px(6)  # a caption's marks reach above its line

    def finish(self) -> Image.Image:
        bottom = self.y + self.px(8)
        image = self.image.crop((0, 0, self.width, bottom)).point(
            lambda v: 0 if v < 128 else 255, mode="1"
        )
        image.info[DOUBLED] = tuple(self.doubled)
        image.info[NATIVE] = tuple(self.natives)
        return image


def render_ticket(content: TicketContent, width: int = 576, native: bool = False) -> Image.Image:
    """Lay the ticket out as a 1-bit image ``width`` pixels wide; ``native``: with the
    number and the QR left out, where the printer's own commands will print them."""
    english = content.lang == "en"
    # Text stays readable on 58 mm paper: it shrinks less than the paper does.
    c = _Canvas(width, 1.0 if width >= 512 else 0.85, native)
    local = local_time(content.issued_at)

    c.text(content.centre.th, 26, bold=True)
    if english:
        c.text(content.centre.en, 22)
    c.rule()
    c.text(content.service.name.th, 30, bold=True)
    if english:
        c.text(content.service.name.en, 24)
    if content.sample:
        c.banner(SAMPLE.both(" · ") if english else SAMPLE.th, 26)
    c.gap(6)
    c.number(content.number)
    if content.priority:
        c.banner(PRIORITY.both(" · ") if english else PRIORITY.th, 34)
    date_line = (
        f"{thai_date(local, content.thai_digits)}  เวลา {thai_time(local, content.thai_digits)}"
    )
    c.text(date_line, 26)
    if content.people_ahead is not None:
        # The kiosk's screen says exactly this (domain.wait_words).
        wait = wait_line(content.people_ahead, content.wait_minutes)
        c.text(digits(wait.th, content.thai_digits), 26, bold=True)
        if english:
            c.text(wait.en, 24)
    c.text(WATCH_SCREEN.th, 24)
    if english:
        c.text(WATCH_SCREEN.en, 22)
    c.rule()
    kind = KIND_TEXT[content.service.kind]
    c.text(kind.th, 24)
    if english:
        c.text(kind.en, 22)
    brief = content.service.manual.brief(content.service.kind is ServiceKind.FORWARD)
    c.text(brief.en if english else brief.th, 22)
    if content.service.documents:
        c.gap(4)
        c.text(
            "เอกสารที่ต้องเตรียม" + (" / What to bring" if english else ""), 24, bold=True, align="left"
        )
        for document in content.service.documents:
            c.bullet(document.line.in_lang(content.lang), 24)
    for line in content.extra_lines:
        c.text(line, 22)
    if content.qr_data:
        c.gap(10)
        c.qr(content.qr_data, QR_MODULE_DOTS)
        if content.qr_caption:
            c.text(content.qr_caption.in_lang(content.lang), 22)
    c.rule()
    c.text(PRIVACY.en if english else PRIVACY.th, 20)
    return c.finish()


@dataclass(frozen=True)
class SlipContent:
    """What a forwarded case's slip says: the reference the citizen follows it by."""

    centre: Text
    service: Service
    reference: str
    agency: str
    channel: Text
    sent_on: datetime
    standard_days: int
    agency_ref: str | None = None
    lang: str = "th"
    qr_data: str | None = None
    qr_caption: Text | None = None
    thai_digits: bool = False


SLIP_TITLE = Text("ใบรับเรื่อง (รับเรื่อง-ส่งต่อ)", "Request received and forwarded")
SLIP_QR_CAPTION = Text("สแกนเพื่อติดตามสถานะเรื่อง", "Scan to follow your case")
SLIP_PRIVACY = Text("ใบนี้ไม่มีข้อมูลส่วนบุคคล", "This slip holds no personal data")
SLIP_ASK = Text(
    "สอบถามความคืบหน้า แจ้งเลขที่เรื่องนี้ที่ศูนย์บริการร่วม",
    "To ask how it goes, give this reference at the centre",
)


def render_case_slip(content: SlipContent, width: int = 576) -> Image.Image:
    """The forwarded case's slip as a 1-bit image ``width`` pixels wide."""
    english = content.lang == "en"
    c = _Canvas(width, 1.0 if width >= 512 else 0.85)
    d = content.thai_digits

    def both(text: Text, size: float, bold: bool = False) -> None:
        c.text(text.th, size, bold=bold)
        if english:
            c.text(text.en, size - 4)

    both(content.centre, 26, bold=True)
    c.rule()
    both(SLIP_TITLE, 28, bold=True)
    c.gap(4)
    c.text(digits(content.reference, d), 48, bold=True)
    c.text(content.service.name.in_lang(content.lang), 26)
    c.rule()
    rows = [
        ("ส่งต่อถึง" if not english else "Sent to", content.agency),
        ("ทาง" if not english else "Through", content.channel.in_lang(content.lang)),
        ("วันที่ส่ง" if not english else "Sent on", thai_date(content.sent_on, d)),
    ]
    if content.agency_ref:
        rows.append(("เลขที่หน่วยงาน" if not english else "Agency ref", content.agency_ref))
    days = digits(str(content.standard_days), d)
    rows.append(("ระยะเวลาโดยประมาณ" if not english else "Usually takes",
                 f"{days} วัน" if not english else f"{content.standard_days} days"))  # fmt: skip
    for label, value in rows:
        c.text(f"{label}: {value}", 24, align="left")
    if content.qr_data:
        c.gap(10)
        c.qr(content.qr_data, QR_MODULE_DOTS)
        c.text((content.qr_caption or SLIP_QR_CAPTION).in_lang(content.lang), 22)
    c.text(SLIP_ASK.in_lang(content.lang), 22)
    c.rule()
    c.text(SLIP_PRIVACY.in_lang(content.lang), 20)
    return c.finish()
