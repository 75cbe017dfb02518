"""Indicator tables wherever they stand, in every format; units recognised by their shape.

Fixtures (tests/data/make_table_fixture.py): a county ecology plan whose indicator table is
captioned 表1 outside any 专栏, as .docx with a real Word table, the PDF LibreOffice prints
from it (ruled table), and a PDF of the same plan whose table has no rules (flattened to
lines of text).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from planparse.model import SourceText
from planparse.parse.unitshape import is_unit, unit_at

FORMATS = Path(__file__).resolve().parent / "data" / "formats"

# Read off the table in tests/data/make_table_fixture.py by hand.
EXPECTED = [
    ("1", "细颗粒物（PM2.5）年均浓度", "微克/立方米", "33", "38", "约束性"),
    ("2", "新增造林面积", "公顷", "1500", "1200", "预期性"),
    ("3", "单位地区生产总值能耗降低累计", "%", "13.5", "—", "约束性"),
    ("4", "能源消费总量", "万吨标准煤", "≤350", "310", "约束性"),
    ("5", "环保产业营业收入", "亿元", "30", "18", "预期性"),
    ("6", "每万人拥有环境监测人员", "人/万人", "2", "1.2", "预期性"),
    ("7", "婴儿死亡率", "‰", "<5", "5.1", "预期性"),
]


def parsed(name: str) -> Any:
    from planparse.parse.pipeline import parse_path

    return parse_path(FORMATS / name)


@pytest.mark.parametrize(
    "name", ["caption-table.docx", "caption-table.pdf", "caption-table-unruled.pdf"]
)
def test_captioned_table_outside_any_column_gives_every_indicator_with_its_unit(
    name: str,
) -> None:
    plan = parsed(name)
    got = [(i.number, i.name, i.unit, i.target.raw, i.base, i.attribute) for i in plan.indicators]
    assert got == EXPECTED
    assert [(c.number, c.kind, len(c.items)) for c in plan.columns] == [("", "indicators", 7)]


@pytest.mark.parametrize("name", ["caption-table.pdf", "caption-table-unruled.pdf"])
def test_table_rows_never_become_headings(name: str) -> None:
    plan, docx = parsed(name), parsed("caption-table.docx")
    assert [(h.level, h.title) for h in plan.headings] == [
        (h.level, h.title) for h in docx.headings
    ]
    assert not any("numbering" in w.code for w in plan.warnings), plan.warnings
    assert [t.responsibility.lead for t in plan.tasks if t.responsibility] == [
        ["县生态环境局"],
        ["县发展改革局"],
    ]


def _pdf_text(lines: list[str], boxed: list[bool] | None = None) -> SourceText:
    return SourceText("t.pdf", "pdf", "n/a", lines, list(range(1, len(lines) + 1)), boxed)


def test_table_in_an_appendix_after_a_column_is_its_own_table() -> None:
    """A table after body text that follows a 专栏 is not that 专栏's table."""
    from planparse.parse.pipeline import parse_source

    lines = [
        "一、主要任务",
        "（一）加快交通基础设施建设",
        "1．完善综合交通网络。推进国省干线公路改造，加快农村公路提质增效。（牵头单位：",
        "区交通运输局）",
        "专栏1 交通重点项目",
        "1.国道改线工程。",
        "2.农村公路提质工程。",
        "二、保障措施",
        "加强组织领导，压实工作责任，确保规划各项任务落地见效。",
        "附表 主要指标",
        "序号 指标 单位 2025年 属性",
        "1 公路通车里程 公里 2600 预期性",
        "2 等级公路比重 % 98 约束性",
    ]
    boxed = [line.startswith(("专栏", "1.", "2.")) for line in lines]  # the 专栏 frame
    plan = parse_source(_pdf_text(lines, boxed))
    assert [(c.number, c.kind, len(c.items)) for c in plan.columns] == [
        ("1", "projects", 2),
        ("", "indicators", 2),
    ]
    assert [(i.name, i.unit, i.target.raw) for i in plan.indicators] == [
        ("公路通车里程", "公里", "2600"),
        ("等级公路比重", "%", "98"),
    ]


def test_a_ruled_table_that_holds_no_indicators_is_warned_about() -> None:
    from planparse.parse.pipeline import parse_source

    lines = [
        "一、重点项目",
        "\t区域", "\t面积", "\t备注", "",
        "\t城区", "\t12平方公里", "\t含开发区", "",
        "二、保障措施",
        "加强组织领导，压实工作责任。",
    ]  # fmt: skip
    plan = parse_source(_pdf_text(lines))
    assert [w.code for w in plan.warnings if w.code == "table-not-read"] == ["table-not-read"]
    assert plan.indicators == []


@pytest.mark.parametrize(
    "unit",
    ["微克/立方米", "公顷", "万吨标准煤", "亿元", "人/万人", "‰", "%", "千瓦时/万元", "mg/L",
     "μg/m³", "平方公里", "万人次", "张/千人", "个百分点", "亿立方米", "吨二氧化碳当量/万元"],
)  # fmt: skip
def test_units_by_shape(unit: str) -> None:
    assert is_unit(unit)


@pytest.mark.parametrize("word", ["以上", "同步", "与全市", "明显提升", "达标", "2025", ""])
def test_words_that_are_not_units(word: str) -> None:
    assert not is_unit(word)


def test_unit_at_takes_the_longest_unit_and_stops_before_words() -> None:
    assert unit_at("万吨标准煤以下") == "万吨标准煤"
    assert unit_at("人以上") == "人"
    assert unit_at("微克/立方米左右") == "微克/立方米"
    assert unit_at("以上") is None
