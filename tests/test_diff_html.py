"""The diff's HTML report: input warnings, the “只看差异 differences only” switch, 专栏 collapsed
without repeating the indicator table, the lead-change badge inside its cell. Checked in the
DOM and in headless Chromium."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from planparse.compare.diff import DiffResult, diff_plans
from planparse.model import Plan
from planparse.render.diff_words import is_difference
from planparse.render.html_report import diff_html

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


@pytest.fixture(scope="module")
def seed(county_plan: Plan, city_plan: Plan) -> DiffResult:
    return diff_plans(county_plan, city_plan)


def dom(page: str) -> Any:
    import lxml.html

    return lxml.html.document_fromstring(page)


def test_warnings_are_shown(county_plan: Plan, city_plan: Plan) -> None:
    doc = dom(diff_html(diff_plans(city_plan, county_plan)))
    (box,) = doc.xpath("//div[@id='warnings']")
    assert "levels-reversed" in box.text_content() and "临汾市" in box.text_content()


def test_same_rows_are_marked_for_the_switch(seed: DiffResult) -> None:
    doc = dom(diff_html(seed))
    (switch,) = doc.xpath("//input[@id='only-diff']")
    assert switch.get("checked") is None
    same_tasks = doc.xpath("//tr[starts-with(@id, 'task-')][contains(@class, 'same-row')]")
    assert len(same_tasks) == sum(1 for p in seed.tasks if not is_difference(p)) == 26
    same_ind = doc.xpath("//tr[starts-with(@id, 'ind-')][contains(@class, 'same-row')]")
    assert len(same_ind) == 6  # 7 same targets, one of them downgraded 约束性 → 预期性
    flagged = doc.xpath("//tr[contains(@class, 'flagged')][contains(@class, 'same-row')]")
    assert flagged == []
    on = dom(diff_html(seed, only_differences=True))
    assert on.xpath("//input[@id='only-diff']")[0].get("checked") is not None


def test_columns_collapsed_and_indicator_table_not_repeated(seed: DiffResult) -> None:
    doc = dom(diff_html(seed))
    columns = doc.xpath("//details[contains(@class, 'column')]")
    assert len(columns) == 9
    assert all(c.get("open") is None for c in columns)
    first = columns[0]  # 专栏1: the main-indicator table
    assert "主要指标" in first.xpath("./summary")[0].text_content()
    assert first.xpath(".//table") == []
    assert first.xpath(".//a[@href='#indicators']")


def test_every_task_row_names_its_units(seed: DiffResult) -> None:
    doc = dom(diff_html(seed))
    for i, pair in enumerate(seed.tasks, 1):
        for task, column in ((pair.upper, 2), (pair.lower, 3)):
            if task is None or not task.responsibility or not task.responsibility.units:
                continue
            cell = doc.xpath(f"//tr[@id='task-{i}']/td[{column}]")[0]
            assert cell.xpath(".//div[contains(@class, 'lead')]"), (i, task.heading)


@pytest.mark.browser
def test_switch_and_badges_in_chromium(seed: DiffResult, tmp_path: Path) -> None:
    assert CHROMIUM.exists(), "Debian's chromium package is needed (see .ci/run)"
    from playwright.sync_api import sync_playwright

    report = tmp_path / "report.html"
    report.write_text(diff_html(seed), encoding="utf-8")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(report.as_uri())
            full = page.evaluate("document.documentElement.scrollHeight")
            same = page.locator("tr.same-row[id^=task-]").first
            assert same.is_visible()
            page.locator("#only-diff").check()
            assert not same.is_visible()
            assert page.locator("tr.flagged").first.is_visible()
            short = page.evaluate("document.documentElement.scrollHeight")
            assert short < full / 2, (short, full)
            # the lead-change badge stays inside its cell
            for k in range(page.locator("tr.flagged").count()):
                row = page.locator("tr.flagged").nth(k)
                cell = row.locator("td").nth(3).bounding_box()
                badge = row.locator(".flag").first.bounding_box()
                assert cell is not None and badge is not None
                assert badge["x"] + badge["width"] <= cell["x"] + cell["width"] + 0.5
            page.screenshot(path=str(tmp_path / "only-differences.png"), full_page=True)
        finally:
            browser.close()
