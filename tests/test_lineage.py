"""Lineage: one lower plan against several upper plans (planparse diff LOWER UPPER UPPER...).

Synthetic chains (national → province → city → county of one field, with targets changed on
the way down) give known relations; a real chain (the sample pair under a real provincial
indicator table) checks the same on printed text.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from planparse.compare.lineage import build_lineage, order_chain
from planparse.model import Plan
from planparse.parse.pipeline import parse_path, parse_source
from planparse.readers import read_bytes
from planparse.render.lineage_out import lineage_html, lineage_markdown

ROOT = Path(__file__).resolve().parents[1]
COUNTY = ROOT / "corpus" / "zezhou-county-2023.txt"
CITY = ROOT / "corpus" / "linfen-city-draft.txt"
PROVINCE_PAGE = ROOT / "tests" / "data" / "lineage" / "neimenggu-province-disability-2021-page6.txt"

TASKS = {
    "expand": "扩大普惠性学前教育资源。新建和改扩建公办幼儿园，提高普惠性幼儿园覆盖率。",
    "teachers": "加强教师队伍建设。实施教师素质提升计划，完善教师培训体系。",
    "digital": "推进教育数字化转型。建设智慧校园，推动优质数字教育资源共享。",
    "safety": "强化校园安全管理。完善校园安全防控体系，开展安全教育。",
}


def plan_text(
    issuer: str, place: str, indicators: list[tuple[str, str, str]], tasks: list[str]
) -> str:
    """A plan as a portal page publishes it: notice, title, an indicator table (a real HTML
    table) and numbered tasks with brackets naming units of the plan's own level."""
    unit = {"省": "省", "市": "市", "县": "县"}.get(place[-1], "")
    education = "省教育厅" if unit == "省" else f"{unit}教育局"
    paragraphs = [
        f"{issuer}关于印发{place}“十四五”教育事业发展规划的通知",
        "各有关单位：",
        f"现将《{place}“十四五”教育事业发展规划》印发给你们，请认真贯彻执行。",
        issuer,
        "2022年3月1日",
        f"{place}“十四五”教育事业发展规划",
        "一、发展目标",
        "专栏1 “十四五”时期教育事业发展主要指标",
    ]
    rows = "".join(
        f"<tr><td>{n + 1}</td><td>{name}</td><td>%</td><td>{target}</td><td>{attr}</td></tr>"
        for n, (name, target, attr) in enumerate(indicators)
    )
    table = (
        "<table><tr><td>序号</td><td>指标</td><td>单位</td><td>2025年</td><td>属性</td></tr>"
        f"{rows}</table>"
    )
    after = ["二、主要任务"] + [
        f"{n + 1}．{TASKS[key]}（牵头单位：{education}；配合单位：{unit}财政局）"
        for n, key in enumerate(tasks)
    ]
    body = "".join(f"<p>{p}</p>" for p in paragraphs) + table
    body += "".join(f"<p>{p}</p>" for p in after)
    return f"<html><head><meta charset='utf-8'></head><body><div>{body}</div></body></html>"


def parse_page(html: str, name: str) -> Plan:
    return parse_source(read_bytes(html.encode("utf-8"), name))


@pytest.fixture(scope="module")
def chain() -> dict[str, Plan]:
    specs = {
        "national": (
            "国务院",
            "全国",
            [
                ("学前教育毛入园率", "≥90", "预期性"),
                ("义务教育巩固率", "≥96", "约束性"),
                ("高中阶段教育毛入学率", "≥92", "预期性"),
            ],
            ["expand", "teachers", "digital"],
        ),
        "province": (
            "江西省人民政府",
            "江西省",
            [("学前教育毛入园率", "≥92", "预期性"), ("义务教育巩固率", "≥96", "约束性")],
            ["expand", "teachers"],
        ),
        "city": (
            "赣州市人民政府",
            "赣州市",
            [("学前教育毛入园率", "≥91", "预期性"), ("义务教育巩固率", "≥96", "预期性")],
            ["expand", "teachers"],
        ),
        "county": (
            "于都县人民政府",
            "于都县",
            [
                ("学前教育毛入园率", "≥91", "预期性"),
                ("义务教育巩固率", "≥97", "约束性"),
                ("高中阶段教育毛入学率", "≥93", "预期性"),
            ],
            ["expand", "digital", "safety"],
        ),
    }
    plans = {}
    for level, (issuer, place, indicators, tasks) in specs.items():
        plans[level] = parse_page(plan_text(issuer, place, indicators, tasks), f"{level}.html")
    return plans


def test_the_synthetic_plans_parse_as_written(chain: dict[str, Plan]) -> None:
    assert [len(chain[k].indicators) for k in ("national", "province", "city", "county")] == [
        3,
        2,
        2,
        3,
    ]
    assert [len(chain[k].tasks) for k in ("national", "province", "city", "county")] == [3, 2, 2, 3]
    assert chain["county"].meta.place == "于都县" and chain["province"].meta.level == "province"


def test_uppers_are_ordered_from_the_nearest_level_up(chain: dict[str, Plan]) -> None:
    ordered = order_chain(chain["county"], [chain["national"], chain["city"], chain["province"]])
    assert [lp.level for lp in ordered] == ["county", "city", "province", "national"]


def _row(lineage, name: str):  # type: ignore[no-untyped-def]
    return next(r for r in lineage.indicators if r.name == name)


def test_relations_along_the_chain(chain: dict[str, Plan]) -> None:
    lineage = build_lineage(chain["county"], [chain["province"], chain["national"], chain["city"]])
    kinder = [c.relation for c in _row(lineage, "学前教育毛入园率").cells]
    # county ≥91 = city ≥91; city ≥91 < province ≥92: loosened; province ≥92 > national ≥90
    assert kinder == ["same", "loosened", "tightened", "top"]
    binding = [c.relation for c in _row(lineage, "义务教育巩固率").cells]
    # the city downgrades 约束性 → 预期性; the county is stricter than the city (97 vs 96)
    assert binding == ["tightened", "downgraded", "same", "top"]


def test_a_target_dropped_in_the_middle_and_picked_up_below(chain: dict[str, Plan]) -> None:
    lineage = build_lineage(chain["county"], [chain["city"], chain["province"], chain["national"]])
    row = _row(lineage, "高中阶段教育毛入学率")
    assert [c.relation for c in row.cells] == ["tightened", "dropped", "dropped", "top"]
    assert row.cells[0].target == "≥93"


def test_a_task_stops_at_one_level_and_reappears_below(chain: dict[str, Plan]) -> None:
    lineage = build_lineage(chain["county"], [chain["city"], chain["province"], chain["national"]])
    by_top = {r.name: [c.relation for c in r.cells] for r in lineage.tasks}
    assert by_top["推进教育数字化转型"] == ["carried", "dropped", "dropped", "top"]
    assert by_top["加强教师队伍建设"] == ["absent", "carried", "carried", "top"]
    assert by_top["强化校园安全管理"] == ["added", "absent", "absent", "absent"]


def test_missing_levels_and_ties(chain: dict[str, Plan]) -> None:
    gap = build_lineage(chain["county"], [chain["national"]])
    assert [lp.level for lp in gap.chain] == ["county", "national"]
    assert [c.relation for c in _row(gap, "学前教育毛入园率").cells] == ["tightened", "top"]
    second_city = parse_page(
        plan_text("赣州市人民政府", "赣州市", [("学前教育毛入园率", "≥95", "预期性")], ["expand"]),
        "city-b.html",
    )
    tie = build_lineage(chain["county"], [second_city, chain["city"]])
    assert [lp.file for lp in tie.chain] == ["county.html", "city-b.html", "city.html"]
    assert any("several upper plans at the city level" in n for n in tie.notes)


def test_an_unrelated_upper_is_warned() -> None:
    county = parse_path(COUNTY)
    unrelated = parse_page(
        plan_text(
            "江西省人民政府",
            "江西省",
            [
                ("学前教育毛入园率", "≥92", "预期性"),
                ("高中阶段教育毛入学率", "≥92", "预期性"),
                ("劳动年龄人口平均受教育年限", "≥11", "预期性"),
            ],
            ["expand", "teachers", "digital", "safety"],
        ),
        "edu.html",
    )
    lineage = build_lineage(county, [parse_path(CITY), unrelated])
    codes = {(w["code"], w["upper"]) for w in lineage.warnings}
    assert ("unrelated-plans", "edu.html") in codes


def test_real_chain_under_a_provincial_table() -> None:
    # Hand-read: 内蒙古 (province) >90 / >95 / 100; 临汾市 >90 / >95 / 100; 泽州县 95 / 100 / 100.
    lineage = build_lineage(parse_path(COUNTY), [parse_path(PROVINCE_PAGE), parse_path(CITY)])
    assert [lp.level for lp in lineage.chain] == ["county", "city", "province"]
    pension = next(r for r in lineage.indicators if "养老保险参保率" in r.name)
    assert [(c.target, c.relation) for c in pension.cells] == [
        ("95", "tightened"),
        (">90", "same"),
        (">90", "top"),
    ]
    medical = next(r for r in lineage.indicators if "医疗保险参保率" in r.name)
    assert [c.relation for c in medical.cells] == ["tightened", "same", "top"]
    floor = next(r for r in lineage.indicators if "最低生活保障" in r.name)
    assert [c.relation for c in floor.cells] == ["same", "same", "top"]
    downgraded = next(r for r in lineage.indicators if r.cells[0].relation == "downgraded")
    assert "义务教育" in downgraded.cells[0].name
    # the city-only indicators the province page lacks start at the city
    rehab = next(r for r in lineage.indicators if r.name == "残疾人基本康复服务覆盖率")
    assert [c.relation for c in rehab.cells] == ["same", "added", "absent"]


def test_outputs(chain: dict[str, Plan]) -> None:
    lineage = build_lineage(chain["county"], [chain["city"], chain["province"], chain["national"]])
    schema = json.loads((ROOT / "schemas" / "lineage.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(lineage.to_dict(), schema)
    md = lineage_markdown(lineage)
    assert "### 学前教育毛入园率" in md and "loosened (放宽)" in md
    only = lineage_markdown(lineage, only_differences=True)
    assert (
        "推进教育数字化转型" in only and "扩大普惠性学前教育资源" not in only.split("## Tasks")[1]
    )
    page = lineage_html(lineage)
    assert 'data-relation="downgraded"' in page and "<script>alert" not in page


def test_cli_takes_several_uppers(tmp_path: Path) -> None:
    exe = [sys.executable, "-m", "planparse.cli.main"]
    out = subprocess.run(
        [*exe, "diff", str(COUNTY), str(PROVINCE_PAGE), str(CITY), "-f", "json"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert [c["level"] for c in data["chain"]] == ["county", "city", "province"]
    html = tmp_path / "lineage.html"
    made = subprocess.run(
        [*exe, "diff", str(COUNTY), str(CITY), str(PROVINCE_PAGE), "-f", "html", "-o", str(html)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert made.returncode == 0, made.stderr
    assert 'table class="lineage"' in html.read_text(encoding="utf-8")


def test_check_against_several_uppers() -> None:
    from collections import Counter

    from planparse.compare.check import run_check

    county, city, province = parse_path(COUNTY), parse_path(CITY), parse_path(PROVINCE_PAGE)
    one = run_check(county, city)
    both = run_check(county, [city, province])
    assert both.against == city.meta.file and both.uppers == [city.meta.file, province.meta.file]
    self_rules = Counter(f.rule for f in both.findings if f.rule.startswith("S"))
    assert self_rules == Counter(f.rule for f in one.findings if f.rule.startswith("S"))
    # the downgraded 义务教育入学率 is reported against the city; the province page has no
    # such complete row, so the city's finding is the only one
    assert sum(1 for f in both.findings if f.rule == "X103") == 1
    missing = [f.message for f in both.findings if f.rule == "X203"]
    # one X203 per county task without counterpart, for each upper plan
    assert any("临汾市" in m for m in missing) and any("临汾市" not in m for m in missing)
    assert both.to_dict()["uppers"] == both.uppers
