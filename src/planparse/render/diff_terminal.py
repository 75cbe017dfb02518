"""Terminal rendering of a plan diff: summary first, then indicators, columns, tasks."""

from __future__ import annotations

from rich.console import Console
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from planparse.compare.diff import DiffResult
from planparse.i18n import t
from planparse.render.diff_words import (
    RELATION_WORDS,
    attribute_text,
    explain_text,
    indicator_names,
    is_difference,
    lead_text,
    side_names,
    target_text,
)

RELATION_STYLE = {
    "same": "green",
    "lower_stricter": "cyan",
    "lower_looser": "bold red",
    "incomparable": "yellow",
    "only_lower": "magenta",
    "only_upper": "bold magenta",
}


def _span(lines: tuple[int, int] | list[int] | None) -> str:
    if not lines:
        return ""
    return f"L{lines[0]}" if lines[0] == lines[1] else f"L{lines[0]}-{lines[1]}"


def print_diff(
    result: DiffResult, console: Console, *, explain: bool = False, only_differences: bool = False
) -> None:
    low, up = side_names(result)
    s = result.summary
    head = Text()
    head.append(f"{low}", style="bold")
    head.append(f" ({result.lower.file})  {t('diff.term.vs')}  ")
    head.append(f"{up}", style="bold")
    head.append(f" ({result.upper.file})\n")
    ind, tasks, cols = s["indicators"], s["tasks"], s["columns"]
    head.append(
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
        + "\n"
    )
    head.append(
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
        + "\n"
    )
    head.append(
        t(
            "diff.term.columns",
            matched=cols["matched"],
            missing=cols["only_upper"],
            extra=cols["only_lower"],
            items_missing=cols["items_only_upper"],
            items_extra=cols["items_only_lower"],
            low=low,
        )
    )
    for warning in result.warnings:
        console.print(
            Text(
                t("diff.term.warning", code=warning.code, message=warning.message),
                style="bold yellow",
            )
        )
    console.print(Panel(head, title=t("diff.term.summary"), expand=False))
    if s["highlights"]:
        console.print(Text(t("diff.term.highlights"), style="bold underline"))
        for line in s["highlights"]:
            console.print(Text("• " + line))
        console.print()
    _indicators(result, console, low, up, explain, only_differences)
    _columns(result, console, low, up, only_differences)
    _tasks(result, console, low, up, explain, only_differences)


def _indicators(
    result: DiffResult, console: Console, low: str, up: str, explain: bool, only: bool
) -> None:
    table = Table(title=t("diff.term.indicators_title"), show_lines=False, expand=False)
    table.add_column(t("diff.term.indicator_name", up=up, low=low), overflow="fold", max_width=34)
    table.add_column(t("xlsx.ind.target", side=up), max_width=14, overflow="fold")
    table.add_column(t("xlsx.ind.target", side=low), max_width=14, overflow="fold")
    table.add_column(t("xlsx.ind.relation"), max_width=14)
    table.add_column(t("diff.term.attribute"), max_width=16, overflow="fold")
    if explain:
        table.add_column(t("xlsx.ind.reason"), max_width=24, overflow="fold")
    for p in result.indicators:
        if only and not is_difference(p):
            continue
        attr = attribute_text(p)
        row = [
            Text(indicator_names(p, low, up)),
            Text(target_text(p.upper)),
            Text(target_text(p.lower)),
            Text(
                RELATION_WORDS[p.relation].format(low=low, up=up), style=RELATION_STYLE[p.relation]
            ),
            Text(attr, style="bold red" if p.downgraded else ""),
        ]
        if explain:
            row.append(Text(f"{p.reason} (score {p.score:.2f})"))
        table.add_row(*row)
    console.print(table)


def _columns(result: DiffResult, console: Console, low: str, up: str, only: bool) -> None:
    table = Table(title=t("diff.term.columns_title"), expand=False)
    table.add_column(f"{up}", max_width=34, overflow="fold")
    table.add_column(f"{low}", max_width=34, overflow="fold")
    table.add_column(t("diff.term.items"), max_width=26, overflow="fold")
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
        table.add_row(
            Text(f"专栏{p.upper.number} {p.upper.title}" if p.upper else "—"),
            Text(
                f"专栏{p.lower.number} {p.lower.title}" if p.lower else "—",
                style="magenta" if p.upper is None else "",
            ),
            Text(items if p.lower and p.upper else ""),
        )
    console.print(table)


def _tasks(
    result: DiffResult, console: Console, low: str, up: str, explain: bool, only: bool
) -> None:
    table = Table(title=t("diff.term.tasks_title"), expand=False)
    table.add_column(t("xlsx.task.heading", side=up), max_width=30, overflow="fold")
    table.add_column(t("xlsx.task.heading", side=low), max_width=30, overflow="fold")
    table.add_column(t("xlsx.task.match"), max_width=9)
    table.add_column(t("diff.term.lead", up=up, low=low), max_width=24, overflow="fold")
    for p in result.tasks:
        if only and not is_difference(p):
            continue
        lead = lead_text(p)
        match = t(f"xlsx.task.match_{p.match}", low=low) if p.match in ("full", "partial") else "—"
        style = {"only_upper": "bold magenta", "only_lower": "magenta", "partial": "yellow"}.get(
            p.match, ""
        )
        up_text = f"{p.upper.heading} {_span(p.upper.lines)}" if p.upper else "—"
        low_text = f"{p.lower.heading} {_span(p.lower.lines)}" if p.lower else "—"
        if p.match == "partial" and len(p.covering) > 1:
            covering = "、".join(f"{t.heading} {_span(t.lines)}" for t, _n in p.covering)
            if p.covering[0][0] is p.lower:
                low_text = covering
            else:
                up_text = covering
        cell = Text(f"{match} {p.score:.2f}" if p.score else match, style=style)
        table.add_row(
            Text(up_text),
            Text(low_text),
            cell,
            Text(lead, style="bold red" if p.lead_changed else ""),
        )
        if explain:
            table.add_row(Text(""), Text(explain_text(p), style="dim"), Text(""), Text(""))
    console.print(table)
