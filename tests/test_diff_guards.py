"""Input guards of `diff`: swapped, identical, unrelated and mismatched plans are named, in the
JSON (`warnings`), on the terminal and in Markdown; the diff still runs and exits 0."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from planparse.cli.main import app
from planparse.compare.diff import diff_plans
from planparse.compare.jurisdiction import jurisdiction_neutral, level_of
from planparse.model import Plan
from planparse.parse.pipeline import parse_text
from planparse.render.diff_md import diff_markdown
from plans import CITY_TASKS, Ind, T, make_plan

ROOT = Path(__file__).resolve().parent.parent
COUNTY = str(ROOT / "corpus" / "zezhou-county-2023.txt")
CITY = str(ROOT / "corpus" / "linfen-city-draft.txt")

# A county education plan: nothing in common with a disability plan but the genre.
EDUCATION = make_plan(
    "青松县",
    [
        T(
            "扩大普惠性学前教育资源",
            "新建、改扩建公办幼儿园，鼓励社会力量举办普惠性民办幼儿园。",
            section="推进学前教育普及普惠",
            leads=["县教育局"],
        ),
        T(
            "推动义务教育优质均衡发展",
            "实施学校标准化建设工程，推进城乡学校共同体建设，落实教师县管校聘管理改革。",
            section="推进学前教育普及普惠",
            leads=["县教育局"],
        ),
        T(
            "加强中小学教师队伍建设",
            "开展全员轮训，落实乡村教师生活补助，完善教师交流轮岗机制。",
            section="建设高素质教师队伍",
            leads=["县教育局"],
        ),
        T(
            "深化新时代教育评价改革",
            "坚决克服唯分数、唯升学倾向，完善综合素质评价，健全学校办学质量督导评估。",
            section="建设高素质教师队伍",
            leads=["县教育局"],
        ),
    ],
    [Ind("劳动年龄人口平均受教育年限（年）", "≥11", "预期性")],
    basis=[],
)


def codes(lower: Plan, upper: Plan) -> list[str]:
    return [w.code for w in diff_plans(lower, upper).warnings]


def cli(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout


def test_sample_pair_names_the_other_city(county_plan: Plan, city_plan: Plan) -> None:
    # county L27: the county cites 《晋城市“十四五”…》; it never names 临汾 (泽州县 is in 晋城市)
    result = diff_plans(county_plan, city_plan)
    assert [w.code for w in result.warnings] == ["different-places"]
    assert "晋城市" in result.warnings[0].message


def test_swapped_plans_warn_levels_reversed(county_plan: Plan, city_plan: Plan) -> None:
    assert codes(city_plan, county_plan) == ["levels-reversed"]
    status, out = cli("diff", CITY, COUNTY, "-f", "json")
    assert status == 0
    doc = json.loads(out)
    assert [w["code"] for w in doc["warnings"]] == ["levels-reversed"]
    assert "临汾市" in doc["warnings"][0]["message"]
    status, out = cli("diff", CITY, COUNTY)
    assert status == 0
    assert "levels-reversed" in out


def test_identical_plans_warn_same_document(county_plan: Plan) -> None:
    assert codes(county_plan, county_plan) == ["same-document"]
    status, out = cli("diff", COUNTY, COUNTY)
    assert status == 0 and "same-document" in out


def test_unrelated_plans_warn_and_still_report(county_plan: Plan) -> None:
    education = parse_text(EDUCATION, "education.txt")
    result = diff_plans(county_plan, education)
    # (and two counties: neither lies in the other)
    assert [w.code for w in result.warnings] == ["unrelated-plans", "different-places"]
    assert result.overlap is not None and result.overlap.units_upper is not None
    assert result.overlap.units_upper < 0.2
    assert len(result.tasks) >= len(county_plan.tasks)  # what was found is still listed
    assert "unrelated-plans" in diff_markdown(result)


def test_related_plans_do_not_warn_unrelated(county_plan: Plan, city_plan: Plan) -> None:
    result = diff_plans(county_plan, city_plan)
    assert result.overlap is not None
    assert result.overlap.units_lower is not None and result.overlap.units_lower > 0.6
    assert result.overlap.units_upper is not None and result.overlap.units_upper > 0.6
    assert 0.3 < result.overlap.text_lower < 0.9  # related, but not one document


def test_two_counties_are_different_places() -> None:
    tasks = [
        T(t.lead, t.body, section=t.section, leads=[u.replace("市", "县", 1) for u in t.leads])
        for t in CITY_TASKS
    ]
    local = [T(t.lead, t.body + "结合本地实际细化年度措施。", section=t.section) for t in tasks]
    a = parse_text(make_plan("洪洞县", tasks, basis=[]), "a.txt")
    b = parse_text(make_plan("泽州县", local, basis=[]), "b.txt")
    assert codes(a, b) == ["different-places"]


def test_county_level_city_against_its_prefecture_is_not_reversed() -> None:
    a = parse_text(make_plan("侯马市", CITY_TASKS[:3], basis=[]), "a.txt")
    b = parse_text(make_plan("临汾市", CITY_TASKS, basis=[]), "b.txt")
    assert "levels-reversed" not in codes(a, b)
    assert "different-places" not in codes(a, b)


@pytest.mark.parametrize(
    ("place", "rank"),
    [("山西省", 1), ("广西壮族自治区", 1), ("上海市", 1), ("临汾市", 2), ("锡林郭勒盟", 2),
     ("延边朝鲜族自治州", 2), ("泽州县", 3), ("东城区", 3), ("科尔沁右翼前旗", 3), ("巴公镇", 4)],
)  # fmt: skip
def test_levels(place: str, rank: int) -> None:
    level = level_of(place)
    assert level is not None and level.rank == rank


def test_jurisdiction_words_are_neutral_only_for_the_plan_itself() -> None:
    assert jurisdiction_neutral("与全市地区生产总值增长同步", "临汾市") == jurisdiction_neutral(
        "与全县生产总值增长同步", "泽州县"
    )
    assert jurisdiction_neutral("与本区经济增长保持同步", "东城区") == jurisdiction_neutral(
        "与全市生产总值增长同步", "北京市"
    )
    # 全省 in a county's plan is the province, not the county itself
    assert jurisdiction_neutral("达到全省平均水平", "泽州县") != jurisdiction_neutral(
        "达到全市平均水平", "临汾市"
    )
