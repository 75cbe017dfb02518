"""Excel workbooks (.xlsx) for people who work in Excel or WPS: the shared sheet layout and
the `batch-diff` summary writer.

Every sheet is laid out the same way: a bold header row on a tinted band, frozen so it stays
in view, with a filter; columns as wide as their content allows (CJK characters count double),
text wrapped and top-aligned; printed landscape, one page wide, header row on every page.
openpyxl is imported here only, and only when a workbook is written.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from planparse.dataset.diff_rows import DIFF_COLUMNS, INDICATOR_DIFF_COLUMNS, diff_error_row
from planparse.dataset.records import Record, is_error
from planparse.i18n import t

# Fills for what a reader must notice (Excel's own "good / bad / neutral" cell styles).
FILLS = {
    "header": "D9E1F2",
    "stricter": "C6EFCE",  # green: the lower plan asks more
    "looser": "FFC7CE",  # red: the lower plan asks less
    "missing": "FCE4D6",  # orange: in the upper plan, not in the lower
    "downgraded": "FF9999",  # strong red: 约束性 -> 预期性
    "changed": "FFEB9C",  # yellow: a different lead unit, another attribute
    "extra": "DDEBF7",  # blue: only in the lower plan
    "incomparable": "EDEDED",  # grey
}

MAX_WIDTH = 60  # characters; longer text wraps
LINE_HEIGHT = 15  # points per line of 11-point text
FONT = "等线"


def _wrapped_lines(text: str, width: int) -> int:
    usable = max(width - 1, 1)
    return sum(max(1, -(-display_width(part) // usable)) for part in text.split("\n"))


def display_width(text: str) -> int:
    """Width in Latin characters: a CJK or full-width character takes two."""
    return sum(2 if ord(c) > 0x2E7F else 1 for c in text)


def workbook() -> Any:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    return book


def add_sheet(
    book: Any,
    title: str,
    headers: Sequence[str],
    rows: Sequence[Sequence[Any]],
    fills: Sequence[Sequence[str | None]] | None = None,
    widths: Sequence[int] | None = None,
    bold_rows: set[int] | None = None,
) -> Any:
    """A sheet with ``headers`` and ``rows``; ``fills[r][c]`` names a `FILLS` colour for a
    cell (None: none); ``widths`` caps column widths (default `MAX_WIDTH`)."""
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    sheet = book.create_sheet(title=title[:31])  # Excel's limit on sheet names
    sheet.append(list(headers))
    for row in rows:
        sheet.append([_cell_value(v) for v in row])
    # 等线 is the default font of Office in Chinese; elsewhere the program substitutes its own.
    font, bold = Font(name=FONT, size=11), Font(name=FONT, size=11, bold=True)
    thin = Side(style="thin", color="BFBFBF")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="top")
    header_fill = PatternFill("solid", fgColor=FILLS["header"])
    for cell in sheet[1]:
        cell.font = bold
        cell.fill = header_fill
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        cell.border = border
    patterns = {name: PatternFill("solid", fgColor=colour) for name, colour in FILLS.items()}
    for r, row in enumerate(sheet.iter_rows(min_row=2), start=0):
        for c, cell in enumerate(row):
            cell.alignment = wrap
            cell.border = border
            cell.font = bold if bold_rows and r in bold_rows else font
            name = fills[r][c] if fills and r < len(fills) and c < len(fills[r]) else None
            if name:
                cell.fill = patterns[name]
    column_widths = []
    for c, header in enumerate(headers):
        values = [str(header)] + [
            str(row[c]) for row in rows if c < len(row) and row[c] is not None
        ]
        longest = max(display_width(line) for v in values for line in (v.split("\n") or [""]))
        cap = widths[c] if widths and c < len(widths) else MAX_WIDTH
        column_widths.append(max(6, min(longest + 2, cap)))
        sheet.column_dimensions[get_column_letter(c + 1)].width = column_widths[-1]
    # Spreadsheet programs do not grow a row for wrapped text written by another program:
    # set each row's height from the lines its fullest cell wraps into.
    for r, row in enumerate([list(headers), *rows], start=1):
        lines = max(
            (_wrapped_lines(str(v), column_widths[c]) for c, v in enumerate(row) if v is not None),
            default=1,
        )
        sheet.row_dimensions[r].height = LINE_HEIGHT * max(lines, 1) + 3
    sheet.freeze_panes = "A2"
    if rows:
        sheet.auto_filter.ref = sheet.dimensions
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    return sheet


def _cell_value(value: Any) -> Any:
    if value is None or isinstance(value, (int, float, str)):
        return value
    return str(value)


class DiffXlsxWriter:
    """batch-diff summaries as a workbook: one row per lower plan on the first sheet, every
    indicator pair on the second; headers in the user's language. Written on close."""

    def __init__(self, path: str) -> None:
        workbook()  # fails now, not after the batch, when openpyxl is missing
        self.path = path
        self.rows: list[Record] = []
        self.pairs: list[tuple[str, Record]] = []

    def known(self, sha256: str) -> bool:
        return False

    def add(self, record: Record) -> Record:
        if is_error(record):
            self.rows.append(diff_error_row(record))
        else:
            self.rows.append(record["diff"])
            self.pairs += [(record["diff"]["path"], p) for p in record["indicators"]]
        return record

    def close(self) -> None:
        book = workbook()
        summary = [[row.get(c) for c in DIFF_COLUMNS] for row in self.rows]
        fills = [[_summary_fill(c, row.get(c)) for c in DIFF_COLUMNS] for row in self.rows]
        add_sheet(
            book,
            t("xlsx.sheet.batch_summary"),
            [t(f"xlsx.batch.{c}") for c in DIFF_COLUMNS],
            summary,
            fills,
            widths=[40 if c in ("path", "title", "upper_path") else 30 for c in DIFF_COLUMNS],
        )
        columns = ("path", *INDICATOR_DIFF_COLUMNS)
        pairs = [[path, *(p.get(c) for c in INDICATOR_DIFF_COLUMNS)] for path, p in self.pairs]
        pair_fills = [
            [_pair_fill(c, p) for c in ("path", *INDICATOR_DIFF_COLUMNS)] for _path, p in self.pairs
        ]
        add_sheet(
            book,
            t("xlsx.sheet.indicators"),
            [t(f"xlsx.batch.{c}") for c in columns],
            pairs,
            pair_fills,
            widths=[40 for _ in columns],
        )
        book.save(self.path)


def _summary_fill(column: str, value: Any) -> str | None:
    if column == "error" and value:
        return "looser"
    if not value:
        return None
    return {
        "indicators_lower_looser": "looser",
        "indicators_lower_stricter": "stricter",
        "indicators_only_upper": "missing",
        "attribute_downgrades": "downgraded",
        "columns_only_upper": "missing",
        "tasks_only_upper": "missing",
        "lead_changed": "changed",
    }.get(column)


def _pair_fill(column: str, pair: Record) -> str | None:
    if column == "relation":
        return RELATION_FILL.get(pair.get("relation") or "")
    if column in ("lower_attribute", "downgraded") and pair.get("downgraded"):
        return "downgraded"
    return None


RELATION_FILL = {
    "lower_stricter": "stricter",
    "lower_looser": "looser",
    "only_upper": "missing",
    "only_lower": "extra",
    "incomparable": "incomparable",
}
