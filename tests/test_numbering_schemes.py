"""Item numbering: per-section and document-wide schemes, items the marker grammar alone
misses, section intros, and which numbered items are tasks. Hand-made fragments in the forms
real plans use, from several places and topics."""

from __future__ import annotations

import pytest

from planparse.compare.check import run_check
from planparse.model import Plan
from planparse.parse.pipeline import parse_text

BRACKET = "（牵头单位：{lead}；配合单位：{partner}）"


def item(number: int, lead: str, unit: str = "县教育局", partner: str = "县财政局") -> str:
    return f"{number}.{lead}。推进相关工作落到实处，按年度分解目标。" + BRACKET.format(
        lead=unit, partner=partner
    )


def numbered_warnings(plan: Plan) -> list[tuple[str, str]]:
    return [(w.code, w.message) for w in plan.warnings if "numbering" in w.code]


PER_SECTION = "\n".join(
    [
        "凤台县“十四五”教育事业发展规划",
        "一、主要任务",
        "（一）扩大学前教育资源",
        item(1, "新建改扩建公办幼儿园"),
        item(2, "规范普惠性民办幼儿园"),
        "（二）推进义务教育优质均衡",
        item(1, "实施义务教育薄弱环节改善工程"),
        item(2, "推进集团化办学"),
        item(3, "加强乡村小规模学校建设"),
    ]
)

CONTINUOUS = "\n".join(
    [
        "宝鸡市生态环境保护三年行动方案",
        "一、工作目标",
        "1.目标。到2025年，全市空气质量优良天数比例稳定在80%以上。",
        "二、重点任务",
        "（一）深入打好蓝天保卫战。聚焦重点行业，实施如下重点工程：",
        item(2, "推进钢铁行业超低排放改造", "市生态环境局", "市工信局"),
        item(3, "整治散乱污企业", "市生态环境局", "各县（区）人民政府"),
        "（二）深入打好碧水保卫战。围绕重点流域，实施如下重点工程：",
        item(4, "开展入河排污口排查整治", "市生态环境局", "市水利局"),
        item(5, "推进城镇污水管网建设", "市住建局", "各县、区"),
    ]
)


def test_per_section_numbering_has_no_gap() -> None:
    plan = parse_text(PER_SECTION)
    assert numbered_warnings(plan) == []
    assert [t.number for t in plan.tasks] == ["1.", "2.", "1.", "2.", "3."]


def test_continuous_numbering_has_no_gap() -> None:
    plan = parse_text(CONTINUOUS)
    assert numbered_warnings(plan) == []
    assert [(h.marker, h.title) for h in plan.headings if h.marker[:1].isdigit()] == [
        ("1.", "目标"),
        ("2.", "推进钢铁行业超低排放改造"),
        ("3.", "整治散乱污企业"),
        ("4.", "开展入河排污口排查整治"),
        ("5.", "推进城镇污水管网建设"),
    ]
    # 1.目标 frames the plan in a chapter without brackets; the other items assign work.
    assert [(t.number, t.heading) for t in plan.tasks] == [
        ("2.", "推进钢铁行业超低排放改造"),
        ("3.", "整治散乱污企业"),
        ("4.", "开展入河排污口排查整治"),
        ("5.", "推进城镇污水管网建设"),
    ]
    assert [f.rule for f in run_check(plan).findings] == []


def test_section_intros_are_not_tasks() -> None:
    plan = parse_text(CONTINUOUS)
    intros = [h for h in plan.headings if h.marker.startswith("（")]
    assert [h.title for h in intros] == ["深入打好蓝天保卫战", "深入打好碧水保卫战"]
    assert {t.lines for t in plan.tasks}.isdisjoint({h.lines for h in intros})


def test_a_section_heading_with_its_own_bracket_stays_a_task() -> None:
    text = "\n".join(
        [
            "一、重点任务",
            "（一）加强组织领导。建立联席会议制度。（牵头单位：区政府办；配合单位：区发改局）",
            item(1, "制定年度工作要点", "区发改局"),
            item(2, "开展督查评估", "区政府督查室"),
        ]
    )
    plan = parse_text(text)
    assert [t.heading for t in plan.tasks] == ["加强组织领导", "制定年度工作要点", "开展督查评估"]


def test_per_section_items_in_a_chapter_without_brackets_are_not_tasks() -> None:
    """In a per-section plan, 1.指导思想 2.基本原则 under 总体要求 are not tasks."""
    text = "\n".join(
        [
            "一、总体要求",
            "1.指导思想。坚持以人民为中心的发展思想。",
            "2.基本原则。坚持政府主导、社会参与。",
            "二、主要任务",
            item(1, "完善基层医疗卫生服务体系", "县卫健局"),
            item(2, "推进县域医共体建设", "县卫健局"),
        ]
    )
    plan = parse_text(text)
    assert [t.heading for t in plan.tasks] == ["完善基层医疗卫生服务体系", "推进县域医共体建设"]


@pytest.mark.parametrize(
    ("numbers", "expected"),
    [
        # per section: a step inside a section
        ([[1, 2, 4], [1, 2]], [("heading-numbering-gap", "heading number 4. follows 2, expected 3")]),
        # per section: a section that starts neither at 1 nor after the previous one
        ([[1, 2], [4, 5]], [("heading-numbering-gap", "heading number 4. follows 0, expected 1")]),
        # continuous: a jump between sections
        ([[1, 2, 3], [5, 6], [7, 8]], [("heading-numbering-gap", "heading number 5. follows 3, expected 4")]),
        # continuous: a number used again in the next section
        ([[1, 2, 3], [3, 4], [5, 6]], [("heading-numbering-duplicate", "heading number 3. repeats")]),
        # continuous within a chapter, restarting in the next: both coherent
        ([[1, 2], [3, 4], [1, 2], [3]], []),
    ],
)  # fmt: skip
def test_gaps_are_judged_against_the_documents_scheme(
    numbers: list[list[int]], expected: list[tuple[str, str]]
) -> None:
    lines = ["一、重点任务"]
    for section, group in enumerate(numbers):
        lines.append(f"（{'一二三四五'[section]}）第{section + 1}组任务")
        lines += [item(n, f"落实第{n}项农业农村工作", "县农业农村局") for n in group]
    plan = parse_text("\n".join(lines))
    assert numbered_warnings(plan) == expected
    assert [f.rule for f in run_check(plan).findings] == ["S101"] * len(expected)


def test_number_followed_by_the_digits_of_a_name_continues_the_sequence() -> None:
    text = "\n".join(
        [
            "一、重点工程",
            item(6, "推进千兆光网建设", "市通信管理局"),
            "7.5G网络覆盖工程。实现城区和乡镇5G网络全覆盖。（牵头单位：市工信局；配合单位：各县（市、区））",
            item(8, "建设城市大脑", "市大数据局"),
        ]
    )
    plan = parse_text(text)
    assert [(t.number, t.heading) for t in plan.tasks][1] == ("7.", "5G网络覆盖工程")
    assert numbered_warnings(plan) == [
        ("heading-numbering-gap", "heading number 6. follows 0, expected 1")
    ]


@pytest.mark.parametrize(
    "paragraph",
    [
        # A decimal after the last item, and one between items that already run on: no item.
        "3.5亿元专项资金全部用于农村公路建设。其余资金由县财政统筹。",
        "2.8万人次参加培训。培训覆盖全部乡镇。",
    ],
)
def test_a_paragraph_opening_with_a_decimal_is_not_an_item(paragraph: str) -> None:
    text = "\n".join(
        [
            "一、重点任务",
            item(1, "实施农村公路提质改造", "县交通运输局"),
            item(2, "推进城乡客运一体化", "县交通运输局"),
            paragraph,
            "二、保障措施",
            item(3, "加强资金保障", "县财政局"),
        ]
    )
    plan = parse_text(text)
    assert [t.number for t in plan.tasks] == ["1.", "2.", "3."]
    assert paragraph in [e.text for e in plan.elements if e.kind == "text"]
