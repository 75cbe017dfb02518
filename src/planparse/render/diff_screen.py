"""What the terminal view of a diff shows, as plain data: the warnings, the summary box, the
highlights and the three tables (indicators, 专栏, tasks), each cell a string with a style.

Two writers draw it: rich on a terminal (planparse.render.diff_terminal, in colour and fitted
to the window) and planparse.render.diff_text for a pipe or a file (the same lines, without
rich's console). Every string is one line without tabs or control characters, so both
measure it alike.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from planparse.compare.diff import DiffResult
from planparse.i18n import t
from planparse.render.cells import flat, line_span
from planparse.render.diff_words import (
    RELATION_WORDS,
    attribute_text,
    explain_text,
    indicator_names,
    is_difference,
    lead_text,
    side_names,
    target_text,
    task_sides,
)

RELATION_STYLE = {
    "same": "green",
    "lower_stricter": "cyan",
    "lower_looser": "bold red",
    "incomparable": "yellow",
    "only_lower": "magenta",
    "only_upper": "bold magenta",
}

Cell = tuple[str, str]  # (text, rich style)


@dataclass
class Column:
    header: str
    max_width: int
    fold: bool = True  # long words folded over lines; else cut with an ellipsis (rich's default)


@dataclass
class Table:
    title: str
    columns: list[Column]
    rows: list[list[Cell]] = field(default_factory=list)


@dataclass
class DiffScreen:
    warnings: list[str]
    summary_title: str
    summary: list[list[Cell]]  # lines of styled pieces
    highlights_title: str
    highlights: list[str]
    tables: list[Table]


def _line(text: str) -> list[Cell]:
    """A summary line of one unstyled piece."""
    return [(flat(text), "")]


def diff_screen(
    result: DiffResult, *, explain: bool = False, only_differences: bool = False
) -> DiffScreen:
    low, up = side_names(result)
    s = result.summary
    ind, tasks, cols = s["indicators"], s["tasks"], s["columns"]
    summary = [
        [
            (flat(low), "bold"),
            (flat(f" ({result.lower.file})  {t('diff.term.vs')}  "), ""),
            (flat(up), "bold"),
            (flat(f" ({result.upper.file})"), ""),
        ],
        _line(
            t(
                "diff.term.indicators",
                same=ind.get("same", 0),
                stricter=ind.get("lower_stricter", 0),
                looser=ind.get("lower_looser", 0),
                incomparable=ind.get("incomparable", 0),
                missing=ind.get("only_upper", 0),
                extra=ind.get("only_lower", 0),
                changed=ind.get("attribute_changed", 0),
                low=low,
            )
        ),
        _line(
            t(
                "diff.term.tasks",
                full=tasks.get("full", 0),
                partial=tasks.get("partial", 0),
                missing=tasks.get("only_upper", 0),
                extra=tasks.get("only_lower", 0),
                lead=tasks.get("lead_changed", 0),
                low=low,
                up=up,
            )
        ),
        _line(
            t(
                "diff.term.columns",
                matched=cols["matched"],
                missing=cols["only_upper"],
                extra=cols["only_lower"],
                items_missing=cols["items_only_upper"],
                items_extra=cols["items_only_lower"],
                low=low,
            )
        ),
    ]
    return DiffScreen(
        warnings=[
            flat(t("diff.term.warning", code=w.code, message=w.message)) for w in result.warnings
        ],
        summary_title=flat(t("diff.term.summary")),
        summary=summary,
        highlights_title=flat(t("diff.term.highlights")),
        highlights=[flat("• " + line) for line in s["highlights"]],
        tables=[
            _indicators(result, low, up, explain, only_differences),
            _columns(result, low, up, only_differences),
            _tasks(result, low, up, explain, only_differences),
        ],
    )


def _indicators(result: DiffResult, low: str, up: str, explain: bool, only: bool) -> Table:
    columns = [
        Column(t("diff.term.indicator_name", up=up, low=low), 34),
        Column(t("xlsx.ind.target", side=up), 14),
        Column(t("xlsx.ind.target", side=low), 14),
        Column(t("xlsx.ind.relation"), 14, fold=False),
        Column(t("diff.term.attribute"), 16),
    ]
    if explain:
        columns.append(Column(t("xlsx.ind.reason"), 24))
    table = Table(flat(t("diff.term.indicators_title")), columns)
    for p in result.indicators:
        if only and not is_difference(p):
            continue
        row = [
            (indicator_names(p, low, up), ""),
            (target_text(p.upper), ""),
            (target_text(p.lower), ""),
            (RELATION_WORDS[p.relation].format(low=low, up=up), RELATION_STYLE[p.relation]),
            (attribute_text(p), "bold red" if p.downgraded else ""),
        ]
        if explain:
            row.append((f"{p.reason} (score {p.score:.2f})", ""))
        table.rows.append([(flat(text), style) for text, style in row])
    return table


def _columns(result: DiffResult, low: str, up: str, only: bool) -> Table:
    table = Table(
        flat(t("diff.term.columns_title")),
        [Column(up, 34), Column(low, 34), Column(t("diff.term.items"), 26)],
    )
    for p in result.columns:
        if only and not is_difference(p):
            continue
        missing = sum(1 for i in p.items if i.lower is None)
        extra = sum(1 for i in p.items if i.upper is None)
        matched = sum(1 for i in p.items if i.lower and i.upper)
        items = (
            t("diff.term.items_matched", count=matched)
            + (t("diff.term.items_missing", count=missing) if missing else "")
            + (t("diff.term.items_extra", count=extra, low=low) if extra else "")
        )
        row = [
            (f"专栏{p.upper.number} {p.upper.title}" if p.upper else "—", ""),
            (
                f"专栏{p.lower.number} {p.lower.title}" if p.lower else "—",
                "magenta" if p.upper is None else "",
            ),
            (items if p.lower and p.upper else "", ""),
        ]
        table.rows.append([(flat(text), style) for text, style in row])
    return table


def _tasks(result: DiffResult, low: str, up: str, explain: bool, only: bool) -> Table:
    table = Table(
        flat(t("diff.term.tasks_title")),
        [
            Column(t("xlsx.task.heading", side=up), 30),
            Column(t("xlsx.task.heading", side=low), 30),
            Column(t("xlsx.task.match"), 9, fold=False),
            Column(t("diff.term.lead", up=up, low=low), 24),
        ],
    )
    for p in result.tasks:
        if only and not is_difference(p):
            continue
        match = t(f"xlsx.task.match_{p.match}", low=low) if p.match in ("full", "partial") else "—"
        style = {"only_upper": "bold magenta", "only_lower": "magenta", "partial": "yellow"}.get(
            p.match, ""
        )
        up_text, low_text = task_sides(p, lambda task: f"{task.heading} {line_span(task.lines)}")
        row = [
            (up_text, ""),
            (low_text, ""),
            (f"{match} {p.score:.2f}" if p.score else match, style),
            (lead_text(p), "bold red" if p.lead_changed else ""),
        ]
        table.rows.append([(flat(text), style) for text, style in row])
        if explain:
            table.rows.append([("", ""), (flat(explain_text(p)), "dim"), ("", ""), ("", "")])
    return table
