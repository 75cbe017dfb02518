"""The plan summary written for a pipe or a file is, line for line, what rich prints there."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rich.console import Console

from conftest import CORPUS_DIR
from planparse.model import Heading, PlanWarning
from planparse.parse.pipeline import load_plan, parse_text
from planparse.render.plan_terminal import plan_summary
from planparse.render.plan_text import plan_summary_text

DOCUMENTS = sorted(CORPUS_DIR.glob("*.txt")) + sorted((CORPUS_DIR / "public").glob("*.*"))
DOCUMENTS = [p for p in DOCUMENTS if p.suffix in (".txt", ".html")]


def _rich_lines(plan) -> str:
    """What `planparse parse` printed to a pipe through rich (commands._rich)."""
    buffer = io.StringIO()
    Console(file=buffer, width=10_000, color_system=None, soft_wrap=True).print(plan_summary(plan))
    return "\n".join(line.rstrip() for line in buffer.getvalue().splitlines())


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_same_lines_as_rich_on_the_corpus(path: Path) -> None:
    plan = load_plan(str(path))
    assert plan_summary_text(plan) == _rich_lines(plan)


def test_documents_with_warnings_are_among_them() -> None:
    with_warnings = [p for p in DOCUMENTS if load_plan(str(p)).warnings]
    assert len(with_warnings) >= 3  # the boxed table is compared on real documents too


PLAN = """关于印发某州“十四五”生态环境保护规划的通知

各县（市）人民政府：

一、总体要求

（一）指导思想

坚持生态优先。

二、主要任务

（一）强化大气污染防治

1.推进燃煤锅炉整治。（州生态环境局牵头）
"""


def _odd_plan():
    plan = parse_text(PLAN, "edge.txt")
    first = plan.headings[0]
    # a level skipped (3 under 1), then a level-2 heading that returns under the first one;
    # rich hangs the skipped one at the top and keeps document order within each branch
    plan.headings.insert(1, Heading(3, "1.", 1, "跳级\t标题", first.lines, id="x-skip"))
    plan.headings.append(Heading(2, "（二）", 2, "含\x07控制符的\t\t标题", (40, 41), id="x-ctl"))
    plan.meta.title = "某州\t规划\r（第二\t版）"
    plan.warnings.append(PlanWarning("wide", "全角警告文字，含\t制表符", (3, 9)))
    plan.warnings.append(PlanWarning("narrow", "ascii only", None))
    return plan


def test_same_lines_as_rich_on_skipped_levels_tabs_and_control_codes() -> None:
    plan = _odd_plan()
    assert plan_summary_text(plan) == _rich_lines(plan)


def test_a_plan_without_headings_or_metadata() -> None:
    plan = parse_text("随便一段没有标题也没有编号的文字。\n", "bare.txt")
    assert not plan.headings
    assert plan_summary_text(plan) == _rich_lines(plan)
