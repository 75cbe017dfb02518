"""The 上下级规划衔接对照表 as an Excel workbook: indicators, 专栏, tasks, basis and check
findings side by side, one sheet each, coloured where the lower plan is looser, stricter,
missing something or has downgraded a 约束性 indicator. Labels in the user's language."""

from __future__ import annotations

from pathlib import Path
from typing import IO, Any

from planparse.compare.check import RULE_BY_ID, CheckReport
from planparse.compare.diff import DiffResult
from planparse.dataset.xlsx import RELATION_FILL, add_sheet, workbook
from planparse.i18n import t


def _span(lines: Any) -> str:
    if not lines:
        return ""
    return str(lines[0]) if lines[0] == lines[1] else f"{lines[0]}–{lines[1]}"


def _sides(result: DiffResult) -> tuple[str, str]:
    return result.lower.place or t("xlsx.lower"), result.upper.place or t("xlsx.upper")


def relation_words(relation: str, low: str) -> str:
    return t(f"diff.relation.{relation}", low=low)


def write_diff_xlsx(result: DiffResult, path: str | Path) -> None:
    """The diff as a workbook: 概要, 指标对照, 专栏对照, 任务对照, 依据."""
    book = workbook()
    add_diff_sheets(book, result)
    book.save(str(path))


def write_check_xlsx(
    report: CheckReport, path: str | Path | IO[bytes], result: DiffResult | None = None
) -> None:
    """The findings as a workbook (检查结果); with the diff against the upper plan, its
    comparison sheets follow. ``path`` may be an open binary file (the web page's download)."""
    book = workbook()
    _findings_sheet(book, report)
    if result is not None:
        add_diff_sheets(book, result)
    book.save(path if hasattr(path, "write") else str(path))


def add_diff_sheets(book: Any, result: DiffResult) -> None:
    low, up = _sides(result)
    _summary_sheet(book, result, low, up)
    _indicator_sheet(book, result, low, up)
    _column_sheet(book, result, low, up)
    _task_sheet(book, result, low, up)
    _basis_sheet(book, result, low, up)


def _summary_sheet(book: Any, result: DiffResult, low: str, up: str) -> None:
    rows: list[list[Any]] = [
        [t("xlsx.summary.lower", side=low), result.lower.title or "", result.lower.file],
        [t("xlsx.summary.upper", side=up), result.upper.title or "", result.upper.file],
    ]
    rows += [
        [t("xlsx.summary.highlight"), line, ""] for line in result.summary.get("highlights", [])
    ]
    add_sheet(
        book,
        t("xlsx.sheet.summary"),
        [t("xlsx.summary.item"), t("xlsx.summary.content"), t("xlsx.summary.file")],
        rows,
        widths=[16, 80, 40],
    )


def _target(ind: Any) -> str:
    if ind is None:
        return ""
    return ind.target.raw


def _indicator_sheet(book: Any, result: DiffResult, low: str, up: str) -> None:
    headers = [
        t("xlsx.ind.category"),
        t("xlsx.ind.name", side=up),
        t("xlsx.ind.unit"),
        t("xlsx.ind.target", side=up),
        t("xlsx.ind.attribute", side=up),
        t("xlsx.ind.name", side=low),
        t("xlsx.ind.unit"),
        t("xlsx.ind.target", side=low),
        t("xlsx.ind.attribute", side=low),
        t("xlsx.ind.relation"),
        t("xlsx.ind.attribute_change"),
        t("xlsx.ind.reason"),
        t("xlsx.lines", side=up),
        t("xlsx.lines", side=low),
    ]
    rows, fills = [], []
    for p in result.indicators:
        u, lo = p.upper, p.lower
        change = ""
        if p.attribute_changed and u and lo:
            change = f"{u.attribute or '—'} → {lo.attribute or '—'}"
        rows.append(
            [
                (u or lo).category if (u or lo) else "",
                u.name if u else "",
                (u.unit or "") if u else "",
                _target(u),
                (u.attribute or "") if u else "",
                lo.name if lo else "",
                (lo.unit or "") if lo else "",
                _target(lo),
                (lo.attribute or "") if lo else "",
                relation_words(p.relation, low),
                change,
                p.reason,
                _span(u.lines) if u else "",
                _span(lo.lines) if lo else "",
            ]
        )
        relation = RELATION_FILL.get(p.relation)
        attribute = "downgraded" if p.downgraded else "changed" if change else None
        row_fill: list[str | None] = [None] * len(headers)
        row_fill[9] = relation
        row_fill[10] = attribute
        row_fill[8] = attribute
        if p.relation in ("lower_looser", "lower_stricter"):
            row_fill[7] = relation
        fills.append(row_fill)
    add_sheet(
        book,
        t("xlsx.sheet.indicators"),
        headers,
        rows,
        fills,
        widths=[14, 28, 6, 14, 8, 28, 6, 14, 8, 12, 14, 26, 9, 9],
    )


def _column_sheet(book: Any, result: DiffResult, low: str, up: str) -> None:
    headers = [
        t("xlsx.col.column", side=up),
        t("xlsx.col.item", side=up),
        t("xlsx.col.column", side=low),
        t("xlsx.col.item", side=low),
        t("xlsx.col.match"),
        t("xlsx.score"),
        t("xlsx.lines", side=up),
        t("xlsx.lines", side=low),
    ]
    rows: list[list[Any]] = []
    fills: list[list[str | None]] = []
    bold: set[int] = set()

    def state(lower: Any, upper: Any) -> tuple[str, str | None]:
        if lower is None:
            return t("xlsx.col.missing", low=low), "missing"
        if upper is None:
            return t("xlsx.col.extra", low=low), "extra"
        return t("xlsx.col.matched"), None

    for p in result.columns:
        up_title = f"专栏{p.upper.number} {p.upper.title}".strip() if p.upper else ""
        low_title = f"专栏{p.lower.number} {p.lower.title}".strip() if p.lower else ""
        words, fill = state(p.lower, p.upper)
        bold.add(len(rows))
        rows.append(
            [
                up_title, "", low_title, "", words, round(p.score, 2) if p.lower and p.upper else "",
                _span(p.upper.lines) if p.upper else "", _span(p.lower.lines) if p.lower else "",
            ]
        )  # fmt: skip
        fills.append([None, None, None, None, fill, None, None, None])
        for item in p.items:
            words, fill = state(item.lower, item.upper)
            rows.append(
                [
                    "", f"{item.upper.number}. {item.upper.title}" if item.upper else "",
                    "", f"{item.lower.number}. {item.lower.title}" if item.lower else "",
                    words, round(item.score, 2) if item.lower and item.upper else "",
                    _span(item.upper.lines) if item.upper else "",
                    _span(item.lower.lines) if item.lower else "",
                ]
            )  # fmt: skip
            fills.append([None, None, None, None, fill, None, None, None])
    add_sheet(
        book,
        t("xlsx.sheet.columns"),
        headers,
        rows,
        fills,
        widths=[30, 36, 30, 36, 14, 8, 10, 10],
        bold_rows=bold,
    )


def _task_sheet(book: Any, result: DiffResult, low: str, up: str) -> None:
    headers = [
        t("xlsx.task.heading", side=up),
        t("xlsx.lines", side=up),
        t("xlsx.task.heading", side=low),
        t("xlsx.lines", side=low),
        t("xlsx.task.match"),
        t("xlsx.score"),
        t("xlsx.task.lead", side=up),
        t("xlsx.task.lead", side=low),
        t("xlsx.task.lead_change"),
        t("xlsx.task.matched_by"),
    ]
    rows, fills = [], []
    for p in result.tasks:
        lead_change = t("xlsx.yes") if p.lead_changed else ""
        match_fill = {"only_upper": "missing", "only_lower": "extra", "partial": "changed"}.get(
            p.match
        )
        rows.append(
            [
                p.upper.heading if p.upper else "",
                _span(p.upper.lines) if p.upper else "",
                p.lower.heading if p.lower else "",
                _span(p.lower.lines) if p.lower else "",
                t(f"xlsx.task.match_{p.match}", low=low),
                round(p.score, 2) if p.score else "",
                "、".join(p.upper_lead),
                "、".join(p.lower_lead),
                lead_change,
                p.matched_by,
            ]
        )
        row_fill: list[str | None] = [None] * len(headers)
        row_fill[4] = match_fill
        if p.lead_changed:
            row_fill[6] = row_fill[7] = row_fill[8] = "changed"
        fills.append(row_fill)
    add_sheet(
        book,
        t("xlsx.sheet.tasks"),
        headers,
        rows,
        fills,
        widths=[34, 10, 34, 10, 14, 8, 24, 24, 10, 30],
    )


def _basis_sheet(book: Any, result: DiffResult, low: str, up: str) -> None:
    basis = result.basis
    consistent = {True: t("xlsx.yes"), False: t("xlsx.no"), None: t("xlsx.unknown")}
    rows: list[list[Any]] = [
        [t("xlsx.basis.cited", side=low), f"《{c}》"] for c in basis.lower_cites
    ]
    if not basis.lower_cites:
        rows.append([t("xlsx.basis.cited", side=low), t("xlsx.basis.none")])
    rows.append([t("xlsx.basis.upper_title", side=up), basis.upper_title or ""])
    rows.append([t("xlsx.basis.consistent"), consistent[basis.consistent]])
    rows.append([t("xlsx.basis.note"), basis.message])
    fill = "looser" if basis.consistent is False else None
    fills = [[None, None] for _ in rows[:-2]] + [[None, fill], [None, fill]]
    add_sheet(
        book,
        t("xlsx.sheet.basis"),
        [t("xlsx.basis.item"), t("xlsx.basis.content")],
        rows,
        fills,
        widths=[24, 90],
    )


_SEVERITY_FILL = {"error": "looser", "warning": "changed", "info": None}


def _findings_sheet(book: Any, report: CheckReport) -> None:
    headers = [
        t("xlsx.check.file"),
        t("xlsx.check.line"),
        t("xlsx.check.column"),
        t("xlsx.check.severity"),
        t("xlsx.check.rule"),
        t("xlsx.check.rule_summary"),
        t("xlsx.check.message"),
        t("xlsx.check.fix"),
        t("xlsx.check.text"),
    ]
    rows, fills = [], []
    for f in report.findings:
        rows.append(
            [
                f.file,
                f.line or "",
                f.column or "",
                t(f"xlsx.severity.{f.severity}"),
                f.rule,
                RULE_BY_ID[f.rule].summary,
                f.message,
                f.fix,
                f.text,
            ]
        )
        fill = _SEVERITY_FILL[f.severity]
        fills.append([None, None, None, fill, fill, None, None, None, None])
    add_sheet(
        book,
        t("xlsx.sheet.findings"),
        headers,
        rows,
        fills,
        widths=[28, 6, 6, 8, 8, 30, 44, 36, 40],
    )
