"""Terminal rendering of a plan diff with rich: summary first, then indicators, columns,
tasks (what is shown: planparse.render.diff_screen)."""

from __future__ import annotations

from typing import Any

from planparse.compare.diff import DiffResult
from planparse.render.diff_screen import diff_screen


def print_diff(
    result: DiffResult, console: Any, *, explain: bool = False, only_differences: bool = False
) -> None:
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    screen = diff_screen(result, explain=explain, only_differences=only_differences)
    for warning in screen.warnings:
        console.print(Text(warning, style="bold yellow"))
    head = Text()
    for k, line in enumerate(screen.summary):
        for text, style in line:
            head.append(text, style=style or None)
        if k < len(screen.summary) - 1:
            head.append("\n")
    console.print(Panel(head, title=Text(screen.summary_title), expand=False))
    if screen.highlights:
        console.print(Text(screen.highlights_title, style="bold underline"))
        for line in screen.highlights:
            console.print(Text(line))
        console.print()
    for data in screen.tables:
        table = Table(title=Text(data.title, style="italic"), expand=False)
        for column in data.columns:
            table.add_column(
                Text(column.header, style="bold"),
                max_width=column.max_width,
                overflow="fold" if column.fold else "ellipsis",
            )
        for row in data.rows:
            table.add_row(*(Text(text, style=style or "") for text, style in row))
        console.print(table)
