"""The plan period's last year, read from the plan: title range, five-year plan, body."""

from __future__ import annotations

import pytest

from planparse.model import Meta, Plan
from planparse.parse.period import target_label, target_year
from planparse.parse.pipeline import parse_text


@pytest.mark.parametrize(
    ("title", "year"),
    [
        ("铜川市耀州区农村人居环境整治提升行动方案（2023—2025年）", 2025),
        ("盐城市数字经济发展三年行动计划(2022-2024年)", 2024),
        ("大理州“十五五”生态环境保护规划", 2030),
        ("国家教育事业发展“十三五”规划", 2020),
        ("广州市国民经济和社会发展第十四个五年规划和2035年远景目标纲要", 2025),
        ("常山县提升养老服务能力的实施办法", None),
    ],
)
def test_period_from_the_title(title: str, year: int | None) -> None:
    plan = Plan(meta=Meta(title=title))
    assert target_year(plan) == year
    assert target_label(plan) == (f"{year} target" if year else "target")


def test_period_from_the_body_when_there_is_no_title() -> None:
    text = (
        "（征求意见稿）\n\n一、发展基础\n“十三五”时期，全区经济稳步增长。\n"
        "二、总体要求\n“十四五”时期是开启新征程的第一个五年。到“十四五”末，"
        "基本公共服务更加均衡。\n"
    )
    plan = parse_text(text)
    assert plan.meta.title is None
    assert target_year(plan) == 2025


def test_markdown_and_check_name_the_plans_own_year() -> None:
    from planparse.compare.check import run_check
    from planparse.render.plan_md import plan_markdown

    text = (
        "中卫市残疾人事业“十三五”发展规划\n\n一、主要指标\n"
        "专栏1 主要指标\n"
        "\t类别\n\t指标\n\t2020年\n\t属性\n\n"
        "\t民生\n\t1.残疾人就业人数（人）\n\t\n\t预期性\n\n"
    )
    plan = parse_text(text)
    assert [i.name for i in plan.indicators] == ["残疾人就业人数"]
    assert "| 2020 target |" in plan_markdown(plan)
    messages = [f.message for f in run_check(plan).findings if f.rule == "S402"]
    assert messages == ["indicator 「残疾人就业人数」 has no readable 2020 target"]
