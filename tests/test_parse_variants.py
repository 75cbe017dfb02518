"""Plan layouts the two seeds do not show but real plans use (hand-made texts)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from planparse.model import Plan
from planparse.parse.pipeline import parse_path, parse_text


def _no_loss(text: str, plan: Plan) -> None:
    source = Counter(c for c in text if not c.isspace())
    got: Counter[str] = Counter()
    for piece in [e.text for e in plan.elements] + [d.text for d in plan.dropped]:
        got.update(c for c in piece if not c.isspace())
    assert source == got


INDICATOR_TABLE_WITH_BASE_YEAR = (
    "一、发展目标\n"
    "\t专栏1 “十四五”主要指标\n\n"
    "\t序号\n\t类别\n\t指标名称\n\t单位\n\t2020年\n\t2025年\n\t属性\n\n"
    "\t1\n\t经济发展\n\t地区生产总值年均增长\n\t%\n\t6.5\n\t6\n\t预期性\n\n"
    "\t2\n\t\n\t城镇调查失业率\n\t%\n\t5\n\t≤5.5\n\t约束性\n\n"
    "\t3\n\t民生福祉\n\t每千人口拥有执业（助理）医师数\n\t人\n\t2.5\n\t3.2\n\t预期性\n\n"
)


def test_indicator_table_read_by_its_header_words() -> None:
    plan = parse_text(INDICATOR_TABLE_WITH_BASE_YEAR)
    got = [
        (i.number, i.category, i.name, i.unit, i.base, i.target.raw, i.target.op, i.attribute)
        for i in plan.indicators
    ]
    assert got == [
        ("1", "经济发展", "地区生产总值年均增长", "%", "6.5", "6", "=", "预期性"),
        ("2", "经济发展", "城镇调查失业率", "%", "5", "≤5.5", "<=", "约束性"),
        ("3", "民生福祉", "每千人口拥有执业（助理）医师数", "人", "2.5", "3.2", "=", "预期性"),
    ]
    assert plan.columns[0].kind == "indicators"
    _no_loss(INDICATOR_TABLE_WITH_BASE_YEAR, plan)


def test_target_column_named_explicitly_wins_over_the_latest_year() -> None:
    text = (
        "一、目标\n"
        "\t指标\n\t2025年目标值\n\t2030年展望\n\t属性\n\n"
        "\t1.森林覆盖率（%）\n\t30\n\t32\n\t约束性\n\n"
    )
    (indicator,) = parse_text(text).indicators
    assert (indicator.target.raw, indicator.unit, indicator.base) == ("30", "%", "32")


def test_flattened_row_with_base_and_target_values() -> None:
    lines = [
        "专栏1 主要指标",
        "类别 指标 2020年 2025年 属性",
        "1.残疾人康复服务覆盖率（%） 80 ≥85 约束性",
        "2.残疾人职业技能培训人数 300 人 400 人 预期性",
    ]
    # A PDF extraction: wrapped body lines around the table make the layout recognisable.
    body = [
        "这是一段用于测试的正文内容，它的每一行都排满了同样的宽度，没有结",
        "束的标点符号，因此会被识别为从版式文件中提取出来的正文文字，并且",
    ] * 6
    text = "\n".join(
        [
            *body,
            "正文结束。",
            *lines,
            "到2035年，基本实现现代化目标，人民生活更加美好，社会更加和谐稳定。",
        ]
    )
    plan = parse_text(text)
    got = [
        (i.number, i.name, i.base, i.target.raw, i.target.op, i.attribute) for i in plan.indicators
    ]
    assert got == [
        ("1", "残疾人康复服务覆盖率", "80", "≥85", ">=", "约束性"),
        ("2", "残疾人职业技能培训人数", "300人", "400人", "=", "预期性"),
    ]


RESPONSIBILITY_LINES = (
    "一、主要任务\n"
    "（一）加强教育\n"
    "1.推进学前教育普及。扩大普惠性资源供给，提高入园率。\n"
    "牵头单位：县教育局\n"
    "配合单位：县财政局、县发展和改革局\n"
    "2.提升义务教育质量。推进集团化办学。\n"
    "责任单位：县教育局\n"
    "（二）强化保障\n"
    "1.加强组织领导。成立领导小组，统筹推进各项工作。\n"
)


def test_responsibility_written_on_its_own_lines_without_brackets() -> None:
    plan = parse_text(RESPONSIBILITY_LINES)
    first, second, third = plan.tasks
    assert first.heading == "推进学前教育普及"
    assert first.responsibility is not None
    assert first.responsibility.lead == ["县教育局"]
    assert first.responsibility.participating == ["县财政局", "县发展和改革局"]
    assert first.responsibility.lines == (3, 5)
    assert second.responsibility is not None and second.responsibility.responsible == ["县教育局"]
    # A numbered task in a chapter whose tasks carry responsibilities is a task even without one.
    assert third.heading == "加强组织领导" and third.responsibility is None
    kinds = [(e.kind, e.lines[0], e.ref) for e in plan.elements if e.kind == "responsibility"]
    assert kinds == [
        ("responsibility", 4, first.id),
        ("responsibility", 5, first.id),
        ("responsibility", 7, second.id),
    ]
    _no_loss(RESPONSIBILITY_LINES, plan)


def test_numbered_principles_outside_task_chapters_are_not_tasks() -> None:
    text = (
        "一、总体要求\n"
        "1.坚持党的领导。把党的领导贯穿全过程。\n"
        "2.坚持人民至上。把人民放在心中最高位置。\n"
        "二、主要任务\n"
        "1.完善救助制度。健全分层分类的救助体系。（牵头单位：市民政局）\n"
    )
    plan = parse_text(text)
    assert [t.heading for t in plan.tasks] == ["完善救助制度"]


def test_chapters_and_sections_rank_above_numbered_headings() -> None:
    text = (
        "第一章 总体要求\n第一节 指导思想\n坚持以人民为中心。\n"
        "第二章 主要任务\n第一节 加强保障\n一、完善制度。建立健全制度体系。（牵头单位：市民政局）\n"
    )
    plan = parse_text(text)
    assert [(h.level, h.marker) for h in plan.headings] == [
        (1, "第一章"),
        (2, "第一节"),
        (1, "第二章"),
        (2, "第一节"),
        (3, "一、"),
    ]
    (task,) = plan.tasks
    assert task.path == ["主要任务", "加强保障", "完善制度"]


def test_docx_heading_styles_without_printed_numbers_become_headings(tmp_path: Path) -> None:
    """Printed markers decide levels; an unnumbered paragraph with a heading style (outline
    level) is a heading too, and says which signal decided."""
    from test_readers_docx import build_docx, p

    styles = (
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
        '<w:style w:type="paragraph" w:styleId="H1"><w:name w:val="heading 1"/>'
        '<w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>'
        '<w:style w:type="paragraph" w:styleId="H2"><w:name w:val="heading 2"/>'
        '<w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>'
    )
    body = "".join(
        [
            p("发展基础", '<w:pStyle w:val="H1"/>'),
            p("“十三五”时期成效显著。"),
            p("重点任务", '<w:pStyle w:val="H1"/>'),
            p("加强社会救助", '<w:pStyle w:val="H2"/>'),
            p("完善救助制度。健全分层分类救助体系。（牵头单位：市民政局）"),
        ]
    )
    path = tmp_path / "styled.docx"
    path.write_bytes(build_docx(body, styles=styles))
    plan = parse_path(path)
    got = [(h.level, h.title, h.signal, h.path) for h in plan.headings]
    assert got == [
        (1, "发展基础", "style", ["发展基础"]),
        (1, "重点任务", "style", ["重点任务"]),
        (2, "加强社会救助", "style", ["重点任务", "加强社会救助"]),
    ]
    (task,) = plan.tasks
    assert task.path == ["重点任务", "加强社会救助"]
    assert task.responsibility is not None and task.responsibility.lead == ["市民政局"]


def test_part_markers_rank_above_chapters() -> None:
    text = "第一部分 发展基础\n第一章 成就\n一、总体情况\n第二部分 主要任务\n第一章 保障\n"
    plan = parse_text(text)
    assert [(h.level, h.marker) for h in plan.headings] == [
        (1, "第一部分"),
        (2, "第一章"),
        (3, "一、"),
        (1, "第二部分"),
        (2, "第一章"),
    ]


def test_verb_form_brackets_name_roles_after_the_units() -> None:
    text = (
        "一、重点任务\n"
        "（一）完善救助体系。健全分层分类的社会救助体系。（市民政局牵头，市财政局、市人社局配合）\n"
        "（二）加强基层服务。推进服务下沉。（各县（市、区）人民政府负责）\n"
        "（三）提升质量。开展示范（含特教学校中职部）。\n"
    )
    plan = parse_text(text)
    roles = [
        (
            t.heading,
            t.responsibility.lead,
            t.responsibility.participating,
            t.responsibility.responsible,
        )
        for t in plan.tasks
        if t.responsibility
    ]
    assert roles == [
        ("完善救助体系", ["市民政局"], ["市财政局", "市人社局"], []),
        ("加强基层服务", [], [], ["各县（市、区）人民政府"]),
    ]
    units = {
        u.name: u.match for t in plan.tasks if t.responsibility for u in t.responsibility.units
    }
    assert (
        units["市民政局"] in ("exact", "alias") and units["各县（市、区）人民政府"] == "collective"
    )
