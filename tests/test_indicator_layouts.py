"""Indicator tables other provinces print, targets as they write them, and comparing them.

Hand-made plan texts in the docx-export convention: each cell on its own line starting with a
TAB, a blank line after each row.
"""

from __future__ import annotations

import pytest

from planparse.compare.targets import target_relation
from planparse.model import Block, Indicator, Plan
from planparse.parse.pipeline import parse_text


def table(*rows: list[str]) -> str:
    text = "一、主要目标\n\t专栏1 “十四五”主要指标\n\n"
    for row in rows:
        text += "".join(f"\t{cell}\n" for cell in row) + "\n"
    return text


def indicators(*rows: list[str]) -> list[Indicator]:
    plan: Plan = parse_text(table(*rows))
    return plan.indicators


# ---------------------------------------------------------------------- header and layout


def test_name_header_with_a_unit_hint_is_the_name_column() -> None:
    found = indicators(
        ["序号", "指标名称（单位）", "2020年", "2025年", "属性"],
        ["1", "森林面积（公顷）", "1200", "1600", "预期性"],
        ["2", "城镇调查失业率（%）", "5.2", "≤5.5", "预期性"],
    )
    got = [(i.number, i.name, i.unit, i.base, i.target.value, i.attribute) for i in found]
    assert got == [
        ("1", "森林面积", "公顷", "1200", 1600, "预期性"),  # 公顷 is no known unit: the header says
        ("2", "城镇调查失业率", "%", "5.2", 5.5, "预期性"),
    ]


def test_name_header_naming_the_unit_without_brackets() -> None:
    (found,) = indicators(
        ["指标及单位", "2025年", "属性"],
        ["1.新建改建农村公路（公里）", "1200", "预期性"],
    )
    assert (found.name, found.unit, found.target.value) == ("新建改建农村公路", "公里", 1200)


@pytest.mark.parametrize("title", ["责任单位", "牵头单位", "责任部门"])
def test_responsibility_column_is_not_the_unit_column(title: str) -> None:
    (found,) = indicators(
        ["序号", "指标", "2025年目标", "属性", title],
        ["1", "城镇新增就业（万人）", "3", "预期性", "县人社局"],
    )
    assert (found.name, found.unit, found.target.value, found.target.unit) == (
        "城镇新增就业",
        "万人",
        3,
        "万人",
    )
    assert found.attribute == "预期性"


def test_responsibility_column_without_a_header() -> None:
    (found,) = indicators(["1.城镇新增就业（万人）", "3", "预期性", "县人社局"])
    assert (found.unit, found.target.raw, found.attribute) == ("万人", "3", "预期性")


def test_role_in_brackets_when_nothing_outside_names_one() -> None:
    (found,) = indicators(
        ["指标", "2020年（基期值）", "2025年（目标值）", "2030年", "属性"],
        ["1.森林覆盖率（%）", "28", "30", "32", "约束性"],
    )
    assert (found.base, found.target.raw) == ("28", "30")


def test_unit_column_next_to_a_responsibility_column() -> None:
    (found,) = indicators(
        ["指标名称", "计量单位", "目标值", "指标属性", "牵头单位"],
        ["1.农村自来水普及率", "%", "≥95", "约束性", "县水利局"],
    )
    assert (found.unit, found.target.op, found.target.value) == ("%", ">=", 95)


def test_data_row_with_header_words_is_not_a_header() -> None:
    found = indicators(
        ["指标名称", "单位", "2025年目标", "属性"],
        ["城镇调查失业率", "%", "≤5.5", "预期性"],
        ["单位地区生产总值能源消耗降低", "%", "完成省下达目标", "约束性"],
        ["森林覆盖率", "%", "30", "约束性"],
    )
    got = [(i.number, i.name, i.unit, i.target.op, i.attribute) for i in found]
    assert got == [
        ("1", "城镇调查失业率", "%", "<=", "预期性"),
        ("2", "单位地区生产总值能源消耗降低", "%", "qualitative", "约束性"),
        ("3", "森林覆盖率", "%", "=", "约束性"),
    ]


def test_data_row_without_attribute_column_is_not_a_header() -> None:
    found = indicators(
        ["指标名称", "单位", "目标值"],
        ["城镇调查失业率", "%", "≤5.5"],
        ["单位地区生产总值能源消耗降低", "%", "完成省下达目标"],
    )
    assert [i.name for i in found] == ["城镇调查失业率", "单位地区生产总值能源消耗降低"]


def _rows(*rows: list[str]) -> list[Block]:
    return [Block("".join(r), (n, n), kind="row", cells=list(r)) for n, r in enumerate(rows, 1)]


def test_unread_rows_are_returned_for_a_warning() -> None:
    from planparse.parse.extract.indicators import read_indicator_rows

    rows = _rows(
        ["项目", "二〇二五"],  # no header the parser understands
        ["地区生产总值增长", "6"],
        ["城镇调查失业率", "≤5.5"],
    )
    reading = read_indicator_rows(rows)
    assert reading.indicators == []
    assert [r.lines for r in reading.unread] == [(1, 1), (2, 2), (3, 3)]

    readable = read_indicator_rows(
        _rows(
            ["类别", "指标", "2025年", "属性"],
            ["经济发展", "1.地区生产总值增长（%）", "6", "预期性"],
            ["民生福祉", "", "", ""],  # a spanned 类别 cell on a row of its own
            ["", "2.城镇调查失业率（%）", "≤5.5", "预期性"],
        )
    )
    assert [i.category for i in readable.indicators] == ["经济发展", "民生福祉"]
    assert readable.unread == []  # the header row is read as a header, not left unread


def test_unread_flattened_lines_are_returned_for_a_warning() -> None:
    from planparse.parse.extract.indicators import read_indicator_lines

    def lines(*texts: str) -> list[Block]:
        return [Block(t, (n, n), kind="tableline") for n, t in enumerate(texts, 1)]

    reading = read_indicator_lines(lines("类别 指标 2025年 属性", "地区生产总值增长 6 预期性"))
    assert reading.indicators == []
    assert [b.lines for b in reading.unread] == [(2, 2)]
    reading = read_indicator_lines(lines("类别 指标 2025年 属性", "1.森林覆盖率（%） 30 约束性"))
    assert [i.name for i in reading.indicators] == ["森林覆盖率"] and reading.unread == []


# ------------------------------------------------------------------------------- targets


def target_of(raw: str, unit: str = "", name: str = "1.城镇化率") -> tuple:
    header = ["指标", "单位", "2025年", "属性"] if unit else ["指标", "2025年", "属性"]
    row = [name, unit, raw, "预期性"] if unit else [name, raw, "预期性"]
    (found,) = indicators(header, row)
    t = found.target
    return t.op, t.value, t.unit


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2025年达到95%", (">=", 95, "%")),
        ("2025年95%以上", (">=", 95, "%")),
        ("2021-2025年累计提高5个百分点", ("=", 5, "个百分点")),
        ("11.3年", ("=", 11.3, "年")),  # a lone number before 年 is the value
        ("90-95", (">=", 90, "%")),  # a range: at least its lower end
        ("90～95", (">=", 90, "%")),
        ("90%—95%", (">=", 90, "%")),
        ("90至95", (">=", 90, "%")),
        ("控制在3-5", ("<=", 5, "%")),  # a capped range: at most its upper end
        ("-5", ("=", -5, "%")),
        ("−5", ("=", -5, "%")),
        ("≥-5", (">=", -5, "%")),
        ("下降5", ("=", 5, "%")),  # the word gives the direction, the value the size
        ("提高5个百分点", ("=", 5, "个百分点")),
    ],
)
def test_target_reading(raw: str, expected: tuple) -> None:
    unit = "" if raw in ("11.3年",) else "%"
    assert target_of(raw, unit) == expected


def test_percentage_points_without_a_unit_column() -> None:
    assert target_of("提高5个百分点") == ("=", 5, "个百分点")


@pytest.mark.parametrize(
    ("raw", "unit", "expected"),
    [
        ("5万", "人", ("=", 50000, "人")),
        ("5万人", "人", ("=", 50000, "人")),
        ("3亿元", "元", ("=", 300000000, "元")),
        ("5万人", "", ("=", 5, "万人")),  # no unit column: 万人 is the unit, not a scale
        ("5万人", "万人", ("=", 5, "万人")),
    ],
)
def test_scale_prefixes(raw: str, unit: str, expected: tuple) -> None:
    assert target_of(raw, unit, name="1.城镇新增就业") == expected


# --------------------------------------------------------------------------- comparisons


def relation(name: str, lower: str, upper: str, *, same_jurisdiction: bool = False) -> str:
    (a,) = indicators(["指标", "2025年", "属性"], [f"1.{name}", lower, "约束性"])
    (b,) = indicators(["指标", "2025年", "属性"], [f"1.{name}", upper, "约束性"])
    return target_relation(a, b, same_jurisdiction=same_jurisdiction)[0]


@pytest.mark.parametrize(
    ("name", "lower", "upper", "expected"),
    [
        ("单位GDP二氧化碳排放降低（%）", "18", "16", "lower_stricter"),
        ("单位GDP二氧化碳排放降低（%）", "15", "16", "lower_looser"),
        ("单位地区生产总值能耗下降（%）", "≥14", "≥13.5", "lower_stricter"),
        ("主要污染物排放总量减少（%）", "10", "8", "lower_stricter"),
        ("城镇调查失业率（%）", "≤5", "≤5.5", "lower_stricter"),
        ("城镇调查失业率（%）", "5.5", "5", "lower_looser"),
        ("婴儿死亡率（‰）", "4", "5", "lower_stricter"),
        ("较大以上生产安全事故（起）", "0", "1", "lower_stricter"),
    ],
)
def test_reductions_compare_higher_is_better(
    name: str, lower: str, upper: str, expected: str
) -> None:
    assert relation(name, lower, upper, same_jurisdiction=True) == expected


@pytest.mark.parametrize(
    ("lower", "upper", "expected"),
    [
        ("完成省下达任务", "稳步提高", "incomparable"),
        ("与全县生产总值增长同步", "与全市生产总值增长同步", "same"),
        ("与全县 生产总值增长同步。", "与本市生产总值增长同步", "same"),
        ("稳步提高", "稳步提高", "same"),
    ],
)
def test_qualitative_targets(lower: str, upper: str, expected: str) -> None:
    assert relation("农村居民人均可支配收入增长（%）", lower, upper) == expected


@pytest.mark.parametrize(
    ("name", "lower", "upper", "expected"),
    [
        ("人均预期寿命（岁）", "79", "78.5", "lower_stricter"),
        ("农村居民人均可支配收入（元）", "18000", "20000", "lower_looser"),
        ("劳动年龄人口平均受教育年限（年）", "11.5", "11", "lower_stricter"),
        ("每千人口拥有执业（助理）医师数（人）", "3.2", "3", "lower_stricter"),
        ("困难重度残疾人家庭无障碍改造数（户）", "112", "1561", "incomparable"),
        ("城镇新增就业（人）", "400", "6000", "incomparable"),
        ("城乡残疾人职业技能培训（人次）", "6000", "4000", "incomparable"),
        ("新建养老服务设施（所）", "5", "30", "incomparable"),
    ],
)
def test_per_head_units_compare_across_jurisdictions(
    name: str, lower: str, upper: str, expected: str
) -> None:
    assert relation(name, lower, upper) == expected
    if expected == "incomparable":  # the same jurisdiction's counts do compare
        assert relation(name, lower, upper, same_jurisdiction=True) != "incomparable"
