"""Saved portal pages parse as their article's text does (tests/portal_pages.py builds the
pages around five real gov.cn articles kept in corpus/public)."""

from __future__ import annotations

import re
from typing import Any

import pytest

from planparse.model import Plan, PlanParseError
from planparse.parse.pipeline import parse_source, parse_text
from planparse.readers import read_bytes
from portal_pages import (
    SKELETONS,
    article,
    hidden_article,
    page_meta,
    paragraphs,
    script_article,
)

ARTICLES = [
    "national-china-national-agriculture-2018.html",
    "national-china-national-egovernment-2018.html",
    "national-china-national-employment-2018.html",
    "national-china-national-trade-2019.html",
    "national-china-national-vocational-education-2019.html",
]


def _structure(plan: Plan) -> tuple[Any, ...]:
    return (
        [(h.level, h.marker, h.title) for h in plan.headings],
        [(t.heading, t.responsibility.lead if t.responsibility else None) for t in plan.tasks],
        plan.meta.doc_number,
    )


def _page_plan(build: Any, inner: str, name: str = "page.html") -> Plan:
    return parse_source(read_bytes(build(inner, page_meta(inner)).encode("utf-8"), name))


@pytest.mark.parametrize("skeleton", [*SKELETONS, "hidden"])
@pytest.mark.parametrize("name", ARTICLES)
def test_saved_portal_page_parses_as_its_text(name: str, skeleton: str) -> None:
    inner = article(name)
    text_plan = parse_text("\n".join(paragraphs(inner)))
    build = hidden_article if skeleton == "hidden" else SKELETONS[skeleton]
    page_plan = _page_plan(build, inner)
    assert _structure(page_plan) == _structure(text_plan)
    assert text_plan.headings and text_plan.tasks  # the comparison is not of two empty plans
    if skeleton != "hidden":
        # The metadata block is read, not lost: its fields are evidence, listed as dropped.
        meta = [d for d in page_plan.dropped if d.reason.startswith("web page metadata")]
        assert any("索引号" in d.text for d in meta), page_plan.dropped[:5]
        assert not any("春季农业生产" in e.text or "相关" in e.text[:4] for e in page_plan.elements)


def test_hidden_article_is_read_with_a_note() -> None:
    inner = article(ARTICLES[1])
    src = read_bytes(hidden_article(inner, page_meta(inner)).encode("utf-8"), "page.html")
    assert any("is hidden on the page" in note for note in src.notes)


def test_article_in_a_script_variable_is_named_in_the_error() -> None:
    inner = article(ARTICLES[1])
    with pytest.raises(PlanParseError) as err:
        read_bytes(script_article(inner, page_meta(inner)).encode("utf-8"), "page.html")
    assert "window.__ARTICLE_DATA__" in err.value.message
    assert "loaded by script" in err.value.message


def test_empty_shell_page_keeps_the_plain_error() -> None:
    page = b"<html><body><div id='app'></div><script src='/app.js'></script></body></html>"
    with pytest.raises(PlanParseError, match="no text found in the HTML page"):
        read_bytes(page, "shell.html")


# Appendix tables as an editor (UEditor) saves them: every cell's text in a <p>.
TASK_ROWS = [
    ("1", "健全国家职业教育制度框架", "教育部", "国家发展改革委、财政部", "2019年底前"),
    ("2", "提高中等职业教育发展水平", "教育部", "人力资源社会保障部", "2020年底前"),
    ("3", "推进高等职业教育高质量发展", "教育部", "财政部", "持续推进"),
    ("4", "完善高层次应用型人才培养体系", "教育部", "/", "2022年底前"),
    ("5", "建设职业教育国家学分银行", "教育部", "人力资源社会保障部", "2021年底前"),
]


def _cell(text: str) -> str:
    return f"<td><p>{text}</p></td>"


def test_long_page_with_metadata_and_appendix_tables_is_read_whole() -> None:
    """Nearly 400 <p> in nested <div>s: the article's paragraphs with the editor's empty
    spacer paragraphs between them, a task-division table and a second appendix table."""
    inner = article(ARTICLES[4])
    spaced = re.sub(r"</p>\s*", '</p><p style="text-indent:2em"><br></p>', inner)
    header = (
        "<tr>"
        + "".join(_cell(h) for h in ("序号", "重点任务", "牵头单位", "配合单位", "完成时限"))
        + "</tr>"
    )
    rows = "".join("<tr>" + "".join(_cell(c) for c in row) + "</tr>" for row in TASK_ROWS)
    second = "".join(
        "<tr>" + "".join(_cell(c) for c in (str(k), f"试点院校{k}", "高职", "省教育厅")) + "</tr>"
        for k in range(1, 61)
    )
    appendix = (
        "<p>附件1</p><p>重点任务分工表</p><table>" + header + rows + "</table>"
        "<p>附件2</p><p>首批试点院校名单</p><table><tr>"
        + "".join(_cell(h) for h in ("序号", "院校名称", "层次", "主管部门"))
        + "</tr>"
        + second
        + "</table>"
    )
    page = SKELETONS["nameless-divs"](spaced + appendix, page_meta(inner))
    assert page.count("<p") >= 380
    plan = parse_source(read_bytes(page.encode("utf-8"), "long.html"))
    text_plan = parse_text("\n".join(paragraphs(inner)))
    body_tasks = [t for t in plan.tasks if t.source == "body"]
    assert [t.heading for t in body_tasks] == [t.heading for t in text_plan.tasks]
    by_heading = {t.heading: t for t in plan.tasks}
    first = by_heading["健全国家职业教育制度框架"]
    assert first.responsibility and first.responsibility.source == "table"
    assert first.responsibility.lead == ["教育部"]
    assert first.responsibility.participating == ["国家发展改革委", "财政部"]
    assert first.deadline == "2019年底前"
    assert by_heading["完善高层次应用型人才培养体系"].responsibility.participating == []  # type: ignore[union-attr]
    # The row the body has no task for is a task of its own; the second table is text.
    assert [t.heading for t in plan.tasks if t.source == "table"] == ["建设职业教育国家学分银行"]
    assert any("试点院校60" in e.text for e in plan.elements)
