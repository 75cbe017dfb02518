"""Terminal rendering of a plan diff: summary first, then indicators, columns, tasks."""

from __future__ import annotations

from rich.console import Console
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from planparse.compare.diff import DiffResult
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
    head.append(f" ({result.lower.file})  vs  ")
    head.append(f"{up}", style="bold")
    head.append(f" ({result.upper.file})\n")
    ind, tasks, cols = s["indicators"], s["tasks"], s["columns"]
    head.append(
        f"indicators: {ind.get('same', 0)} same, {ind.get('lower_stricter', 0)} stricter, "
        f"{ind.get('lower_looser', 0)} looser, {ind.get('incomparable', 0)} incomparable, "
        f"{ind.get('only_upper', 0)} missing, {ind.get('only_lower', 0)} {low}-only, "
        f"{ind.get('attribute_changed', 0)} attribute changes\n"
    )
    head.append(
        f"tasks: {tasks.get('full', 0)} full, {tasks.get('partial', 0)} partial, "
        f"{tasks.get('only_upper', 0)} {up} tasks without counterpart, "
        f"{tasks.get('only_lower', 0)} {low}-only, {tasks.get('lead_changed', 0)} lead changes\n"
    )
    head.append(
        f"专栏: {cols['matched']} matched, {cols['only_upper']} missing, {cols['only_lower']} {low}-only; "
        f"items: {cols['items_only_upper']} missing, {cols['items_only_lower']} {low}-only"
    )
    for warning in result.warnings:
        console.print(Text(f"warning [{warning.code}]: {warning.message}", style="bold yellow"))
    console.print(Panel(head, title="summary", expand=False))
    if s["highlights"]:
        console.print(Text("Most important differences", style="bold underline"))
        for line in s["highlights"]:
            console.print(Text("• " + line))
        console.print()
    _indicators(result, console, low, up, explain, only_differences)
    _columns(result, console, low, up, only_differences)
    _tasks(result, console, low, up, explain, only_differences)


def _indicators(
    result: DiffResult, console: Console, low: str, up: str, explain: bool, only: bool
) -> None:
    table = Table(title="指标 indicators", show_lines=False, expand=False)
    table.add_column(f"{up} indicator (/ {low}'s name)", overflow="fold", max_width=34)
    table.add_column(f"{up} target", max_width=14, overflow="fold")
    table.add_column(f"{low} target", max_width=14, overflow="fold")
    table.add_column("relation", max_width=14)
    table.add_column("attribute", max_width=16, overflow="fold")
    if explain:
        table.add_column("why", max_width=24, overflow="fold")
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
    table = Table(title="专栏 columns", expand=False)
    table.add_column(f"{up}", max_width=34, overflow="fold")
    table.add_column(f"{low}", max_width=34, overflow="fold")
    table.add_column("items", max_width=26, overflow="fold")
    for p in result.columns:
        if only and not is_difference(p):
            continue
        missing = sum(1 for i in p.items if i.lower is None)
        extra = sum(1 for i in p.items if i.upper is None)
        matched = sum(1 for i in p.items if i.lower and i.upper)
        items = (
            f"{matched} matched"
            + (f", {missing} missing" if missing else "")
            + (f", {extra} {low}-only" if extra else "")
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
    table = Table(title="任务 tasks", expand=False)
    table.add_column(f"{up} task", max_width=30, overflow="fold")
    table.add_column(f"{low} task", max_width=30, overflow="fold")
    table.add_column("match", max_width=9)
    table.add_column(f"lead ({up} → {low} when changed)", max_width=24, overflow="fold")
    for p in result.tasks:
        if only and not is_difference(p):
            continue
        lead = lead_text(p)
        match = p.match if p.match in ("full", "partial") else "—"
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
