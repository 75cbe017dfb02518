"""What the diff shows: both indicator names, targets with units, the lead of every task row,
--only-differences, and a reason per pair under --explain (terminal and Markdown)."""

from __future__ import annotations

import re

import pytest
from rich.console import Console

from planparse.compare.diff import DiffResult, diff_plans
from planparse.model import Plan
from planparse.render.diff_md import diff_markdown
from planparse.render.diff_terminal import print_diff


@pytest.fixture(scope="module")
def seed(county_plan: Plan, city_plan: Plan) -> DiffResult:
    return diff_plans(county_plan, city_plan)


def terminal(result: DiffResult, **options: bool) -> str:
    console = Console(width=400, record=True, color_system=None)
    print_diff(result, console, **options)
    return console.export_text()


def md_rows(text: str, section: str) -> list[list[str]]:
    body = text.split(f"## {section}", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in body.splitlines() if line.startswith("| ")]
    return [[c.strip() for c in re.split(r"(?<!\\)\|", r)[1:-1]] for r in rows[1:]]


def test_both_indicator_names_when_they_differ(seed: DiffResult) -> None:
    # county L232 残疾人康复服务覆盖率 vs city L73-74 残疾人基本康复服务覆盖率
    assert "残疾人基本康复服务覆盖率 / 泽州县: 残疾人康复服务覆盖率" in diff_markdown(seed)
    flat = re.sub(r"[\s│┃]", "", terminal(seed))
    assert "泽州县:" in flat and "残疾人康复服务覆盖" in flat


def test_targets_carry_their_units(seed: DiffResult) -> None:
    # city L85-86 1561 in a 户 column; county L237 112户; county L226 100 in a （%） column
    rows = md_rows(diff_markdown(seed), "Indicators")
    by_name = {r[0].split(" / ")[0]: r for r in rows}
    assert by_name["困难重度残疾人居家无障碍改造数"][1:3] == ["1561 户", "112户"]
    assert by_name["残疾人城乡居民基本医疗保险参保率"][1:3] == [">95 %", "100 %"]
    assert by_name["城乡残疾人职业技能培训人次"][1] == "6000 人次"


def test_every_task_row_names_its_units(seed: DiffResult) -> None:
    rows = md_rows(diff_markdown(seed), "Tasks")
    assert len(rows) == len(seed.tasks)
    with_units = [
        (p, r)
        for p, r in zip(seed.tasks, rows, strict=True)
        if (p.lower and p.lower.responsibility and p.lower.responsibility.units)
        or (p.upper and p.upper.responsibility and p.upper.responsibility.units)
    ]
    assert len(with_units) >= 28
    assert all(r[3] for _p, r in with_units), [r for _p, r in with_units if not r[3]]
    # the same unit at both levels is shown as such; a change is marked
    assert any("市人社局 = 县人力资源和社会保障局" in r[3] for _p, r in with_units)
    assert any(r[3].startswith("**") and "→" in r[3] for _p, r in with_units)


def test_only_differences(seed: DiffResult) -> None:
    full = diff_markdown(seed)
    only = diff_markdown(seed, only_differences=True)
    indicators = md_rows(only, "Indicators")
    # 困难残疾人生活补贴覆盖率 100 vs 100 is the same: left out; the downgrade stays
    assert not any(r[0].startswith("困难残疾人生活补贴覆盖率") for r in indicators)
    assert any(r[0].startswith("残疾儿童少年义务教育入学率") for r in indicators)
    tasks = md_rows(only, "Tasks")
    assert {r[2] for r in tasks} >= {"only_upper", "only_lower"}
    assert len(tasks) == sum(1 for p in seed.tasks if p.match != "full" or p.lead_changed)
    assert len(md_rows(full, "Tasks")) == len(seed.tasks) > len(tasks)
    text = terminal(seed, only_differences=True)
    assert "困难残疾人生活补贴覆盖率" not in text
    assert "加强监测和评估" in text


def test_explain_gives_each_pair_its_own_reason(seed: DiffResult) -> None:
    rows = md_rows(diff_markdown(seed, explain=True), "Tasks")
    full = [r for r in rows if r[2].startswith("full")]
    reasons = [r[2].split(" — ", 1)[1] for r in full]
    assert len(reasons) == 29
    assert len(set(reasons)) == len(reasons)  # no two pairs share one reason
    assert all("one-to-one" in x and "shared:" in x and "position" in x for x in reasons)
    # 加强突发公共事件中对残疾人的保护 (city L98): the shared runs name the content
    emergency = next(x for r, x in zip(full, reasons, strict=True) if "突发公共事件" in r[0])
    assert "应急" in emergency or "突发公共事件" in emergency
    unmatched = [r[2] for r in rows if r[2].startswith("only_upper")]
    assert unmatched and all("best candidate scored" in x for x in unmatched)
