"""Report files as a person reads them: shares with one decimal, headers within the margins."""

import shutil
import subprocess

import pytest
from openpyxl import load_workbook

from queue_server.reports.export import write_pdf, write_xlsx
from queue_server.reports.tables import Table

DAY = Table("ภาพรวมของวัน / The day", ["บัตรคิว", "คิวพิเศษ (%)", "รอ p50"], [[3, 33.3, 4.5]])
LONG_NAME = (
    "ศูนย์บริการร่วม องค์การบริหารส่วนตำบลแม่กรณ์ อำเภอเมืองเชียงราย จังหวัดเชียงราย "
    "(One Stop Service Centre, Mae Korn Subdistrict Administrative Organization, Chiang Rai)"
)


def test_a_share_has_one_decimal_in_the_workbook(tmp_path):
    """Found: the daily report printed 33.30 % for one priority ticket in three."""
    path = tmp_path / "day.xlsx"
    write_xlsx(path, ["รายงาน"], [DAY], "day")
    sheet = load_workbook(path).active
    cells = {c.value: c.number_format for row in sheet.iter_rows() for c in row if c.value}
    assert cells[33.3] == "0.0" and cells[4.5] == "0.00"


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (bootstrap)")
def test_the_pdf_says_33_3_and_keeps_a_long_header_within_its_margins(tmp_path):
    path = tmp_path / "day.pdf"
    write_pdf(path, ["รายงานการให้บริการประจำวัน", LONG_NAME], [DAY])
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "33.3" in text and "33.30" not in text and "4.50" in text
    boxes = subprocess.run(
        ["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    right = max(float(part.split('"')[1]) for part in boxes.split("xMax=")[1:])
    assert right <= 595 * 0.95, right  # A4 portrait is 595 points wide


def test_the_legend_sits_right_under_its_chart():
    """Found: the levels' legend a third of a page below its chart."""
    from types import SimpleNamespace

    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from queue_server.reports.charts import level_shares
    from queue_server.reports.export import _thai_matplotlib

    _thai_matplotlib()  # as the export draws it: in Sarabun (else Thai is missing glyphs)
    summary = SimpleNamespace(by_level={5: 3, 4: 1}, n=4)
    report = SimpleNamespace(sections=[SimpleNamespace(th="ด้านเจ้าหน้าที่", summary=summary)])
    fig = Figure(figsize=(8.27, 11.69))
    FigureCanvasAgg(fig)
    ax = fig.add_axes((0.3, 0.35, 0.62, 0.5))
    level_shares(report)(ax)
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    gap = ax.get_window_extent().y0 - ax.get_legend().get_window_extent(renderer).y1
    assert 0 <= gap <= 0.08 * fig.bbox.height, gap  # room for the tick labels and the axis name
