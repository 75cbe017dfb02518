"""Tasks, brackets, collectives and self-checks on a complete real city policy (2012).

tests/data/guangzhou-talent-2012.txt (source in tests/data/README.md) numbers its 45 items
1–45 through all sections, introduces each section with ``（一）…。…实施如下重点项目：``, names
an item ``11.121人才梯队项目``, opens with a short item ``1.目标。`` and writes 44 brackets as
``（牵头单位：…，配合单位：…，各区、县级市）``. Expected values below were read off the text.

Item 1 (``1.目标。``, the programme's goal under 一、总体目标) is an item of the numbering
but not a task: its chapter assigns no work, while every other item carries a bracket
(item 29 names only a lead).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from planparse.compare.check import run_check
from planparse.model import Plan, Task
from planparse.parse.pipeline import parse_path

DOC = Path(__file__).parent / "data" / "guangzhou-talent-2012.txt"


@cache
def plan() -> Plan:
    return parse_path(DOC)


def task(number: int) -> Task:
    (found,) = [t for t in plan().tasks if t.number and t.number.rstrip("．.、") == str(number)]
    return found


def test_every_item_is_numbered_in_one_sequence() -> None:
    items = [h for h in plan().headings if h.marker[:1].isdigit()]
    assert [h.ordinal for h in items] == list(range(1, 46))


def test_every_item_that_assigns_work_is_one_task_and_nothing_else_is() -> None:
    numbers = [t.number for t in plan().tasks]
    assert numbers == [f"{n}." for n in range(2, 46)]


def test_section_intros_are_headings_not_tasks() -> None:
    intros = [h for h in plan().headings if h.marker.startswith("（")]
    assert [h.title for h in intros] == [
        "产业提升人才行动计划",
        "科技创新人才行动计划",
        "城乡一体人才行动计划",
        "文化引领人才行动计划",
        "民生幸福人才行动计划",
        "国际交流人才行动计划",
        "人才交流培养体系",
        "人才创新创业体系",
        "人才服务保障体系",
    ]
    assert all(h.body.endswith("实施如下重点项目：") for h in intros)
    task_lines = {t.lines for t in plan().tasks}
    assert not any(h.lines in task_lines for h in intros)


def test_number_followed_by_the_digits_of_a_name() -> None:
    item = task(11)
    assert (item.heading, item.lines) == ("121人才梯队项目", (17, 17))
    assert item.path[-2:] == ["科技创新人才行动计划", "121人才梯队项目"]


def test_short_lead_item_is_kept() -> None:
    (item,) = [h for h in plan().headings if h.marker == "1."]
    assert (item.title, item.path, item.lines) == ("目标", ["总体目标", "目标"], (4, 4))
    assert item.body.startswith("2012年起5年内")


def test_brackets_with_a_comma_between_labels() -> None:
    brackets = [t for t in plan().tasks if t.responsibility]
    assert len(brackets) == 44
    assert [t.number for t in plan().tasks if not t.responsibility] == []
    two = task(2).responsibility
    assert two is not None
    assert (two.lead, two.participating) == (
        ["市发展改革委"],
        ["市委组织部", "市人力资源和社会保障局", "各区、县级市"],
    )
    assert (task(29).responsibility.lead, task(29).responsibility.participating) == (  # type: ignore[union-attr]
        ["市人力资源和社会保障局"],
        [],
    )
    thirty_five = task(35).responsibility
    assert thirty_five is not None
    assert thirty_five.participating == [
        "市科技和信息化局",
        "市人力资源和社会保障局",
        "市财政局",
        "越秀区",
    ]


def test_collectives_stay_whole() -> None:
    text = DOC.read_text(encoding="utf-8")
    entries = [u for t in plan().tasks if t.responsibility for u in t.responsibility.units]
    names = [u.name for u in entries]
    assert "县级市" not in names and "各区" not in names
    assert names.count("各区、县级市") == text.count("各区、县级市") == 33
    assert names.count("各有关区、县级市") == text.count("各有关区、县级市") == 2
    for unit in entries:
        if unit.name.startswith("各"):
            assert unit.match == "collective", unit


def test_historical_names_map_with_their_era() -> None:
    units = {u.name: u for t in plan().tasks if t.responsibility for u in t.responsibility.units}
    expected = {
        "市经贸委": ("industry_it", "pre-2018"),
        "市科技和信息化局": ("science_technology", "pre-2018"),
        "市卫生局": ("health", "pre-2013"),
        "市农业局": ("agriculture", "pre-2018"),
        "市工商局": ("market_regulation", "pre-2018"),
        "市文化广电新闻出版局": ("culture_tourism", "pre-2018"),
        "市法制办": ("justice", "pre-2018"),
        "市城管委": ("urban_management", "pre-2018"),
        "市国土房管局": ("natural_resources", "pre-2018"),
        "市规划局": ("natural_resources", "pre-2018"),
        "市金融办": ("local_finance", "pre-2018"),
        "市发展改革委": ("development_reform", None),
        "越秀区": ("government", None),
    }
    assert {name: (units[name].id, units[name].era) for name in expected} == expected


def test_continuous_numbering_is_not_a_gap() -> None:
    assert [w for w in plan().warnings if "numbering" in w.code] == []
    findings = run_check(plan()).findings
    assert [f.rule for f in findings if f.rule in ("S101", "S203")] == []


def test_only_the_unmapped_local_office_is_left_for_the_drafter() -> None:
    """市留交办 (the city's office of the overseas-students fair) is a local body the unit
    schema does not know; it is the only finding left, once per bracket naming it."""
    findings = run_check(plan()).findings
    assert [(f.rule, f.text) for f in findings] == [("S301", "市留交办")] * 3
