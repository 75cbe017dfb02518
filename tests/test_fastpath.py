"""The fast path reads a command line exactly as typer does, or leaves it to typer.

Parity is checked against typer itself: the same command line goes through typer (with the
command body replaced by a recorder) and through planparse.cli.fastpath, and both must hand
the body the same arguments."""

from __future__ import annotations

import json
import marshal
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import CORPUS_DIR, COUNTY_FILE
from planparse.cli import commands, fastpath
from planparse.cli.main import app

COUNTY = str(CORPUS_DIR / COUNTY_FILE)
CITY = str(CORPUS_DIR / "linfen-city-draft.txt")


@pytest.fixture(scope="module")
def spec() -> dict[str, Any]:
    return fastpath.describe(app)


def _through_typer(args: list[str], monkeypatch: pytest.MonkeyPatch) -> dict[str, Any] | None:
    """What typer passes to the command body, or None when typer refuses the command line."""
    seen: dict[str, Any] = {}
    monkeypatch.setattr(commands, args[0], lambda **kwargs: seen.update(kwargs))
    result = CliRunner().invoke(app, args)
    monkeypatch.undo()
    return seen if result.exit_code == 0 and seen else None


def _through_fast(args: list[str], spec: dict[str, Any]) -> dict[str, Any] | None:
    try:
        return fastpath.read_args(spec["commands"][args[0]], args[1:], spec["help"])
    except fastpath._NotFast:
        return None


def test_every_fast_command_is_described(spec: dict[str, Any]) -> None:
    assert sorted(spec["commands"]) == sorted(fastpath.FAST_COMMANDS)
    fmt = next(p for p in spec["commands"]["diff"] if p["name"] == "fmt")
    assert fmt["choices"] == ["text", "json", "md", "html", "xlsx"] and fmt["default"] == "text"


def test_the_bodies_take_what_the_typer_commands_declare(spec: dict[str, Any]) -> None:
    import inspect

    from planparse.cli import main

    for name in fastpath.FAST_COMMANDS:
        declared = list(inspect.signature(getattr(main, name)).parameters)
        assert list(inspect.signature(getattr(commands, name)).parameters) == declared
        assert [p["name"] for p in spec["commands"][name]] == declared


READ_THE_SAME = [
    ["parse", COUNTY],
    ["parse", COUNTY, "-f", "json"],
    ["parse", "-f", "md", COUNTY],
    ["parse", COUNTY, "--format=json", "-o", "out.json"],
    ["parse", COUNTY, "-fjson", "--ocr"],
    ["parse", COUNTY, "-f", "json", "-f", "md"],  # the last one wins
    ["parse", "--", "-odd-name.txt"],
    ["parse", "-"],
    ["diff", COUNTY, CITY],
    ["diff", COUNTY, CITY, "-f", "json", "--explain", "--only-differences"],
    ["diff", COUNTY, CITY, "x.txt", "y.txt", "-f", "md"],
    ["diff", "--task-threshold", "0.35", COUNTY, "--indicator-threshold=1", CITY],
    ["diff", COUNTY, CITY, "--task-threshold", "0"],
    ["check", COUNTY],
    ["check", COUNTY, "--against", CITY, "-a", "other.txt", "--select", "S1,X5"],
    ["check", "--list-rules", "-f", "json"],
    ["check", COUNTY, "--severity", "warning", "--ignore", "S205", "-f", "sarif"],
]


@pytest.mark.parametrize("args", READ_THE_SAME, ids=" ".join)
def test_same_arguments_as_typer(
    args: list[str], spec: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    typer_kwargs = _through_typer(args, monkeypatch)
    assert typer_kwargs is not None
    fast_kwargs = _through_fast(args, spec)
    assert fast_kwargs is not None
    # typer gives an empty list or None for a repeatable option not given; the bodies treat
    # both alike (`or []`), so compare them as lists
    for kwargs in (typer_kwargs, fast_kwargs):
        for key in ("against", "more_uppers"):
            if key in kwargs:
                kwargs[key] = list(kwargs[key] or [])
    assert fast_kwargs == typer_kwargs
    for key, value in fast_kwargs.items():
        assert type(value) is type(typer_kwargs[key]), key


LEFT_TO_TYPER = [
    ["parse"],  # missing argument
    ["parse", COUNTY, "--help"],
    ["parse", COUNTY, "-h"],  # not a help option here: typer reports it
    ["parse", COUNTY, "-f", "yaml"],  # not a choice
    ["parse", COUNTY, "-f"],  # option without its value
    ["parse", COUNTY, "--nonsense"],
    ["parse", COUNTY, "--ocr=yes"],
    ["parse", COUNTY, "other.txt"],  # one argument too many
    ["diff", COUNTY],
    ["diff", COUNTY, CITY, "--task-threshold", "1.5"],  # out of range
    ["diff", COUNTY, CITY, "--task-threshold", "much"],
    ["diff", COUNTY, CITY, "-ef"],  # bundled short options
    ["check", COUNTY, "-a"],
]


@pytest.mark.parametrize("args", LEFT_TO_TYPER, ids=" ".join)
def test_anything_doubtful_is_left_to_typer(args: list[str], spec: dict[str, Any]) -> None:
    assert _through_fast(args, spec) is None


def test_typer_refuses_what_the_fast_path_leaves_to_it(
    spec: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    # the cases above that are errors for typer too (not --help): none would have been run
    # differently by the fast path, because the fast path does not run them at all
    for args in LEFT_TO_TYPER:
        if "--help" not in args:
            assert _through_typer(args, monkeypatch) is None, args


# ----------------------------------------------------------------------- whole process

_PROBE = """
import atexit, sys
atexit.register(lambda: print("typer" in sys.modules, file=sys.stderr))
sys.argv[0] = "planparse"
from planparse.cli.launch import main
main()
"""


def _run(args: list[str], cache: Path) -> tuple[int, str, str, bool]:
    env = {**os.environ, "PLANPARSE_CACHE": str(cache)}
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    *errors, typer_loaded = done.stderr.strip().splitlines() or ["", "True"]
    return done.returncode, done.stdout, "\n".join(errors), typer_loaded == "True"


@pytest.mark.parametrize(
    "args",
    [
        ["parse", COUNTY, "-f", "json"],
        ["--lang", "zh", "check", COUNTY, "--against", CITY],
        ["diff", COUNTY, CITY, "-f", "md", "--lang=en"],
        ["parse", "no-such-plan.txt"],
    ],
    ids=" ".join,
)
def test_second_run_skips_typer_with_the_same_result(args: list[str], tmp_path: Path) -> None:
    first = _run(args, tmp_path)
    assert first[3]  # typer's path, which writes the description …
    assert list((tmp_path / "planparse").glob("cli-*.marshal"))
    second = _run(args, tmp_path)
    assert not second[3]  # … so that the next run need not import typer
    assert second[:3] == first[:3]


def test_fast_run_reports_a_missing_file_like_typer(tmp_path: Path) -> None:
    _run(["parse", COUNTY], tmp_path)
    code, out, err, typer_loaded = _run(["parse", str(tmp_path / "gone.txt")], tmp_path)
    assert (code, out, typer_loaded) == (2, "", False)
    assert "gone.txt" in err and "Traceback" not in err


def test_a_corrupt_description_sends_the_command_to_typer(tmp_path: Path) -> None:
    _run(["parse", COUNTY, "-f", "json"], tmp_path)
    for spec_file in (tmp_path / "planparse").glob("cli-*.marshal"):
        spec_file.write_bytes(marshal.dumps({"commands": {"parse": "not a list"}}))
    code, out, _err, typer_loaded = _run(["parse", COUNTY, "-f", "json"], tmp_path)
    assert code == 0 and typer_loaded
    assert json.loads(out)["meta"]["place"] == "泽州县"


def test_the_description_follows_the_cli_sources(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PLANPARSE_CACHE", str(tmp_path))
    before = fastpath.spec_path()
    assert before is not None and before.startswith(str(tmp_path))
    source = Path(fastpath.__file__).with_name("main.py")
    stat = source.stat()
    os.utime(source, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    try:
        assert fastpath.spec_path() != before  # an edited option is never read from old data
    finally:
        os.utime(source, ns=(stat.st_atime_ns, stat.st_mtime_ns))


def test_version_without_typer_is_typers_answer(tmp_path: Path) -> None:
    code, out, _err, typer_loaded = _run(["--version"], tmp_path)
    assert (code, typer_loaded) == (0, False)
    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0 and out == result.output
    assert out.startswith("planparse ")


def test_an_unusable_cache_folder_costs_speed_only(tmp_path: Path) -> None:
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("a file where the cache folder would be")
    runs = [_run(["parse", COUNTY, "-f", "json"], blocked) for _ in range(2)]
    for code, out, err, typer_loaded in runs:
        assert code == 0 and typer_loaded  # no description could be kept: typer each time
        assert json.loads(out)["meta"]["place"] == "泽州县"
        assert "Traceback" not in err
    assert runs[0][1] == runs[1][1]
