"""Regressions found in review: plausible plans other than the seeds."""

from __future__ import annotations

from pathlib import Path

import pytest

from planparse.compare.check import CheckOptions, run_check
from planparse.model import SourceText
from planparse.parse.extract.meta import place_of
from planparse.parse.extract.responsibility import extract_responsibility
from planparse.parse.pipeline import parse_path, parse_source, parse_text
from planparse.resources import schema_path

CITY = Path(__file__).resolve().parent.parent / "corpus" / "linfen-city-draft.txt"


def test_upper_units_are_missing_when_the_lower_plan_has_none() -> None:
    report = run_check(parse_text("hello"), parse_path(CITY))
    rules = {f.rule for f in report.findings}
    assert {"X101", "X201", "X202"} <= rules


def test_upper_rules_without_an_upper_plan_are_a_usage_error() -> None:
    with pytest.raises(ValueError, match="--against"):
        run_check(parse_text("hello"), None, CheckOptions(select=["X"]))


def test_schemas_are_read_from_the_package() -> None:
    path = schema_path("grammar.toml")
    assert path.parent.name == "_schemas" and path.parent.parent.name == "planparse"


NOTICE_WITH_PERIOD = """某政发〔2023〕5号
某县人民政府
关于印发某县乡村振兴实施方案的通知
各乡镇人民政府：
《某县乡村振兴实施方案》已经县政府同意，现印发给你们。
某县人民政府
2023年5月1日
某县乡村振兴实施方案（2023—2025年）
主要指标
为推进乡村振兴，依据《某市乡村振兴规划》，制定本方案。
一、总体要求
（一）目标。到2025年基本实现。
二、重点任务
（一）发展产业。做大做强特色产业。（牵头单位：县农业农村局）
"""


def test_cover_letter_ends_at_its_signature_even_if_the_title_adds_a_period() -> None:
    plan = parse_text(NOTICE_WITH_PERIOD)
    assert plan.meta.title == "某县乡村振兴实施方案（2023—2025年）"
    assert plan.meta.cover_letter == (1, 7)
    assert plan.meta.basis == ["某市乡村振兴规划"]
    assert plan.meta.date == "2023-05-01" and plan.meta.doc_number == "某政发〔2023〕5号"
    assert [t.heading for t in plan.tasks] == ["发展产业"]


def test_title_with_a_period_and_no_cover_letter() -> None:
    plan = parse_text(
        "某县优化营商环境三年行动计划（2023—2025年）\n\n一、总体要求\n\n坚持稳中求进。"
    )
    assert plan.meta.title == "某县优化营商环境三年行动计划（2023—2025年）"
    assert (plan.meta.place, plan.meta.doc_type) == ("某县", "行动计划")


def test_paragraph_per_line_text_with_equal_width_headings_is_not_taken_for_pdf() -> None:
    heads = [
        "（一）深化审批制度改革工作",
        "（二）提升政务服务效能水平",
        "（三）加强市场监管执法力度",
        "（四）强化要素保障能力建设",
        "（五）优化法治保障环境建设",
        "（六）构建亲清政商关系格局",
    ]
    lines = ["某县优化营商环境实施方案", "", "一、重点任务", ""]
    for k, head in enumerate(heads):
        body = (
            "推进工作落实。" + "加强统筹协调，完善工作机制" * (k + 2) + "。（牵头单位：县发改局）"
        )
        lines += [head, "", body, ""]
    plan = parse_text("\n".join(lines))
    assert len(plan.headings) == 7
    assert len(plan.tasks) == 6 and not plan.columns


def test_pdf_text_of_short_lines_only_does_not_crash() -> None:
    lines = ["一、总则", "（一）目标", "做好工作。"]
    src = SourceText("short.pdf", "pdf", "n/a", lines, [1, 2, 3], [False] * 3)
    plan = parse_source(src)
    assert [h.title for h in plan.headings] == ["总则", "目标"]


def test_bracket_in_a_paragraph_of_its_own_belongs_to_the_task_above() -> None:
    plan = parse_text(
        "某县学前教育行动计划\n\n一、重点任务\n\n1．新建幼儿园。新建10所。\n（牵头单位：县教育局）\n"
    )
    (task,) = plan.tasks
    assert task.heading == "新建幼儿园"
    assert task.responsibility is not None and task.responsibility.lead == ["县教育局"]
    assert [e.kind for e in plan.elements][-1] == "responsibility"


def test_fields_that_are_not_roles_are_not_taken_for_units() -> None:
    resp, _ = extract_responsibility("做好。（责任单位：县发改局；完成时限：2024年12月底）")
    assert resp is not None and resp.responsible == ["县发改局"]
    assert "other-field" in resp.irregular
    resp, _ = extract_responsibility(
        "做好。（牵头领导：张三；牵头单位：县教育局；配合单位：县财政局）"
    )
    assert resp is not None and (resp.lead, resp.participating) == (["县教育局"], ["县财政局"])


def test_reader_notes_that_signal_loss_become_warnings() -> None:
    src = SourceText(
        "x.txt",
        "txt",
        "utf-8",
        ["一、总则"],
        [1],
        notes=["txt-undecodable-bytes: 2 undecodable byte sequence(s) replaced", "page starts 1"],
    )
    codes = [w.code for w in parse_source(src).warnings]
    assert "txt-undecodable-bytes" in codes and "page" not in " ".join(codes)


@pytest.mark.parametrize(
    ("title", "place"),
    [
        ("泽州县县域商业体系建设方案", "泽州县"),
        ("临汾市市场监管规划", "临汾市"),
        ("社区居家养老服务方案", None),
        ("园区发展规划", None),
        ("山西省晋城市泽州县规划", "泽州县"),
        ("呼和浩特市规划", "呼和浩特市"),
        ("乡宁县规划", "乡宁县"),
        ("广西壮族自治区规划", "广西壮族自治区"),
    ],
)
def test_place_named_by_a_title(title: str, place: str | None) -> None:
    assert place_of(title) == place


def test_artifact_patterns_keep_real_content() -> None:
    text = (
        "一、目标\n此行动计划所需资金主要用于基础设施建设。\n"
        "\t指标\n\t2025年\n\t属性\n\n\t1.医护比\n\t2/1\n\t预期性\n\n"
    )
    plan = parse_text(text)
    assert not plan.dropped
    (indicator,) = plan.indicators
    assert (indicator.target.raw, indicator.attribute) == ("2/1", "预期性")


def test_a_table_that_holds_no_indicators_is_reported_not_made_a_column() -> None:
    text = "一、项目\n\t项目名称\n\t建设内容\n\n\t康复中心\n\t新建\n\n"
    plan = parse_text(text)
    assert not plan.columns and not plan.indicators
    assert [(w.code, w.lines) for w in plan.warnings if w.code == "table-not-read"] == [
        ("table-not-read", (2, 6))
    ]


def test_indicator_table_outside_any_column_box() -> None:
    text = "一、目标\n\t指标\n\t2025年\n\t属性\n\n\t1.森林覆盖率（%）\n\t30\n\t约束性\n\n专栏1 重点项目\n1.造林工程。新造林1万亩。\n"
    plan = parse_text(text)
    assert [(c.number, c.kind, len(c.items)) for c in plan.columns] == [
        ("", "indicators", 1),
        ("1", "projects", 1),
    ]


def test_enumerations_with_a_closing_bracket_are_not_unbalanced() -> None:
    plan = parse_text(
        "一、任务\n（一）加强管理。主要内容：1）建立制度；2）完善机制。（牵头单位：县民政局）\n"
        "（二）强化（保障。做好。（牵头单位：县财政局）\n"
    )
    assert [(f.rule, f.lines) for f in run_check(plan).findings] == [("S201", (3, 3))]


def test_a_plain_paragraph_column_keeps_its_numbered_items() -> None:
    text = "一、任务\n专栏1 重点项目\n1.造林工程。新造林1万亩。\n2.修路工程。新建道路。\n（一）加强管理。做好。（牵头单位：县林业局）\n"
    plan = parse_text(text)
    assert [(c.number, c.title, [i.title for i in c.items]) for c in plan.columns] == [
        ("1", "重点项目", ["造林工程", "修路工程"])
    ]
    assert [t.heading for t in plan.tasks] == ["加强管理"]


@pytest.mark.parametrize(
    ("raw", "op", "value"),
    [
        ("百分之九十", "=", 90.0),
        ("不低于百分之九十五", ">=", 95.0),
        ("达到百分之九十九点五", ">=", 99.5),
    ],
)
def test_percent_targets_written_in_words(raw: str, op: str, value: float) -> None:
    from planparse.parse.extract.targets import parse_target

    target = parse_target(raw, None)
    assert (target.raw, target.op, target.value, target.unit) == (raw, op, value, "%")
