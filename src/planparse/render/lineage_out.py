"""The lineage view (层级传导) as Markdown (also the terminal's text) and as an HTML table."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from planparse.compare.lineage import Cell, LevelPlan, Lineage

LEVEL_WORDS = {
    "national": "国家",
    "province": "省级",
    "city": "市级",
    "county": "县级",
    "township": "乡镇",
    None: "?",
}
RELATION_WORDS = {
    "top": "source (最高层级)",
    "same": "same (一致)",
    "tightened": "tightened (收紧)",
    "loosened": "loosened (放宽)",
    "incomparable": "incomparable (不可比)",
    "downgraded": "downgraded (约束性→预期性)",
    "added": "added here (本级新增)",
    "carried": "carried on (承接)",
    "dropped": "dropped (本级缺失)",
    "absent": "—",
}


def level_name(lp: LevelPlan) -> str:
    return f"{LEVEL_WORDS.get(lp.level, lp.level)} {lp.place or lp.file}"


def _cell_text(cell: Cell, indicator: bool) -> str:
    if cell.relation in ("absent", "dropped"):
        return RELATION_WORDS[cell.relation]
    # a unit belongs after a number, not after a target in words (与全市…增长同步)
    numeric = any(ch.isdigit() for ch in cell.target)
    unit = cell.unit if numeric and cell.unit and cell.unit not in cell.target else ""
    value = cell.target + unit
    bits = [value] if indicator else [cell.name]
    if cell.attribute:
        bits.append(cell.attribute)
    bits.append(RELATION_WORDS.get(cell.relation, cell.relation))
    if cell.lines:
        bits.append(f"L{cell.lines[0]}")
    return " · ".join(b for b in bits if b)


def lineage_markdown(lineage: Lineage, *, only_differences: bool = False) -> str:
    """A chain per indicator (top level first) and a table of where upper tasks stop."""
    chain = lineage.chain
    out = ["# Lineage 层级传导", ""]
    out += [
        f"- {level_name(lp)}: {lp.title or lp.file}"
        + (
            ""
            if not lp.basis
            else f" ({'stated basis' if lp.basis == 'stated' else 'not in the stated basis'})"
        )
        for lp in reversed(chain)
    ]
    for w in lineage.warnings:
        out.append(f"- warning `{w['code']}` ({w['lower']} / {w['upper']}): {w['message']}")
    out += [f"- note: {n}" for n in lineage.notes]
    out += ["", "## Indicators 指标", ""]
    for row in lineage.indicators:
        if only_differences and all(c.relation in ("same", "top", "absent") for c in row.cells):
            continue
        out.append(f"### {row.name}")
        for lp, cell in zip(reversed(chain), reversed(row.cells), strict=True):
            out.append(f"- {level_name(lp)}: {_cell_text(cell, True)}")
        out.append("")
    out += [
        "## Tasks 任务",
        "",
        "| task | " + " | ".join(level_name(lp) for lp in reversed(chain)) + " |",
    ]
    out.append("|---" * (len(chain) + 1) + "|")
    for row in lineage.tasks:
        if only_differences and not any(c.relation in ("dropped", "absent") for c in row.cells):
            continue
        cells = [RELATION_WORDS.get(c.relation, c.relation) for c in reversed(row.cells)]
        out.append(f"| {row.name} | " + " | ".join(cells) + " |")
    return "\n".join(out) + "\n"


def lineage_html(lineage: Lineage) -> str:
    from planparse.render.html_parts import render

    chain = list(reversed(lineage.chain))
    return render(
        "lineage.html.j2",
        title="层级传导 Lineage: " + " → ".join(level_name(lp) for lp in chain),
        chain=chain,
        levels=[level_name(lp) for lp in chain],
        lineage=lineage,
        words=RELATION_WORDS,
        cell_text=_cell_text,
        rows=lambda rows: [(row, list(reversed(row.cells))) for row in rows],
    )


# the fill of a cell in the workbook (planparse.dataset.xlsx FILLS names), by relation
XLSX_FILL = {
    "tightened": "stricter",
    "loosened": "looser",
    "downgraded": "downgraded",
    "dropped": "missing",
    "incomparable": "incomparable",
    "added": "extra",
}


def write_lineage_xlsx(lineage: Lineage, path: str | Path) -> None:
    """Two sheets, 指标传导 and 任务传导: a row per indicator or task, a column per level from
    the top down, each cell coloured by its relation to the level above (as the HTML)."""
    from planparse.dataset.xlsx import add_sheet, workbook

    chain = list(reversed(lineage.chain))
    headers = [level_name(lp) for lp in chain]
    book = workbook()
    for title, first, rows, indicator in (
        ("指标传导 indicators", "指标 indicator", lineage.indicators, True),
        ("任务传导 tasks", "任务 task", lineage.tasks, False),
    ):
        cells = [list(reversed(row.cells)) for row in rows]
        add_sheet(
            book,
            title,
            [first, *headers],
            [
                [row.name, *(_cell_text(c, indicator) for c in row_cells)]
                for row, row_cells in zip(rows, cells, strict=True)
            ],
            fills=[[None, *(XLSX_FILL.get(c.relation) for c in row_cells)] for row_cells in cells],
        )
    book.save(str(path))


def lineage_summary(lineage: Lineage) -> dict[str, Any]:
    counts: dict[str, int] = {}
    for row in lineage.indicators:
        for cell in row.cells:
            counts[cell.relation] = counts.get(cell.relation, 0) + 1
    return counts
