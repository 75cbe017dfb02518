"""Linter manners for `planparse check`: one finding per line, ``path:line:col: severity rule
message`` at the offending text (a bracket, a number, a unit name) in the original file,
never wrapped on a pipe; SARIF with relative URIs; GitHub Actions annotations."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import CITY_FILE, CORPUS_DIR, COUNTY_FILE, ROOT
from planparse.compare.check import CheckReport, run_check
from planparse.compare.locate import locate
from planparse.model import SourceText
from planparse.parse.pipeline import load_source, parse_source, parse_text
from planparse.render.check_out import (
    artifact_location,
    findings_github,
    findings_sarif,
    findings_text,
)
from test_check import PLAN_FILE, TRIGGERS, UPPER_FILE

LINE = re.compile(
    r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning|info) (?P<rule>[SX]\d{3}) \S"
)

# What each rule's minimal trigger (tests/test_check.py) must point at: the text that starts
# at the reported line and column.
OFFENDING = {
    "S101": "（三）",  # the misnumbered marker
    "S201": "《",  # the title mark never closed
    "S202": "参与单位：）",  # the empty label
    "S203": ")",  # the half-width parenthesis
    "S204": "扶持盲人按摩行业",  # the task's lead
    "S301": "市火星局",  # the unit name, inside the bracket
    "S401": "残疾人基本康复服务覆盖率",
    "S402": "残疾人基本康复服务覆盖率",
    "X101": "残疾人基本康复服务覆盖率",
    "X102": "≥90",  # the looser target, not the row's first cell
    "X103": "预期性",  # the downgraded attribute
    "X104": "≥85",
    "X201": "健全残疾预防工作机制",
    "X202": "互助康复项目",
    "X203": "加强监测和评估",
    "X301": "县残联",  # the lead named in the bracket, not the task's first line
    "X401": "《晋城市",
}


def source_of(text: str, name: str) -> SourceText:
    lines = text.split("\n")
    return SourceText(name, "txt", "utf-8", lines, list(range(1, len(lines) + 1)))


@pytest.mark.parametrize("rule", sorted(OFFENDING))
def test_each_rule_points_at_its_offending_text(rule: str) -> None:
    case = TRIGGERS[rule]()
    texts = {PLAN_FILE: case.plan, UPPER_FILE: case.upper}
    plan = parse_text(case.plan, PLAN_FILE)
    upper = parse_text(case.upper, UPPER_FILE) if case.upper else None
    sources = [source_of(text, name) for name, text in texts.items() if text is not None]
    report = run_check(plan, upper, sources=sources)
    (found,) = [f for f in report.findings if f.rule == rule]
    assert found.line is not None and found.column is not None
    line = texts[found.file].split("\n")[found.line - 1]  # type: ignore[union-attr]
    assert line[found.column - 1 :].startswith(OFFENDING[rule]), (found.line, found.column, line)


def test_without_sources_findings_point_at_their_paragraph() -> None:
    case = TRIGGERS["S203"]()
    report = run_check(parse_text(case.plan, PLAN_FILE))
    (found,) = report.findings
    assert (found.line, found.column) == (found.lines[0], 1)


def test_locate_across_wrapped_lines_and_removed_artifacts() -> None:
    original = {
        10: "    （三）加强残疾人就业服务。落实残疾人按比例就业制度（牵头",
        11: "   - 12 -",  # a page number the cleaner dropped
        12: "单位：县人社局；参与单位：县残联)",
    }
    cleaned = (
        "（三）加强残疾人就业服务。落实残疾人按比例就业制度（牵头单位：县人社局；参与单位：县残联)"
    )
    # the half-width parenthesis at the very end
    assert locate(original, (10, 12), cleaned, len(cleaned) - 1) == (12, 17)
    # a unit name found inside its bracket
    bracket = "（牵头单位：县人社局；参与单位：县残联)"
    assert locate(original, (10, 12), bracket, bracket.index("县人社局")) == (12, 4)
    # text that is not there: no place rather than a wrong one
    assert locate(original, (10, 12), "市火星局") is None


def test_locate_maps_through_normalised_characters() -> None:
    """The cleaner's text may differ from the file (here a full-width digit printed
    half-width): the offset is mapped through the common runs."""
    original = {5: "　　残疾人基本康复服务覆盖率达到９５%以上（牵头单位：县卫健局)"}
    cleaned = "残疾人基本康复服务覆盖率达到95%以上（牵头单位：县卫健局)"
    assert locate(original, (5, 5), cleaned, len(cleaned) - 1) == (5, len(original[5]))


def planparse(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    exe = Path(sys.executable).parent / "planparse"
    return subprocess.run(
        [str(exe), *args], capture_output=True, text=True, cwd=cwd, timeout=120, check=False
    )


def test_corpus_check_through_a_pipe_is_one_line_per_finding() -> None:
    county = f"corpus/{COUNTY_FILE}"
    done = planparse("check", county, "--against", f"corpus/{CITY_FILE}")
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    report = json.loads(
        planparse("check", county, "--against", f"corpus/{CITY_FILE}", "-f", "json").stdout
    )
    assert len(lines) == len(report["findings"]) >= 10
    assert all(LINE.match(line) for line in lines), lines
    assert "\x1b[" not in done.stdout  # no colour codes in a pipe
    assert any(len(line) > 100 for line in lines)  # long findings are not wrapped at 100
    assert done.stderr.strip().startswith(f"{len(lines)} finding(s): 1 error(s)")
    # each position is the offending text, read off the file by hand
    county_lines = (CORPUS_DIR / COUNTY_FILE).read_text(encoding="utf-8").split("\n")
    at = {(m["rule"], int(m["line"])): int(m["col"]) for m in map(LINE.match, lines) if m}
    assert county_lines[1208 - 1][at["S203", 1208] - 1] == ")"  # 县残联) closing a （
    assert county_lines[228 - 1][at["X103", 228] - 1 :].startswith("预期性")
    assert county_lines[693 - 1][at["X301", 693] - 1 :].startswith("县民政局")


def test_bracket_on_a_later_line_of_its_paragraph() -> None:
    """The county file is PDF text wrapped mid-sentence: the S203 bracket is on a later line
    than its task's first line, and that later line is what is reported."""
    src = load_source(str(CORPUS_DIR / COUNTY_FILE))
    report = run_check(parse_source(src), sources=[src])
    (s203,) = [f for f in report.findings if f.rule == "S203"]
    assert s203.lines[0] < s203.line == 1208


def _report() -> CheckReport:
    src = load_source(str(CORPUS_DIR / COUNTY_FILE))
    upper = load_source(str(CORPUS_DIR / CITY_FILE))
    return run_check(parse_source(src), parse_source(upper), sources=[src, upper])


def test_text_on_a_terminal_adds_fix_advice() -> None:
    report = _report()
    plain = findings_text(report).splitlines()
    fancy = findings_text(report, terminal=True).splitlines()
    assert len(fancy) == 2 * len(plain)
    assert "fix: Mark the indicator 约束性" in "".join(fancy)


def test_sarif_uses_relative_uris_with_a_base(tmp_path: Path) -> None:
    report = _report()
    sarif = json.loads(findings_sarif(report, root=ROOT))
    run = sarif["runs"][0]
    assert run["originalUriBaseIds"]["SRCROOT"]["uri"] == ROOT.as_uri() + "/"
    locations = [r["locations"][0]["physicalLocation"] for r in run["results"]]
    uris = {loc["artifactLocation"]["uri"] for loc in locations}
    assert uris == {f"corpus/{COUNTY_FILE}", f"corpus/{CITY_FILE}"}
    assert {loc["artifactLocation"]["uriBaseId"] for loc in locations} == {"SRCROOT"}
    x103 = next(r for r in run["results"] if r["ruleId"] == "X103")
    region = x103["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"]) == (228, 24)
    assert run["tool"]["driver"]["rules"][x103["ruleIndex"]]["id"] == "X103"


def test_sarif_uri_outside_the_root_is_an_absolute_file_uri(tmp_path: Path) -> None:
    inside = artifact_location(str(ROOT / "corpus" / "a b.txt"), ROOT)
    assert inside == {"uri": "corpus/a%20b.txt", "uriBaseId": "SRCROOT"}
    outside = artifact_location("/srv/plans/县规划.txt", ROOT)
    assert outside["uri"].startswith("file:///srv/plans/") and "uriBaseId" not in outside


def test_relative_sarif_from_the_command_line(tmp_path: Path) -> None:
    plan = tmp_path / "drafts" / "county.txt"
    plan.parent.mkdir()
    plan.write_bytes((CORPUS_DIR / COUNTY_FILE).read_bytes())
    done = planparse("check", "drafts/county.txt", "-f", "sarif", "-o", "out.sarif", cwd=tmp_path)
    assert done.returncode == 1
    sarif = json.loads((tmp_path / "out.sarif").read_text(encoding="utf-8"))
    run = sarif["runs"][0]
    assert run["originalUriBaseIds"]["SRCROOT"]["uri"] == tmp_path.resolve().as_uri() + "/"
    assert {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]
    } == {"drafts/county.txt"}


def test_github_annotations() -> None:
    report = _report()
    lines = findings_github(report, root=ROOT).splitlines()
    assert len(lines) == len(report.findings)
    x103 = next(line for line in lines if "X103" in line)
    assert x103.startswith(
        f"::error file=corpus/{COUNTY_FILE},line=228,col=24,title=X103 binding-indicator-downgraded::"
    )
    assert ",line=228,col=24," in x103
    assert "%0A" in x103  # the fix advice on a second line of the annotation
    notices = [line for line in lines if line.startswith("::notice ")]
    assert len(notices) == sum(f.severity == "info" for f in report.findings)


def test_cli_github_format() -> None:
    done = planparse("check", f"corpus/{COUNTY_FILE}", "-f", "github", "--select", "S203")
    assert done.stdout.startswith(f"::notice file=corpus/{COUNTY_FILE},line=1208,col=12,")


def test_text_output_to_a_file_is_the_same_lines(tmp_path: Path) -> None:
    out = tmp_path / "findings.txt"
    done = planparse("check", f"corpus/{COUNTY_FILE}", "-o", str(out))
    assert done.returncode == 1
    assert done.stdout == ""
    assert f"wrote {out}" in done.stderr
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines and all(LINE.match(line) for line in lines)
