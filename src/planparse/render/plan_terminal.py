"""Readable terminal summary of a parsed plan: what it shows (`summary_rows`, plain data) and
how rich draws it on a terminal (`plan_summary`). planparse.render.plan_text writes the same
summary for a pipe or a file without rich's console."""

from __future__ import annotations

from dataclasses import dataclass, field

from planparse.model import Plan
from planparse.render.cells import flat, line_span

TYPE_CHECKING = False  # typing is not imported at run time: start-up (see cli/launch)
if TYPE_CHECKING:
    from typing import Any


@dataclass
class OutlineNode:
    """One heading of the outline: its printed title, its lines, how many tasks it holds."""

    title: str
    span: str
    tasks: int
    top: bool  # a level-1 heading (drawn in colour)
    children: list[OutlineNode] = field(default_factory=list)

    @property
    def label(self) -> str:
        return self.title + self.span + self.tasks_note

    @property
    def tasks_note(self) -> str:
        return f"  {self.tasks} task{'s' if self.tasks > 1 else ''}" if self.tasks else ""


@dataclass
class SummaryRows:
    """Everything the summary shows, as strings."""

    head: list[tuple[str, str]]
    outline: list[OutlineNode]
    counts: list[tuple[str, str]]
    warnings: list[list[str]]


def summary_rows(plan: Plan) -> SummaryRows:
    meta = plan.meta
    head = [
        (key, flat(str(value)))
        for key, value in (
            ("title", meta.title or "(none found)"),
            ("issuer", meta.issuer),
            ("number", meta.doc_number),
            ("date", meta.date),
            ("place", meta.place),
            ("level", meta.level),
            ("draft", "yes" if meta.draft else "no"),
            ("basis", "；".join(f"《{t}》" for t in meta.basis) or None),
            ("source", f"{meta.file} ({meta.format}, {meta.encoding})"),
        )
        if value
    ]
    roots: list[OutlineNode] = []
    # the latest node at each heading level; a heading hangs under the latest one a level up,
    # or at the top when there is none (a level skipped)
    latest: dict[int, OutlineNode] = {}
    for heading in plan.headings:
        node = OutlineNode(
            flat(f"{heading.marker}{heading.title} "),
            line_span(heading.lines),
            sum(1 for t in plan.tasks if t.section_id == heading.id),
            heading.level == 1,
        )
        parent = latest.get(heading.level - 1)
        (parent.children if parent is not None else roots).append(node)
        latest[heading.level] = node
        for deeper in [k for k in latest if k > heading.level]:
            del latest[deeper]
    counts = [
        (key, str(value))
        for key, value in (
            ("headings", len(plan.headings)),
            ("tasks", len(plan.tasks)),
            ("with responsibility", sum(1 for t in plan.tasks if t.responsibility)),
            ("columns (专栏)", len(plan.columns)),
            ("column items", sum(len(c.items) for c in plan.columns if c.kind == "projects")),
            ("indicators", len(plan.indicators)),
            ("dropped", len(plan.dropped)),
            ("warnings", len(plan.warnings)),
        )
    ]
    warnings = [[flat(w.code), flat(w.message), line_span(w.lines)] for w in plan.warnings]
    return SummaryRows(head, roots, counts, warnings)


def plan_summary(plan: Plan) -> Any:
    """A rich renderable (a Group of tables and the outline tree)."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text
    from rich.tree import Tree

    rows = summary_rows(plan)
    head = Table.grid(padding=(0, 2))
    head.add_column(style="bold")
    head.add_column()
    for key, value in rows.head:
        head.add_row(key, Text(value))
    tree = Tree(Text("outline", style="bold"))

    def grow(branch: Any, nodes: list[OutlineNode]) -> None:
        for node in nodes:
            label = Text(node.title, style="cyan" if node.top else "")
            label.append(node.span, style="dim")
            if node.tasks:
                label.append(node.tasks_note, style="green")
            grow(branch.add(label), node.children)

    grow(tree, rows.outline)
    counts = Table(title="counts", show_header=False, box=None)
    for key, value in rows.counts:
        counts.add_row(key, value)
    parts: list[Any] = [head, tree, counts]
    if rows.warnings:
        warn = Table(title="warnings", show_header=True, header_style="bold yellow")
        warn.add_column("code")
        warn.add_column("message")
        warn.add_column("lines")
        for code, message, lines in rows.warnings:
            warn.add_row(Text(code), Text(message), lines)
        parts.append(warn)
    return Group(*parts)
