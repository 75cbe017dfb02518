"""Acceptance on the two seed documents of corpus/.

Every expected value below was read off the corpus text by hand (line numbers cite the file),
never copied from the parser's output:

* ``corpus/zezhou-county-2023.txt``: 泽州县 county plan, text extracted from a PDF (visual lines
  followed by blank lines, page breaks as lines starting with a space, 专栏 boxes split across
  pages and interleaved with body paragraphs, the indicator table flattened to lines);
* ``corpus/linfen-city-draft.txt``: 临汾市 city plan draft exported from .docx (one paragraph a
  line, tables flattened to tab-indented cells, ``[bookmark: …]`` markers).
"""

from __future__ import annotations

import re
from collections import Counter

import pytest

from conftest import CITY_FILE, COUNTY_FILE, read_corpus
from planparse.model import Column, Heading, Indicator, Plan, Task

Roles = tuple[list[str], list[str], list[str]]  # lead, participating, responsible


def squash(text: str) -> str:
    """Text without any whitespace (PDF extraction puts spaces and line breaks anywhere)."""
    return re.sub(r"\s+", "", text)


def original(lines: list[str], span: tuple[int, int] | list[int]) -> str:
    """The original lines ``span`` points at, whitespace removed."""
    first, last = span
    return squash("".join(lines[first - 1 : last]))


def roles(task: Task) -> Roles:
    resp = task.responsibility
    assert resp is not None, f"{task.heading}: no responsibility bracket found"
    return resp.lead, resp.participating, resp.responsible


def task_by_heading(plan: Plan, heading: str) -> Task:
    found = [t for t in plan.tasks if t.heading == heading]
    assert len(found) == 1, f"{heading!r}: {len(found)} tasks, expected 1"
    return found[0]


def column(plan: Plan, number: str) -> Column:
    found = [c for c in plan.columns if c.number == number]
    assert len(found) == 1, f"专栏{number}: {len(found)} columns"
    return found[0]


def indicator(plan: Plan, number: str) -> Indicator:
    found = [i for i in plan.indicators if i.number == number]
    assert len(found) == 1, f"indicator {number}: {len(found)} found"
    return found[0]


# ------------------------------------------------------------------------------- columns

COUNTY_COLUMNS = [
    ("1", "泽州县“十四五”残疾人保障和发展主要指标", 12),  # line 197, rows 204-239
    ("2", "残疾人社会保障重点项目", 8),  # line 411
    ("3", "残疾人就业补贴奖励重点项目", 7),  # line 509, items 4-7 at 558-576
    ("4", "残疾人就业服务重点项目", 6),  # line 605
    ("5", "残疾人健康和康复重点项目", 6),  # line 728
    ("6", "残疾人教育重点项目", 7),  # line 802
    ("7", "残疾人文化体育服务重点项目", 8),  # line 883
    ("8", "无障碍重点项目", 6),  # line 1012
    ("9", "基础设施、信息化重点项目", 6),  # line 1092
]

CITY_COLUMNS = [
    ("1", "“十四五”临汾市残疾人保障和发展主要指标", 11),  # line 22
    ("2", "残疾人社会保障重点项目", 8),  # line 99
    ("3", "残疾人就业补贴奖励重点项目", 7),  # line 114
    ("4", "残疾人就业服务重点项目", 6),  # line 128
    ("5", "残疾人健康和康复重点项目", 5),  # line 142
    ("6", "残疾人教育重点项目", 7),  # line 153
    ("7", "残疾人文化体育服务重点项目", 8),  # line 166
    ("8", "无障碍重点项目", 5),  # line 186
]


@pytest.mark.parametrize(
    ("which", "expected"),
    [("county_plan", COUNTY_COLUMNS), ("city_plan", CITY_COLUMNS)],
    ids=["county", "city"],
)
def test_columns_numbers_titles_counts_kinds(
    which: str, expected: list[tuple[str, str, int]], request: pytest.FixtureRequest
) -> None:
    plan: Plan = request.getfixturevalue(which)
    got = [(c.number, c.title, len(c.items)) for c in plan.columns]
    assert got == expected
    kinds = [c.kind for c in plan.columns]
    assert kinds == ["indicators"] + ["projects"] * (len(expected) - 1)


@pytest.mark.parametrize("which", ["county_plan", "city_plan"])
def test_column_items_are_numbered_in_order(which: str, request: pytest.FixtureRequest) -> None:
    plan: Plan = request.getfixturevalue(which)
    for col in plan.columns:
        numbers = [item.number for item in col.items]
        assert numbers == [str(n) for n in range(1, len(numbers) + 1)], f"专栏{col.number}"


@pytest.mark.parametrize(
    ("which", "number", "item", "title"),
    [
        ("county_plan", "2", 1, "基本生活救助"),  # line 413
        ("county_plan", "2", 5, "商业保险补贴"),  # line 430, first line of a page
        ("county_plan", "3", 4, "辅助性就业机构补贴"),  # line 558, inside a body paragraph
        ("county_plan", "3", 7, "超比例安排残疾人就业奖励"),  # line 574
        ("county_plan", "4", 1, "党政机关，事业单位按比例安排残疾人就业项目"),  # line 607
        ("county_plan", "7", 1, "“五个一”文化进家庭、进社区项目"),  # line 885
        ("county_plan", "8", 5, "生活服务无障碍"),  # line 1028
        ("county_plan", "9", 2, "特殊教育学校提升项目"),  # line 1100, printed 2．
        ("city_plan", "2", 1, "最低生活保障"),  # line 101
        ("city_plan", "3", 3, "招录（聘）残疾人的用人单位补贴"),  # line 118
        ("city_plan", "5", 5, "康复专业人才培养项目"),  # line 148
        ("city_plan", "7", 1, "“五个一”文化进家庭、进社区项目"),  # line 168
        ("city_plan", "8", 5, "无障碍服务"),  # line 192
    ],
)
def test_column_item_titles(
    which: str, number: str, item: int, title: str, request: pytest.FixtureRequest
) -> None:
    plan: Plan = request.getfixturevalue(which)
    assert column(plan, number).items[item - 1].title == title


def test_county_column_3_items_inside_body_paragraph(county_plan: Plan) -> None:
    """专栏3 items 4-7 (lines 558-576) sit in the middle of the paragraph 加强残疾人就业服务和援助
    (lines 550-556, then 577-583): they belong to the column, the paragraph is rejoined."""
    col = column(county_plan, "3")
    expected = {
        "4": ((558, 560), "对残疾人辅助性就业机构给予一次性建设场地租金、机构运行、无障碍环境改造"),
        "5": (
            (562, 564),
            "对通过公益性岗位安排残疾人就业并缴纳社会保险费的用人单位给予社会保险补贴",
        ),
        "6": (
            (566, 572),
            "鼓励经营性市场主体开展公益性就业服务，推荐残疾人稳定就业的，按其就业服务"
            "后实际就业人数向当地人社部门申请职业介绍补贴。",
        ),
        "7": ((574, 576), "完善奖励办法，对超比例安排残疾人就业的用人单位给予奖励。"),
    }
    items = {item.number: item for item in col.items}
    for number, (span, text) in expected.items():
        assert tuple(items[number].lines) == span, f"item {number}"
        assert text in squash(items[number].text), f"item {number}"
    assert col.lines[0] == 509 and col.lines[1] >= 576

    task = task_by_heading(county_plan, "加强残疾人就业服务和援助")
    text = squash(task.text)
    assert "推进县级残疾人就业服务机构规范化建设" in text  # lines 556 + 577, across the box
    assert text.startswith("加强残疾人就业服务和援助。将劳动年龄段内有劳动能力和")
    assert text.endswith("（牵头单位：县人力资源和社会保障局；参与单位：县教育局、县残联）")
    for item in col.items:
        assert squash(item.text) not in text
        assert item.title not in text
    for leaked in ("职业介绍补贴", "一次性建设场地租金", "缴纳社会保险费", "完善奖励办法"):
        assert leaked not in text
    assert tuple(task.lines) == (550, 583)


def test_county_column_3_first_items_do_not_leak_into_next_task(county_plan: Plan) -> None:
    """Items 1-3 end at line 527; the page break at line 528 starts 提升残疾人职业技能."""
    task = task_by_heading(county_plan, "提升残疾人职业技能")
    text = squash(task.text)
    assert text.startswith("提升残疾人职业技能。实施《残疾人职业技能提升计划（2021-2025年）》")
    assert "见习补贴" not in text
    assert tuple(task.lines) == (528, 548)
    items = column(county_plan, "3").items
    assert [tuple(i.lines) for i in items[:3]] == [(511, 515), (517, 519), (521, 527)]


def test_county_column_items_across_page_breaks(county_plan: Plan) -> None:
    """Items that open a page (a line starting with a space) stay in their column."""
    assert tuple(column(county_plan, "2").items[4].lines) == (430, 432)
    assert tuple(column(county_plan, "4").items[3].lines) == (624, 624)
    assert tuple(column(county_plan, "8").items[5].lines) == (1031, 1035)
    assert "组队参加晋城市残疾人运动会暨特殊奥林匹克运动会" in squash(
        column(county_plan, "7").items[5].text
    )  # item 6 runs over the page break at line 906


# ----------------------------------------------------------------------------- indicators

# number, category, name, unit, target raw, op, value, attribute
IndicatorRow = tuple[str, str, str, str | None, str, str, float | None, str]
INCOME = "收入和就业"
SOCIAL = "社会保障和基本公共服务"
QUAL = "qualitative"

COUNTY_INDICATORS: list[IndicatorRow] = [  # lines 197-239
    (
        "1",
        INCOME,
        "残疾人家庭人均收入年均增速",
        None,
        "与全县生产总值增长同步",
        QUAL,
        None,
        "预期性",
    ),
    ("2", INCOME, "残疾人职业技能培训人数", "人", "400人", "=", 400, "预期性"),
    ("3", SOCIAL, "符合条件的残疾人纳入最低生活保障比例", "%", "100", "=", 100, "约束性"),
    ("4", SOCIAL, "困难残疾人生活补贴覆盖率", "%", "100", "=", 100, "约束性"),
    ("5", SOCIAL, "重度残疾人护理补贴覆盖率", "%", "100", "=", 100, "约束性"),
    ("6", SOCIAL, "残疾人城乡居民基本养老保险参保率", "%", "95", "=", 95, "预期性"),
    ("7", SOCIAL, "残疾人城乡居民基本医疗保险参保率", "%", "100", "=", 100, "预期性"),
    ("8", SOCIAL, "残疾儿童少年义务教育入学率", "%", "≥97", ">=", 97, "预期性"),
    ("9", SOCIAL, "残疾人康复服务覆盖率", "%", "≥85", ">=", 85, "约束性"),
    (
        "10",
        SOCIAL,
        "符合条件且有需求的残疾儿童和持证残疾人辅助器具适配率",
        "%",
        "≥85",
        ">=",
        85,
        "约束性",
    ),
    ("11", SOCIAL, "困难重度残疾人家庭无障碍改造数", "户", "112户", "=", 112, "约束性"),
    ("12", SOCIAL, "残疾人意外伤害保险参保率", "%", "70", "=", 70, "预期性"),
]

CITY_INDICATORS: list[IndicatorRow] = [  # lines 22-87
    (
        "1",
        INCOME,
        "残疾人家庭人均收入年均增长",
        "%",
        "与全市地区生产总值增长同步",
        QUAL,
        None,
        "预期性",
    ),
    ("2", INCOME, "城乡残疾人职业技能培训人次", "人次", "6000", "=", 6000, "预期性"),
    ("3", SOCIAL, "符合条件的残疾人纳入最低生活保障比例", "%", "100", "=", 100, "约束性"),
    ("4", SOCIAL, "困难残疾人生活补贴覆盖率", "%", "100", "=", 100, "约束性"),
    ("5", SOCIAL, "重度残疾人护理补贴覆盖率", "%", "100", "=", 100, "约束性"),
    ("6", SOCIAL, "残疾人城乡居民基本养老保险参保率", "%", ">90", ">", 90, "预期性"),
    ("7", SOCIAL, "残疾人城乡居民基本医疗保险参保率", "%", ">95", ">", 95, "预期性"),
    ("8", SOCIAL, "残疾儿童少年义务教育入学率", "%", "≥97", ">=", 97, "约束性"),
    ("9", SOCIAL, "残疾人基本康复服务覆盖率", "%", "≥85", ">=", 85, "约束性"),
    ("10", SOCIAL, "残疾人辅助器具适配率", "%", "≥85", ">=", 85, "约束性"),
    ("11", SOCIAL, "困难重度残疾人居家无障碍改造数", "户", "1561", "=", 1561, "约束性"),
]


def _name(name: str) -> str:
    """An indicator name without the printed unit annotation （%） / （户）."""
    return re.sub(r"[（(][^（）()]{1,6}[）)]$", "", squash(name))


@pytest.mark.parametrize(
    ("which", "expected"),
    [("county_plan", COUNTY_INDICATORS), ("city_plan", CITY_INDICATORS)],
    ids=["county", "city"],
)
def test_indicators(
    which: str, expected: list[IndicatorRow], request: pytest.FixtureRequest
) -> None:
    plan: Plan = request.getfixturevalue(which)
    assert [i.number for i in plan.indicators] == [row[0] for row in expected]
    for number, category, name, unit, raw, op, value, attribute in expected:
        ind = indicator(plan, number)
        assert squash(ind.category) == category, number
        assert _name(ind.name) == name, number
        assert ind.unit == unit, number
        assert squash(ind.target.raw) == raw, number
        assert ind.target.op == op, number
        if value is None:
            assert ind.target.value is None, number
        else:
            assert ind.target.value == pytest.approx(value), number
            assert ind.target.unit == unit, number
        assert ind.attribute == attribute, number


def test_indicator_examples_from_the_brief(county_plan: Plan, city_plan: Plan) -> None:
    county8, city6 = indicator(county_plan, "8"), indicator(city_plan, "6")
    assert (county8.target.op, county8.target.value) == (">=", 97)
    assert (city6.target.op, city6.target.value) == (">", 90)
    assert indicator(county_plan, "1").target.op == "qualitative"
    assert indicator(city_plan, "1").target.op == "qualitative"
    county2 = indicator(county_plan, "2").target
    assert (county2.op, county2.value, county2.unit) == ("=", 400, "人")
    city2 = indicator(city_plan, "2")
    assert (city2.target.value, city2.unit) == (6000, "人次")
    assert (indicator(county_plan, "11").target.value, indicator(county_plan, "11").unit) == (
        112,
        "户",
    )
    assert (indicator(city_plan, "11").target.value, indicator(city_plan, "11").unit) == (
        1561,
        "户",
    )
    assert indicator(county_plan, "8").attribute == "预期性"
    assert indicator(city_plan, "8").attribute == "约束性"


@pytest.mark.parametrize(
    ("which", "lines_fixture"),
    [("county_plan", "county_lines"), ("city_plan", "city_lines")],
    ids=["county", "city"],
)
def test_indicator_lines_point_at_the_row(
    which: str, lines_fixture: str, request: pytest.FixtureRequest
) -> None:
    plan: Plan = request.getfixturevalue(which)
    lines: list[str] = request.getfixturevalue(lines_fixture)
    for ind in plan.indicators:
        there = original(lines, ind.lines)
        assert f"{ind.number}.{_name(ind.name)[:8]}" in there, ind.number
        assert ind.attribute is not None and ind.attribute in there, ind.number


# ------------------------------------------------------------------- responsibility brackets

_BRACKET = re.compile(r"[（(](?:牵头单位|责任单位)[:：][^（）()]*[）)]")
_LABEL = re.compile(r"(牵头单位|参与单位|责任单位)[:：]")
_ROLE = {"牵头单位": 0, "参与单位": 1, "责任单位": 2}


def brackets_in(name: str) -> list[tuple[str, Roles]]:
    """Every responsibility bracket of a corpus file, read independently of planparse.

    The whole file is joined without whitespace so that labels wrapped across PDF lines
    (（牵\\n头单位：) read whole. A semicolon with no label after it continues the list.
    """
    text = squash(read_corpus(name))
    found: list[tuple[str, Roles]] = []
    for match in _BRACKET.finditer(text):
        raw = match.group(0)
        lists: Roles = ([], [], [])
        parts = _LABEL.split(raw[1:-1])
        assert parts[0] == "", raw
        for label, body in zip(parts[1::2], parts[2::2], strict=True):
            names = [n for n in re.split(r"[、，,；;]", body) if n]
            lists[_ROLE[label]].extend(names)
        found.append((raw, lists))
    return found


def test_bracket_oracle_counts() -> None:
    """Counted by hand: 24 （牵头单位 + 5 （责任单位 in the county, 25 + 6 in the city."""
    assert len(brackets_in(COUNTY_FILE)) == 29
    assert len(brackets_in(CITY_FILE)) == 31


@pytest.mark.parametrize(
    ("which", "name"),
    [("county_plan", COUNTY_FILE), ("city_plan", CITY_FILE)],
    ids=["county", "city"],
)
def test_every_bracket_belongs_to_its_task(
    which: str, name: str, request: pytest.FixtureRequest
) -> None:
    """Brackets and tasks pair up in reading order; each task's roles are what the text says."""
    plan: Plan = request.getfixturevalue(which)
    expected = brackets_in(name)
    with_bracket = [t for t in plan.tasks if t.responsibility is not None]
    assert len(with_bracket) == len(expected)
    for task, (raw, lists) in zip(with_bracket, expected, strict=True):
        assert raw in squash(task.text), task.heading
        assert roles(task) == lists, task.heading
        assert task.responsibility is not None
        assert squash(task.responsibility.raw) == raw, task.heading


@pytest.mark.parametrize(
    ("which", "heading", "lead", "participating", "responsible"),
    [
        pytest.param(
            "city_plan",
            "规范基础设施",
            ["市残联"],
            ["市发展改革委", "市财政局", "市卫健委", "市行政审批局", "市民政局"],
            [],
            id="city-comma-between-labels-199",
        ),
        pytest.param(
            "city_plan",
            "加强信息化建设",
            ["市残联"],
            ["市发展改革委", "市民政局", "市财政局", "市卫健委", "市统计局", "市行政审批局"],
            [],
            id="city-comma-between-labels-200",
        ),
        pytest.param(
            "city_plan",
            "加快发展信息无障碍",
            [],
            [],
            ["市工信局", "市住建局", "市文明办", "市残联"],
            id="city-unlabelled-semicolon-185",
        ),
        pytest.param(
            "city_plan",
            "强化党委领导、政府负责的领导体制",
            ["市残联"],
            ["市政府残疾人工作委员会各成员单位"],
            [],
            id="city-collective-196",
        ),
        pytest.param(
            "city_plan",
            "营造全社会扶残助残和残疾人自强自主的文明社会氛围",
            ["市委宣传部", "市残联"],
            ["市文明办", "市人社局", "市广播电视台"],
            [],
            id="city-two-leads-180",
        ),
        pytest.param(
            "county_plan",
            "加强经费保障",
            ["县财政局"],
            ["县税务局", "县残联"],
            [],
            id="county-half-width-paren-1208",
        ),
        pytest.param(
            "county_plan",
            "为各类残疾人提供更加精准的健康和康复服务",
            ["县残联"],
            [
                "县委政法委",
                "县教育局",
                "县公安局",
                "县民政局",
                "县财政局",
                "县卫生健康和体育局",
                "县市场监督管理局",
                "县妇联",
            ],
            [],
            id="county-label-wrapped-over-page-668",
        ),
        pytest.param(
            "county_plan",
            "提升残疾人职业技能",
            ["县残联"],
            ["县人力资源和社会保障局"],
            [],
            id="county-label-wrapped-546",
        ),
        pytest.param(
            "county_plan",
            "加快发展残疾人照护托养服务，提升社会兜底保障水平",
            ["县民政局", "县残联"],
            ["县财政局"],
            [],
            id="county-second-label-wrapped-387",
        ),
        pytest.param(
            "county_plan",
            "加快推进信息无障碍建设",
            [],
            [],
            ["县文明办", "县工业和信息化局", "县住房和城乡建设管理局", "县残联"],
            id="county-responsible-label-wrapped-1006",
        ),
        pytest.param(
            "county_plan",
            "加强组织领导",
            ["县残联"],
            ["县政府残疾人工作委员会各成员单位"],
            [],
            id="county-collective-1192",
        ),
        pytest.param(
            "county_plan",
            "加强监测和评估",
            ["县残联"],
            ["县政府残疾人工作委员会各成员单位"],
            [],
            id="county-collective-1223",
        ),
        pytest.param(
            "county_plan",
            "加强残疾预防",
            [],
            [],
            [
                "县委宣传部",
                "县教育局",
                "县公安局",
                "县民政局",
                "县人力资源和社会保障局",
                "市生态环境局泽州分局",
                "县交通运输局",
                "县水务局",
                "县卫生健康和体育局",
                "县应急管理局",
                "县融媒体中心",
                "县总工会",
                "团县委",
                "县妇联",
                "县残联",
            ],
            id="county-unit-wrapped-722",
        ),
    ],
)
def test_irregular_brackets(
    which: str,
    heading: str,
    lead: list[str],
    participating: list[str],
    responsible: list[str],
    request: pytest.FixtureRequest,
) -> None:
    plan: Plan = request.getfixturevalue(which)
    assert roles(task_by_heading(plan, heading)) == (lead, participating, responsible)


@pytest.mark.parametrize("which", ["county_plan", "city_plan"])
def test_units_list_every_named_unit_with_its_role(
    which: str, request: pytest.FixtureRequest
) -> None:
    plan: Plan = request.getfixturevalue(which)
    for task in plan.tasks:
        resp = task.responsibility
        if resp is None:
            continue
        named = [(n, "lead") for n in resp.lead]
        named += [(n, "participating") for n in resp.participating]
        named += [(n, "responsible") for n in resp.responsible]
        assert [(u.name, u.role) for u in resp.units] == named, task.heading
        for unit in resp.units:
            if "各成员单位" in unit.name:
                assert unit.match == "collective", unit.name


# ---------------------------------------------------------------------------------- tasks

COUNTY_SECTIONS: list[tuple[list[str], list[str]]] = [
    (
        ["主要任务", "织密扎牢残疾人民生保障网，健全残疾人社会保障体系"],
        [
            "巩固拓展贫困残疾人脱贫攻坚成果同乡村振兴有效衔接",  # line 254
            "完善残疾人社会救助机制，提升残疾人生活质量",  # line 292
            "完善残疾人福利优待政策，增强残疾人生活获得感",  # line 323
            "加快发展残疾人照护托养服务，提升社会兜底保障水平",  # line 360
            "加强突发公共事件中对残疾人的帮扶",  # line 391
        ],
    ),
    (
        ["主要任务", "完善残疾人就业保障政策，扶持残疾人多形式就业"],
        [
            "抓好残疾人就业法规政策有效落实",  # line 456
            "不断丰富和拓展残疾人就业渠道",  # line 480
            "提升残疾人职业技能",  # line 528
            "加强残疾人就业服务和援助",  # line 550
            "依法保障残疾人平等就业权益",  # line 585
        ],
    ),
    (
        ["主要任务", "健全残疾人关爱服务体系，提高为残疾人服务的能力和水平"],
        [
            "为各类残疾人提供更加精准的健康和康复服务",  # line 638
            "提高残疾人辅助器具适配服务水平",  # line 675
            "加强残疾预防",  # line 699
            "健全残疾人教育保障机制",  # line 765
            "支持和保障特殊教育健康发展",  # line 787
            "提高残疾人公共文化服务供给能力",  # line 850
            "发展残疾人体育事业",  # line 869
            "发展残疾人慈善事业和志愿服务",  # line 920
        ],
    ),
    (
        ["主要任务", "推进残疾人事业法治化建设，维护和保障残疾人合法权益"],
        [
            "推进残疾人事业法治化进程",  # line 934
            "加强残疾人法律服务和权益维护",  # line 955
            "提升无障碍环境建设管理水平",  # line 983
            "加快推进信息无障碍建设",  # line 1002
            "营造扶残助残文明社会氛围",  # line 1037
        ],
    ),
    (
        ["主要任务", "加强基础设施和信息化建设"],
        ["加强基础设施建设", "推动信息化建设"],  # lines 1059, 1075
    ),
    (
        ["主要任务", "深化残联组织改革建设，促进残疾人事业高质量发展"],
        [
            "持续深化县级残联改革",  # line 1131, no bracket
            "提升残疾人工作者综合素质",  # line 1147, no bracket
            "推进残疾人公共服务建设",  # line 1161
        ],
    ),
    (["组织保障", "加强组织领导"], ["加强组织领导"]),  # line 1186
    (["组织保障", "加强经费保障"], ["加强经费保障"]),  # line 1196
    (["组织保障", "加强监测和评估"], ["加强监测和评估"]),  # line 1210
]

CITY_SECTIONS: list[tuple[str, list[str]]] = [
    (
        "提高残疾人民生保障水平",  # line 92
        [
            "巩固拓展残疾人脱贫攻坚成果",
            "强化残疾人社会救助保障",
            "加快发展残疾人托养和照护服务",
            "提高残疾人保险覆盖率和待遇水平",
            "完善残疾人社会福利制度和社会优待政策",
            "加强突发公共事件中对残疾人的保护",
        ],
    ),
    (
        "促进残疾人就业创业，增强残疾人自我发展能力",  # line 111
        [
            "落实残疾人就业法规政策",
            "多渠道、多形式促进残疾人就业创业",
            "提升残疾人职业素质和就业创业能力",
            "优化残疾人就业服务",
            "维护残疾人就业权益",
        ],
    ),
    (
        "健全残疾人关爱服务体系，提升残疾人康复、教育、文化、体育等公共服务质量",  # line 138
        [
            "提升残疾人康复服务质量",
            "提高残疾人辅助器具适配服务水平",
            "健全残疾预防工作机制",
            "健全残疾人教育体系",
            "完善特殊教育保障机制",
            "提升残疾人公共文化服务",
            "推动残疾人体育全面发展",
            "大力发展残疾人慈善事业和服务产业",
            "加强残疾人康复托养服务管理和残疾人证管理",
            "营造全社会扶残助残和残疾人自强自主的文明社会氛围",
        ],
    ),
    (
        "保障残疾人平等权利，为残疾人提供无障碍环境和便利化条件",  # line 181
        [
            "提高残疾人事业法治化水平",
            "创新残疾人法律服务和权益维护",
            "提升无障碍设施建设管理水平",
            "加快发展信息无障碍",
        ],
    ),
    (
        "完善支持保障条件，促进残疾人事业高质量发展",  # line 195
        [
            "强化党委领导、政府负责的领导体制",
            "强化经费保障，建立稳定增长的多元化投入格局",
            "增强基层为残疾人服务的能力",
            "规范基础设施",
            "加强信息化建设",
            "发挥残疾人组织桥梁纽带作用",
        ],
    ),
]


COUNTY_UNBRACKETED = {"持续深化县级残联改革", "提升残疾人工作者综合素质"}


def test_county_tasks(county_plan: Plan) -> None:
    """26 lead-sentence paragraphs under 三、主要任务 (24 with a bracket) + （一）-（三） of 四."""
    expected = [h for _path, headings in COUNTY_SECTIONS for h in headings]
    assert len(expected) == 31
    assert [t.heading for t in county_plan.tasks] == expected
    for task in county_plan.tasks:
        path = next(p for p, headings in COUNTY_SECTIONS if task.heading in headings)
        assert task.path[:2] == path, task.heading
        assert "。" not in task.heading
        if task.heading in COUNTY_UNBRACKETED:
            assert task.responsibility is None, task.heading
        else:
            assert task.responsibility is not None, task.heading
        prefix = (task.number or "") + task.heading + "。"  # （一）加强组织领导。 (line 1186)
        assert squash(task.text).startswith(prefix), task.heading
    assert sum(t.responsibility is not None for t in county_plan.tasks) == 29


def test_city_tasks(city_plan: Plan) -> None:
    expected = [h for _section, headings in CITY_SECTIONS for h in headings]
    assert len(expected) == 31
    assert [t.heading for t in city_plan.tasks] == expected
    for task in city_plan.tasks:
        section, headings = next(s for s in CITY_SECTIONS if task.heading in s[1])
        assert task.path[:2] == ["重点任务", section], task.heading
        assert task.number is not None
        assert re.sub(r"\D", "", task.number) == str(headings.index(task.heading) + 1)
        assert task.responsibility is not None, task.heading
        assert "。" not in task.heading
        assert squash(task.text).startswith(task.number + task.heading + "。"), task.heading


def test_city_task_lines(city_plan: Plan) -> None:
    """Every city task is one .docx paragraph: lines 93-98, 112-113, 125-127, … (by hand)."""
    starts = [93, 94, 95, 96, 97, 98, 112, 113, 125, 126, 127, 139, 140, 141, 151, 152]
    starts += [164, 165, 178, 179, 180, 182, 183, 184, 185, 196, 197, 198, 199, 200, 201]
    assert [tuple(t.lines) for t in city_plan.tasks] == [(n, n) for n in starts]


@pytest.mark.parametrize(
    ("heading", "span"),
    [
        ("巩固拓展贫困残疾人脱贫攻坚成果同乡村振兴有效衔接", (254, 290)),
        ("完善残疾人社会救助机制，提升残疾人生活质量", (292, 321)),
        ("加强突发公共事件中对残疾人的帮扶", (391, 409)),
        ("为各类残疾人提供更加精准的健康和康复服务", (638, 673)),
        ("健全残疾人教育保障机制", (765, 785)),
        ("营造扶残助残文明社会氛围", (1037, 1055)),
        ("加强组织领导", (1186, 1194)),
        ("加强经费保障", (1196, 1208)),
        ("加强监测和评估", (1210, 1225)),
    ],
)
def test_county_task_lines(county_plan: Plan, heading: str, span: tuple[int, int]) -> None:
    assert tuple(task_by_heading(county_plan, heading).lines) == span


def test_county_task_text_is_rejoined(county_plan: Plan) -> None:
    """Wrapped lines, page breaks and spurious spaces are gone from the task text."""
    task = task_by_heading(county_plan, "抓好残疾人就业法规政策有效落实")
    assert "《促进残疾人就业三年行动方案（2022-2024年）》" in task.text  # lines 460-462
    assert "给予6个月的渐退期" in task.text  # line 474 prints "给予 6 个月的渐"
    task = task_by_heading(county_plan, "完善残疾人社会救助机制，提升残疾人生活质量")
    assert "三级智力残疾人" in task.text  # line 296-297, across a page break
    for task in county_plan.tasks:
        assert "\n" not in task.text and "  " not in task.text, task.heading


@pytest.mark.parametrize("which", ["county_plan", "city_plan"])
def test_basic_principles_are_not_tasks(which: str, request: pytest.FixtureRequest) -> None:
    """坚持党的全面领导。… (county 150, city 11) are principles, not tasks; nor are the goals."""
    plan: Plan = request.getfixturevalue(which)
    for task in plan.tasks:
        assert not task.heading.startswith("坚持"), task.heading
        assert task.path[0] not in ("总体要求", "发展现状", "编制背景", "实施机制"), task.heading
    texts = [squash(e.text) for e in plan.elements if e.kind == "text"]
    assert any(t.startswith("坚持党的全面领导。") for t in texts)


def test_county_unbracketed_reform_paragraphs(county_plan: Plan) -> None:
    """（六）: 持续深化县级残联改革 (1131-1145) and 提升残疾人工作者综合素质 (1147-1159) are task
    paragraphs (lead sentence under 主要任务, like their bracketed sibling at 1161) that name no
    responsible unit: tasks without a responsibility, not lost and not given a neighbour's."""
    first = task_by_heading(county_plan, "持续深化县级残联改革")
    second = task_by_heading(county_plan, "提升残疾人工作者综合素质")
    assert (tuple(first.lines), tuple(second.lines)) == ((1131, 1145), (1147, 1159))
    assert first.responsibility is None and second.responsibility is None
    assert squash(second.text).endswith("完善专业人才培养、评价和激励机制。")


# ------------------------------------------------------------------------------- headings

COUNTY_HEADINGS = [
    (1, "一、", "发展现状", (33, 33)),
    (1, "二、", "总体要求", (123, 123)),
    (2, "（一）", "指导思想", (125, 125)),
    (2, "（二）", "基本原则", (148, 148)),
    (2, "（三）", "主要目标", (172, 172)),
    (1, "三、", "主要任务", (251, 251)),
    (2, "（一）", "织密扎牢残疾人民生保障网，健全残疾人社会保障体系", (253, 253)),
    (2, "（二）", "完善残疾人就业保障政策，扶持残疾人多形式就业", (454, 454)),
    (2, "（三）", "健全残疾人关爱服务体系，提高为残疾人服务的能力和水平", (634, 636)),
    (2, "（四）", "推进残疾人事业法治化建设，维护和保障残疾人合法权益", (930, 932)),
    (2, "（五）", "加强基础设施和信息化建设", (1057, 1057)),
    (2, "（六）", "深化残联组织改革建设，促进残疾人事业高质量发展", (1129, 1129)),
    (1, "四、", "组织保障", (1184, 1184)),
    (2, "（一）", "加强组织领导", (1186, 1194)),  # run-in heading of a task paragraph
    (2, "（二）", "加强经费保障", (1196, 1208)),
    (2, "（三）", "加强监测和评估", (1210, 1225)),
    (1, "五、", "实施机制", (1227, 1227)),
]


def _city_headings() -> list[tuple[int, str, str]]:
    top = [
        (1, "一、", "编制背景"),  # line 4, after a bookmark marker
        (1, "二、", "总体要求"),
        (2, "(一)", "指导思想"),  # half-width brackets, lines 8-15
        (2, "(二)", "基本原则"),
        (2, "(三)", "发展目标"),
        (1, "三、", "重点任务"),
    ]
    markers = ["（一）", "（二）", "（三）", "（四）", "(五)"]
    for marker, (section, tasks) in zip(markers, CITY_SECTIONS, strict=True):
        top.append((2, marker, section))
        top += [(3, "", title) for title in tasks]
    top.append((1, "四、", "实施机制"))
    return top


def test_county_headings(county_plan: Plan) -> None:
    got = [(h.level, h.marker, h.title, tuple(h.lines)) for h in county_plan.headings]
    assert got == COUNTY_HEADINGS


def test_city_headings(city_plan: Plan) -> None:
    expected = _city_headings()
    got = [(h.level, h.marker if h.level < 3 else "", h.title) for h in city_plan.headings]
    assert got == expected
    for h in city_plan.headings:
        if h.level == 3:  # 1．/1. in both widths
            assert re.fullmatch(r"\d{1,2}[．.]", h.marker), h.marker


def test_wrapped_county_heading_is_rejoined(county_plan: Plan) -> None:
    """（三）健全…能力 / 和水平 is printed over lines 634 and 636."""
    (heading,) = [h for h in county_plan.headings if h.title.startswith("健全残疾人关爱服务体系")]
    assert heading.title == "健全残疾人关爱服务体系，提高为残疾人服务的能力和水平"
    assert tuple(heading.lines) == (634, 636)
    texts = [e.text for e in county_plan.elements]
    assert "和水平" not in texts and "权益" not in texts


@pytest.mark.parametrize("which", ["county_plan", "city_plan"])
def test_heading_paths(which: str, request: pytest.FixtureRequest) -> None:
    plan: Plan = request.getfixturevalue(which)
    stack: list[Heading] = []
    for h in plan.headings:
        stack = [s for s in stack if s.level < h.level]
        assert h.path == [s.title for s in stack] + [h.title], h.title
        stack.append(h)


@pytest.mark.parametrize("which", ["county_plan", "city_plan"])
def test_no_numbering_warnings_on_seeds(which: str, request: pytest.FixtureRequest) -> None:
    plan: Plan = request.getfixturevalue(which)
    bad = [
        w
        for w in plan.warnings
        if "numbering" in w.code or "gap" in w.code or "duplicate" in w.code
    ]
    assert bad == []


# ------------------------------------------------------------------------------- metadata


def test_county_meta(county_plan: Plan) -> None:
    meta = county_plan.meta
    assert meta.title == "泽州县“十四五”残疾人保障和发展规划"  # line 21
    assert meta.issuer == "泽州县人民政府"  # lines 5, 16
    assert meta.doc_number == "泽政发〔2023〕17号"  # line 1: " 泽政发〔2023〕17 号"
    assert meta.date == "2023-08-08"  # line 18
    assert meta.draft is False
    assert [t.strip("《》") for t in meta.basis] == [  # lines 27-31
        "晋城市“十四五”残疾人保障和发展规划",
        "泽州县国民经济和社会发展第十四个五年规划和2035年远景目标纲要",
    ]
    cited = [t.strip("《》") for t in meta.cited]
    for title in (  # lines 942-944, 460-464, 769, 1139-1145
        "中华人民共和国残疾人保障法",
        "山西省残疾人保障条例",
        "山西省实施〈无障碍环境建设条例〉办法",
        "促进残疾人就业三年行动方案（2022-2024年）",
        "“十四五”特殊教育发展提升行动计划",
        "专职委员工作规范",
    ):
        assert title in cited, title
    for title in meta.basis:
        assert title.strip("《》") not in cited
    assert meta.title not in cited  # the cover letter names the plan itself
    assert meta.recipients == ["各乡镇人民政府", "县直及驻县各有关单位"]  # line 10
    assert meta.place == "泽州县"
    assert meta.published == "2023-08-08"  # line 1241
    assert meta.printed_by == "泽州县人民政府办公室"
    assert meta.encoding == "utf-8"


def test_county_cover_letter_and_footer_apart_from_body(county_plan: Plan) -> None:
    meta = county_plan.meta
    assert meta.cover_letter is not None and tuple(meta.cover_letter) == (1, 20)
    assert meta.footer is not None and tuple(meta.footer) == (1239, 1241)
    for element in county_plan.elements:
        if element.kind in ("heading", "task", "column", "column_item", "table_row"):
            assert element.lines[0] > 21 and element.lines[1] < 1239, element
    for item in [*county_plan.tasks, *county_plan.headings]:
        assert item.lines[0] > 21 and item.lines[1] < 1239
    kinds = {e.kind for e in county_plan.elements if e.lines[1] <= 20}
    assert kinds <= {"front", "notice"}
    footer = [e for e in county_plan.elements if e.lines[0] >= 1239]
    assert [e.kind for e in footer] == ["footer", "footer"]
    assert squash(footer[0].text) == "抄送：县委，县人大常委会，县政协，县法院，县检察院。"


def test_city_meta(city_plan: Plan) -> None:
    meta = city_plan.meta
    assert meta.draft is True  # line 1 （征求意见稿）
    assert [t.strip("《》") for t in meta.basis] == [  # line 3
        "山西省“十四五”残疾人保障和发展规划",
        "临汾市国民经济和社会发展第十四个五年规划和2035年远景目标纲要",
    ]
    cited = [t.strip("《》") for t in meta.cited]
    assert "盲人医疗按摩管理办法" in cited  # line 113
    assert "临汾市第三期特殊教育提升计划（2021—2025年）" in cited  # line 151
    for title in meta.basis:
        assert title.strip("《》") not in cited
    assert meta.place == "临汾市"
    assert meta.doc_number is None  # a draft has no 发文字号
    assert meta.footer is None


# ------------------------------------------------------------------------- traceability


@pytest.mark.parametrize(
    ("which", "lines_fixture"),
    [("county_plan", "county_lines"), ("city_plan", "city_lines")],
    ids=["county", "city"],
)
def test_lines_point_at_the_original_text(
    which: str, lines_fixture: str, request: pytest.FixtureRequest
) -> None:
    """Every task, heading and 专栏 item span covers original lines holding its start and end."""
    plan: Plan = request.getfixturevalue(which)
    lines: list[str] = request.getfixturevalue(lines_fixture)
    checked = 0
    for task in plan.tasks:
        there = original(lines, task.lines)
        text = squash(task.text)
        assert text[:10] in there, task.heading
        assert text[:10] in original(lines, (task.lines[0], task.lines[0] + 2)), task.heading
        assert text[-6:] in original(lines, (max(1, task.lines[1] - 2), task.lines[1]))
        checked += 1
    for heading in plan.headings:
        there = original(lines, heading.lines)
        assert squash(heading.marker + heading.title)[:10] in there, heading.title
        assert squash(heading.marker) in squash(lines[heading.lines[0] - 1]), heading.title
        checked += 1
    for col in plan.columns:
        assert f"专栏{col.number}" in squash(lines[col.lines[0] - 1]), col.title
        for item in col.items if col.kind == "projects" else []:
            first = squash(lines[item.lines[0] - 1])
            assert first.startswith(squash(item.text)[:8]), (col.number, item.number)
            assert squash(item.text)[-4:] in original(lines, item.lines)
            checked += 1
    assert checked > 60


@pytest.mark.parametrize(
    ("which", "lines_fixture"),
    [("county_plan", "county_lines"), ("city_plan", "city_lines")],
    ids=["county", "city"],
)
def test_every_element_points_at_its_text(
    which: str, lines_fixture: str, request: pytest.FixtureRequest
) -> None:
    plan: Plan = request.getfixturevalue(which)
    lines: list[str] = request.getfixturevalue(lines_fixture)
    for element in plan.elements:
        text = squash(element.text)
        assert text, element
        assert text[:6] in original(lines, element.lines), element


def test_city_bookmarks_dropped(city_plan: Plan, city_lines: list[str]) -> None:
    bookmarks = [d for d in city_plan.dropped if d.text.startswith("[bookmark:")]
    got = [(d.text, tuple(d.lines)) for d in bookmarks]
    assert got == [
        ("[bookmark: _Toc168197004]", (4, 4)),
        ("[bookmark: _Toc671650815]", (90, 90)),
        ("[bookmark: _Toc1475030905]", (92, 92)),
        ("[bookmark: _Toc1039913063]", (181, 181)),
    ]
    for d in bookmarks:
        assert d.reason.strip()
        assert d.text in city_lines[d.lines[0] - 1]
    assert not any("bookmark" in e.text for e in city_plan.elements)
    assert not any("bookmark" in h.title for h in city_plan.headings)


def test_county_template_line_dropped(county_plan: Plan) -> None:
    template = [d for d in county_plan.dropped if d.text.startswith("此行间距用于调节")]
    assert len(template) == 1
    assert template[0].text == "此行间距用于调节，行距=28-标题行数*2（磅）"  # line 3
    assert tuple(template[0].lines) == (3, 3)
    assert template[0].reason.strip()
    assert not any("此行间距" in e.text for e in county_plan.elements)


# --------------------------------------------------------------------------------- no loss


@pytest.mark.parametrize(
    ("which", "name"),
    [("county_plan", COUNTY_FILE), ("city_plan", CITY_FILE)],
    ids=["county", "city"],
)
def test_no_character_is_lost(which: str, name: str, request: pytest.FixtureRequest) -> None:
    plan: Plan = request.getfixturevalue(which)
    source = Counter(squash(read_corpus(name)))
    kept = Counter(squash("".join(e.text for e in plan.elements)))
    kept.update(squash("".join(d.text for d in plan.dropped)))
    assert source - kept == Counter(), "lost"
    assert kept - source == Counter(), "invented"


@pytest.mark.parametrize("which", ["county_plan", "city_plan"])
def test_elements_in_reading_order_without_overlap(
    which: str, request: pytest.FixtureRequest
) -> None:
    """Elements follow the text; only 专栏 items may sit inside a task's span (county 专栏3)."""
    plan: Plan = request.getfixturevalue(which)
    starts = [e.lines[0] for e in plan.elements]
    assert starts == sorted(starts)
    seen: dict[int, str] = {}
    for element in plan.elements:
        for n in range(element.lines[0], element.lines[1] + 1):
            if n in seen and element.kind not in ("column", "column_item"):
                assert seen[n] in ("task", "text"), (n, seen[n], element.kind)
            seen.setdefault(n, element.kind)
