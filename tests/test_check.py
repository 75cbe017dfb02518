"""planparse.compare.check: every rule has a minimal plan that triggers it and one that does not; the
seed documents get exactly the findings a careful reader would raise.

Line numbers of the seeds were read off the corpus files by hand.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest

from planparse.compare.check import RULE_BY_ID, RULES, CheckOptions, CheckReport, Finding, run_check
from planparse.model import Plan
from planparse.parse.pipeline import parse_text
from plans import CITY_TASKS, Col, Ind, T, line_of, make_plan

PLAN_FILE, UPPER_FILE = "plan.txt", "upper.txt"
UPPER_TITLE = "临汾市“十四五”残疾人保障和发展规划"

# Severities as the rule table promises them (a change is a breaking change for CI users).
SEVERITY = {
    "S101": "warning", "S201": "warning", "S202": "warning", "S203": "info", "S204": "info",
    "S205": "warning", "S301": "warning", "S401": "warning", "S402": "warning",
    "X101": "error", "X102": "error", "X103": "error", "X104": "warning",
    "X201": "warning", "X202": "warning", "X203": "info", "X301": "warning", "X401": "warning",
    "X501": "warning", "X502": "error", "X503": "warning", "X504": "warning",
}  # fmt: skip

COLUMN = Col(
    "残疾人康复重点项目",
    [
        ("精准康复服务行动", "为有需求的残疾人普遍提供基本康复服务，开展康复需求调查评估。"),
        ("互助康复项目", "推广脊髓损伤者“希望之家”、中途失明者“光明之家”等互助康复项目。"),
    ],
)
INDICATORS = (
    Ind("残疾人基本康复服务覆盖率（%）", "≥95", "约束性"),
    Ind("残疾人城乡居民基本养老保险参保率（%）", "≥90", "预期性"),
    Ind("残疾儿童少年义务教育入学率（%）", "≥97", "约束性"),
)
JOBS = T(
    "落实残疾人就业法规政策",
    "落实《机关、事业单位、国有企业带头安置残疾人就业办法》，开展“就业援助月”专项就业服务活动。",
    section="促进残疾人就业创业",
    leads=["市人社局"],
    partners=["市委组织部", "市残联"],
)


def city_text(
    tasks: tuple[T, ...] | list[T] = CITY_TASKS,
    indicators: tuple[Ind, ...] | list[Ind] = INDICATORS,
    columns: tuple[Col, ...] | list[Col] = (COLUMN,),
) -> str:
    return make_plan("临汾市", tasks, indicators, columns)


def county(task: T, **changes: object) -> T:
    """The task as the county prints it (市X局 -> 县X局)."""
    fields: dict[str, object] = {
        "lead": task.lead,
        "body": task.body,
        "section": task.section,
        "leads": [u.replace("市", "县", 1) for u in task.leads],
        "partners": [u.replace("市", "县", 1) for u in task.partners],
    }
    fields.update(changes)
    return T(**fields)  # type: ignore[arg-type]


COUNTY_TASKS = [county(t) for t in CITY_TASKS]


def county_text(
    tasks: list[T] | None = None,
    indicators: tuple[Ind, ...] | list[Ind] = INDICATORS,
    columns: tuple[Col, ...] | list[Col] = (COLUMN,),
    basis: tuple[str, ...] = (UPPER_TITLE,),
) -> str:
    return make_plan(
        "洪洞县", COUNTY_TASKS if tasks is None else tasks, indicators, columns, basis=basis
    )


def with_task(task: T) -> str:
    """The clean city plan with ``task`` put first."""
    return city_text([task, *CITY_TASKS])


def check(
    text: str,
    upper: str | None = None,
    *,
    select: list[str] | None = None,
    ignore: list[str] | None = None,
    severity: str = "info",
) -> CheckReport:
    plan = parse_text(text, PLAN_FILE)
    upper_plan = parse_text(upper, UPPER_FILE) if upper is not None else None
    options = CheckOptions(select=select or [], ignore=ignore or [], severity=severity)
    return run_check(plan, upper_plan, options)


# ----------------------------------------------------------------------------- rule cases


@dataclass
class Case:
    """A minimal trigger: the offending text is on ``line`` of ``file``'s text.

    ``span``: the lines the finding may cover (default: exactly ``line``, one paragraph).
    """

    plan: str
    upper: str | None
    file: str
    line: int
    span: tuple[int, int] | None = None


def _row(text: str, number_cell: str) -> tuple[int, int]:
    """Lines of an indicator-table row: category cell, number+name cell, target, attribute."""
    name_line = line_of(text, f"\t{number_cell}")
    return name_line - 1, name_line + 2


def _s101() -> Case:
    # two sections; the second is misnumbered （三）
    text = city_text(CITY_TASKS[:3]).replace("（二）", "（三）")
    return Case(text, None, PLAN_FILE, line_of(text, "（三）促进残疾人就业创业"))


def _s201() -> Case:
    task = T(
        "扶持盲人按摩行业", "落实《盲人医疗按摩管理办法，规范盲人按摩行业发展。", leads=["市残联"]
    )
    text = with_task(task)
    return Case(text, None, PLAN_FILE, line_of(text, "盲人医疗按摩管理办法"))


def _s202() -> Case:
    task = T(
        "扶持盲人按摩行业", "规范盲人按摩行业发展。", bracket="（牵头单位：市残联；参与单位：）"
    )
    text = with_task(task)
    return Case(text, None, PLAN_FILE, line_of(text, "参与单位：）"))


def _s203() -> Case:
    task = T(
        "扶持盲人按摩行业",
        "规范盲人按摩行业发展。",
        bracket="（牵头单位：市残联；参与单位：市卫健委)",
    )
    text = with_task(task)
    return Case(text, None, PLAN_FILE, line_of(text, "市卫健委)"))


def _s204() -> Case:
    task = T("扶持盲人按摩行业", "规范盲人按摩行业发展。")  # its siblings all have brackets
    text = with_task(task)
    return Case(text, None, PLAN_FILE, line_of(text, "扶持盲人按摩行业"))


def _s301() -> Case:
    task = T("扶持盲人按摩行业", "规范盲人按摩行业发展。", leads=["市火星局"], partners=["市残联"])
    text = with_task(task)
    return Case(text, None, PLAN_FILE, line_of(text, "市火星局"))


def _s401() -> Case:
    text = city_text(indicators=[Ind("残疾人基本康复服务覆盖率（%）", "≥95", "")])
    row = _row(text, "1.残疾人基本康复服务覆盖率")
    return Case(text, None, PLAN_FILE, row[1], row)  # the empty attribute cell


def _s402() -> Case:
    text = city_text(indicators=[Ind("残疾人基本康复服务覆盖率（%）", "", "约束性")])
    row = _row(text, "1.残疾人基本康复服务覆盖率")
    return Case(text, None, PLAN_FILE, row[0] + 2, row)  # the empty target cell


def _x101() -> Case:
    upper = city_text()
    plan = county_text(indicators=INDICATORS[1:])
    row = _row(upper, "1.残疾人基本康复服务覆盖率")
    return Case(plan, upper, UPPER_FILE, row[0] + 1, row)


def _x102() -> Case:
    upper = city_text()
    plan = county_text(indicators=[Ind(INDICATORS[0].name, "≥90", "约束性"), *INDICATORS[1:]])
    row = _row(plan, "1.残疾人基本康复服务覆盖率")
    return Case(plan, upper, PLAN_FILE, row[0] + 2, row)  # the target cell


def _x103() -> Case:
    upper = city_text()
    plan = county_text(indicators=[*INDICATORS[:2], Ind(INDICATORS[2].name, "≥97", "预期性")])
    row = _row(plan, "3.残疾儿童少年义务教育入学率")
    return Case(plan, upper, PLAN_FILE, row[1], row)  # the attribute cell


def _x104() -> Case:
    upper = city_text()
    plan = county_text(indicators=[INDICATORS[0], Ind(INDICATORS[1].name, "≥85"), INDICATORS[2]])
    row = _row(plan, "2.残疾人城乡居民基本养老保险参保率")
    return Case(plan, upper, PLAN_FILE, row[0] + 2, row)  # the target cell


def _x201() -> Case:
    upper = city_text()
    plan = county_text([t for t in COUNTY_TASKS if t.lead != CITY_TASKS[3].lead])
    return Case(plan, upper, UPPER_FILE, line_of(upper, CITY_TASKS[3].lead))


def _x202() -> Case:
    upper = city_text()
    plan = county_text(columns=[Col(COLUMN.title, COLUMN.items[:1])])
    return Case(plan, upper, UPPER_FILE, line_of(upper, "2.互助康复项目"))


def _x203() -> Case:
    upper = city_text()
    extra = T(
        "加强监测和评估",
        "县政府残疾人工作委员会定期研究残疾人工作，对规划实施情况开展中期评估和期末检查评估。",
        section=CITY_TASKS[-1].section,
        leads=["县残联"],
    )
    plan = county_text([*COUNTY_TASKS, extra])
    return Case(plan, upper, PLAN_FILE, line_of(plan, "加强监测和评估"))


def _x301() -> Case:
    upper = city_text()
    tasks = list(COUNTY_TASKS)
    tasks[1] = county(CITY_TASKS[1], leads=["县残联"])  # the city names 市民政局
    plan = county_text(tasks)
    return Case(plan, upper, PLAN_FILE, line_of(plan, CITY_TASKS[1].lead))


def _x401() -> Case:
    upper = city_text()
    plan = county_text(basis=("晋城市“十四五”残疾人保障和发展规划",))
    return Case(plan, upper, PLAN_FILE, line_of(plan, "《晋城市"))


def localised(tasks: list[T]) -> list[T]:
    """The tasks with a local sentence added to each: the same plan, no longer the same text."""
    return [
        T(
            **{
                **vars(t),
                "body": t.body + f"结合第{i + 1}批试点经验，细化分解{i + 3}项年度工作措施。",
            }
        )
        for i, t in enumerate(tasks)
    ]


EDUCATION_TASKS = [
    T(
        "扩大普惠性学前教育资源",
        "新建、改扩建公办幼儿园，鼓励社会力量举办普惠性民办幼儿园，公办园在园幼儿占比达到一半以上。",
        section="推进学前教育普及普惠",
        leads=["县教育局"],
        partners=["县发展改革局", "县自然资源局"],
    ),
    T(
        "推动义务教育优质均衡发展",
        "实施学校标准化建设工程，推进城乡学校共同体建设，落实教师县管校聘管理改革。",
        section="推进学前教育普及普惠",
        leads=["县教育局"],
        partners=["县人力资源和社会保障局"],
    ),
    T(
        "加强中小学教师队伍建设",
        "开展全员轮训，落实乡村教师生活补助，提高骨干教师比例，完善教师交流轮岗机制。",
        section="建设高素质教师队伍",
        leads=["县教育局"],
        partners=["县财政局"],
    ),
]


def _x501() -> Case:
    text = make_plan("临汾市", CITY_TASKS, INDICATORS, (COLUMN,), basis=[])
    return Case(text, text, PLAN_FILE, 1)


def _x502() -> Case:
    # the city plan passed as the lower plan, its county's as the upper plan
    plan = make_plan("临汾市", CITY_TASKS, INDICATORS, (COLUMN,), basis=[])
    upper = make_plan("洪洞县", localised(COUNTY_TASKS), INDICATORS, (COLUMN,), basis=[])
    return Case(plan, upper, PLAN_FILE, 1)


def _x503() -> Case:
    plan = make_plan(
        "洪洞县",
        EDUCATION_TASKS,
        [Ind("劳动年龄人口平均受教育年限（年）", "≥11", "预期性")],
        basis=[],
    )
    return Case(plan, city_text(), PLAN_FILE, 1)


def _x504() -> Case:
    # two counties: neither is inside the other
    plan = county_text(basis=())
    upper = make_plan("泽州县", localised(COUNTY_TASKS), INDICATORS, (COLUMN,), basis=[])
    return Case(plan, upper, PLAN_FILE, 1)


def _task_table(lead: str) -> str:
    """A task-division table after the plan, one cell per line, for the first city task."""
    task = CITY_TASKS[0]
    cells = ["附件", "重点任务分工表", "序号", "重点任务", "牵头单位", "配合单位", "1", task.lead]
    return "\n".join([*cells, lead, "、".join(task.partners)])


def _s205() -> Case:
    plan = city_text() + "\n" + _task_table("市民政局")  # the bracket says 市乡村振兴局
    return Case(plan, None, PLAN_FILE, line_of(plan, CITY_TASKS[0].lead))


TRIGGERS: dict[str, Callable[[], Case]] = {
    "S101": _s101, "S201": _s201, "S202": _s202, "S203": _s203, "S204": _s204,
    "S205": _s205, "S301": _s301, "S401": _s401, "S402": _s402,
    "X101": _x101, "X102": _x102, "X103": _x103, "X104": _x104,
    "X201": _x201, "X202": _x202, "X203": _x203, "X301": _x301, "X401": _x401,
    "X501": _x501, "X502": _x502, "X503": _x503, "X504": _x504,
}  # fmt: skip


def _near_misses() -> dict[str, tuple[str, str | None]]:
    """Per rule: a plan (and upper plan) close to the trigger on which the rule must stay quiet."""
    upper = city_text()
    no_brackets = [T(t.lead, t.body, section="加强组织实施", bracket="") for t in CITY_TASKS[:2]]
    return {
        # every section restarts its tasks at 1．; 专栏 numbers run on across sections
        "S101": (city_text(columns=[COLUMN, Col("就业重点项目", [("盲人按摩提升项目", "支持盲人按摩。")])]), None),
        # nested and mixed-width brackets that do close: 《…（…）…》, (APP), “…”
        "S201": (
            with_task(
                T(
                    "加快发展信息无障碍",
                    "落实《山西省实施〈无障碍环境建设条例〉办法（试行）》，推动应用程序(APP)的"
                    "无障碍改造，开展“信息无障碍进社区”活动。",
                    leads=["市工信局"],
                )
            ),
            None,
        ),
        "S202": (with_task(T("扶持盲人按摩行业", "规范发展。", leads=["市残联"], partners=["市卫健委"])), None),
        "S203": (with_task(T("扶持盲人按摩行业", "规范发展。", responsible=["市残联", "市卫健委"])), None),
        # a section none of whose tasks has a bracket
        "S204": (city_text([*CITY_TASKS, *no_brackets]), None),
        # the same bureau printed two ways, and a collective
        # the table names the bracket's lead unit
        "S205": (city_text() + "\n" + _task_table(CITY_TASKS[0].leads[0]), None),
        "S301": (
            with_task(
                T(
                    "扶持盲人按摩行业",
                    "规范发展。",
                    leads=["市人力资源和社会保障局"],
                    partners=["市人社局", "市政府残疾人工作委员会各成员单位"],
                )
            ),
            None,
        ),
        "S401": (city_text(), None),
        # a qualitative target is a readable target
        "S402": (city_text(indicators=[Ind("残疾人家庭人均收入年均增长（%）", "与地区生产总值增长同步")]), None),
        # the binding indicator is present under a slightly different name
        "X101": (county_text(indicators=[Ind("残疾人康复服务覆盖率（%）", "≥95", "约束性"), *INDICATORS[1:]]), upper),
        # a stricter binding target
        "X102": (county_text(indicators=[Ind(INDICATORS[0].name, "≥97", "约束性"), *INDICATORS[1:]]), upper),
        # upgraded to 约束性 is not a downgrade
        "X103": (county_text(indicators=[*INDICATORS[:1], Ind(INDICATORS[1].name, "≥90", "约束性"), *INDICATORS[2:]]), upper),
        # a stricter expected target, and absolute counts of different jurisdictions
        "X104": (
            county_text(indicators=[*INDICATORS[:1], Ind(INDICATORS[1].name, "≥95"), *INDICATORS[2:], Ind("困难重度残疾人家庭无障碍改造数（户）", "112户")]),
            city_text(indicators=[*INDICATORS, Ind("困难重度残疾人居家无障碍改造数（户）", "1561")]),
        ),
        # the task reworded, not deleted
        "X201": (county_text([county(CITY_TASKS[0], lead="巩固拓展贫困残疾人脱贫攻坚成果同乡村振兴有效衔接"), *COUNTY_TASKS[1:]]), upper),
        # the 专栏 retitled, items kept
        "X202": (county_text(columns=[Col("残疾人健康和康复重点项目", COLUMN.items)]), upper),
        "X203": (county_text(), upper),
        # 市人社局 -> 县人力资源和社会保障局: the same bureau
        "X301": (county_text([*COUNTY_TASKS[:2], county(CITY_TASKS[2], leads=["县人力资源和社会保障局"]), *COUNTY_TASKS[3:]]), upper),
        "X401": (county_text(), upper),
        # a county plan that copies its city's tasks and adds its own measures
        "X501": (county_text(localised(COUNTY_TASKS)), upper),
        # a county-level city (…市) against its prefecture (…市): the same suffix, no reversal
        "X502": (make_plan("侯马市", localised(COUNTY_TASKS), INDICATORS, (COLUMN,), basis=[UPPER_TITLE]), upper),
        # a county plan against its city's plan on the same topic, sharing only some tasks
        "X503": (county_text([*EDUCATION_TASKS, *COUNTY_TASKS[:2]]), upper),
        # a county citing its province's plan besides the city's
        "X504": (county_text(basis=(UPPER_TITLE, "山西省“十四五”残疾人保障和发展规划")), upper),
    }  # fmt: skip


def is_sentence(text: str) -> bool:
    return len(text.split()) >= 3 and text.rstrip()[-1:] in ".。)）…" and text[:1].isupper()


def test_every_rule_has_a_trigger() -> None:
    assert set(TRIGGERS) == {r.id for r in RULES}
    assert set(SEVERITY) == {r.id for r in RULES}


@pytest.mark.parametrize("rule", [r.id for r in RULES])
def test_rule_triggers(rule: str) -> None:
    case = TRIGGERS[rule]()
    report = check(case.plan, case.upper)
    found = [f for f in report.findings if f.rule == rule]
    assert len(found) == 1, [(f.rule, f.lines, f.message) for f in report.findings]
    f = found[0]
    assert f.severity == SEVERITY[rule] == RULE_BY_ID[rule].severity
    assert f.name == RULE_BY_ID[rule].name
    assert f.file == case.file
    assert f.lines is not None
    first, last = case.span or (case.line, case.line)
    assert first <= f.lines[0] <= case.line <= f.lines[1] <= last, (f.lines, case.line)
    assert is_sentence(f.fix), f.fix
    assert f.message


@pytest.mark.parametrize("rule", [r.id for r in RULES])
def test_rule_trigger_reports_nothing_else(rule: str) -> None:
    """A minimal trigger has exactly one problem: no second finding for the same text.

    (X101: a missing indicator is not also a missing 专栏1 item under X202.)
    """
    case = TRIGGERS[rule]()
    report = check(case.plan, case.upper)
    assert [f.rule for f in report.findings] == [rule], [
        (f.rule, f.lines, f.message) for f in report.findings
    ]


@pytest.mark.parametrize("rule", [r.id for r in RULES])
def test_rule_near_miss(rule: str) -> None:
    plan, upper = _near_misses()[rule]
    report = check(plan, upper)
    assert rule in report.rules_run
    assert [f for f in report.findings if f.rule == rule] == []


def test_clean_plans_have_no_findings() -> None:
    assert check(city_text()).findings == []
    assert check(county_text(), city_text()).findings == []


@pytest.mark.parametrize(
    ("bracket", "words"),
    [
        ("（牵头单位：市残联；参与单位：市卫健委)", "half-width"),
        ("（责任单位：市残联；市卫健委）", "no role label"),
        ("（牵头单位：市残联，参与单位：市卫健委）", "comma"),
    ],
)
def test_s203_forms(bracket: str, words: str) -> None:
    text = with_task(T("扶持盲人按摩行业", "规范盲人按摩行业发展。", bracket=bracket))
    found = [f for f in check(text).findings]
    assert [(f.rule, f.lines) for f in found] == [("S203", (line_of(text, bracket),) * 2)]
    assert words in found[0].message


def _restyled(pattern: str) -> list[T]:
    """The city tasks with every bracket written in one house style."""
    return [
        T(
            t.lead,
            t.body,
            section=t.section,
            bracket=pattern.format(lead="、".join(t.leads), partners="、".join(t.partners)),
        )
        for t in CITY_TASKS
    ]


@pytest.mark.parametrize(
    "pattern",
    [
        "（牵头单位：{lead}，参与单位：{partners}）",  # a comma between labels throughout
        "(牵头单位：{lead}；参与单位：{partners})",  # half-width parentheses throughout
        "(牵头单位:{lead},配合单位:{partners})",  # a web page's half-width punctuation
    ],
)
def test_s203_a_documents_consistent_style_is_not_irregular(pattern: str) -> None:
    text = city_text(_restyled(pattern))
    assert [f.rule for f in check(text).findings if f.rule == "S203"] == []


def test_s203_reports_the_form_that_departs_from_the_documents_style() -> None:
    tasks = _restyled("（牵头单位：{lead}，参与单位：{partners}）")
    odd = tasks[2]
    tasks[2] = T(
        odd.lead, odd.body, section=odd.section, bracket="(牵头单位：市人社局，参与单位：市残联)"
    )
    text = city_text(tasks)
    found = [f for f in check(text).findings if f.rule == "S203"]
    line = line_of(text, "(牵头单位：市人社局")
    assert [(f.lines, f.message) for f in found] == [
        (
            (line, line),
            "irregular responsibility bracket: a half-width parenthesis closes or opens the bracket",
        )
    ]


def test_s203_a_mismatched_pair_is_reported_even_in_a_half_width_document() -> None:
    tasks = _restyled("(牵头单位：{lead}；参与单位：{partners})")
    odd = tasks[0]
    tasks[0] = T(odd.lead, odd.body, section=odd.section, bracket="(牵头单位：市乡村振兴局）")
    text = city_text(tasks)
    found = [f for f in check(text).findings if f.rule == "S203"]
    assert [f.lines for f in found] == [(line_of(text, "(牵头单位：市乡村振兴局）"),) * 2]


def test_s301_former_department_names_are_known() -> None:
    tasks = [
        T(t.lead, t.body, section=t.section, leads=[lead], partners=t.partners)
        for t, lead in zip(
            CITY_TASKS,
            ["市扶贫办", "市民政局", "市劳动和社会保障局", "市卫计委", "市体委"],
            strict=True,
        )
    ]
    assert [f.rule for f in check(city_text(tasks)).findings] == []


def _s201(text: str) -> list[tuple[int, int] | None]:
    return [f.lines for f in check(text).findings if f.rule == "S201"]


def test_s201_a_title_wrapped_over_two_lines_is_balanced() -> None:
    text = city_text().replace(
        "临汾市“十四五”残疾人保障和发展规划\n",
        "临汾市人民政府关于印发《临汾市“十四五”\n残疾人保障和发展规划》的通知\n"
        "各县（市、区）人民政府：\n现将《临汾市“十四五”残疾人保障和发展规划》印发给你们。\n"
        "临汾市人民政府\n2022年3月1日\n临汾市“十四五”残疾人保障和发展规划\n",
        1,
    )
    assert _s201(text) == []


def test_s201_a_file_cut_off_mid_sentence_is_an_excerpt_not_an_error() -> None:
    cut = city_text().rstrip("\n") + "\n根据《临汾市残疾人事业发展"
    assert _s201(cut) == []
    closed = city_text().rstrip("\n") + "\n根据《临汾市残疾人事业发展，制定本办法。"
    assert _s201(closed) == [(line_of(closed, "根据《临汾市残疾人事业发展"),) * 2]


def test_s201_an_elided_paragraph_and_web_page_controls_are_not_errors() -> None:
    text = city_text().replace(
        "实施好本规划是各级政府的责任和全社会的义务。",
        "实施好本规划（详见《实施细则…",
    )
    assert _s201(text) == []
    page = "【字体：大 中 小】【打印\n" + city_text()
    assert _s201(page) == []


def test_s101_column_item_gap() -> None:
    text = city_text().replace("2.互助康复项目", "3.互助康复项目")
    found = check(text).findings
    assert [(f.rule, f.lines) for f in found] == [("S101", (line_of(text, "3.互助"),) * 2)]


def test_s101_duplicate_section_flags_only_the_heading() -> None:
    """（一）（二）（二）: the repeated heading is the problem; its tasks restart at 1． rightly."""
    text = city_text().replace("（三）", "（二）")
    found = check(text).findings
    second = line_of(text, "（二）", occurrence=2)
    assert [(f.rule, f.lines) for f in found] == [("S101", (second, second))], [
        (f.rule, f.lines, f.message) for f in found
    ]


def test_missing_column_reported_at_its_header() -> None:
    upper = city_text()
    found = check(county_text(columns=[]), upper).findings
    assert [f.rule for f in found] == ["X202"]
    header = line_of(upper, "专栏2")
    assert found[0].file == UPPER_FILE
    assert found[0].lines is not None and found[0].lines[0] == header


def test_basis_without_any_plan_of_the_upper_place() -> None:
    plan = county_text(basis=("洪洞县国民经济和社会发展第十四个五年规划",))
    found = check(plan, city_text()).findings
    assert [(f.rule, f.lines) for f in found] == [("X401", (2, 2))]


# -------------------------------------------------------------------------------- options


def test_without_upper_plan_only_self_rules_run() -> None:
    report = check(city_text())
    assert report.rules_run == sorted(r.id for r in RULES if r.scope == "self")


def test_select_prefix_and_name() -> None:
    text = with_task(
        T("扶持盲人按摩行业", "落实《盲人医疗按摩管理办法。", bracket="")
    )  # S201 + S204
    assert {f.rule for f in check(text).findings} == {"S201", "S204"}
    assert [f.rule for f in check(text, select=["S2"]).findings] == ["S201", "S204"]
    only = check(text, select=["unbalanced-brackets"])
    assert only.rules_run == ["S201"] and [f.rule for f in only.findings] == ["S201"]
    assert [f.rule for f in check(text, select=["s204"]).findings] == ["S204"]


def test_ignore() -> None:
    text = with_task(T("扶持盲人按摩行业", "落实《盲人医疗按摩管理办法。", bracket=""))
    report = check(text, ignore=["S204"])
    assert "S204" not in report.rules_run
    assert [f.rule for f in report.findings] == ["S201"]
    assert check(text, select=["S2"], ignore=["S201", "S204"]).findings == []


def test_severity_threshold() -> None:
    text = with_task(T("扶持盲人按摩行业", "落实《盲人医疗按摩管理办法。", bracket=""))
    assert [f.rule for f in check(text, severity="warning").findings] == ["S201"]
    assert check(text, severity="error").findings == []
    case = _x103()
    report = check(case.plan, case.upper, severity="error")
    assert [f.rule for f in report.findings] == ["X103"]


@pytest.mark.parametrize(
    "options",
    [
        {"select": ["Z999"]},
        {"ignore": ["X999"]},
        {"select": ["no-such-rule"]},
        {"severity": "fatal"},
    ],
)
def test_bad_options_raise_value_error(options: dict[str, object]) -> None:
    plan = parse_text(city_text(), PLAN_FILE)
    with pytest.raises(ValueError):
        run_check(plan, None, CheckOptions(**options))  # type: ignore[arg-type]


# ---------------------------------------------------------------------------------- seeds

# (rule, offending line): the line must lie inside the finding's span.
COUNTY_SELF: set[tuple[str, int]] = {
    ("S203", 1208),  # （牵头单位：县财政局；参与单位：县税务局、县残联) closes with a half-width )
    ("S204", 1131),  # 持续深化县级残联改革: no bracket; its sibling 推进残疾人公共服务建设 has one
    ("S204", 1147),  # 提升残疾人工作者综合素质: likewise
}
CITY_SELF: set[tuple[str, int]] = {
    ("S203", 185),  # （责任单位：市工信局、市住建局；市文明办、市残联）: unlabelled list after ；
    ("S203", 199),  # （牵头单位：市残联，参与单位：…）: comma between labels
    ("S203", 200),  # likewise
}
# Debatable either way, so tolerated: city L130 "编制50人(含）以上" mixes a half-width ( with a
# full-width ）; the brackets do close, outside any responsibility bracket.
CITY_TOLERATED: set[tuple[str, int]] = {("S201", 130)}


def covers(f: Finding, line: int) -> bool:
    return f.lines is not None and f.lines[0] <= line <= f.lines[1]


def assert_exactly(
    findings: list[Finding],
    expected: set[tuple[str, int]],
    tolerated: set[tuple[str, int]] | None = None,
) -> None:
    tolerated = tolerated or set()
    unexpected = [
        (f.rule, f.lines, f.message)
        for f in findings
        if not any(f.rule == rule and covers(f, line) for rule, line in expected | tolerated)
    ]
    missing = [
        (rule, line)
        for rule, line in sorted(expected)
        if sum(1 for f in findings if f.rule == rule and covers(f, line)) != 1
    ]
    assert not unexpected, f"false alarms: {unexpected}"
    assert not missing, f"missing (or reported twice): {missing}"


def test_county_self_check(county_plan: Plan) -> None:
    report = run_check(county_plan)
    assert_exactly(report.findings, COUNTY_SELF)
    assert all(f.file == county_plan.meta.file for f in report.findings)


def test_city_self_check(city_plan: Plan) -> None:
    report = run_check(city_plan)
    assert_exactly(report.findings, CITY_SELF, CITY_TOLERATED)


@pytest.fixture(scope="module")
def county_vs_city(county_plan: Plan, city_plan: Plan) -> CheckReport:
    return run_check(county_plan, city_plan)


def rule_findings(report: CheckReport, rule: str) -> list[Finding]:
    return [f for f in report.findings if f.rule == rule]


def test_county_vs_city_downgrade(county_vs_city: CheckReport, county_plan: Plan) -> None:
    # county L228: 8.残疾儿童少年义务教育入学率（%） ≥97 预期性; city L70-72: 约束性
    found = rule_findings(county_vs_city, "X103")
    assert len(found) == 1
    assert found[0].file == county_plan.meta.file
    assert found[0].lines == (228, 228)
    assert found[0].severity == "error"
    assert "残疾儿童少年义务教育入学率" in found[0].message


def test_county_vs_city_basis(county_vs_city: CheckReport, county_plan: Plan) -> None:
    # county L27: 依据《晋城市“十四五”残疾人保障和发展规划》 (the basis sentence is L23-31)
    found = rule_findings(county_vs_city, "X401")
    assert len(found) == 1
    assert found[0].file == county_plan.meta.file and covers(found[0], 27)
    assert "晋城市" in found[0].message


def test_county_vs_city_missing_tasks(county_vs_city: CheckReport, city_plan: Plan) -> None:
    # city L96 提高残疾人保险覆盖率和待遇水平: no county task at all. City L179
    # 加强残疾人康复托养服务管理和残疾人证管理: only fragments in county L1161-1182 and L1075-1090,
    # so reporting it is right and not reporting it is defensible.
    found = rule_findings(county_vs_city, "X201")
    assert all(f.file == city_plan.meta.file for f in found)
    lines = {f.lines for f in found}
    assert (96, 96) in lines
    assert lines <= {(96, 96), (179, 179)}


def test_county_vs_city_all_findings(county_vs_city: CheckReport) -> None:
    """Nothing looser, nothing missing from the indicator table or the 专栏; leads that differ."""
    by_rule: dict[str, set[int]] = {}
    for f in county_vs_city.findings:
        assert f.lines is not None
        by_rule.setdefault(f.rule, set()).add(f.lines[0])
    for rule in ("X101", "X102", "X104", "X202"):
        assert rule not in by_rule, [
            (f.rule, f.message) for f in rule_findings(county_vs_city, rule)
        ]
    # lead units that really differ: 县民政局 vs 市民政局+市残联 (L675/L140), 县教育局 vs
    # 市民政局+市教育局 (L787/L152), 县委宣传部 vs 市委宣传部+市残联 (L1037/L180)
    # (县乡村振兴中心 vs 市乡村振兴局, L254/L93, is the 局's successor body: either way is fine)
    assert {675, 787, 1037} <= by_rule.get("X301", set()) <= {254, 675, 787, 1037}
    # county-only tasks: 加强监测和评估 (L1210); 提升残疾人工作者综合素质 (L1147) is close to
    # the city's L201 but can count as local
    assert {1210} <= by_rule.get("X203", set()) <= {1147, 1210}
    self_rules = {r.id for r in RULES if r.scope == "self"}
    assert_exactly([f for f in county_vs_city.findings if f.rule in self_rules], COUNTY_SELF)
