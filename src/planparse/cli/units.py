"""The `planparse units` report: every unit named in some plans, normalised."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable

from planparse.model import Plan
from planparse.units.normalize import UnitRow, units_report


def units_rows(plans: Iterable[Plan]) -> list[UnitRow]:
    entries = [
        (plan.meta.file, unit.name, unit.role)
        for plan in plans
        for task in plan.tasks
        if task.responsibility
        for unit in task.responsibility.units
    ]
    return units_report(entries)


_FIELDS = (
    "name",
    "id",
    "canonical",
    "level",
    "match",
    "score",
    "era",
    "lead",
    "participating",
    "responsible",
    "files",
)


def write_units(rows: list[UnitRow], fmt: str) -> str:
    records = [{k: getattr(r, k) for k in _FIELDS} for r in rows]
    if fmt == "json":
        return json.dumps(records, ensure_ascii=False, indent=2)
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=_FIELDS)
        writer.writeheader()
        for record in records:
            writer.writerow({**record, "files": ";".join(record["files"])})
        return buffer.getvalue()
    return _table(rows)


def _table(rows: list[UnitRow]) -> str:
    if not rows:
        return "no units to list"
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{len(rows)} units")
    for column in ("name", "id", "level", "match", "lead", "part.", "resp."):
        table.add_column(column)
    for r in rows:
        style = "red" if r.match == "unknown" else None
        table.add_row(
            r.name,
            f"{r.id} ({r.era})" if r.id and r.era else r.id or "—",
            r.level or "",
            r.match,
            str(r.lead),
            str(r.participating),
            str(r.responsible),
            style=style,
        )
    console = Console(width=100, record=True, file=io.StringIO())
    console.print(table)
    return console.export_text()
