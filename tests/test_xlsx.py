"""The Excel 对照表: `diff -f xlsx`, `check -f xlsx` and `batch-diff --out X.xlsx`, read back
with openpyxl (sheets, headers, rows, fills, frozen header, widths, wrapping) and opened with
LibreOffice as a person would."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from conftest import CITY_FILE, CORPUS_DIR, COUNTY_FILE
from planparse.compare.check import run_check
from planparse.compare.diff import DiffOptions, diff_plans
from planparse.dataset.xlsx import FILLS, display_width
from planparse.i18n import set_lang
from planparse.model import Plan
from planparse.render.xlsx import write_check_xlsx, write_diff_xlsx

COUNTY = str(CORPUS_DIR / COUNTY_FILE)
CITY = str(CORPUS_DIR / CITY_FILE)
EXE = str(Path(sys.executable).parent / "planparse")


@pytest.fixture()
def chinese() -> Any:
    set_lang("zh")
    yield
    set_lang(None)


def fill_of(cell: Any) -> str | None:
    colour = cell.fill.fgColor.rgb if cell.fill and cell.fill.fill_type == "solid" else None
    return colour[-6:] if isinstance(colour, str) else None


def rows_of(sheet: Any) -> list[dict[str, Any]]:
    header = [c.value for c in sheet[1]]
    return [
        dict(zip(header, (c.value for c in row), strict=True)) for row in sheet.iter_rows(min_row=2)
    ]


def cells_of(sheet: Any) -> list[dict[str, Any]]:
    header = [c.value for c in sheet[1]]
    return [dict(zip(header, row, strict=True)) for row in sheet.iter_rows(min_row=2)]


@pytest.fixture(scope="module")
def sample_diff(county_plan: Plan, city_plan: Plan) -> Any:
    return diff_plans(county_plan, city_plan, DiffOptions(text_diff=False))


def test_diff_workbook_in_chinese(chinese: None, sample_diff: Any, tmp_path: Path) -> None:
    out = tmp_path / "对照表.xlsx"
    write_diff_xlsx(sample_diff, out)
    book = load_workbook(out)
    assert book.sheetnames == ["概要", "指标对照", "专栏对照", "任务对照", "依据"]

    indicators = book["指标对照"]
    header = [c.value for c in indicators[1]]
    assert header[:6] == ["类别", "临汾市指标", "单位", "临汾市目标值", "临汾市属性", "泽州县指标"]
    assert {
        "泽州县目标值",
        "泽州县属性",
        "比较结果",
        "属性变化",
        "临汾市行号",
        "泽州县行号",
    } <= set(header)
    assert indicators.freeze_panes == "A2"
    assert all(c.font.bold for c in indicators[1])
    assert len(rows_of(indicators)) == len(sample_diff.indicators)
    by_name = {r["临汾市指标"].value: r for r in cells_of(indicators) if r["临汾市指标"].value}
    # the downgraded binding indicator (read off the two plans by hand)
    school = by_name["残疾儿童少年义务教育入学率"]
    assert school["属性变化"].value == "约束性 → 预期性"
    assert fill_of(school["属性变化"]) == fill_of(school["泽州县属性"]) == FILLS["downgraded"]
    assert (school["临汾市目标值"].value, school["泽州县目标值"].value) == ("≥97", "≥97")
    assert school["单位"].value == "%"
    assert school["泽州县行号"].value == "228"
    # county 95 against city >90: stricter, green
    pension = by_name["残疾人城乡居民基本养老保险参保率"]
    assert pension["比较结果"].value == "泽州县更严"
    assert fill_of(pension["比较结果"]) == FILLS["stricter"]
    # absolute counts of two jurisdictions: incomparable, grey
    assert fill_of(by_name["困难重度残疾人居家无障碍改造数"]["比较结果"]) == FILLS["incomparable"]
    # text wraps and columns are sized to their content, within a cap
    assert all(c.alignment.wrap_text for row in indicators.iter_rows(min_row=2) for c in row)
    width_b = indicators.column_dimensions["B"].width
    longest = max(
        display_width(str(r["临汾市指标"])) for r in rows_of(indicators) if r["临汾市指标"]
    )
    assert 20 <= width_b <= min(longest + 2, 60)

    tasks = book["任务对照"]
    task_rows = cells_of(tasks)
    assert len(task_rows) == len(sample_diff.tasks)
    assert {
        "临汾市任务",
        "泽州县任务",
        "临汾市行号",
        "泽州县行号",
        "匹配",
        "临汾市牵头单位",
        "泽州县牵头单位",
        "牵头单位变化",
    } <= {c.value for c in tasks[1]}
    missing = [r for r in task_rows if r["匹配"].value == "泽州县缺失"]
    assert [r["临汾市任务"].value for r in missing] == [
        "提高残疾人保险覆盖率和待遇水平",
        "加强残疾人康复托养服务管理和残疾人证管理",
    ]
    assert {fill_of(r["匹配"]) for r in missing} == {FILLS["missing"]}
    changed = [r for r in task_rows if r["牵头单位变化"].value == "是"]
    assert len(changed) == sum(1 for p in sample_diff.tasks if p.lead_changed) >= 3
    assert all(fill_of(r["泽州县牵头单位"]) == FILLS["changed"] for r in changed)
    aids = next(r for r in changed if r["泽州县任务"].value == "提高残疾人辅助器具适配服务水平")
    assert aids["泽州县牵头单位"].value == "县民政局"

    columns = rows_of(book["专栏对照"])
    headers = [r["临汾市专栏"] for r in columns if r["临汾市专栏"]]
    assert headers[0].startswith("专栏1")
    assert any(r["对应情况"] == "泽州县独有" for r in columns)

    basis_rows = rows_of(book["依据"])
    basis = {r["项目"]: r["内容"] for r in basis_rows}
    assert basis["依据是否包含所对照规划"] == "否"
    cited = [r["内容"] for r in basis_rows if r["项目"] == "泽州县所述编制依据"]
    assert cited[0] == "《晋城市“十四五”残疾人保障和发展规划》"
    summary = rows_of(book["概要"])
    assert summary[0]["内容"] == "泽州县“十四五”残疾人保障和发展规划"
    assert sum(r["项目"] == "主要差异" for r in summary) == len(sample_diff.summary["highlights"])


def test_diff_workbook_in_english(sample_diff: Any, tmp_path: Path) -> None:
    set_lang("en")
    try:
        write_diff_xlsx(sample_diff, tmp_path / "diff.xlsx")
    finally:
        set_lang(None)
    book = load_workbook(tmp_path / "diff.xlsx")
    assert book.sheetnames == ["Summary", "Indicators", "Columns (专栏)", "Tasks", "Basis"]
    assert [c.value for c in book["Indicators"][1]][:2] == ["category", "临汾市 indicator"]
    relations = {r["comparison"] for r in rows_of(book["Indicators"])}
    assert {"same", "泽州县 stricter", "incomparable", "泽州县 only"} <= relations


def test_check_workbook(
    chinese: None, county_plan: Plan, city_plan: Plan, sample_diff: Any, tmp_path: Path
) -> None:
    report = run_check(county_plan, city_plan)
    write_check_xlsx(report, tmp_path / "check.xlsx", sample_diff)
    book = load_workbook(tmp_path / "check.xlsx")
    assert book.sheetnames == ["检查结果", "概要", "指标对照", "专栏对照", "任务对照", "依据"]
    findings = cells_of(book["检查结果"])
    assert [c.value for c in book["检查结果"][1]] == [
        "文件",
        "行",
        "列",
        "级别",
        "规则",
        "规则说明",
        "问题",
        "修改建议",
        "原文",
    ]
    assert len(findings) == len(report.findings)
    x103 = next(r for r in findings if r["规则"].value == "X103")
    assert x103["级别"].value == "错误"
    assert fill_of(x103["级别"]) == FILLS["looser"]
    assert "约束性" in x103["问题"].value
    # without the upper plan only the findings sheet
    alone = run_check(county_plan)
    write_check_xlsx(alone, tmp_path / "alone.xlsx")
    assert load_workbook(tmp_path / "alone.xlsx").sheetnames == ["检查结果"]


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [EXE, *args], capture_output=True, text=True, cwd=cwd, timeout=300, check=False
    )


def test_command_line_workbooks(tmp_path: Path) -> None:
    diff_out, check_out = tmp_path / "diff.xlsx", tmp_path / "check.xlsx"
    done = run("--lang", "zh", "diff", COUNTY, CITY, "-f", "xlsx", "-o", str(diff_out))
    assert done.returncode == 0 and done.stderr == f"已写入 {diff_out}\n"
    assert load_workbook(diff_out).sheetnames[1] == "指标对照"
    done = run(
        "check", COUNTY, "--against", CITY, "-f", "xlsx", "-o", str(check_out), "--lang", "zh"
    )
    assert done.returncode == 1 and done.stdout == ""
    assert load_workbook(check_out).sheetnames[0] == "检查结果"
    refused = run("check", COUNTY, "-f", "xlsx")
    assert refused.returncode == 2
    assert refused.stderr == "planparse: error: --format xlsx writes a file: add -o FILE.xlsx\n"


def test_batch_diff_summary_workbook(tmp_path: Path) -> None:
    plans = tmp_path / "plans"
    plans.mkdir()
    shutil.copy(COUNTY, plans / "泽州县.txt")
    (plans / "empty.txt").write_text("", encoding="utf-8")
    out = tmp_path / "summary.xlsx"
    done = run(
        "--lang", "zh", "batch-diff", str(plans), "--upper", CITY, "--out", str(out), "-j", "1"
    )
    assert done.returncode == 1  # the empty file fails
    book = load_workbook(out)
    assert book.sheetnames == ["规划汇总", "指标对照"]
    rows = cells_of(book["规划汇总"])
    assert len(rows) == 2
    county = next(r for r in rows if r["文件"].value.endswith("泽州县.txt"))
    assert county["地区"].value == "泽州县" and county["上级地区"].value == "临汾市"
    assert county["约束性降为预期性"].value == 1
    assert fill_of(county["约束性降为预期性"]) == FILLS["downgraded"]
    failed = next(r for r in rows if r["文件"].value.endswith("empty.txt"))
    assert failed["错误"].value and fill_of(failed["错误"]) == FILLS["looser"]
    pairs = rows_of(book["指标对照"])
    assert len(pairs) == 12 and {p["文件"] for p in pairs} == {county["文件"].value}


def _calc_installed() -> bool:
    soffice = shutil.which("soffice")
    if soffice is None:
        return False
    program = Path(soffice).resolve().parent
    return any(program.glob("libsc*lo.so")) or any(program.glob("*calc*"))


@pytest.mark.skipif(not _calc_installed(), reason="LibreOffice Calc (soffice) is not installed")
def test_libreoffice_opens_the_workbook(chinese: None, sample_diff: Any, tmp_path: Path) -> None:
    """LibreOffice reads the workbook and prints every sheet: the PDF has the sheets' text."""
    import pdfplumber

    write_diff_xlsx(sample_diff, tmp_path / "对照表.xlsx")
    profile = tmp_path / "profile"
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(tmp_path / "对照表.xlsx"),
        ],
        capture_output=True,
        timeout=300,
        check=True,
    )
    with pdfplumber.open(tmp_path / "对照表.pdf") as pdf:
        text = "".join(page.extract_text() or "" for page in pdf.pages)
        pages = len(pdf.pages)
    assert pages >= 5  # one page at least per sheet
    for words in (
        "比较结果",
        "残疾儿童少年义务教育入学率",
        "约束性 → 预期性",
        "泽州县缺失",
        "所对照的临汾市规划",
    ):
        assert words in text, words
