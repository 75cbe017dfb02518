"""planparse.compare.diff: a lower plan (county) compared against its upper plan (city).

The seed facts were read off the two corpus files by hand (line numbers cite the files):
``corpus/zezhou-county-2023.txt`` (泽州县, lower) and ``corpus/linfen-city-draft.txt`` (临汾市,
upper). The synthetic cases are built with tests/plans.py.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from diff_truth import TASK_PAIRS
from planparse.compare.diff import DiffOptions, DiffResult, IndicatorPair, TaskPair, diff_plans
from planparse.model import Plan, Task
from planparse.parse.pipeline import parse_text
from planparse.resources import schema_path
from plans import CITY_TASKS, Col, Ind, T, make_plan

UPPER_PLACE, LOWER_PLACE = "临汾市", "洪洞县"
UPPER_TITLE = "临汾市“十四五”残疾人保障和发展规划"


@pytest.fixture(scope="module")
def seed(county_plan: Plan, city_plan: Plan) -> DiffResult:
    return diff_plans(county_plan, city_plan, DiffOptions())


def indicator_pair(result: DiffResult, name: str) -> IndicatorPair:
    """The pair whose upper (or, for lower-only ones, lower) indicator has this name."""
    found = [
        p
        for p in result.indicators
        if (p.upper is not None and p.upper.name == name)
        or (p.upper is None and p.lower is not None and p.lower.name == name)
    ]
    assert len(found) == 1, f"{name}: {len(found)} indicator pairs"
    return found[0]


# ------------------------------------------------------------------------ seeds: indicators


def test_binding_indicator_downgraded(seed: DiffResult) -> None:
    # city L70-72: 8.残疾儿童少年义务教育入学率（%） ≥97 约束性; county L228: ≥97 预期性
    pair = indicator_pair(seed, "残疾儿童少年义务教育入学率")
    assert pair.lower is not None and pair.upper is not None
    assert (pair.upper.attribute, pair.lower.attribute) == ("约束性", "预期性")
    assert pair.attribute_changed is True
    assert pair.downgraded is True
    assert pair.relation == "same"  # ≥97 on both sides: only the attribute changed
    assert pair.lower.lines[0] <= 228 <= pair.lower.lines[1]


@pytest.mark.parametrize(
    ("name", "county", "city"),
    [
        ("残疾人城乡居民基本养老保险参保率", 95.0, 90.0),  # county L224 "95", city L60-61 ">90"
        ("残疾人城乡居民基本医疗保险参保率", 100.0, 95.0),  # county L226 "100", city L65-66 ">95"
    ],
)
def test_insurance_targets_are_stricter_in_the_county(
    seed: DiffResult, name: str, county: float, city: float
) -> None:
    pair = indicator_pair(seed, name)
    assert pair.lower is not None and pair.upper is not None
    assert pair.lower.name == name
    assert (pair.lower.target.value, pair.upper.target.value) == (county, city)
    assert pair.upper.target.op == ">"
    assert pair.relation == "lower_stricter"
    assert pair.attribute_changed is False


@pytest.mark.parametrize(
    ("city_name", "county_name"),
    [
        # county L237 "112 户" for the county's households vs city L85-86 "1561" for the city's
        ("困难重度残疾人居家无障碍改造数", "困难重度残疾人家庭无障碍改造数"),
        # county L211 "400 人" (people) vs city L38-39 "6000" (person-times, 人次)
        ("城乡残疾人职业技能培训人次", "残疾人职业技能培训人数"),
    ],
)
def test_absolute_counts_are_incomparable_not_looser(
    seed: DiffResult, city_name: str, county_name: str
) -> None:
    pair = indicator_pair(seed, city_name)
    assert pair.lower is not None and pair.lower.name == county_name
    assert pair.relation == "incomparable"


def test_accident_insurance_only_in_the_county(seed: DiffResult) -> None:
    # county L239: 12.残疾人意外伤害保险参保率（%） 70 预期性; the city table ends at 11.
    pair = indicator_pair(seed, "残疾人意外伤害保险参保率")
    assert pair.upper is None
    assert pair.relation == "only_lower"
    only = [p for p in seed.indicators if p.relation in ("only_lower", "only_upper")]
    assert only == [pair]  # the other eleven indicators all have a counterpart


# --------------------------------------------------------------------------- seeds: columns


def test_column_pairs(seed: DiffResult) -> None:
    # 专栏1-8 carry the same titles in both plans (专栏1: the indicator table); county 专栏9
    # 基础设施、信息化重点项目 (L1092) has no city counterpart.
    numbers = {
        (p.lower.number if p.lower else None, p.upper.number if p.upper else None)
        for p in seed.columns
    }
    assert numbers == {(str(n), str(n)) for n in range(1, 9)} | {("9", None)}
    nine = next(p for p in seed.columns if p.lower is not None and p.lower.number == "9")
    assert nine.upper is None
    assert nine.lower is not None and nine.lower.title == "基础设施、信息化重点项目"


def test_column_items_only_in_the_county(seed: DiffResult) -> None:
    # county 专栏5 item 5 康复辅助器具产业培育项目 (L756) and 专栏8 item 3 家庭无障碍 (L1022)
    # have no city item; every city item has a county item.
    lower_only = {
        i.lower.title for p in seed.columns for i in p.items if i.upper is None and i.lower
    }
    upper_only = {
        i.upper.title for p in seed.columns for i in p.items if i.lower is None and i.upper
    }
    assert {"康复辅助器具产业培育项目", "家庭无障碍"} <= lower_only
    assert upper_only == set()


# ----------------------------------------------------------------------------- seeds: basis


def test_basis_names_another_city(seed: DiffResult) -> None:
    # county L27: 依据《晋城市“十四五”残疾人保障和发展规划》; the compared plan is 临汾市's.
    assert seed.basis.consistent is False
    assert seed.basis.other_place == "晋城市"
    assert seed.basis.upper_place == "临汾市"
    assert "晋城市“十四五”残疾人保障和发展规划" in seed.basis.lower_cites
    assert (seed.lower.place, seed.upper.place) == ("泽州县", "临汾市")


# ----------------------------------------------------------------------------- seeds: tasks

# Pairs I am sure are wrong (None: any city task). 加强监测和评估 (county L1210) has no city
# task (the city's monitoring lives in 四、实施机制, which has no tasks); the others share a
# word (信息, 设施, 组织, 领导) but not a topic.
WRONG_PAIRS: tuple[tuple[int, int | None], ...] = (
    (1210, None),
    (1002, 200),  # 信息无障碍 vs 残联信息化
    (1075, 185),  # 残联信息化 vs 信息无障碍
    (1059, 184),  # 康复托养设施 vs 无障碍设施
    (983, 199),  # 无障碍设施 vs 康复托养设施
    (1186, 201),  # 领导体制 vs 残联自身建设
    (1131, 196),  # 残联改革 vs 领导体制
)
# City tasks with no county task: 提高残疾人保险覆盖率和待遇水平 (L96) and
# 加强残疾人康复托养服务管理和残疾人证管理 (L179; parts are scattered over county tasks).


def within(task: Task, line: int) -> bool:
    return task.lines[0] <= line <= task.lines[1]


def claimed(result: DiffResult) -> list[TaskPair]:
    return [
        p
        for p in result.tasks
        if p.match in ("full", "partial") and p.lower is not None and p.upper is not None
    ]


def is_pair(p: TaskPair, county_line: int, city_line: int | None) -> bool:
    assert p.lower is not None and p.upper is not None
    return within(p.lower, county_line) and (city_line is None or within(p.upper, city_line))


def test_hand_checked_pairs_are_well_formed(county_plan: Plan, city_plan: Plan) -> None:
    """Every line of the list points into exactly one task (guards the list itself)."""
    assert len(TASK_PAIRS) >= 20
    for county_line, city_line, label in TASK_PAIRS:
        assert sum(within(t, county_line) for t in county_plan.tasks) == 1, label
        assert sum(within(t, city_line) for t in city_plan.tasks) == 1, label


def test_task_pairs_precision_and_recall(seed: DiffResult) -> None:
    pairs = claimed(seed)
    found = [(c, u, label) for c, u, label in TASK_PAIRS if any(is_pair(p, c, u) for p in pairs)]
    missed = [label for c, u, label in TASK_PAIRS if not any(is_pair(p, c, u) for p in pairs)]
    wrong = [
        f"{p.lower.heading} ↔ {p.upper.heading}"
        for p in pairs
        if p.lower and p.upper and any(is_pair(p, c, u) for c, u in WRONG_PAIRS)
    ]
    true_positives = sum(1 for p in pairs if any(is_pair(p, c, u) for c, u, _label in TASK_PAIRS))
    recall = len(found) / len(TASK_PAIRS)
    precision = true_positives / max(1, true_positives + len(wrong))
    assert recall >= 0.9, f"recall {recall:.2f}; missed: {missed}"
    assert precision >= 0.9, f"precision {precision:.2f}; wrong: {wrong}"


def test_monitoring_task_is_county_only(seed: DiffResult) -> None:
    # county （三）加强监测和评估 (L1210-1225): nothing in the city plan's task list.
    found = [p for p in seed.tasks if p.lower is not None and within(p.lower, 1210)]
    assert [p.match for p in found] == ["only_lower"]


def test_insurance_task_is_city_only(seed: DiffResult) -> None:
    # city L96 4．提高残疾人保险覆盖率和待遇水平: the county has no insurance task.
    found = [p for p in seed.tasks if p.upper is not None and within(p.upper, 96)]
    assert [p.match for p in found] == ["only_upper"]


def test_same_lead_after_normalisation_is_not_a_change(seed: DiffResult) -> None:
    # county 县人力资源和社会保障局 = city 市人社局 (L480/L113, L550/L126, L585/L127);
    # county 县住房和城乡建设管理局 = city 市住建局 (L983/L184); 县财政局 = 市财政局 (L1196/L197)
    for county_line, city_line in ((480, 113), (550, 126), (585, 127), (983, 184), (1196, 197)):
        pair = next(p for p in claimed(seed) if is_pair(p, county_line, city_line))
        assert pair.lead_changed is False, (pair.lower_lead, pair.upper_lead)


# ------------------------------------------------------------------------ seeds: JSON output


@pytest.fixture(scope="module")
def diff_validator() -> Draft202012Validator:
    with schema_path("diff.schema.json").open(encoding="utf-8") as handle:
        schema = json.load(handle)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def schema_errors(validator: Draft202012Validator, doc: dict[str, Any]) -> list[str]:
    return [
        f"{'/'.join(str(p) for p in e.absolute_path)}: {e.message}"
        for e in validator.iter_errors(doc)
    ]


def as_json(result: DiffResult) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(json.dumps(result.to_dict(), ensure_ascii=False))
    return loaded


def test_seed_json_validates(seed: DiffResult, diff_validator: Draft202012Validator) -> None:
    assert schema_errors(diff_validator, as_json(seed)) == []


def test_synthetic_json_validates(diff_validator: Draft202012Validator) -> None:
    """Only-lower / only-upper pairs, a null lead comparison, a project column."""
    upper = make_plan(
        UPPER_PLACE,
        CITY_TASKS,
        [Ind("残疾人基本康复服务覆盖率（%）", "≥95", "约束性")],
        [Col("残疾人康复重点项目", [("精准康复服务行动", "为有需求的残疾人普遍提供康复服务。")])],
    )
    lower = make_plan(
        LOWER_PLACE,
        [T(CITY_TASKS[0].lead, CITY_TASKS[0].body, bracket=""), T("加强监测和评估", "定期评估。")],
        [Ind("残疾人意外伤害保险参保率（%）", "70")],
        basis=[UPPER_TITLE],
    )
    result = diff_plans(parse_text(lower, "lower.txt"), parse_text(upper, "upper.txt"))
    assert schema_errors(diff_validator, as_json(result)) == []


def test_json_contract_keys(seed: DiffResult) -> None:
    doc = as_json(seed)
    for side in ("lower", "upper"):
        assert {"file", "title", "place"} <= set(doc[side])
    assert doc["lower"]["place"] == "泽州县" and doc["upper"]["place"] == "临汾市"
    assert doc["indicators"] and doc["columns"] and doc["tasks"]
    for pair in doc["indicators"]:
        assert {"lower", "upper", "relation", "attribute_changed", "score"} <= set(pair)
    for pair in doc["columns"]:
        assert {"lower", "upper", "score", "items"} <= set(pair)
    for pair in doc["tasks"]:
        assert {"lower", "upper", "match", "score", "lead_changed", "diff"} <= set(pair)
        for side in ("lower", "upper"):
            if pair[side] is not None:
                assert {"id", "heading", "lines"} <= set(pair[side])
                first, last = pair[side]["lines"]
                assert 1 <= first <= last
    assert {"lower_cites", "upper_title", "consistent"} <= set(doc["basis"])
    assert isinstance(doc["summary"], dict)


# ------------------------------------------------------------------------------- word diff


def test_word_diff_reassembles_both_bodies(seed: DiffResult) -> None:
    matched = claimed(seed)
    assert matched
    for p in matched:
        assert p.lower is not None and p.upper is not None
        assert p.diff, p.lower.heading
        assert "".join(op["lower"] for op in p.diff) == p.lower.body, p.lower.heading
        assert "".join(op["upper"] for op in p.diff) == p.upper.body, p.upper.heading
        for op in p.diff:
            assert op["op"] in ("equal", "insert", "delete", "replace")
            if op["op"] == "equal":
                assert op["lower"] == op["upper"]
            elif op["op"] == "delete":
                assert op["lower"] and not op["upper"]
            elif op["op"] == "insert":
                assert op["upper"] and not op["lower"]


def test_word_diff_of_column_items_reassembles(seed: DiffResult) -> None:
    items = [i for p in seed.columns for i in p.items if i.lower and i.upper and i.diff]
    assert items
    for item in items:
        assert item.lower is not None and item.upper is not None
        assert "".join(op["lower"] for op in item.diff) == item.lower.text
        assert "".join(op["upper"] for op in item.diff) == item.upper.text


# --------------------------------------------------------------------------- synthetic pairs


def county_version(task: T, **changes: Any) -> T:
    """The same task as a county would print it: 市X局 -> 县X局."""
    fields: dict[str, Any] = {
        "lead": task.lead,
        "body": task.body,
        "section": task.section,
        "leads": [u.replace("市", "县", 1) for u in task.leads],
        "partners": [u.replace("市", "县", 1) for u in task.partners],
    }
    fields.update(changes)
    return T(**fields)


def synthetic_diff(
    lower_tasks: list[T],
    upper_tasks: tuple[T, ...] | list[T] = CITY_TASKS,
    lower_indicators: tuple[Ind, ...] = (),
    upper_indicators: tuple[Ind, ...] = (),
    text_diff: bool = False,
) -> DiffResult:
    upper = make_plan(UPPER_PLACE, upper_tasks, upper_indicators)
    lower = make_plan(LOWER_PLACE, lower_tasks, lower_indicators, basis=[UPPER_TITLE])
    return diff_plans(
        parse_text(lower, "lower.txt"),
        parse_text(upper, "upper.txt"),
        DiffOptions(text_diff=text_diff),
    )


def pairs_by_heading(result: DiffResult) -> set[tuple[str | None, str | None, str]]:
    return {
        (p.lower.heading if p.lower else None, p.upper.heading if p.upper else None, p.match)
        for p in result.tasks
    }


def matched_headings(result: DiffResult) -> set[tuple[str, str]]:
    return {
        (p.lower.heading, p.upper.heading)
        for p in result.tasks
        if p.lower and p.upper and p.match in ("full", "partial")
    }


def test_identical_tasks_all_match_fully() -> None:
    result = synthetic_diff([county_version(t) for t in CITY_TASKS])
    assert pairs_by_heading(result) == {(t.lead, t.lead, "full") for t in CITY_TASKS}
    assert all(p.lead_changed is False for p in result.tasks)


def test_task_moved_to_another_section_still_matches() -> None:
    first, *rest = CITY_TASKS
    moved = county_version(first, section="加强组织实施")  # a new last section
    result = synthetic_diff([county_version(t) for t in rest] + [moved])
    assert matched_headings(result) == {(t.lead, t.lead) for t in CITY_TASKS}
    assert not [p for p in result.tasks if p.match in ("only_lower", "only_upper")]


def test_task_split_into_two_lower_tasks() -> None:
    first = CITY_TASKS[0]
    head, tail = first.body.split("。", 1)
    halves = [
        county_version(first, lead="健全防止返贫动态监测和帮扶机制", body=head + "。"),
        county_version(first, lead="持续做好农村低收入残疾人家庭帮扶", body=tail),
    ]
    result = synthetic_diff(halves + [county_version(t) for t in CITY_TASKS[1:]])
    to_first = [p for p in result.tasks if p.upper is not None and p.upper.heading == first.lead]
    assert {p.lower.heading for p in to_first if p.lower} == {h.lead for h in halves}
    assert all(p.match in ("full", "partial") for p in to_first)
    assert "partial" in {p.match for p in to_first}
    assert not [p for p in result.tasks if p.match in ("only_lower", "only_upper")]


def test_two_upper_tasks_merged_into_one_lower_task() -> None:
    work, prevention = CITY_TASKS[2], CITY_TASKS[3]
    merged = T(
        "促进残疾人就业和预防残疾",
        work.body + prevention.body,
        section=prevention.section,
        leads=["县人力资源和社会保障局"],
        partners=["县卫生健康和体育局"],
    )
    lower = [county_version(CITY_TASKS[0]), county_version(CITY_TASKS[1]), merged]
    result = synthetic_diff([*lower, county_version(CITY_TASKS[4])])
    to_merged = [p for p in result.tasks if p.lower is not None and p.lower.heading == merged.lead]
    assert {p.upper.heading for p in to_merged if p.upper} == {work.lead, prevention.lead}
    assert all(p.match in ("full", "partial") for p in to_merged)
    assert "partial" in {p.match for p in to_merged}
    assert not [p for p in result.tasks if p.match == "only_upper"]


def test_deleted_task_is_only_upper() -> None:
    deleted = CITY_TASKS[3]
    result = synthetic_diff([county_version(t) for t in CITY_TASKS if t is not deleted])
    assert (None, deleted.lead, "only_upper") in pairs_by_heading(result)
    assert matched_headings(result) == {(t.lead, t.lead) for t in CITY_TASKS if t is not deleted}


def test_lead_unit_changed_and_unchanged() -> None:
    lower = [county_version(t) for t in CITY_TASKS]
    lower[1] = county_version(CITY_TASKS[1], leads=["县残联"])  # city: 市民政局
    lower[2] = county_version(CITY_TASKS[2], leads=["县人力资源和社会保障局"])  # city: 市人社局
    result = synthetic_diff(lower)
    lead = {p.upper.heading: p for p in result.tasks if p.upper is not None}
    changed = lead[CITY_TASKS[1].lead]
    assert changed.lead_changed is True
    assert (changed.lower_lead, changed.upper_lead) == (["县残联"], ["市民政局"])
    assert lead[CITY_TASKS[2].lead].lead_changed is False  # the same bureau, full name
    assert sum(1 for p in result.tasks if p.lead_changed) == 1


def test_word_diff_on_synthetic_pair() -> None:
    first = CITY_TASKS[0]
    edited = county_version(
        first, body=first.body.replace("农村低收入", "农村困难") + "做好 APP 适老化改造。"
    )
    result = synthetic_diff([edited, *[county_version(t) for t in CITY_TASKS[1:]]], text_diff=True)
    pair = next(p for p in result.tasks if p.upper is not None and p.upper.heading == first.lead)
    assert pair.lower is not None and pair.upper is not None
    assert "".join(op["lower"] for op in pair.diff) == pair.lower.body
    assert "".join(op["upper"] for op in pair.diff) == pair.upper.body
    changed = [op for op in pair.diff if op["op"] != "equal"]
    assert any("困难" in op["lower"] and "低收入" in op["upper"] for op in changed)


# ------------------------------------------------------------------- synthetic: indicators


def relation(lower: Ind, upper: Ind) -> IndicatorPair:
    result = synthetic_diff(
        [county_version(t) for t in CITY_TASKS[:2]], CITY_TASKS[:2], (lower,), (upper,)
    )
    assert len(result.indicators) == 1, [(p.lower, p.upper) for p in result.indicators]
    return result.indicators[0]


RATE = "残疾人基本康复服务覆盖率（%）"
INSURANCE = "残疾人城乡居民基本医疗保险参保率（%）"
INCIDENCE = "残疾人意外伤害发生率（%）"  # 发生率: lower is better


@pytest.mark.parametrize(
    ("lower", "upper", "expected"),
    [
        pytest.param(Ind(RATE, "≥90"), Ind(RATE, "≥95"), "lower_looser", id="loosened"),
        pytest.param(Ind(RATE, "≥97"), Ind(RATE, "≥95"), "lower_stricter", id="tightened"),
        pytest.param(Ind(RATE, "≥95"), Ind(RATE, "≥95"), "same", id="same"),
        pytest.param(Ind(INSURANCE, "≥95"), Ind(INSURANCE, ">95"), "lower_looser", id="ge-vs-gt"),
        pytest.param(Ind(INSURANCE, ">95"), Ind(INSURANCE, "≥95"), "lower_stricter", id="gt-vs-ge"),
        pytest.param(Ind(INCIDENCE, "≤3"), Ind(INCIDENCE, "≤5"), "lower_stricter", id="cap-lower"),
        pytest.param(Ind(INCIDENCE, "≤5"), Ind(INCIDENCE, "≤3"), "lower_looser", id="cap-higher"),
        pytest.param(
            Ind("残疾人辅助器具适配率（％）", "≥85％"),
            Ind("残疾人辅助器具适配率（%）", "≥85%"),
            "same",
            id="full-width-percent",
        ),
        pytest.param(
            Ind("残疾人家庭人均收入年均增长（%）", "与地区生产总值增长同步"),
            Ind("残疾人家庭人均收入年均增长（%）", "与地区生产总值增长同步"),
            "same",
            id="qualitative",
        ),
    ],
)
def test_target_relation(lower: Ind, upper: Ind, expected: str) -> None:
    pair = relation(lower, upper)
    assert pair.lower is not None and pair.upper is not None
    assert pair.relation == expected, pair.reason


def test_full_width_percent_is_the_same_unit() -> None:
    pair = relation(
        Ind("残疾人辅助器具适配率（％）", "≥85"), Ind("残疾人辅助器具适配率（%）", "≥85")
    )
    assert pair.lower is not None and pair.upper is not None
    assert pair.lower.unit == pair.upper.unit == "%"
    assert pair.relation == "same"


def test_qualitative_targets_in_each_plans_own_words_are_the_same() -> None:
    # 全县 in the county's plan and 全市 in the city's both mean "our own"; 地区生产总值 is 生产总值
    pair = relation(
        Ind("残疾人家庭人均收入年均增长（%）", "与全县生产总值增长同步"),
        Ind("残疾人家庭人均收入年均增长（%）", "与全市地区生产总值增长同步"),
    )
    assert pair.relation == "same", pair.reason


def test_qualitative_targets_are_never_ordered() -> None:
    pair = relation(
        Ind("残疾人家庭人均收入年均增长（%）", "高于全县居民人均可支配收入增长"),
        Ind("残疾人家庭人均收入年均增长（%）", "与全市地区生产总值增长同步"),
    )
    assert pair.relation == "incomparable", pair.reason


def test_seed_gdp_in_step_pair_is_the_same(seed: DiffResult) -> None:
    # county L206 与全县生产总值增长同步, city L33-34 与全市地区生产总值增长同步
    pair = indicator_pair(seed, "残疾人家庭人均收入年均增长")
    assert pair.relation == "same", pair.reason


def test_synthetic_downgrade_and_upgrade() -> None:
    name = "残疾儿童少年义务教育入学率（%）"
    down = relation(Ind(name, "≥97", "预期性"), Ind(name, "≥97", "约束性"))
    assert (down.attribute_changed, down.downgraded) == (True, True)
    up = relation(Ind(name, "≥97", "约束性"), Ind(name, "≥97", "预期性"))
    assert (up.attribute_changed, up.downgraded) == (True, False)


# -------------------------------------------------------------------------- place naming


def test_sides_are_named_by_their_places() -> None:
    result = synthetic_diff(
        [county_version(t) for t in CITY_TASKS if t is not CITY_TASKS[3]],
        lower_indicators=(Ind(RATE, "≥90", "约束性"),),
        upper_indicators=(Ind(RATE, "≥95", "约束性"),),
    )
    assert (result.lower.place, result.upper.place) == (LOWER_PLACE, UPPER_PLACE)
    assert (result.lower.level, result.upper.level) == ("县", "市")
    assert result.basis.consistent is True  # the county cites the city's plan by title
    highlights = "\n".join(result.summary["highlights"])
    assert LOWER_PLACE in highlights and UPPER_PLACE in highlights
    assert "lower plan" not in highlights and "upper plan" not in highlights
