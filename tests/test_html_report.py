"""The HTML reports (issue 9): self-contained, escaped, and readable in a real browser."""

from __future__ import annotations

import base64
import hashlib
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from planparse.compare.diff import DiffResult, diff_plans
from planparse.model import Plan
from planparse.parse.pipeline import parse_text
from planparse.render.html_report import Markup, check_html, diff_html, esc
from plans import Col, Ind, T, make_plan

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

SCRIPT = "<script>alert(1)</script>"
QUOTE = '"onerror=alert(1)'
CELL = "</td><img src=x onerror=alert(2)>"
PAYLOADS = (SCRIPT, QUOTE, CELL)


# ------------------------------------------------------------------------------------ fixtures


@pytest.fixture(scope="module")
def seed_result(county_plan: Plan, city_plan: Plan) -> DiffResult:
    return diff_plans(county_plan, city_plan)


@pytest.fixture(scope="module")
def seed_html(seed_result: DiffResult) -> str:
    return diff_html(seed_result)


@pytest.fixture(scope="module")
def seed_doc(seed_html: str) -> Any:
    import lxml.html

    return lxml.html.document_fromstring(seed_html)


def _hostile_pair() -> DiffResult:
    """A small plan pair whose titles, headings, units, indicators and 专栏 carry payloads."""
    upper = make_plan(
        "临汾市",
        tasks=[
            T(
                f"巩固拓展残疾人脱贫攻坚成果{SCRIPT}",
                "健全易返贫致贫人口动态监测预警和帮扶机制，做到早发现、早干预。",
                leads=[f"市乡村振兴局{QUOTE}"],
                partners=["市残联"],
            ),
            T(
                "加快发展残疾人托养和照护服务",
                f"推动开展残疾人长期照护服务{CELL}，落实好托养服务机构扶持政策。",
                leads=["市民政局"],
            ),
        ],
        indicators=[
            Ind(f"残疾人基本康复服务覆盖率{CELL}（%）", "≥95", "约束性"),
            Ind("困难残疾人生活补贴覆盖率（%）", "100", "约束性"),
        ],
        columns=[Col(f"残疾人康复重点项目{SCRIPT}", [(f"精准康复服务行动{QUOTE}", "提供服务。")])],
    )
    lower = make_plan(
        "泽州县",
        tasks=[
            T(
                f"巩固拓展残疾人脱贫攻坚成果{SCRIPT}",
                f"健全易返贫致贫人口动态监测预警机制{QUOTE}，做到早干预。",
                leads=[f"县民政局{CELL}"],
            ),
            T(
                "加快发展残疾人照护服务",
                f"推动开展残疾人照护服务{SCRIPT}，落实好政策。",
                leads=["县民政局"],
            ),
        ],
        indicators=[
            Ind(f"残疾人基本康复服务覆盖率{CELL}（%）", "≥90", "预期性"),
            Ind(f"新指标{SCRIPT}（%）", "90"),
        ],
        columns=[
            Col(f"残疾人康复重点项目{SCRIPT}", [(f"精准康复服务行动{QUOTE}", "提供康复服务。")]),
            Col(f"本地专栏{CELL}", [(f"本地项目{SCRIPT}", f"内容{QUOTE}")]),
        ],
        basis=[f"晋城市“十四五”残疾人保障和发展规划{SCRIPT}"],
    )
    result = diff_plans(
        parse_text(lower, f"lower{CELL}.txt"), parse_text(upper, f"upper{QUOTE}.txt")
    )
    # Whatever the parser kept or cut, make sure every rendered field carries a payload.
    result.lower.title = f"泽州县规划{SCRIPT}"
    result.upper.title = f"临汾市规划{QUOTE}"
    result.lower.place, result.upper.place = f"泽州县{CELL}", f"临汾市{QUOTE}"
    result.basis.message = f"basis {SCRIPT}"
    result.summary["highlights"] = [*result.summary["highlights"], f"highlight {CELL}{QUOTE}"]
    for pair in result.indicators:
        pair.reason = f"reason {SCRIPT}"
    for task in result.tasks:
        task.lower_lead = [*task.lower_lead, f"县残联{QUOTE}"]
        task.upper_lead = [*task.upper_lead, f"市残联{CELL}"]
        task.lead_changed = True
        for side in (task.lower, task.upper):
            if side is not None:
                side.heading += SCRIPT
        task.diff = [
            {"op": "equal", "lower": f"共同{SCRIPT}", "upper": f"共同{SCRIPT}"},
            {"op": "replace", "lower": f"下级{CELL}", "upper": f"上级{QUOTE}"},
        ]
    return result


def _assert_inert(page: str) -> None:
    import lxml.html

    assert page.count("<script") == 1, "only the report's own inline script"
    assert "<img" not in page.lower()
    for tag in re.findall(r"<[a-zA-Z][^>]*>", page):
        names = re.sub(r'"[^"]*"', "", tag)  # attribute values are quoted, their quotes escaped
        assert not re.search(r"\son\w+\s*=", names), f"event-handler attribute in {tag}"
    doc = lxml.html.document_fromstring(page)
    assert len(doc.xpath("//script")) == 1
    assert not doc.xpath("//img|//iframe|//object|//embed")
    for node in doc.iter():
        if not isinstance(node.tag, str):
            continue
        for name in node.attrib:
            assert not name.lower().startswith("on"), (node.tag, name)
    text = doc.text_content()
    for payload in PAYLOADS:
        assert payload in text, f"{payload!r} should survive as visible text"
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;/td&gt;&lt;img src=x onerror=alert(2)&gt;" in page
    assert "&quot;onerror=alert(1)" in page


# ------------------------------------------------------------------------------- building HTML


def test_templates_escape_text_and_attributes() -> None:
    from planparse.render.html_parts import _environment

    template = _environment().from_string(
        '<td title="{{ title }}" data-x="{{ x }}">\n  {{ text }}{{ markup }}{{ nothing }}\n</td>'
    )
    out = template.render(
        title=QUOTE, x="a&b", text=SCRIPT, markup=Markup("<b>x</b>"), nothing=None
    )
    assert out == (
        '<td title="&quot;onerror=alert(1)" data-x="a&amp;b">'
        "&lt;script&gt;alert(1)&lt;/script&gt;<b>x</b></td>"
    )
    assert esc("'") == "&#x27;"
    assert esc(Markup("<b>x</b>")) == "<b>x</b>"
    assert esc(3) == "3" and esc(None) == ""


# ------------------------------------------------------------------------------ the seed diff


def test_page_is_self_contained_zh_cn(seed_html: str, seed_doc: Any) -> None:
    assert seed_html.startswith("<!DOCTYPE html>")
    assert seed_doc.get("lang") == "zh-CN"
    assert seed_doc.xpath("//meta[@charset='utf-8']")
    assert seed_doc.xpath("//meta[@name='viewport'][contains(@content, 'width=device-width')]")
    assert not seed_doc.xpath("//link|//img|//iframe|//object|//embed|//script[@src]")
    for node in seed_doc.iter():
        if not isinstance(node.tag, str):
            continue
        for name in ("src", "href", "action", "srcset", "data", "poster"):
            value = (node.get(name) or "").strip().lower()
            assert not value.startswith(("http://", "https://", "//")), (node.tag, name, value)
            if name == "href" and value:
                assert value.startswith("#"), value
    style = "".join(seed_doc.xpath("//style/text()"))
    assert "@import" not in style and "url(" not in style
    assert "@media print" in style and "@media (max-width: 700px)" in style
    assert "position: sticky" in style
    assert '"Noto Sans CJK SC"' in style and '"PingFang SC"' in style


def test_csp_allows_exactly_the_inline_style_and_script(seed_doc: Any) -> None:
    (meta,) = seed_doc.xpath("//meta[@http-equiv='Content-Security-Policy']")
    policy = meta.get("content")
    assert "default-src 'none'" in policy
    for tag, directive in (("style", "style-src"), ("script", "script-src")):
        (node,) = seed_doc.xpath(f"//{tag}")
        digest = hashlib.sha256(node.text.encode("utf-8")).digest()
        expected = f"{directive} 'sha256-{base64.b64encode(digest).decode()}'"
        assert expected in policy


def test_summary_counts_and_highlights(seed_result: DiffResult, seed_doc: Any) -> None:
    items = seed_doc.xpath("//details[@id='summary']//ol[@class='highlights']/li")
    highlights = seed_result.summary["highlights"]
    assert len(items) == len(highlights) > 0
    for item, text in zip(items, highlights, strict=True):
        assert text in item.text_content()
    links = {item.text_content(): item.xpath("./a/@href") for item in items}
    basis = next(t for t in links if seed_result.basis.message in t)
    assert links[basis] == ["#basis"]
    downgrade = next(t for t in links if "残疾儿童少年义务教育入学率" in t)
    (target,) = links[downgrade]
    (row,) = seed_doc.xpath(f"//tr[@id='{target[1:]}']")
    assert "downgraded" in row.get("class")
    summary = seed_doc.xpath("//details[@id='summary']")[0].text_content()
    assert "图例" in summary and "legend" in summary


def test_key_differences_in_the_dom(seed_doc: Any) -> None:
    (row,) = seed_doc.xpath("//tr[@data-relation][contains(., '残疾儿童少年义务教育入学率')]")
    assert "downgraded" in row.get("class")
    assert "约束性→预期性" in row.text_content()
    assert row.xpath(".//*[contains(@class, 'flag')][contains(., '约束性→预期性')]")

    (row,) = seed_doc.xpath("//tr[@data-relation][contains(., '112户')]")
    assert row.get("data-relation") == "incomparable" and "1561" in row.text_content()

    (row,) = seed_doc.xpath("//tr[@data-relation][contains(., '残疾人意外伤害保险参保率')]")
    assert row.get("data-relation") == "only_lower"

    (col,) = seed_doc.xpath(
        "//details[contains(@class, 'column')][contains(., '基础设施、信息化重点项目')]"
    )
    assert "only_lower" in col.get("class")
    assert "专栏9" in col.xpath("./summary")[0].text_content()

    basis = seed_doc.xpath("//details[@id='basis']")[0].text_content()
    assert "晋城市" in basis and "临汾市" in basis and "不一致" in basis


def test_every_row_links_its_source_lines(seed_result: DiffResult, seed_doc: Any) -> None:
    rows = seed_doc.xpath("//tr[starts-with(@id, 'ind-') or starts-with(@id, 'task-')]")
    assert len(rows) == len(seed_result.indicators) + len(seed_result.tasks)
    for row in rows:
        links = row.xpath(".//a[contains(@class, 'src')]")
        assert links, row.get("id")
        for link in links:
            assert re.fullmatch(r"(泽州县|临汾市) L\d+(–\d+)?", link.text_content()), (
                link.text_content()
            )
            assert re.fullmatch(r"#(lower|upper)-L\d+", link.get("href"))
            assert link.get("data-file") in (seed_result.lower.file, seed_result.upper.file)
    first = seed_result.tasks[0]
    assert first.lower is not None
    (row,) = seed_doc.xpath("//tr[@id='task-1']")
    label = f"泽州县 L{first.lower.lines[0]}–{first.lower.lines[1]}"
    assert label in row.text_content()
    ids = seed_doc.xpath("//@id")
    assert len(ids) == len(set(ids)), "ids are unique"
    targets = {link.get("href")[1:] for link in seed_doc.xpath("//a[starts-with(@href, '#')]")}
    assert targets <= set(ids), targets - set(ids)


def test_task_word_diff_marks_each_side(seed_result: DiffResult, seed_doc: Any) -> None:
    index, pair = next((i, p) for i, p in enumerate(seed_result.tasks, 1) if p.diff)
    (row,) = seed_doc.xpath(f"//tr[@id='task-{index}']")
    upper_cell, lower_cell = row.xpath("./td")[1:3]
    deleted = [d.text_content() for d in upper_cell.xpath(".//del")]
    inserted = [i.text_content() for i in lower_cell.xpath(".//ins")]
    assert not lower_cell.xpath(".//del") and not upper_cell.xpath(".//ins")
    only_upper = [op["upper"] for op in pair.diff if op["op"] != "equal" and op["upper"]]
    only_lower = [op["lower"] for op in pair.diff if op["op"] != "equal" and op["lower"]]
    assert deleted == only_upper and inserted == only_lower
    assert only_upper and only_lower


def test_lead_changes_are_marked(seed_result: DiffResult, seed_doc: Any) -> None:
    changed = [i for i, p in enumerate(seed_result.tasks, 1) if p.lead_changed]
    assert changed
    for i in changed:
        (row,) = seed_doc.xpath(f"//tr[@id='task-{i}']")
        assert "flagged" in row.get("class")
        assert "牵头单位变更" in row.text_content()


def test_sections_are_collapsible(seed_doc: Any) -> None:
    for sid in ("summary", "indicators", "columns", "tasks", "basis"):
        (node,) = seed_doc.xpath(f"//details[@id='{sid}']")
        assert node.get("open") is not None
        assert node.xpath("./summary")


def test_module_import_is_light() -> None:
    code = (
        "import sys, planparse.render.html_report as m; "
        "print(sorted(n for n in sys.modules if n.split('.')[0] in "
        "('jieba', 'lxml', 'rich', 'rapidfuzz', 'playwright', 'typer', 'jinja2') "
        "or n == 'planparse.compare.diff'))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# ---------------------------------------------------------------------------------- escaping


def test_hostile_plan_text_stays_text() -> None:
    result = _hostile_pair()
    page = diff_html(result)
    _assert_inert(page)
    # The payloads reached the fields the brief names, through the parser itself.
    assert any(SCRIPT in (p.upper.heading if p.upper else "") for p in result.tasks)
    assert any(CELL in (p.upper.name if p.upper else "") for p in result.indicators)
    assert any(SCRIPT in (c.upper.title if c.upper else "") for c in result.columns)
    assert any(CELL in (c.lower.title if c.lower else "") for c in result.columns)


def test_hostile_findings_stay_text() -> None:
    from planparse.compare.check import CheckReport, Finding

    findings = [
        Finding(
            f"S201{SCRIPT}",
            "error",
            f"message {SCRIPT}",
            f"fix {QUOTE}",
            f"plan{CELL}.txt",
            (3, 4),
            f"text {CELL}",
        ),
        Finding(
            "X101",
            "warning",
            f"message {CELL}",
            f"fix {SCRIPT}",
            f"upper{QUOTE}.txt",
            None,
            f"text {QUOTE}",
        ),
        Finding("S101", "bogus", "message", "fix", f"plan{CELL}.txt", (9, 9), ""),
    ]
    page = check_html(CheckReport(f"plan{CELL}.txt", f"upper{QUOTE}.txt", findings, []))
    _assert_inert(page)


# ------------------------------------------------------------------------------------- check


@pytest.fixture(scope="module")
def seed_report(county_plan: Plan, city_plan: Plan) -> Any:
    from planparse.compare.check import run_check

    return run_check(county_plan, city_plan)


def test_check_html_groups_by_rule(seed_report: Any) -> None:
    import lxml.html

    page = check_html(seed_report)
    doc = lxml.html.document_fromstring(page)
    assert doc.get("lang") == "zh-CN"
    rules = sorted({f.rule for f in seed_report.findings})
    groups = doc.xpath("//details[@data-rule]")
    assert sorted(g.get("data-rule") for g in groups) == rules
    rows = doc.xpath("//tr[@data-severity]")
    assert len(rows) == len(seed_report.findings)
    order = {"error": 0, "warning": 1, "info": 2}
    worst = [
        min(order[r.get("data-severity")] for r in g.xpath(".//tr[@data-severity]")) for g in groups
    ]
    assert worst == sorted(worst), "groups with errors come first"
    for finding in seed_report.findings:
        (group,) = [g for g in groups if g.get("data-rule") == finding.rule]
        text = group.text_content()
        assert finding.message in text and finding.fix in text
        if finding.text:
            assert finding.text in text
        if finding.lines:
            assert f"L{finding.lines[0]}" in text
        assert group.xpath(f".//span[contains(@class, 'sev-{finding.severity}')]")
    downgraded = doc.xpath("//details[@data-rule='X103']")[0].text_content()
    assert "残疾儿童少年义务教育入学率" in downgraded
    ids = doc.xpath("//@id")
    assert len(ids) == len(set(ids))


def test_check_html_without_findings() -> None:
    from planparse.compare.check import CheckReport

    page = check_html(CheckReport("plan.txt", None, [], []))
    assert "没有发现问题" in page and page.count("<script") == 1


# ----------------------------------------------------------------------------------- browser


def _launch(playwright: Any) -> Any:
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)


def _watch(page: Any) -> tuple[list[str], list[str]]:
    problems: list[str] = []
    requests: list[str] = []
    page.on(
        "console",
        lambda m: (
            problems.append(f"console {m.type}: {m.text}")
            if m.type in ("error", "warning")
            else None
        ),
    )
    page.on("pageerror", lambda e: problems.append(f"pageerror: {e}"))
    page.on("request", lambda r: requests.append(r.url))
    return problems, requests


@pytest.mark.browser
def test_report_in_headless_chromium(seed_html: str, seed_report: Any, tmp_path: Path) -> None:
    if not CHROMIUM.exists():
        pytest.skip(
            f"{CHROMIUM} not found: install Debian's chromium package to run the browser test"
        )
    from playwright.sync_api import sync_playwright

    report = tmp_path / "report.html"
    report.write_text(seed_html, encoding="utf-8")
    url = report.as_uri()
    with sync_playwright() as playwright:
        browser = _launch(playwright)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            problems, requests = _watch(page)
            page.goto(url)
            page.wait_for_load_state("load")

            # The key differences are on screen.
            row = page.locator("tr[data-relation]", has_text="残疾儿童少年义务教育入学率")
            assert row.is_visible()
            assert row.locator(".flag", has_text="约束性→预期性").is_visible()
            assert "downgraded" in (row.get_attribute("class") or "")
            row = page.locator("tr[data-relation]", has_text="112户")
            assert row.is_visible() and "1561" in row.inner_text()
            assert row.get_attribute("data-relation") == "incomparable"
            row = page.locator("tr[data-relation]", has_text="残疾人意外伤害保险参保率")
            assert row.is_visible() and row.get_attribute("data-relation") == "only_lower"
            column = page.locator(
                "details.column.only_lower > summary", has_text="基础设施、信息化重点项目"
            )
            assert column.is_visible() and "专栏9" in column.inner_text()
            verdict = page.locator("#basis .verdict")
            assert verdict.is_visible()
            assert "晋城市" in verdict.inner_text() and "临汾市" in verdict.inner_text()
            assert page.locator("#task-1 td del").first.is_visible()
            assert page.locator("#task-1 td ins").first.is_visible()

            # Side by side on a wide screen; table headers stick while scrolling.
            upper_cell, lower_cell = (
                page.locator("#task-1 > td").nth(1),
                page.locator("#task-1 > td").nth(2),
            )
            assert upper_cell.bounding_box()["y"] == lower_cell.bounding_box()["y"]
            assert upper_cell.bounding_box()["x"] < lower_cell.bounding_box()["x"]
            position = page.eval_on_selector(
                "#tasks thead th", "th => getComputedStyle(th).position"
            )
            assert position == "sticky"

            page.screenshot(path=str(tmp_path / "report-wide.png"), full_page=True)

            # Collapsing a section hides its rows; opening shows them again.
            first_row = page.locator("#ind-1")
            assert first_row.is_visible()
            page.locator("#indicators > summary").click()
            assert not first_row.is_visible()
            # Printing expands everything, including collapsed sections.
            page.emulate_media(media="print")
            assert first_row.is_visible()
            position = page.eval_on_selector(
                "#tasks thead th", "th => getComputedStyle(th).position"
            )
            assert position != "sticky"
            page.emulate_media(media="screen")
            assert not first_row.is_visible()
            page.locator("#indicators > summary").click()
            assert first_row.is_visible()

            # The text toggle hides the word-level diffs without script.
            page.locator("#show-text").uncheck()
            assert not page.locator("#task-1 .text").first.is_visible()
            page.locator("#show-text").check()
            assert page.locator("#task-1 .text").first.is_visible()

            # Collapse all / expand all buttons (the inline script ran under the CSP).
            page.locator("button[data-details=close]").click()
            assert not page.locator("#task-1").is_visible()
            page.locator("button[data-details=open]").click()
            assert page.locator("#task-1").is_visible()

            # A narrow phone screen: the side-by-side cells stack.
            narrow = browser.new_page(viewport={"width": 390, "height": 844})
            narrow_problems, narrow_requests = _watch(narrow)
            narrow.goto(url)
            narrow.wait_for_load_state("load")
            upper_cell, lower_cell = (
                narrow.locator("#task-1 > td").nth(1),
                narrow.locator("#task-1 > td").nth(2),
            )
            assert upper_cell.bounding_box()["y"] < lower_cell.bounding_box()["y"]
            width = narrow.evaluate("document.documentElement.scrollWidth")
            assert width <= 390, f"no horizontal scrolling on a phone (scrollWidth {width})"
            narrow.screenshot(path=str(tmp_path / "report-narrow.png"), full_page=True)

            # The check report too.
            check_file = tmp_path / "check.html"
            check_file.write_text(check_html(seed_report), encoding="utf-8")
            check_page = browser.new_page(viewport={"width": 1280, "height": 900})
            check_problems, check_requests = _watch(check_page)
            check_page.goto(check_file.as_uri())
            check_page.wait_for_load_state("load")
            assert check_page.locator(
                "details[data-rule=X103] tr[data-severity=error]"
            ).is_visible()
            check_page.screenshot(path=str(tmp_path / "check.png"), full_page=True)
        finally:
            browser.close()

    assert problems == [] and narrow_problems == [] and check_problems == []
    assert set(requests) == {url} and set(narrow_requests) == {url}
    assert set(check_requests) == {check_file.as_uri()}
    for name in ("report-wide.png", "report-narrow.png", "check.png"):
        assert (tmp_path / name).stat().st_size > 10_000
