"""Responsibility brackets and task shapes seen in real plans of several provinces and levels:
verb lists broken by commas, a second lead label, the "first listed leads" note carried to
later brackets, measures printed as heading lines, and plans without brackets. Hand-made
fragments; the expected values are read off the fragments."""

from __future__ import annotations

import pytest

from planparse.parse.extract.responsibility import parse_bracket
from planparse.parse.pipeline import parse_text


def roles(raw: str) -> tuple[list[str], list[str], list[str]]:
    resp = parse_bracket(raw)
    return resp.lead, resp.participating, resp.responsible


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # A verb-form list that the drafter broke with a comma runs on to the next verb.
        (
            "(区发改局牵头,区财政局、区住建局等部门,区国投公司、各街道办事处配合)",
            (["区发改局"], ["区财政局", "区住建局等部门", "区国投公司", "各街道办事处"], []),
        ),
        (
            "（县农业农村局牵头，县财政局，各乡镇人民政府、街道办事处配合）",
            (["县农业农村局"], ["县财政局", "各乡镇人民政府、街道办事处"], []),
        ),
        # A second, different lead label names the units doing the work.
        (
            "(牵头领导:张三;牵头单位:市农办;主办单位:市编办、市财政局、各县(市)区政府)",
            (["市农办"], ["市编办", "市财政局", "各县(市)区政府"], []),
        ),
        # 等 stays with its organ; 人民银行 is an organ.
        (
            "（财政部、工业和信息化部、人民银行、农业农村部等负责）",
            ([], [], ["财政部", "工业和信息化部", "人民银行", "农业农村部等"]),
        ),
        # An ordinary parenthesis is no bracket.
        ("（含技工院校）", ([], [], [])),
    ],
)
def test_bracket_forms(raw: str, expected: tuple[list[str], list[str], list[str]]) -> None:
    assert roles(raw) == expected


FIRST_LISTED = "\n".join(
    [
        "一、支持企业稳定发展",
        "（一）加大稳岗支持力度。对不裁员的企业返还失业保险费。（省人力资源社会保障厅、省财政厅负责。列第一位者为牵头单位，下同）",
        "（二）支持小微企业融资。引导金融资源支持创业就业。（省财政厅、省工业和信息化厅、人民银行济南分行负责）",
        "（三）开展职业培训。支持各类院校承担培训任务。（省人力资源社会保障厅等有关部门和单位负责）",
        "（四）建设创业载体。建设重点群体创业孵化载体。（省人力资源社会保障厅、省科技厅，各市人民政府按职责分工负责）",
        "（五）推进农机装备发展。完善农机装备创新体系。（省农业农村厅、省工业和信息化厅牵头负责）",
    ]
)


def test_the_unit_listed_first_leads_when_the_plan_says_so() -> None:
    plan = parse_text(FIRST_LISTED)
    got = [(t.responsibility.lead, t.responsibility.participating) for t in plan.tasks]  # type: ignore[union-attr]
    assert got == [
        (["省人力资源社会保障厅"], ["省财政厅"]),
        (["省财政厅"], ["省工业和信息化厅", "人民银行济南分行"]),
        (["省人力资源社会保障厅"], ["有关部门和单位"]),
        (["省人力资源社会保障厅"], ["省科技厅", "各市人民政府"]),
        (["省农业农村厅", "省工业和信息化厅"], []),  # 牵头负责: both lead
    ]


def test_without_the_note_a_responsible_list_stays_responsible() -> None:
    plan = parse_text(FIRST_LISTED.replace("列第一位者为牵头单位，下同", "另行分工"))
    second = plan.tasks[1].responsibility
    assert second is not None
    assert (second.lead, second.responsible) == (
        [],
        ["省财政厅", "省工业和信息化厅", "人民银行济南分行"],
    )


def test_without_下同_the_note_holds_for_its_own_bracket_only() -> None:
    plan = parse_text(FIRST_LISTED.replace("，下同", ""))
    first, second = (t.responsibility for t in plan.tasks[:2])
    assert first is not None and second is not None
    assert (first.lead, second.lead) == (["省人力资源社会保障厅"], [])


MEASURE_LINES = "\n".join(
    [
        "某某县职业教育改革实施方案",
        "一、完善职业教育制度体系",
        "（一）健全职业教育制度框架。",
        "把握好正确的改革方向，严把教学标准和毕业学生质量标准两个关口。",
        "将标准化建设作为统领职业教育发展的突破口。",
        "（二）提高中等职业教育发展水平。",
        "优化教育结构，保持高中阶段教育职普比大体相当。",
        "二、做好改革组织实施工作",
        "（三）加强党的全面领导。",
        "各级党委要把职业教育摆在更加突出的位置。",
    ]
)


def test_a_measure_printed_as_a_heading_line_is_one_task_with_its_paragraphs() -> None:
    plan = parse_text(MEASURE_LINES)
    assert [(t.heading, t.lines) for t in plan.tasks] == [
        ("健全职业教育制度框架", (3, 5)),
        ("提高中等职业教育发展水平", (6, 7)),
        ("加强党的全面领导", (9, 10)),
    ]
    assert plan.tasks[0].body == (
        "把握好正确的改革方向，严把教学标准和毕业学生质量标准两个关口。"
        "将标准化建设作为统领职业教育发展的突破口。"
    )
    assert [e.kind for e in plan.elements if e.lines[0] in (4, 5)] == ["task", "task"]


def test_a_heading_line_over_bracketed_paragraphs_is_a_section() -> None:
    text = "\n".join(
        [
            "一、主要任务",
            "（一）加强残疾预防。",
            "健全残疾预防工作机制。加强婚前孕前保健。（牵头单位：州卫健委；配合单位：州残联）",
            "推进残疾儿童康复救助。落实救助制度。（牵头单位：州残联；配合单位：州财政局）",
        ]
    )
    plan = parse_text(text)
    assert [t.heading for t in plan.tasks] == ["健全残疾预防工作机制", "推进残疾儿童康复救助"]


WITHOUT_BRACKETS = "\n".join(
    [
        "一、总体要求",
        "（一）指导思想。坚持以人民为中心。",
        "（二）基本原则。",
        "1.问题导向。聚焦突出问题。",
        "2.集约节约。统筹利用资源。",
        "二、试点任务",
        "（一）建设集约化平台。建设统一的政府网站平台。",
        "（二）形成标准规范。制定平台建设标准。",
        "三、保障措施",
        "（一）加强组织领导。成立工作专班。",
    ]
)


def test_without_brackets_the_items_under_the_task_heading_are_the_tasks() -> None:
    plan = parse_text(WITHOUT_BRACKETS)
    assert [t.heading for t in plan.tasks] == ["建设集约化平台", "形成标准规范"]


def test_without_brackets_or_a_task_heading_every_item_but_the_framing_ones() -> None:
    plan = parse_text(WITHOUT_BRACKETS.replace("二、试点任务", "二、推进平台建设"))
    assert [t.heading for t in plan.tasks] == ["建设集约化平台", "形成标准规范", "加强组织领导"]


def test_a_bracket_in_traditional_characters_reads_and_keeps_its_print() -> None:
    raw = "(市政府辦公室、市行政審批制度改革工作領導小組辦公室牽頭,市財政局、各縣市區政府配合)"
    resp = parse_bracket(raw)
    assert (resp.lead, resp.participating) == (
        ["市政府辦公室", "市行政審批制度改革工作領導小組辦公室"],
        ["市財政局", "各縣市區政府"],
    )


TARGET_LINES = "\n\n".join(
    [
        "一、经济社会发展的主要预期目标",
        "1.努力实现地区生产总值增长6.2%左右。",
        "牵头单位:区发改局",
        "责任单位:经济开发区管委会,各街道",
        "2.一般公共预算收入增长8%左右。",
        "牵头单位:区财政局",
        "3.其他主要经济指标不低于全市平均水平。",
    ]
)


def test_one_sentence_items_with_label_lines_below_are_tasks() -> None:
    plan = parse_text(TARGET_LINES)
    got = [
        (
            t.heading,
            *((t.responsibility.lead, t.responsibility.responsible) if t.responsibility else ()),
        )
        for t in plan.tasks
    ]
    assert got == [
        ("努力实现地区生产总值增长6.2%左右", ["区发改局"], ["经济开发区管委会", "各街道"]),
        ("一般公共预算收入增长8%左右", ["区财政局"], []),
        ("其他主要经济指标不低于全市平均水平",),
    ]
