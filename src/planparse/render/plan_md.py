"""Markdown rendering of a parsed plan: outline, tasks with their units, columns, indicators."""

from __future__ import annotations

from planparse.model import Plan
from planparse.parse.period import target_label


def _cell(text: str | None) -> str:
    return (text or "").replace("|", "\\|").replace("\n", " ")


def _lines(span: tuple[int, int] | list[int]) -> str:
    first, last = span
    return f"L{first}" if first == last else f"L{first}–{last}"


def plan_markdown(plan: Plan) -> str:
    meta = plan.meta
    out: list[str] = [f"# {meta.title or '(untitled plan)'}", ""]
    facts = [
        ("Issuer", meta.issuer),
        ("Document number", meta.doc_number),
        ("Date", meta.date),
        ("Place", meta.place),
        ("Level", meta.level),
        ("Draft", "yes" if meta.draft else None),
        ("Source", f"{meta.file} ({meta.format}, {meta.encoding})"),
    ]
    out += [f"- **{k}**: {_cell(v)}" for k, v in facts if v]
    if meta.basis:
        out.append("- **Basis**: " + "; ".join(f"《{t}》" for t in meta.basis))
    out += ["", "## Outline", ""]
    for heading in plan.headings:
        indent = "  " * (heading.level - 1)
        out.append(f"{indent}- {heading.marker} {heading.title} ({_lines(heading.lines)})")
    out += [
        "",
        "## Tasks",
        "",
        "| id | task | lead | participating / responsible | lines |",
        "|---|---|---|---|---|",
    ]
    for task in plan.tasks:
        resp = task.responsibility
        lead = "、".join(resp.lead) if resp else ""
        others = "、".join((resp.participating + resp.responsible) if resp else [])
        out.append(
            f"| {task.id} | {_cell(task.heading)} | {_cell(lead)} | {_cell(others)} "
            f"| {_lines(task.lines)} |"
        )
    if plan.indicators:
        out += [
            "",
            "## Indicators",
            "",
            f"| # | category | indicator | unit | {target_label(plan)} | attribute |",
            "|---|---|---|---|---|---|",
        ]
        for ind in plan.indicators:
            out.append(
                f"| {ind.number} | {_cell(ind.category)} | {_cell(ind.name)} | {_cell(ind.unit)} "
                f"| {_cell(ind.target.raw)} | {_cell(ind.attribute)} |"
            )
    out += ["", "## Columns (专栏)", ""]
    for column in plan.columns:
        out.append(
            f"### 专栏{column.number} {column.title} ({column.kind}, {_lines(column.lines)})"
        )
        out.append("")
        out += [
            f"{item.number}. **{_cell(item.title)}** ({_lines(item.lines)})"
            for item in column.items
        ]
        out.append("")
    if plan.warnings:
        out += ["## Warnings", ""]
        out += [
            f"- `{w.code}` {w.message}" + (f" ({_lines(w.lines)})" if w.lines else "")
            for w in plan.warnings
        ]
    if plan.dropped:
        out += ["", "## Dropped text", ""]
        out += [f"- {_lines(d.lines)} {d.reason}: `{_cell(d.text)}`" for d in plan.dropped]
    return "\n".join(out).rstrip() + "\n"
