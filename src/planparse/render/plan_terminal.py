"""Readable terminal summary of a parsed plan (rich)."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from planparse.model import Plan


def _span(span: tuple[int, int]) -> str:
    return f"L{span[0]}" if span[0] == span[1] else f"L{span[0]}-{span[1]}"


def plan_summary(plan: Plan) -> Group:
    meta = plan.meta
    head = Table.grid(padding=(0, 2))
    head.add_column(style="bold")
    head.add_column()
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
    ):
        if value:
            head.add_row(key, Text(str(value)))
    tree = Tree(Text("outline", style="bold"))
    nodes = {0: tree}
    for heading in plan.headings:
        parent = nodes.get(heading.level - 1, tree)
        label = Text(
            f"{heading.marker}{heading.title} ", style="cyan" if heading.level == 1 else ""
        )
        label.append(_span(heading.lines), style="dim")
        tasks_here = sum(1 for t in plan.tasks if t.section_id == heading.id)
        if tasks_here:
            label.append(f"  {tasks_here} task{'s' if tasks_here > 1 else ''}", style="green")
        nodes[heading.level] = parent.add(label)
        for deeper in [k for k in nodes if k > heading.level]:
            del nodes[deeper]
    counts = Table(title="counts", show_header=False, box=None)
    for key, value in (
        ("headings", len(plan.headings)),
        ("tasks", len(plan.tasks)),
        ("with responsibility", sum(1 for t in plan.tasks if t.responsibility)),
        ("columns (专栏)", len(plan.columns)),
        ("column items", sum(len(c.items) for c in plan.columns if c.kind == "projects")),
        ("indicators", len(plan.indicators)),
        ("dropped", len(plan.dropped)),
        ("warnings", len(plan.warnings)),
    ):
        counts.add_row(key, str(value))
    parts: list = [head, tree, counts]
    if plan.warnings:
        warn = Table(title="warnings", show_header=True, header_style="bold yellow")
        warn.add_column("code")
        warn.add_column("message")
        warn.add_column("lines")
        for w in plan.warnings:
            warn.add_row(w.code, Text(w.message), _span(w.lines) if w.lines else "")
        parts.append(warn)
    return Group(*parts)
