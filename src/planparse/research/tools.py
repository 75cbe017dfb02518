"""The distribution of policy tools (政策工具分布) in a plan: how many tasks and 专栏 items use
each family (供给型 / 环境型 / 需求型) and sub-tool, counted from plan records (`parse --format
json` dicts whose tasks and items carry `tools`)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from planparse.research.network import Record

FAMILY_ORDER = ("supply", "environment", "demand")
FAMILY_NAMES = {"supply": "供给型", "environment": "环境型", "demand": "需求型"}


@dataclass
class ToolShare:
    document: str
    family: str
    tool: str  # sub-tool id, or "" for the family's own row
    name: str
    count: int  # coded elements (tasks + items) that use it
    share: float  # count / all tool codes of the document at this level (family or sub-tool)


def coded_elements(plan: Record) -> Iterable[tuple[str, str, list[dict[str, Any]]]]:
    """(element kind, id, tools) for every task and 专栏 item of a plan record."""
    for task in plan.get("tasks") or []:
        yield "task", task["id"], task.get("tools") or []
    for c_seq, column in enumerate(plan.get("columns") or []):
        for i_seq, item in enumerate(column.get("items") or []):
            yield "item", f"c{c_seq + 1}-i{i_seq + 1}", item.get("tools") or []


def tool_distribution(plans: Iterable[Record]) -> list[ToolShare]:
    """Per plan: one row per family, then one per sub-tool, with counts and shares."""
    rows: list[ToolShare] = []
    for plan in plans:
        document = (plan.get("meta") or {}).get("file") or ""
        families: Counter[str] = Counter()
        tools: Counter[tuple[str, str, str]] = Counter()
        for _kind, _id, coded in coded_elements(plan):
            for family in {t["family"] for t in coded}:
                families[family] += 1
            for t in coded:
                tools[(t["family"], t["tool"], t["name"])] += 1
        family_total = sum(families.values()) or 1
        tool_total = sum(tools.values()) or 1
        for family in FAMILY_ORDER:
            rows.append(
                ToolShare(
                    document,
                    family,
                    "",
                    FAMILY_NAMES[family],
                    families[family],
                    round(families[family] / family_total, 4),
                )
            )
            for (fam, tool, name), count in sorted(tools.items(), key=lambda kv: -kv[1]):
                if fam == family:
                    rows.append(
                        ToolShare(document, family, tool, name, count, round(count / tool_total, 4))
                    )
    return rows


def task_tool_rows(plan: Record) -> list[dict[str, Any]]:
    """One row per (element, tool): the long format researchers code in spreadsheets."""
    return [
        {
            "element": kind,
            "element_id": element_id,
            "tool": t["tool"],
            "name": t["name"],
            "family": t["family"],
            "score": t["score"],
            "cues": "、".join(t.get("cues") or []),
            "evidence": t["evidence"],
        }
        for kind, element_id, coded in coded_elements(plan)
        for t in coded
    ]
