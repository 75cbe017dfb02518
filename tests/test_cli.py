"""The command line: help texts, README coverage, input errors, formats and exit codes.

Most invocations run in-process with typer's CliRunner (same code path as the console script,
minus the interpreter start); a handful run ``.venv/bin/planparse`` as a real process to check
what a user's shell sees (stdin piping, no traceback).
"""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.main import get_command
from typer.testing import CliRunner, Result

from conftest import CITY_FILE, CORPUS_DIR, COUNTY_FILE, ROOT
from planparse.cli.main import app
from planparse.compare.check import RULES
from plans import CITY_TASKS, T, line_of, make_plan

COUNTY = str(CORPUS_DIR / COUNTY_FILE)
CITY = str(CORPUS_DIR / CITY_FILE)
ERROR_PREFIX = "planparse: error: "


def planparse_exe() -> list[str]:
    exe = Path(sys.executable).parent / "planparse"
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "planparse.cli.main"]


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [*planparse_exe(), *args], input=stdin, capture_output=True, timeout=60, check=False
    )


def invoke(*args: str) -> Result:
    return CliRunner().invoke(app, list(args))


COMMANDS = get_command(app).commands  # type: ignore[attr-defined]


# ----------------------------------------------------------------------------------- help


def test_top_level_help_lists_every_command() -> None:
    proc = run("--help")
    assert proc.returncode == 0
    out = proc.stdout.decode()
    for name in ("parse", "units", "diff", "check", *COMMANDS):
        assert name in out, f"{name} missing from planparse --help"


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_has_help_text(name: str) -> None:
    """Like sqlite-utils' test_docs: a command, argument or option without help fails."""
    command = COMMANDS[name]
    assert (command.help or "").strip(), f"{name} has no docstring/help"
    undocumented = [p.name for p in command.params if not (getattr(p, "help", None) or "").strip()]
    assert not undocumented, f"{name}: no help for {undocumented}"
    result = invoke(name, "--help")
    assert result.exit_code == 0
    first_line = command.help.strip().splitlines()[0]
    assert first_line.split()[0] in result.stdout


@pytest.fixture(scope="module")
def readme() -> str:
    path = ROOT / "README.md"
    assert path.exists(), "README.md has not been written yet"
    return path.read_text(encoding="utf-8")


def mentions(readme: str, option: str) -> bool:
    """``option`` as a whole word: ``-o`` is not found in ``--out``, nor ``--out`` in ``--output``."""
    return re.search(rf"(?<![\w-]){re.escape(option)}(?![\w-])", readme) is not None


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_readme_documents_every_command_and_option(readme: str, name: str) -> None:
    assert f"planparse {name}" in readme, f"README.md never shows `planparse {name}`"
    missing = [
        "/".join(p.opts)
        for p in COMMANDS[name].params
        if p.param_type_name == "option" and not any(mentions(readme, o) for o in p.opts)
    ]
    assert not missing, f"README.md does not document {name} options {missing}"


# ---------------------------------------------------------------------------- input errors


def bad_input(kind: str, tmp_path: Path) -> tuple[Path, str]:
    """A bad input file and a word its error message must contain."""
    if kind == "missing":
        return tmp_path / "no-such-plan.txt", "no such file"
    if kind == "directory":
        folder = tmp_path / "plans"
        folder.mkdir()
        return folder, "directory"
    if kind == "empty":
        path = tmp_path / "empty.txt"
        path.write_bytes(b"")
        return path, "empty"
    if kind == "binary":
        path = tmp_path / "data.txt"
        path.write_bytes(bytes(range(256)) * 16)  # NUL and every other control byte
        return path, "binary"
    if kind == "doc":
        path = tmp_path / "plan.doc"
        path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + b"Word.Document.8")
        return path, "convert"
    raise AssertionError(kind)


KINDS = ("missing", "directory", "empty", "binary", "doc")


def args_for(command: str, bad: Path) -> list[str]:
    return ["diff", str(bad), CITY] if command == "diff" else [command, str(bad)]


def assert_one_error_line(stderr: str, exit_code: int, bad: Path, word: str) -> None:
    assert exit_code == 2, stderr
    assert "Traceback" not in stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith(ERROR_PREFIX), lines[0]
    assert bad.name in lines[0]
    assert word in lines[0].lower(), lines[0]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("command", ["parse", "diff", "check", "units"])
def test_bad_input_one_line_exit_2(command: str, kind: str, tmp_path: Path) -> None:
    bad, word = bad_input(kind, tmp_path)
    result = invoke(*args_for(command, bad))
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.stdout == ""
    assert_one_error_line(result.stderr, result.exit_code, bad, word)


@pytest.mark.parametrize(
    ("kind", "command"),
    [
        ("missing", "parse"),
        ("directory", "units"),
        ("empty", "check"),
        ("binary", "diff"),
        ("doc", "parse"),
    ],
)
def test_bad_input_in_a_real_process(kind: str, command: str, tmp_path: Path) -> None:
    bad, word = bad_input(kind, tmp_path)
    proc = run(*args_for(command, bad))
    assert_one_error_line(proc.stderr.decode(), proc.returncode, bad, word)


# ----------------------------------------------------------------------------------- parse


def test_parse_json() -> None:
    result = invoke("parse", CITY, "-f", "json")
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["meta"]["place"] == "临汾市"
    assert len(doc["tasks"]) > 20


def test_parse_output_file(tmp_path: Path) -> None:
    out = tmp_path / "city.json"
    result = invoke("parse", CITY, "-f", "json", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["meta"]["place"] == "临汾市"


def test_parse_reads_stdin() -> None:
    proc = run("parse", "-", "-f", "json", stdin=Path(CITY).read_bytes())
    assert proc.returncode == 0, proc.stderr.decode()
    doc = json.loads(proc.stdout)
    assert doc["meta"]["place"] == "临汾市"
    headings = [t["heading"] for t in doc["tasks"]]
    assert "巩固拓展残疾人脱贫攻坚成果" in headings


# ----------------------------------------------------------------------------------- check


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


INFO_ONLY = T("支持残疾人文化产业发展", "扶持残疾人参与非遗传承。")  # S204 (info): no bracket
BROKEN = T("扶持盲人按摩行业", "落实《盲人医疗按摩管理办法，规范发展。", leads=["市残联"])  # S201


def test_check_clean_plan_exits_0(tmp_path: Path) -> None:
    result = invoke("check", write(tmp_path, "clean.txt", make_plan("临汾市", CITY_TASKS)))
    assert result.exit_code == 0, result.stdout


def test_check_findings_exit_1(tmp_path: Path) -> None:
    result = invoke(
        "check", write(tmp_path, "broken.txt", make_plan("临汾市", [BROKEN, *CITY_TASKS]))
    )
    assert result.exit_code == 1
    assert "S201" in result.stdout


def test_check_severity_filters_exit_code(tmp_path: Path) -> None:
    path = write(tmp_path, "info.txt", make_plan("临汾市", [INFO_ONLY, *CITY_TASKS]))
    assert invoke("check", path).exit_code == 1
    assert invoke("check", path, "--severity", "error").exit_code == 0


@pytest.mark.parametrize("args", [["--severity", "fatal"], ["--select", "Z999"]])
def test_check_bad_option_exit_2(tmp_path: Path, args: list[str]) -> None:
    path = write(tmp_path, "clean.txt", make_plan("临汾市", CITY_TASKS))
    result = invoke("check", path, *args)
    assert result.exit_code == 2
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stderr.startswith(ERROR_PREFIX)


def test_check_list_rules() -> None:
    result = invoke("check", "--list-rules")
    assert result.exit_code == 0
    for rule in RULES:
        assert rule.id in result.stdout


def test_check_sarif(tmp_path: Path) -> None:
    text = make_plan("临汾市", [BROKEN, INFO_ONLY, *CITY_TASKS])
    path = write(tmp_path, "broken.txt", text)
    result = invoke("check", path, "--format", "sarif")
    assert result.exit_code == 1
    sarif = json.loads(result.stdout)
    assert sarif["version"] == "2.1.0"
    assert "sarif" in sarif["$schema"]
    run_ = sarif["runs"][0]
    driver = run_["tool"]["driver"]
    assert driver["name"] == "planparse"
    rule_ids = {r["id"] for r in driver["rules"]}
    assert {"S201", "S204"} <= rule_ids
    for rule in driver["rules"]:
        assert rule["shortDescription"]["text"]
    starts = {}
    for res in run_["results"]:
        assert res["ruleId"] in rule_ids
        assert res["level"] in ("error", "warning", "note")
        assert res["message"]["text"]
        location = res["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"]
        starts[res["ruleId"]] = location["region"]["startLine"]
    assert starts == {
        "S201": line_of(text, "盲人医疗按摩管理办法"),
        "S204": line_of(text, INFO_ONLY.lead + "。"),
    }


# ----------------------------------------------------------------------------------- units


def test_units_unknown_on_the_seeds() -> None:
    result = invoke("units", COUNTY, CITY, "--unknown")
    assert result.exit_code == 0, result.stdout


def test_units_unknown_finds_a_made_up_unit(tmp_path: Path) -> None:
    task = T("扶持盲人按摩行业", "规范发展。", leads=["县火星局"], partners=["县残联"])
    path = write(tmp_path, "mars.txt", make_plan("洪洞县", [task]))
    result = invoke("units", path, "--unknown", "--format", "csv")
    assert result.exit_code == 1
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["name"] for r in rows] == ["县火星局"]


def test_units_csv_has_a_header() -> None:
    result = invoke("units", CITY, "--format", "csv")
    assert result.exit_code == 0
    reader = csv.DictReader(io.StringIO(result.stdout))
    assert reader.fieldnames is not None
    assert {"name", "id", "match"} <= set(reader.fieldnames)
    names = {r["name"] for r in reader}
    assert {"市残联", "市人社局", "市乡村振兴局"} <= names


# ------------------------------------------------------------------------------------ diff


def test_diff_markdown_names_places_and_the_downgrade() -> None:
    result = invoke("diff", COUNTY, CITY, "-f", "md")
    assert result.exit_code == 0, result.stderr
    md = result.stdout
    assert "泽州县" in md and "临汾市" in md
    downgrade = [
        line
        for line in md.splitlines()
        if "残疾儿童少年义务教育入学率" in line and "约束性" in line and "预期性" in line
    ]
    assert downgrade, "no line shows 残疾儿童少年义务教育入学率 going from 约束性 to 预期性"
