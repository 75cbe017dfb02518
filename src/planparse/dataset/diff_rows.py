"""batch-diff rows: a `DiffResult.to_dict()` flattened into one summary row and its pairs.

The columns here are those of the CSV, JSONL and SQLite outputs of `planparse batch-diff`.
"""

from __future__ import annotations

import json
from typing import Any

from planparse.dataset.records import Record

DIFF_COLUMNS = (
    "path",
    "sha256",
    "place",
    "title",
    "upper_path",
    "upper_place",
    "indicators_matched",
    "indicators_same",
    "indicators_lower_stricter",
    "indicators_lower_looser",
    "indicators_incomparable",
    "indicators_only_lower",
    "indicators_only_upper",
    "attribute_changes",
    "attribute_downgrades",
    "columns_matched",
    "columns_only_lower",
    "columns_only_upper",
    "tasks_full",
    "tasks_partial",
    "tasks_only_lower",
    "tasks_only_upper",
    "lead_changed",
    "basis_consistent",
    "warnings",
    "summary",
    "error",
)

INDICATOR_DIFF_COLUMNS = (
    "seq",
    "lower_number",
    "lower_name",
    "upper_number",
    "upper_name",
    "relation",
    "attribute_changed",
    "downgraded",
    "lower_attribute",
    "upper_attribute",
    "lower_target",
    "upper_target",
    "score",
)


def diff_record(result: dict[str, Any], path: str, sha256: str, meta: Any) -> Record:
    """Flatten a `DiffResult.to_dict()` into one summary row and its indicator pairs.

    Counts are taken from the pair lists rather than from `summary`, whose keys are the diff
    module's to choose; `summary` is kept whole as JSON beside them.
    """
    indicators = [_indicator_pair(i, pair) for i, pair in enumerate(result.get("indicators") or [])]
    relations = [p["relation"] for p in indicators]
    tasks = [t.get("match") for t in result.get("tasks") or []]
    columns = result.get("columns") or []
    upper = result.get("upper") or {}
    lower = result.get("lower") or {}
    consistent = (result.get("basis") or {}).get("consistent")
    row: Record = {
        "path": path,
        "sha256": sha256,
        "place": lower.get("place") or getattr(meta, "place", None),
        "title": lower.get("title") or getattr(meta, "title", None),
        "upper_path": upper.get("file"),
        "upper_place": upper.get("place"),
        "indicators_matched": sum(1 for p in indicators if p["lower_name"] and p["upper_name"]),
        "indicators_same": relations.count("same"),
        "indicators_lower_stricter": relations.count("lower_stricter"),
        "indicators_lower_looser": relations.count("lower_looser"),
        "indicators_incomparable": relations.count("incomparable"),
        "indicators_only_lower": relations.count("only_lower"),
        "indicators_only_upper": relations.count("only_upper"),
        "attribute_changes": sum(1 for p in indicators if p["attribute_changed"]),
        "attribute_downgrades": sum(p["downgraded"] for p in indicators),
        "columns_matched": sum(1 for c in columns if c.get("lower") and c.get("upper")),
        "columns_only_lower": sum(1 for c in columns if c.get("lower") and not c.get("upper")),
        "columns_only_upper": sum(1 for c in columns if c.get("upper") and not c.get("lower")),
        "tasks_full": tasks.count("full"),
        "tasks_partial": tasks.count("partial"),
        "tasks_only_lower": tasks.count("only_lower"),
        "tasks_only_upper": tasks.count("only_upper"),
        "lead_changed": sum(1 for t in result.get("tasks") or [] if t.get("lead_changed")),
        "basis_consistent": None if consistent is None else int(bool(consistent)),
        # the diff's input guards (same-document, levels-reversed, unrelated-plans,
        # different-places): a row to distrust in a table of many
        "warnings": ",".join(w.get("code", "") for w in result.get("warnings") or []) or None,
        "summary": json.dumps(result.get("summary"), ensure_ascii=False),
        "error": None,
    }
    return {"diff": row, "indicators": indicators}


def diff_error_row(record: Record) -> Record:
    row: Record = dict.fromkeys(DIFF_COLUMNS)
    row.update(path=record["path"], sha256=record.get("source_sha256"), error=record["error"])
    return row


def _indicator_pair(seq: int, pair: dict[str, Any]) -> Record:
    lower, upper = pair.get("lower") or {}, pair.get("upper") or {}
    changed = pair.get("attribute_changed")
    return {
        "seq": seq,
        "lower_number": lower.get("number"),
        "lower_name": lower.get("name"),
        "upper_number": upper.get("number"),
        "upper_name": upper.get("name"),
        "relation": pair.get("relation"),
        "attribute_changed": None if changed is None else int(bool(changed)),
        "downgraded": int(pair["downgraded"]),
        "lower_attribute": lower.get("attribute"),
        "upper_attribute": upper.get("attribute"),
        "lower_target": _target_text(lower.get("target")),
        "upper_target": _target_text(upper.get("target")),
        "score": pair.get("score"),
    }


def _target_text(target: Any) -> str | None:
    if isinstance(target, dict):
        return target.get("raw")
    return None if target is None else str(target)
