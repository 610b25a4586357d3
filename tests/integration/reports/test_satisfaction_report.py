"""The quarterly satisfaction report from real ratings in the database, in all three formats."""

import csv
import shutil
import subprocess
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest

from queue_server.bootstrap import service_for
from queue_server.domain.queue_day import QueueDay
from queue_server.reports import charts, export
from queue_server.reports.fiscal import FiscalQuarter
from queue_server.reports.satisfaction import satisfaction_report
from queue_server.reports.tables import satisfaction_header, satisfaction_tables
from queue_server.testing import at
from tests.support.databases import migrated
from tests.support.sites import open_all_day

Q1 = FiscalQuarter(2569, 1)
NOW = datetime(2026, 1, 5, 3, 0).astimezone()


@pytest.fixture
def rate_on(site, clock):
    """Serve and rate one ticket at a moment, at a counter, for a service."""
    service = service_for(site, clock=clock)

    def rate(moment, scores, counter="1", code="driving-licence-queue", profile=None):
        clock.now = moment
        number = service.issue(code).result.number
        service.at_counter(QueueDay.open_counter, counter, "s01")
        service.at_counter(QueueDay.call_next, counter, "s01")
        service.at_counter(QueueDay.complete, counter, "s01")
        service.rate(number, scores, profile=profile)

    yield rate
    service.close()


def full(score_process, score_staff, score_facilities, score_outcome):
    return {
        "process": score_process,
        "staff": score_staff,
        "facilities": score_facilities,
        "outcome": score_outcome,
    }


@pytest.fixture
def always_open(site_dir):
    """Open every day, all day, so tickets can be issued at the quarter's edges."""
    open_all_day(site_dir / "site.yaml")


def test_the_quarter_holds_exactly_its_days_in_bangkok_time(always_open, site, rate_on):
    rate_on(at(23, 58, day=date(2025, 9, 30)), full(1, 1, 1, 1))  # FY 2568 Q4: not counted
    rate_on(at(0, 1, day=date(2025, 10, 1)), full(5, 5, 4, 4))  # first minute of Q1
    rate_on(at(23, 50, day=date(2025, 12, 31)), full(4, 4, 4, 3), counter="2")  # last day of Q1
    rate_on(at(0, 5, day=date(2026, 1, 1)), full(1, 1, 1, 1))  # Q2
    report = satisfaction_report(site, Q1, NOW)
    assert report.respondents == 2
    sections = {r.key: r.summary for r in report.sections}
    assert (sections["process"].n, sections["process"].mean) == (2, Decimal("4.50"))
    assert sections["outcome"].mean == Decimal("3.50")
    # overall pools 8 answers: 5,5,4,4,4,4,4,3 → mean 33/8 = 4.125 → 4.13; SD² = 2.875/7 → 0.64
    assert (report.overall.n, report.overall.mean, report.overall.sd) == (
        8,
        Decimal("4.13"),
        Decimal("0.64"),
    )
    assert report.overall.percent == Decimal("82.50") and report.overall.band.th == "มาก"
    counters = {r.key: r.summary.n for r in report.by_counter}
    assert counters == {"1": 4, "2": 4}
    kinds = {r.key: r.summary.n for r in report.by_kind}
    assert kinds == {"forward": 0, "onsite": 0, "tangrat": 8}


def test_an_empty_quarter_is_a_report_with_no_figures(site, tmp_path):
    report = satisfaction_report(site, FiscalQuarter(2570, 3), NOW)
    assert report.respondents == 0 and report.overall.mean is None
    header, tables = satisfaction_header(report), satisfaction_tables(report)
    export.write_pdf(tmp_path / "empty.pdf", header, tables, [charts.section_means(report)])
    export.write_xlsx(tmp_path / "empty.xlsx", header, tables, "Q3")
    assert (tmp_path / "empty.pdf").stat().st_size > 0


@pytest.fixture
def q1_report(always_open, site, rate_on):
    start = at(10, day=date(2025, 10, 6))
    for i, scores in enumerate(
        [full(5, 5, 5, 5), full(4, 4, 3, 4), full(5, 4, 4, 5), full(3, 4, 2, 4)]
    ):
        rate_on(start + timedelta(days=i * 20), scores, counter="1" if i % 2 else "2")
    return satisfaction_report(site, Q1, NOW)


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_the_xlsx_reads_back_with_the_figures(q1_report, tmp_path):
    from openpyxl import load_workbook

    path = tmp_path / "q1.xlsx"
    export.write_xlsx(
        path, satisfaction_header(q1_report), satisfaction_tables(q1_report), "Q1-2569"
    )
    sheet = load_workbook(path).active
    values = [[c for c in row] for row in sheet.iter_rows(values_only=True)]
    assert values[0][0].startswith("รายงานผลการสำรวจความพึงพอใจ")
    # due as seed 000 says: the 30th of the quarter's last month
    assert any("30 ธันวาคม 2568" in (row[0] or "") for row in values[:6])
    overall = next(row for row in values if row[0] == "ภาพรวม / Overall")
    # 16 answers: 5×6, 4×7, 3×2, 2×1 → mean 66/16 = 4.125 → 4.13; squared deviations
    # 6(0.875²) + 7(0.125²) + 2(1.125²) + 2.125² = 11.75; SD = √(11.75/15) = 0.885 → 0.89
    assert list(overall[1:6]) == [16, 4.13, 0.89, 82.5, "มาก"]


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_the_csv_opens_in_excel_as_thai(q1_report, tmp_path):
    path = tmp_path / "q1.csv"
    export.write_csv(path, satisfaction_header(q1_report), satisfaction_tables(q1_report))
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(path.open(encoding="utf-8-sig")))
    assert rows[0][0].startswith("รายงานผลการสำรวจ")
    assert [
        "ภาพรวม / Overall",
        "16",
        "4.13",
        "0.89",
        "82.5",
        "มาก",
        "6",
        "7",
        "2",
        "1",
        "0",
    ] in rows


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
@pytest.mark.slow
def test_the_pdf_has_pages_a_person_can_look_at(q1_report, tmp_path):
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        pytest.skip("poppler-utils not installed")
    path = tmp_path / "q1.pdf"
    export.write_pdf(
        path,
        satisfaction_header(q1_report),
        satisfaction_tables(q1_report),
        [charts.section_means(q1_report), charts.level_shares(q1_report)],
    )
    subprocess.run([pdftoppm, "-r", "40", "-png", str(path), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) >= 3
    from PIL import Image

    for page in pages:
        assert Image.open(page).convert("L").getextrema()[0] < 100, f"{page.name} is blank"
    # Read the first page as a person would (its text layer repeats Thai clusters,
    # a matplotlib quirk; what matters on paper is what the page shows).
    subprocess.run(
        [pdftoppm, "-r", "150", "-f", "1", "-l", "1", "-png", str(path), str(tmp_path / "big")],
        check=True,
    )
    from tests.integration.printers.test_ocr import ocr

    text = ocr(Image.open(next(tmp_path.glob("big-*.png"))))
    assert "ไตรมาสที่1ปีงบประมาณพ.ศ.2569" in text
    assert "ความพึงพอใจ" in text and "ผู้ตอบ" in text


def test_bands_come_from_the_site_config(site_dir, monkeypatch, database_url):
    from queue_server.config import load_site

    site_yaml = site_dir / "site.yaml"
    site_yaml.write_text(
        site_yaml.read_text().replace(
            "\nrating:\n",
            "\nrating:\n  bands:\n    - {low: 4.5, th: ดีเยี่ยม, en: Excellent}\n"
            "    - {low: 1.0, th: ควรปรับปรุง, en: To improve}\n",
            1,
        )
    )
    monkeypatch.setenv("OSS_QUEUE_DATABASE_URL", database_url)
    site = load_site(site_yaml)
    migrated(site.database_url)
    report = satisfaction_report(site, Q1, NOW)
    assert [b.th for b in report.bands] == ["ดีเยี่ยม", "ควรปรับปรุง"]


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_the_quarter_for_the_province_has_the_response_rate_complaints_copies_and_info(
    always_open, site, rate_on, clock, tmp_path
):
    from openpyxl import load_workbook

    from queue_server.domain.complaints import Category, Kind
    from queue_server.reports.writers import write_satisfaction

    day = date(2025, 11, 12)
    rate_on(at(9, 0, day=day), full(5, 5, 4, 4))  # served and rated
    service = service_for(site, clock=clock)
    clock.now = at(10, 0, day=day)
    number = service.issue("disability-card").result.number  # served, not rated
    for act in (QueueDay.call_next, QueueDay.complete):
        service.at_counter(act, "1", "s01")
    service.complaints.submit(Kind.COMPLAINT, Category.WAITING, "รอนาน", "kiosk-1")
    service.complaints.submit(
        Kind.SUGGESTION, Category.OTHER, "เปิดวันเสาร์", "kiosk-1", number=number
    )
    service.close()

    out = tmp_path / "q1.xlsx"
    write_satisfaction(site, Q1, out, "xlsx")
    book = load_workbook(out)
    cells = [[c for c in row] for row in book.active.iter_rows(values_only=True)]
    total = next(row for row in cells if row[0] == "รวม / Total")
    assert list(total[1:4]) == [2, 1, 50.0]  # two served, one answered
    flat = [str(c) for row in cells for c in row if c is not None]
    assert "เปิดวันเสาร์" in flat and "ผู้รับรองรายงาน / Certified by" in flat
    # Zero-Copy: the default catalog still asks for the bank book's page for allowances
    assert "ลงทะเบียนรับเบี้ยยังชีพผู้สูงอายุ" in flat and "สำเนาหน้าสมุดบัญชีเงินฝากธนาคาร" in flat
    info = {row[0]: row[1] for row in book["INFO"].iter_rows(values_only=True) if row[0]}
    assert (info["ปีงบประมาณ"], info["ไตรมาส"], info["จำนวนผู้ตอบแบบประเมิน (คน)"]) == (2569, 1, 1)
    assert (info["เรื่องร้องเรียน (เรื่อง)"], info["ข้อเสนอแนะ (เรื่อง)"]) == (1, 1)
    assert info["ภาพรวม: ระดับ"] == "มากที่สุด"


ITEMS = """
rating:
  sections:
    - {id: process, name: {th: ด้านกระบวนการ, en: Process}}
    - id: staff
      name: {th: ด้านเจ้าหน้าที่, en: Staff}
      items:
        - {id: staff-polite, text: {th: เจ้าหน้าที่สุภาพ, en: Staff were polite}}
        - {id: staff-clear, text: {th: อธิบายชัดเจน, en: Staff explained clearly}}
"""


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_a_section_of_items_is_reported_item_by_item_and_pooled(
    site_dir, monkeypatch, database_url, clock
):
    import yaml

    from queue_server.config import load_site

    site_yaml = site_dir / "site.yaml"
    open_all_day(site_yaml)
    data = yaml.safe_load(site_yaml.read_text())
    data["rating"] = yaml.safe_load(ITEMS)["rating"]
    site_yaml.write_text(yaml.safe_dump(data, allow_unicode=True))
    monkeypatch.setenv("OSS_QUEUE_DATABASE_URL", database_url)
    site = load_site(site_yaml)
    migrated(site.database_url)
    assert site.rating_rules().asked == ("process", "staff-polite", "staff-clear")
    service = service_for(site, clock=clock)
    clock.now = at(9, 0, day=date(2025, 11, 12))
    for polite, clear in ((5, 3), (4, 3)):
        number = service.issue("general-petition").result.number
        service.at_counter(QueueDay.open_counter, "2", "s01")
        service.at_counter(QueueDay.call_next, "2", "s01")
        service.at_counter(QueueDay.complete, "2", "s01")
        service.rate(number, {"process": 5, "staff-polite": polite, "staff-clear": clear})
        service.at_counter(QueueDay.close_counter, "2", "s01")
    service.close()
    report = satisfaction_report(site, Q1, NOW)
    items = {r.key: r.summary for r in report.items}
    assert (items["staff-polite"].n, float(items["staff-polite"].mean)) == (2, 4.5)
    assert (items["staff-clear"].n, float(items["staff-clear"].mean)) == (2, 3.0)
    staff = next(r.summary for r in report.sections if r.key == "staff")
    assert (staff.n, float(staff.mean)) == (4, 3.75)  # the section pools its items' answers
    rows = [row[0] for row in satisfaction_tables(report)[2].rows]  # after served, profile
    assert rows[1:4] == ["ด้านเจ้าหน้าที่ (Staff)", "   – เจ้าหน้าที่สุภาพ", "   – อธิบายชัดเจน"]


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_the_respondents_bands_are_counted_and_kept_through_a_purge(always_open, site, rate_on):
    from queue_server.reports.daily import summariser
    from queue_server.storage import make_engine
    from queue_server.storage.purge import purge

    day = date(2025, 11, 12)
    rate_on(at(9, 0, day=day), full(5, 5, 5, 5), profile={"sex": "female", "age": "60-plus"})
    rate_on(at(9, 30, day=day), full(4, 4, 4, 4), profile={"sex": "female"})
    rate_on(at(10, 0, day=day), full(3, 3, 3, 3))  # skipped the bands
    before = satisfaction_report(site, Q1, NOW)
    assert before.profile == {("sex", "female"): 2, ("age", "60-plus"): 1}
    rows = {(r[0], r[1]): r[2] for r in satisfaction_tables(before)[1].rows}
    assert (rows[("เพศ", "หญิง")], rows[("เพศ", "ไม่ระบุ")], rows[("อายุ", "ไม่ระบุ")]) == (2, 1, 2)
    engine = make_engine(site.database_url)
    purge(engine, site.id, date(2025, 12, 1), summariser(site))
    engine.dispose()
    after = satisfaction_report(site, Q1, NOW)
    assert after.profile == before.profile and after.overall == before.overall
