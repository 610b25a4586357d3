"""Writing reports as CSV (UTF-8 with BOM, for Excel), XLSX (openpyxl) and PDF (matplotlib)."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .tables import Table


def write_csv(path: Path, header: Sequence[str], tables: Sequence[Table]) -> None:
    # utf-8-sig writes the BOM that makes Excel read Thai correctly
    with open(path, "w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        for line in header:
            writer.writerow([line])
        for table in tables:
            writer.writerow([])
            writer.writerow([table.title])
            writer.writerow(table.header)
            writer.writerows(table.rows)


def write_xlsx(
    path: Path,
    header: Sequence[str],
    tables: Sequence[Table],
    sheet: str,
    more: Sequence[tuple[str, Sequence[Table]]] = (),
) -> None:
    """The report on its first sheet; ``more``: further sheets (name, tables), such as
    the one laid out for copying into the INFO system."""
    from openpyxl import Workbook

    book = Workbook()
    _fill(book.active, sheet, header, tables)
    for name, extra in more:
        _fill(book.create_sheet(), name, header[:3], extra)
    book.save(path)


def _fill(ws: Any, sheet: str, header: Sequence[str], tables: Sequence[Table]) -> None:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    ws.title = sheet
    thin = Side(style="thin", color="999999")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    ws.append([header[0]])
    ws["A1"].font = Font(name="TH Sarabun New", size=16, bold=True)
    for line in header[1:]:
        ws.append([line])
    widths: dict[int, int] = {}
    for table in tables:
        ws.append([])
        ws.append([table.title])
        ws.cell(ws.max_row, 1).font = Font(bold=True, size=12)
        ws.append(table.header)
        for col in range(1, len(table.header) + 1):
            cell = ws.cell(ws.max_row, col)
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor="DDEBF7")
            cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
            cell.border = box
        places = [_places(name) for name in table.header]
        for row in table.rows:
            ws.append(row)
            for col, value in enumerate(row, start=1):
                cell = ws.cell(ws.max_row, col)
                cell.border = box
                if isinstance(value, float):
                    cell.number_format = "0." + "0" * places[col - 1]
                widths[col] = max(widths.get(col, 8), min(60, len(str(value)) + 2))
    for col, width in widths.items():
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.sheet_view.showGridLines = False


def _thai_matplotlib() -> None:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import font_manager, rcParams

    from thaitext.fonts import font_path

    for weight in ("Regular", "Medium", "Bold"):
        font_manager.fontManager.addfont(str(font_path(weight)))
    rcParams["font.family"] = "Sarabun"
    rcParams["pdf.fonttype"] = 42  # embed the TrueType font: Thai stays text
    rcParams["axes.unicode_minus"] = False


PORTRAIT_COLUMNS = 11  # the satisfaction report's widest table: a label and ten figures


def write_pdf(
    path: Path,
    header: Sequence[str],
    tables: Sequence[Table],
    charts: Sequence[object] = (),
) -> None:
    """A4 pages: the header, each table, then the charts (callables drawing on an Axes).

    Landscape when a table has more columns than a portrait page holds at a
    readable size (the province's table of centres).
    """
    _thai_matplotlib()
    from matplotlib import pyplot as plt
    from matplotlib.backends.backend_pdf import PdfPages

    wide = max((len(t.header) for t in tables), default=0) > PORTRAIT_COLUMNS
    size = (11.69, 8.27) if wide else (8.27, 11.69)
    k = 11.69 / size[1]  # the layout's heights are fractions of a portrait page

    def page() -> object:
        return plt.figure(figsize=size)

    with PdfPages(path) as pdf:
        fig = page()
        y = 0.95
        for i, line in enumerate(header):
            title = i == 0
            points = 15 if title else 10.5
            # Within the margins: a long centre name wraps between words, never runs off.
            for part in _wrapped(line, points, bold=title, width=size[0] * 72 * 0.86):
                fig.text(0.07, y, part, fontsize=points, weight="bold" if title else "normal")
                y -= (0.035 if title else 0.025) * k
        y -= 0.01
        for table in tables:
            height = 0.019 * k * (max(1, len(table.rows)) + 1.8)
            if y - height < 0.05:
                pdf.savefig(fig)
                plt.close(fig)
                fig, y = page(), 0.95
            fig.text(0.07, y, table.title, fontsize=11, weight="bold")
            ax = fig.add_axes((0.05, y - height, 0.9, height - 0.01 * k))
            ax.axis("off")
            places = [_places(name) for name in table.header]
            cells = [
                [_fmt(v, p) for v, p in zip(row, places, strict=False)] for row in table.rows
            ] or [["ไม่มีข้อมูล"] + [""] * (len(table.header) - 1)]
            drawn = ax.table(
                cellText=cells, colLabels=table.header, loc="upper left", cellLoc="center"
            )
            drawn.auto_set_font_size(False)
            drawn.set_fontsize(6.5)
            drawn.auto_set_column_width(list(range(len(table.header))))
            for (row, _), cell in drawn.get_celld().items():
                if row == 0:
                    cell.set_facecolor("#DDEBF7")
                    cell.set_height(cell.get_height() * 1.6)
            y -= height + 0.035 * k
        pdf.savefig(fig)
        plt.close(fig)
        for chart in charts:
            fig = page()
            ax = fig.add_axes((0.3, 0.35, 0.62, 0.5))  # room for Thai labels
            chart(ax)  # type: ignore[operator]
            pdf.savefig(fig)
            plt.close(fig)


def _wrapped(line: str, points: float, bold: bool, width: float) -> list[str]:
    """``line`` in lines ``width`` points wide, measured with the report's own font."""
    from thaitext.fonts import font
    from thaitext.words import wrap

    face = font(round(points * 4), bold)  # measured 4× larger: whole-pixel rounding is finer
    return wrap(line, lambda part: face.getlength(part, language="th") / 4 <= width)


def _places(header: str) -> int:
    """Decimal places of a column: a share in per cent has one (33.3, not 33.30)."""
    return 1 if "%" in header or "ร้อยละ" in header else 2


def _fmt(value: object, places: int = 2) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.{places}f}"
    return str(value)
