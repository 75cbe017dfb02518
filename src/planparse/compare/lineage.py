"""Follow targets and tasks down the levels (指标与任务的层级传导): one lower plan against several
upper plans (its city's, its province's, the national plan of the same field).

The plans are ordered from the lower plan up by their level (county < city < province <
national, from the metadata, else from the place's suffix); plans of one level keep the order
given. Every pair of plans in that chain is aligned with `diff_plans`, and the pairs are joined
into rows: an indicator row holds, per level, the indicator that plan has (or none), so a
target dropped at one level and picked up again below still forms one row (the pair across the
gap links it). Each cell is compared with the nearest level above it that has the indicator:
`same`, `tightened`, `loosened`, `incomparable`, `downgraded` (约束性 → 预期性) or `added`
(no level above has it), and a level between two that have it is `dropped`. A task row says
which levels carry an upper task on and where it stops.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from planparse.compare.diff import DiffOptions, DiffResult, diff_plans
from planparse.compare.jurisdiction import level_of
from planparse.model import Indicator, Plan, Task

# Meta.level words, lowest first; a plan whose level is unknown sits just above the lower plan.
LEVEL_ORDER = ("township", "county", "city", "province", "national")
_RANK_TO_LEVEL = {0: "national", 1: "province", 2: "city", 3: "county", 4: "township"}

RELATION_OF_DIFF = {
    "same": "same",
    "lower_stricter": "tightened",
    "lower_looser": "loosened",
    "incomparable": "incomparable",
}


@dataclass
class LevelPlan:
    plan: Plan
    level: str | None
    place: str | None
    title: str | None
    file: str
    basis: str  # "stated" (the lower plan cites it), "not-stated", "" for the lower plan itself


@dataclass
class Cell:
    """One level's part of a row: what this plan has, and how it relates to the level above."""

    relation: (
        str  # same | tightened | loosened | incomparable | downgraded | added | dropped | absent
    )
    name: str = ""
    target: str = ""
    unit: str = ""
    attribute: str = ""
    lines: list[int] = field(default_factory=list)
    reason: str = ""


@dataclass
class Row:
    key: str
    name: str  # the name at the highest level that has it
    cells: list[Cell]  # one per plan of the chain, lowest first


@dataclass
class Lineage:
    chain: list[LevelPlan]  # lowest first: the lower plan, then its upper plans
    indicators: list[Row]
    tasks: list[Row]
    pairs: list[DiffResult]  # every pair aligned (lower index first)
    warnings: list[dict[str, str]]
    notes: list[str]

    def to_dict(self) -> dict[str, Any]:
        """The JSON document described by schemas/lineage.schema.json."""
        return {
            "schema_version": "1.0",
            "chain": [
                {
                    "level": lp.level,
                    "place": lp.place,
                    "title": lp.title,
                    "file": lp.file,
                    "basis": lp.basis,
                }
                for lp in self.chain
            ],
            "indicators": [_row_dict(r) for r in self.indicators],
            "tasks": [_row_dict(r) for r in self.tasks],
            "warnings": self.warnings,
            "notes": self.notes,
        }


def _row_dict(row: Row) -> dict[str, Any]:
    return {"key": row.key, "name": row.name, "cells": [c.__dict__ for c in row.cells]}


def plan_level(plan: Plan) -> str | None:
    if plan.meta.level in LEVEL_ORDER:
        return plan.meta.level
    found = level_of(plan.meta.place)
    return _RANK_TO_LEVEL.get(found.rank) if found else None


def order_chain(lower: Plan, uppers: list[Plan]) -> list[LevelPlan]:
    """The lower plan, then the upper plans from the nearest level up (stable for ties)."""

    def rank(plan: Plan) -> int:
        level = plan_level(plan)
        return LEVEL_ORDER.index(level) if level else LEVEL_ORDER.index("county")

    cited = [_norm(b) for b in lower.meta.basis]
    chain = [_level_plan(lower, "")]
    for plan in sorted(uppers, key=rank):
        title = _norm(plan.meta.title or "")
        stated = bool(title) and any(title in c or c in title for c in cited if c)
        chain.append(_level_plan(plan, "stated" if stated else "not-stated"))
    return chain


def _level_plan(plan: Plan, basis: str) -> LevelPlan:
    return LevelPlan(
        plan, plan_level(plan), plan.meta.place, plan.meta.title, plan.meta.file, basis
    )


def _norm(text: str) -> str:
    return "".join(ch for ch in text if ch not in "《》〈〉“”\"' （）()")


def build_lineage(lower: Plan, uppers: list[Plan], options: DiffOptions | None = None) -> Lineage:
    """Align every pair of plans in the chain and join the pairs into indicator and task rows."""
    options = options or DiffOptions(text_diff=False)
    chain = order_chain(lower, uppers)
    pairs: dict[tuple[int, int], DiffResult] = {
        (i, j): diff_plans(chain[i].plan, chain[j].plan, options)
        for i, j in combinations(range(len(chain)), 2)
    }
    indicator_rows = _join(
        chain,
        pairs,
        lambda lp: lp.plan.indicators,
        lambda r: [(p.lower, p.upper) for p in r.indicators if p.lower and p.upper],
    )
    task_rows = _join(
        chain,
        pairs,
        lambda lp: lp.plan.tasks,
        lambda r: [(p.lower, p.upper) for p in r.tasks if p.lower and p.upper],
    )
    indicators = [_indicator_row(chain, pairs, row) for row in indicator_rows]
    tasks = [_task_row(chain, row) for row in task_rows]
    warnings = [
        {"code": w.code, "message": w.message, "lower": chain[i].file, "upper": chain[j].file}
        for (i, j), result in pairs.items()
        for w in result.warnings
        if i == 0 or w.code in ("levels-reversed", "same-document")
    ]
    notes = _notes(chain)
    return Lineage(chain, indicators, tasks, list(pairs.values()), warnings, notes)


def _notes(chain: list[LevelPlan]) -> list[str]:
    notes = []
    lower = chain[0]
    for lp in chain[1:]:
        if lp.basis == "not-stated" and lower.plan.meta.basis:
            notes.append(
                f"{lower.place or lower.file} does not name {lp.title or lp.file} among its "
                "basis documents; it is compared all the same"
            )
    levels = [lp.level for lp in chain[1:]]
    for level in {lv for lv in levels if lv and levels.count(lv) > 1}:
        notes.append(f"several upper plans at the {level} level: kept in the order given")
    return notes


Element = Any  # Indicator | Task


def _join(
    chain: list[LevelPlan],
    pairs: dict[tuple[int, int], DiffResult],
    elements: Any,
    matched: Any,
) -> list[list[Element | None]]:
    """Rows of one element per level, joined by the pairs' matches (union-find over all pairs,
    so a gap level does not break a row). Where two elements of one plan fall in one row, the
    row keeps the one matched by the nearer level and the other starts a row of its own."""
    parent: dict[tuple[int, int], tuple[int, int]] = {}
    index = {
        (level, id(el)): (level, n)
        for level, lp in enumerate(chain)
        for n, el in enumerate(elements(lp))
    }

    def find(x: tuple[int, int]) -> tuple[int, int]:
        while parent.get(x, x) != x:
            parent[x] = parent.get(parent[x], parent[x])
            x = parent[x]
        return x

    taken: dict[tuple[int, int], set[int]] = {}  # root -> levels present
    # nearest pairs first, so a row prefers its neighbours' matches
    for (i, j), result in sorted(pairs.items(), key=lambda kv: (kv[0][1] - kv[0][0], kv[0])):
        for low, up in matched(result):
            a, b = index[(i, id(low))], index[(j, id(up))]
            ra, rb = find(a), find(b)
            if ra == rb:
                continue
            la = taken.get(ra, {a[0]})
            lb = taken.get(rb, {b[0]})
            if la & lb:
                continue  # would put two elements of one plan in a row
            parent[rb] = ra
            taken[ra] = la | lb
    rows: dict[tuple[int, int], list[Element | None]] = {}
    for level, lp in enumerate(chain):
        for n, el in enumerate(elements(lp)):
            root = find((level, n))
            row = rows.setdefault(root, [None] * len(chain))
            row[level] = el

    # rows that reach the top first, in the top plan's order; then the rest
    def order(row: list[Element | None]) -> tuple[int, int]:
        top = max(i for i, el in enumerate(row) if el is not None)
        position = elements(chain[top]).index(row[top])
        return (-top, position)

    return sorted(rows.values(), key=order)


def _origin(level: int, row: list[Any], chain_length: int) -> str | None:
    """The relation of a cell that has no level above it holding the element: `top` in the
    highest plan of the chain, `added` where a lower level introduces it."""
    if any(row[k] is not None for k in range(level + 1, len(row))):
        return None
    return "top" if level == chain_length - 1 else "added"


def _missing(level: int, row: list[Any]) -> Cell:
    above = any(row[k] is not None for k in range(level + 1, len(row)))
    below = any(row[k] is not None for k in range(level))
    return Cell("dropped" if above and below else "absent")


def _key(prefix: str, chain: list[LevelPlan], row: list[Any], elements: Any) -> str:
    top = max(i for i, el in enumerate(row) if el is not None)
    return f"{prefix}{top}.{elements(chain[top]).index(row[top]) + 1}"


def _indicator_row(
    chain: list[LevelPlan], pairs: dict[tuple[int, int], DiffResult], row: list[Indicator | None]
) -> Row:
    cells: list[Cell] = []
    for level, ind in enumerate(row):
        if ind is None:
            cells.append(_missing(level, row))
            continue
        cell = Cell(
            "",
            ind.name,
            ind.target.raw,
            ind.unit or ind.target.unit or "",
            ind.attribute or "",
            list(ind.lines),
        )
        origin = _origin(level, row, len(chain))
        if origin:
            cell.relation = origin
        else:
            up = next(k for k in range(level + 1, len(row)) if row[k] is not None)
            pair = next(
                (p for p in pairs[(level, up)].indicators if p.lower is ind and p.upper is row[up]),
                None,
            )
            if pair is None:  # joined through a third plan: this pair's alignment disagreed
                cell.relation, cell.reason = "incomparable", "linked through another level"
            else:
                cell.relation = (
                    "downgraded"
                    if pair.downgraded
                    else RELATION_OF_DIFF.get(pair.relation, "incomparable")
                )
                cell.reason = pair.reason
        cells.append(cell)
    top = max(i for i, el in enumerate(row) if el is not None)
    return Row(_key("i", chain, row, lambda lp: lp.plan.indicators), row[top].name, cells)  # type: ignore[union-attr]


def _task_row(chain: list[LevelPlan], row: list[Task | None]) -> Row:
    cells: list[Cell] = []
    for level, task in enumerate(row):
        if task is None:
            cells.append(_missing(level, row))
            continue
        lead = task.responsibility.lead if task.responsibility else []
        relation = _origin(level, row, len(chain)) or "carried"
        cells.append(Cell(relation, task.heading, "", "", "、".join(lead), list(task.lines)))
    top = max(i for i, el in enumerate(row) if el is not None)
    return Row(_key("t", chain, row, lambda lp: lp.plan.tasks), row[top].heading, cells)  # type: ignore[union-attr]
