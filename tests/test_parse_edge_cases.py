"""Hand-made edge cases: one small synthetic text per extraction artifact or irregular form.

PDF-style texts (``pdf(...)``) mimic what text extraction gives for a typeset page: one visual
line per line, each followed by a blank line (blank-line doubling), a body measure of 20
full-width characters, paragraphs' first lines indented by two characters (so 18 wide), and
a page break as a line starting with a space that is not preceded by a blank line.
.docx-style texts have one paragraph a line and tables flattened to tab-indented cells.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from functools import cache

import pytest
from jsonschema import Draft202012Validator

from planparse.model import Plan, Responsibility, Task
from planparse.parse.pipeline import parse_text
from planparse.resources import schema_path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

WIDTH = 20  # the body measure of the PDF-style texts, in full-width characters


def pdf(*lines: str) -> str:
    """Visual lines as PDF extraction prints them: a blank line after each, none before a page
    break (a line starting with a space)."""
    out: list[str] = []
    for line in lines:
        if out and not line.startswith(" "):
            out.append("")
        out.append(line)
    return "\n".join(out) + "\n"


def line_no(text: str, start: str) -> int:
    """The 1-based number of the only line of ``text`` that starts with ``start``."""
    found = [n for n, line in enumerate(text.split("\n"), 1) if line.strip().startswith(start)]
    assert len(found) == 1, (start, found)
    return found[0]


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def parse(text: str) -> Plan:
    return parse_text(text, "edge.txt")


def assert_no_loss(text: str, plan: Plan) -> None:
    """Every non-whitespace character is kept in an element or listed as dropped."""
    kept = Counter(squash("".join(e.text for e in plan.elements)))
    kept.update(squash("".join(d.text for d in plan.dropped)))
    assert kept == Counter(squash(text))


@cache
def _validator() -> Draft202012Validator:
    with schema_path("plan.schema.json").open(encoding="utf-8") as handle:
        return Draft202012Validator(json.load(handle))


def assert_valid(plan: Plan) -> None:
    """The result is a JSON document that schemas/plan.schema.json accepts."""
    doc = plan.to_dict()
    assert json.loads(json.dumps(doc, ensure_ascii=False)) == doc
    assert [e.message for e in _validator().iter_errors(doc)] == []


def assert_widths(lines: list[str], first_lines: set[int]) -> None:
    """The synthetic PDF lines really have the measure they claim (guards the fixtures)."""
    for index, line in enumerate(lines):
        width = len(line.strip())
        if index in first_lines:
            assert width == WIDTH - 2, (index, line)
        else:
            assert width <= WIDTH, (index, line)


def only_task(plan: Plan) -> Task:
    assert len(plan.tasks) == 1, [t.heading for t in plan.tasks]
    return plan.tasks[0]


def resp_of(plan: Plan) -> Responsibility:
    resp = only_task(plan).responsibility
    assert resp is not None
    return resp


def task_doc(bracket: str, lead: str = "加强残疾人就业服务") -> str:
    """A one-task .docx-style plan whose task paragraph ends with ``bracket``."""
    return f"一、主要任务\n{lead}。开展专项就业服务活动，提升服务质量。{bracket}\n二、实施机制\n"


# ----------------------------------------------------------------------- PDF text layout

PARA_A = [  # first line indented; the last line is full and ends a sentence
    "残疾人事业是中国特色社会主义事业的重",
    "要组成部分，扶残助残是社会文明进步的重要",
    "标志。县委、县政府高度重视残疾人事业，持",
    "续推进残疾人工作，残疾人获得感明显增强。",
]
PARA_B = [
    "残疾人平等权利还没有得到充分实现，歧",
    "视残疾人、侵害残疾人权益的现象还有发生，",
    "农村和基层为残疾人服务的能力比较薄弱，需",
    "要持续加大工作力度。",
]
PARA_C = [
    "残疾人脱贫攻坚成果巩固拓展，生活品质",
    "得到新改善，民生福祉达到新水平。",
]


def test_pdf_wrapped_lines_and_blank_doubling_recover_paragraphs() -> None:
    visual = ["一、发展现状", *PARA_A, *PARA_B, "二、总体要求", *PARA_C]
    assert_widths(PARA_A + PARA_B + PARA_C, {0, 4, 8})
    assert len(visual) >= 8
    text = pdf(*visual)
    plan = parse(text)

    got = [(e.kind, e.text, tuple(e.lines)) for e in plan.elements]
    assert got == [
        ("heading", "一、发展现状", (1, 1)),
        ("text", "".join(PARA_A), (line_no(text, PARA_A[0]), line_no(text, PARA_A[-1]))),
        ("text", "".join(PARA_B), (line_no(text, PARA_B[0]), line_no(text, PARA_B[-1]))),
        ("heading", "二、总体要求", (line_no(text, "二、"),) * 2),
        ("text", "".join(PARA_C), (line_no(text, PARA_C[0]), line_no(text, PARA_C[-1]))),
    ]
    assert [(h.level, h.title) for h in plan.headings] == [(1, "发展现状"), (1, "总体要求")]
    assert_no_loss(text, plan)


PAGE_TASK = [
    "做好易地搬迁残疾人后续帮扶工作。按照",
    "巩固拓展脱贫攻坚成果同乡村振兴有效衔接要",
    "求，把残疾人作为重点关注人群，充分考虑残",
    " 疾人的特殊困难和需求，在扶持政策、项目设",  # page break inside the paragraph
    "立、资金安排等方面给予支持。做好农村困难",
    "残疾人实用技术培训。（责任单位：县残联）",
]
PAGE_NEXT = [
    " 加强突发公共事件中对残疾人的帮扶。督",  # page break opening a paragraph
    "促和指导有关单位和部门制订突发公共事件应",
    "急预案。（牵头单位：县应急管理局）",
]


def test_pdf_page_break_inside_a_paragraph() -> None:
    assert_widths(PAGE_TASK + PAGE_NEXT, {0, 6})
    text = pdf("一、主要任务", *PAGE_TASK, *PAGE_NEXT)
    assert "残\n 疾人的特殊困难" in text  # the break: no blank line, a leading space
    plan = parse(text)

    assert [t.heading for t in plan.tasks] == [
        "做好易地搬迁残疾人后续帮扶工作",
        "加强突发公共事件中对残疾人的帮扶",
    ]
    first, second = plan.tasks
    assert first.text == "".join(line.strip() for line in PAGE_TASK)
    assert "充分考虑残疾人的特殊困难" in first.text
    assert tuple(first.lines) == (line_no(text, "做好易地"), line_no(text, "残疾人实用"))
    assert first.responsibility is not None and first.responsibility.responsible == ["县残联"]
    assert second.text == "".join(line.strip() for line in PAGE_NEXT)
    assert tuple(second.lines) == (line_no(text, "加强突发"), line_no(text, "急预案"))
    assert_no_loss(text, plan)


WRAPPED_LABELS = [
    "加强残疾人就业服务和援助。将劳动年龄",
    "段内有劳动能力和就业意愿的持证残疾人纳入",
    "就业援助范围，持续开展专项就业服务活动。",
    "举办残疾人就业创业成果展示活动。（牵头单",  # the label breaks: 牵头单 / 位：
    "位：县人力资源和社会保障局；参与单位：县",
    "教育局、县残联）",
    "依法保障残疾人平等就业权益。合理确定",
    "残疾人取得职业资格和公务员等入职的体检条",
    "件，防范和打击侵害残疾人就业权益的行为。",
    "（牵头单位：县人社局；参与单位：县委组织",  # a unit name breaks: 县委组织 / 部
    "部、县残联）",
]


def test_pdf_bracket_label_wrapped_across_lines() -> None:
    assert_widths(WRAPPED_LABELS, {0, 6})
    text = pdf("一、主要任务", *WRAPPED_LABELS)
    assert "（牵头单\n\n位：" in text
    plan = parse(text)

    assert [t.heading for t in plan.tasks] == [
        "加强残疾人就业服务和援助",
        "依法保障残疾人平等就业权益",
    ]
    first, second = plan.tasks
    assert first.responsibility is not None and second.responsibility is not None
    assert first.responsibility.lead == ["县人力资源和社会保障局"]
    assert first.responsibility.participating == ["县教育局", "县残联"]
    assert first.responsibility.responsible == []
    assert first.text.endswith("（牵头单位：县人力资源和社会保障局；参与单位：县教育局、县残联）")
    assert tuple(first.lines) == (line_no(text, "加强残疾人"), line_no(text, "教育局、县残联）"))
    assert second.responsibility.lead == ["县人社局"]
    assert second.responsibility.participating == ["县委组织部", "县残联"]
    assert_no_loss(text, plan)


# ------------------------------------------------------------------- spurious characters


def test_spurious_spaces_around_numbers_are_removed() -> None:
    text = (
        " 泽政发〔2023〕17 号\n"
        "泽州县人民政府\n"
        "关于印发泽州县残疾人保障规划的通知\n"
        "各乡镇人民政府：\n"
        "现将《泽州县残疾人保障规划》印发给你们，请认真贯彻执行。\n"
        "泽州县人民政府\n"
        "2023 年 8 月 8 日\n"
        "泽州县残疾人保障规划\n"
        "一、发展现状\n"
        "“十三五”时期，我县 1781 名建档立卡贫困残疾人全部如期脱贫，推广 Braille Unicode 标准。\n"
        "二、实施机制\n"
        "本规划自 2023 年 8 月 8 日起实施。\n"
    )
    plan = parse(text)
    texts = [e.text for e in plan.elements]
    assert (
        "“十三五”时期，我县1781名建档立卡贫困残疾人全部如期脱贫，推广Braille Unicode标准。" in texts
    )
    assert "本规划自2023年8月8日起实施。" in texts
    assert not any(re.search(r"\d [年月日名号]|[年月] \d", t) for t in texts)
    assert plan.meta.doc_number == "泽政发〔2023〕17号"
    assert plan.meta.date == "2023-08-08"
    assert plan.meta.title == "泽州县残疾人保障规划"
    assert_no_loss(text, plan)


def test_template_line_is_dropped_with_its_reason() -> None:
    text = (
        " 泽政发〔2023〕17 号\n"
        "\n"
        "此行间距用于调节，行距=28-标题行数*2（磅）\n"
        "\n"
        "泽州县人民政府\n"
        "关于印发泽州县残疾人保障规划的通知\n"
        "各乡镇人民政府：\n"
        "现将《泽州县残疾人保障规划》印发给你们，请认真贯彻执行。\n"
        "泽州县残疾人保障规划\n"
        "一、发展现状\n"
        "我县残疾人事业取得长足发展。\n"
    )
    plan = parse(text)
    got = [(d.text, tuple(d.lines)) for d in plan.dropped]
    assert got == [("此行间距用于调节，行距=28-标题行数*2（磅）", (3, 3))]
    assert plan.dropped[0].reason.strip()
    assert not any("行距" in e.text for e in plan.elements)
    assert plan.meta.doc_number == "泽政发〔2023〕17号"
    assert_no_loss(text, plan)


def test_bookmark_markers_before_headings_are_dropped() -> None:
    text = (
        " （征求意见稿）\n"
        "\n"
        "为保障残疾人民生，依据《残疾人保障法》，编制本规划。\n"
        "[bookmark: _Toc123]\n"
        "一、总体要求\n"
        "[bookmark: _Toc456]（一）指导思想\n"
        "坚持以人民为中心。着力解决好残疾人最关心的利益问题。\n"
    )
    plan = parse(text)
    dropped = [(d.text, tuple(d.lines)) for d in plan.dropped]
    assert dropped == [("[bookmark: _Toc123]", (4, 4)), ("[bookmark: _Toc456]", (6, 6))]
    assert all(d.reason.strip() for d in plan.dropped)
    got = [(h.level, h.marker, h.title, tuple(h.lines)) for h in plan.headings]
    assert got == [(1, "一、", "总体要求", (5, 5)), (2, "（一）", "指导思想", (6, 6))]
    assert not any("bookmark" in e.text for e in plan.elements)
    assert plan.meta.draft is True
    assert_no_loss(text, plan)


def test_title_line_of_a_draft_without_cover_letter() -> None:
    """A .docx draft opening with its title: the title is read and appears once in elements."""
    text = (
        "临汾市“十四五”残疾人保障和发展规划（征求意见稿）\n"
        "一、总体要求\n"
        "坚持以人民为中心。着力解决好残疾人最关心的利益问题。\n"
    )
    plan = parse(text)
    assert plan.meta.title == "临汾市“十四五”残疾人保障和发展规划"
    assert plan.meta.draft is True
    assert [(h.level, h.title) for h in plan.headings] == [(1, "总体要求")]
    on_line_1 = [e.kind for e in plan.elements if e.lines[0] == 1]
    assert len(on_line_1) == 1, on_line_1
    assert_no_loss(text, plan)


# ---------------------------------------------------------------------- .docx-style tables

TAB_TABLE = (
    "二、总体要求\n"
    "\t专栏1 “十四五”残疾人保障和发展主要指标\n"
    "\n"
    "\t类  别\n"
    "\t指    标\n"
    "\t2025年\n"
    "\t指标属性\n"
    "\n"
    "\t收入和\n"
    "就业\n"
    "\t1.残疾人家庭人均收入年均增长（%）\n"
    "\t与全市地区生产总值增长同步\n"
    "\t预期性\n"
    "\n"
    "\t\n"
    "\t2.城乡残疾人职业技能培训人次\n"
    "\t6000\n"
    "\t预期性\n"
    "\n"
    "\t社会保障\n"
    "\t3.残疾人城乡居民基本养老保险参保率（%）\n"
    "\t>90\n"
    "\t预期性\n"
    "\n"
    "\t\n"
    "\t4.困难重度残疾人居家无障碍改造数（户）\n"
    "\t≥1561\n"
    "\t约束性\n"
    "\n"
    "三、重点任务\n"
)


def test_tab_flattened_table_fills_the_category_down() -> None:
    plan = parse(TAB_TABLE)
    got = [
        (i.number, i.category, i.name, i.unit, i.target.op, i.target.value, i.attribute)
        for i in plan.indicators
    ]
    assert got == [
        ("1", "收入和就业", "残疾人家庭人均收入年均增长", "%", "qualitative", None, "预期性"),
        ("2", "收入和就业", "城乡残疾人职业技能培训人次", "人次", "=", 6000, "预期性"),
        ("3", "社会保障", "残疾人城乡居民基本养老保险参保率", "%", ">", 90, "预期性"),
        ("4", "社会保障", "困难重度残疾人居家无障碍改造数", "户", ">=", 1561, "约束性"),
    ]
    n = line_no(TAB_TABLE, "2.城乡")
    assert tuple(plan.indicators[1].lines) == (n - 1, n + 2)  # the empty cell opens the row
    (col,) = plan.columns
    assert (col.number, col.kind, len(col.items)) == ("1", "indicators", 4)
    assert col.title == "“十四五”残疾人保障和发展主要指标"
    assert [h.title for h in plan.headings] == ["总体要求", "重点任务"]
    assert plan.tasks == []
    assert_no_loss(TAB_TABLE, plan)


def test_table_words_are_not_taken_for_a_place() -> None:
    """Nothing in TAB_TABLE names a place: 与全市地区… is a target, 全市 is not a place name."""
    plan = parse(TAB_TABLE)
    assert plan.meta.place is None


TAB_BOX = (
    "一、主要任务\n"
    "（一）提高残疾人民生保障水平\n"
    "1．巩固拓展残疾人脱贫攻坚成果。保持主要帮扶政策总体稳定。（牵头单位：市乡村振兴局；参与单位：市民政局）\n"
    "\t专栏2  残疾人社会保障重点项目\n"
    "\n"
    "\t1.最低生活保障。将符合条件的残疾人家庭全部纳入最低生活保障范围。 \n"
    "2.困难残疾人生活补贴和重度残疾人护理补贴。落实“两项补贴”标准动态调整机制。\n"
    "3.残疾评定补贴。对残疾评定给予补贴。\n"
    "\n"
    "\n"
    "2．强化残疾人社会救助保障。加强临时救助。（责任单位：市民政局、市残联）\n"
)


def test_tab_form_column_box() -> None:
    plan = parse(TAB_BOX)
    (col,) = plan.columns
    assert (col.number, col.title, col.kind) == ("2", "残疾人社会保障重点项目", "projects")
    items = [(i.number, i.title, tuple(i.lines)) for i in col.items]
    assert items == [
        ("1", "最低生活保障", (6, 6)),
        ("2", "困难残疾人生活补贴和重度残疾人护理补贴", (7, 7)),
        ("3", "残疾评定补贴", (8, 8)),
    ]
    assert col.items[2].text == "3.残疾评定补贴。对残疾评定给予补贴。"
    assert col.lines[0] == 4 and col.lines[1] >= 8
    # the box items are neither tasks nor level-3 headings; both numbered tasks are
    assert [t.heading for t in plan.tasks] == [
        "巩固拓展残疾人脱贫攻坚成果",
        "强化残疾人社会救助保障",
    ]
    assert [(h.level, h.title) for h in plan.headings] == [
        (1, "主要任务"),
        (2, "提高残疾人民生保障水平"),
        (3, "巩固拓展残疾人脱贫攻坚成果"),
        (3, "强化残疾人社会救助保障"),
    ]
    assert_no_loss(TAB_BOX, plan)


# -------------------------------------------------------------------------------- headings


def test_half_width_parenthesised_headings() -> None:
    text = (
        "一、总体要求\n"
        "(一)指导思想\n"
        "坚持以习近平新时代中国特色社会主义思想为指导。\n"
        "(二)基本原则\n"
        "坚持党的全面领导。完善党委领导的残疾人工作领导体制。\n"
        "二、重点任务\n"
        "(一)提高残疾人民生保障水平。\n"
        "1.巩固拓展残疾人脱贫攻坚成果。保持帮扶政策总体稳定。（责任单位：市民政局）\n"
    )
    plan = parse(text)
    got = [(h.level, h.marker, h.title, tuple(h.lines)) for h in plan.headings]
    assert got == [
        (1, "一、", "总体要求", (1, 1)),
        (2, "(一)", "指导思想", (2, 2)),
        (2, "(二)", "基本原则", (4, 4)),
        (1, "二、", "重点任务", (6, 6)),
        (2, "(一)", "提高残疾人民生保障水平", (7, 7)),
        (3, "1.", "巩固拓展残疾人脱贫攻坚成果", (8, 8)),
    ]
    assert plan.headings[-1].path == [
        "重点任务",
        "提高残疾人民生保障水平",
        "巩固拓展残疾人脱贫攻坚成果",
    ]
    assert [t.heading for t in plan.tasks] == ["巩固拓展残疾人脱贫攻坚成果"]
    assert not [w for w in plan.warnings if "numbering" in w.code]


def test_heading_numbering_gap_is_reported_at_its_line() -> None:
    text = (
        "一、总体要求\n"
        "（一）指导思想\n"
        "坚持以人民为中心。\n"
        "（三）基本原则\n"
        "坚持党的全面领导。\n"
        "二、主要任务\n"
        "加强残疾人就业服务。开展专项就业服务活动。（牵头单位：县残联）\n"
    )
    plan = parse(text)
    gaps = [w for w in plan.warnings if "gap" in w.code]
    assert len(gaps) == 1, plan.warnings
    assert gaps[0].lines is not None and tuple(gaps[0].lines) == (4, 4)
    assert "（三）" in gaps[0].message
    assert [h.marker for h in plan.headings] == ["一、", "（一）", "（三）", "二、"]


def test_duplicate_heading_number_is_reported_at_its_line() -> None:
    text = (
        "一、总体要求\n"
        "（一）指导思想\n"
        "坚持以人民为中心。\n"
        "（二）基本原则\n"
        "坚持党的全面领导。\n"
        "（二）发展目标\n"
        "到二〇二五年，残疾人生活品质得到新改善。\n"
    )
    plan = parse(text)
    duplicates = [w for w in plan.warnings if "duplicate" in w.code]
    assert len(duplicates) == 1, plan.warnings
    assert duplicates[0].lines is not None and tuple(duplicates[0].lines) == (6, 6)
    assert not [w for w in plan.warnings if "gap" in w.code]
    assert [h.title for h in plan.headings] == ["总体要求", "指导思想", "基本原则", "发展目标"]


def test_column_item_numbering_gap_is_reported() -> None:
    text = TAB_BOX.replace("3.残疾评定补贴", "4.残疾评定补贴")
    plan = parse(text)
    gaps = [w for w in plan.warnings if "gap" in w.code and w.lines and w.lines[0] == 8]
    assert gaps, plan.warnings


# ------------------------------------------------------------------ responsibility brackets


def test_semicolon_without_a_second_label_continues_the_list() -> None:
    plan = parse(task_doc("（责任单位：市工信局、市住建局；市文明办、市残联）"))
    resp = resp_of(plan)
    assert resp.responsible == ["市工信局", "市住建局", "市文明办", "市残联"]
    assert resp.lead == [] and resp.participating == []
    assert resp.irregular  # noticed, not silently accepted


def test_comma_between_labels() -> None:
    plan = parse(task_doc("（牵头单位：市残联，参与单位：市发展改革委、市财政局、市卫健委）"))
    resp = resp_of(plan)
    assert resp.lead == ["市残联"]
    assert resp.participating == ["市发展改革委", "市财政局", "市卫健委"]
    assert resp.responsible == []
    assert resp.irregular


def test_half_width_closing_parenthesis() -> None:
    plan = parse(task_doc("（牵头单位：县财政局；参与单位：县税务局、县残联)"))
    resp = resp_of(plan)
    assert (resp.lead, resp.participating) == (["县财政局"], ["县税务局", "县残联"])
    assert resp.irregular
    assert only_task(plan).heading == "加强残疾人就业服务"


@pytest.mark.parametrize(
    ("label", "role"),
    [
        ("配合单位", "participating"),
        ("协办单位", "participating"),
        ("责任部门", "responsible"),
        ("主办单位", "lead"),
        ("牵头单位", "lead"),
        ("参与单位", "participating"),
        ("责任单位", "responsible"),
    ],
)
def test_role_labels(label: str, role: str) -> None:
    plan = parse(task_doc(f"（{label}：县残联、县民政局）"))
    resp = resp_of(plan)
    lists = {
        "lead": resp.lead,
        "participating": resp.participating,
        "responsible": resp.responsible,
    }
    assert lists.pop(role) == ["县残联", "县民政局"]
    assert list(lists.values()) == [[], []]
    assert [(u.name, u.role) for u in resp.units] == [("县残联", role), ("县民政局", role)]


def _roles_toml() -> list[tuple[str, str]]:
    with schema_path("roles.toml").open("rb") as handle:
        data = tomllib.load(handle)
    return [(label, role) for role, labels in data["labels"].items() for label in labels]


def test_roles_toml_has_the_three_roles() -> None:
    pairs = _roles_toml()
    assert {role for _label, role in pairs} == {"lead", "participating", "responsible"}
    assert ("配合单位", "participating") in pairs
    assert ("协办单位", "participating") in pairs
    assert ("责任部门", "responsible") in pairs
    assert ("主办单位", "lead") in pairs


@pytest.mark.parametrize(("label", "role"), _roles_toml())
def test_every_label_of_roles_toml_is_read(label: str, role: str) -> None:
    """Two labels in one bracket: the second always maps to its own role."""
    other = "牵头单位" if role != "lead" else "参与单位"
    plan = parse(task_doc(f"（{other}：县残联；{label}：县民政局、县财政局）"))
    resp = resp_of(plan)
    assert getattr(resp, role) == ["县民政局", "县财政局"]
    assert resp.labels == [other, label]


def test_collective_entries() -> None:
    bracket = "（牵头单位：市残联；参与单位：各县（市、区）人民政府、各有关单位、市政府残疾人工作委员会各成员单位）"
    plan = parse(task_doc(bracket))
    resp = resp_of(plan)
    assert resp.lead == ["市残联"]
    assert resp.participating == [
        "各县（市、区）人民政府",  # the bracket inside a name is not a separator
        "各有关单位",
        "市政府残疾人工作委员会各成员单位",
    ]
    matches = {u.name: u.match for u in resp.units}
    assert matches["各有关单位"] == "collective"
    assert matches["各县（市、区）人民政府"] == "collective"
    assert matches["市政府残疾人工作委员会各成员单位"] == "collective"
    assert matches["市残联"] in ("exact", "alias")


def test_bracket_in_the_middle_of_a_paragraph_is_not_a_responsibility() -> None:
    """Only the bracket closing the task paragraph names who is responsible."""
    text = (
        "一、主要任务\n"
        "加强残疾人就业服务。落实《办法》（牵头单位：县残联）的要求，开展专项服务活动。\n"
    )
    plan = parse(text)
    assert all(t.responsibility is None for t in plan.tasks)


# ------------------------------------------------------------------------------- bad input

NO_STRUCTURE = {
    "empty": "",
    "blank-lines": "\n\n\n",
    "spaces": "   \n \t \n",
    "latin": "hello world\nthis is not a plan\n",
    "one-sentence": "随便写的一句话，没有任何结构。\n",
    "control-chars": "\x00\x01\x02\n",
    "lone-bracket": "（\n",
    "bare-marker": "一、\n",
}


@pytest.mark.parametrize("text", NO_STRUCTURE.values(), ids=NO_STRUCTURE.keys())
def test_no_structure_gives_a_valid_result_with_a_warning(text: str) -> None:
    plan = parse(text)
    assert "no-structure" in [w.code for w in plan.warnings]
    assert plan.headings == [] and plan.tasks == [] and plan.columns == []
    assert_valid(plan)
    assert_no_loss(text, plan)


ODD_INPUT = {
    "crlf": "一、总体要求\r\n坚持以人民为中心。\r\n",
    "long-line": "字" * 1000 + "\n",
    "only-tabs": "\t\n\t\n\n\t\n",
    "empty-bracket": "一、主要任务\n加强服务。开展活动。（牵头单位：）\n",
    "box-without-items": "\t专栏3 重点项目\n\n",
    "table-without-header": "\t1.残疾人人均收入\n\t100\n\t预期性\n",
    "numbers-only": "1.\n2.\n3.\n",
    "unclosed-bracket": "一、主要任务\n加强服务。开展活动。（牵头单位：县残联\n",
}


@pytest.mark.parametrize("text", ODD_INPUT.values(), ids=ODD_INPUT.keys())
def test_odd_input_never_raises(text: str) -> None:
    plan = parse(text)
    assert_valid(plan)
    for element in plan.elements:
        assert 1 <= element.lines[0] <= element.lines[1]
    assert_no_loss(text, plan)


_LONG_PARAGRAPH = """
import time
from planparse.parse.pipeline import parse_text
text = "一、总体要求\\n" + "残疾人事业取得长足发展，" * 2000 + "\\n"
start = time.perf_counter()
plan = parse_text(text, "long.txt")
assert len(plan.elements) == 2, plan.elements
print(round(time.perf_counter() - start, 3))
"""


def test_long_paragraph_is_parsed_in_linear_time() -> None:
    """A 24 000-character paragraph (a .docx paragraph can be long; inputs up to 50 MB are
    accepted) parses in well under a second. Run in a subprocess so that a super-linear
    parser fails this test at the timeout instead of stalling the suite."""
    try:
        done = subprocess.run(
            [sys.executable, "-c", _LONG_PARAGRAPH],
            capture_output=True,
            text=True,
            timeout=3,
            check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.fail("parsing one 24 000-character paragraph took more than 3 s")
    assert done.returncode == 0, done.stderr
    assert float(done.stdout.strip()) < 1.0
