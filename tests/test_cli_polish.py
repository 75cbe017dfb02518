"""Command-line manners: --version, -o for every format, a closed pipe, special files, and
batch's summary line on stderr."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import planparse
from conftest import CITY_FILE, CORPUS_DIR, COUNTY_FILE, ROOT

COUNTY = str(CORPUS_DIR / COUNTY_FILE)
CITY = str(CORPUS_DIR / CITY_FILE)
EXE = str(Path(sys.executable).parent / "planparse")


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [EXE, *args], capture_output=True, text=True, cwd=cwd, timeout=120, check=False
    )


def test_version() -> None:
    done = run("--version")
    assert done.returncode == 0
    assert done.stdout.strip() == f"planparse {planparse.__version__}"


@pytest.mark.parametrize(
    ("args", "looks_like"),
    [
        (["parse", COUNTY], "泽州县"),
        (["parse", COUNTY, "-f", "md"], "# "),
        (["parse", COUNTY, "-f", "json"], '"schema_version"'),
        (["units", COUNTY], "hrss"),
        (["diff", COUNTY, CITY], "临汾市"),
        (["diff", COUNTY, CITY, "-f", "md"], "| "),
        (["diff", COUNTY, CITY, "-f", "json"], '"indicators"'),
        (["diff", COUNTY, CITY, "-f", "html"], "<html"),
        (["check", COUNTY, "--against", CITY], ": error X103 "),
        (["check", COUNTY, "--against", CITY, "-f", "json"], '"findings"'),
        (["check", COUNTY, "--against", CITY, "-f", "sarif"], '"2.1.0"'),
        (["check", COUNTY, "--against", CITY, "-f", "github"], "::error file="),
        (["check", COUNTY, "--against", CITY, "-f", "html"], "<html"),
        (["check", "--list-rules"], "S101"),
    ],
)
def test_output_option_writes_the_file_for_every_format(
    tmp_path: Path, args: list[str], looks_like: str
) -> None:
    out = tmp_path / "result.out"
    done = run(*args, "-o", str(out))
    assert done.returncode in (0, 1), done.stderr
    assert done.stdout == ""
    assert done.stderr.splitlines()[-1] == f"wrote {out}"
    text = out.read_text(encoding="utf-8")
    assert looks_like in text
    assert "\x1b[" not in text  # no terminal colour codes in a file


def test_closed_pipe_exits_quietly() -> None:
    """`planparse diff … | head -1`: the reader goes away after one line."""
    shell = subprocess.run(
        ["bash", "-o", "pipefail", "-c", f"'{EXE}' diff '{COUNTY}' '{CITY}' -f md | head -1"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert shell.returncode == 0, shell.stderr
    assert shell.stdout.startswith("# ")
    assert shell.stderr == ""


def test_closed_pipe_on_a_long_json_document() -> None:
    process = subprocess.Popen(
        [EXE, "parse", COUNTY, "-f", "json"], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert process.stdout is not None and process.stderr is not None
    first = process.stdout.read(10)
    process.stdout.close()
    err = process.stderr.read()
    assert process.wait(timeout=120) == 0
    assert first.startswith(b"{")
    assert err == b""


def test_fifo_is_refused_not_waited_on(tmp_path: Path) -> None:
    fifo = tmp_path / "plan.txt"
    os.mkfifo(fifo)
    done = run("parse", str(fifo))  # would block forever if opened
    assert done.returncode == 2
    assert done.stderr == (
        f"planparse: error: {fifo}: is a named pipe (FIFO), not a regular file; save the plan "
        "to a file first (or pipe it in with '-')\n"
    )


def test_device_is_refused() -> None:
    done = run("parse", "/dev/zero")  # would read for ever (up to the size limit)
    assert done.returncode == 2
    assert "/dev/zero: is a device, not a regular file" in done.stderr


def test_fifo_in_a_batch_is_an_error_row(tmp_path: Path) -> None:
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "county.txt").write_bytes(Path(COUNTY).read_bytes())
    os.mkfifo(tmp_path / "plans" / "pipe.txt")
    done = run(
        "batch", "plans/pipe.txt", "plans/county.txt", "--out", "out.jsonl", "-j", "1", cwd=tmp_path
    )
    assert done.returncode == 1
    assert "pipe.txt: is a named pipe (FIFO)" in done.stderr


def test_batch_summary_goes_to_stderr_when_not_a_terminal(tmp_path: Path) -> None:
    done = run("batch", COUNTY, CITY, "--out", str(tmp_path / "plans.jsonl"), "-j", "1")
    assert done.returncode == 0
    assert done.stdout == ""
    (summary,) = done.stderr.splitlines()
    assert summary.startswith("planparse: 2 documents in ")
    assert summary.endswith(f"-> {tmp_path / 'plans.jsonl'}")
    quiet = run("batch", COUNTY, "--out", str(tmp_path / "again.jsonl"), "-j", "1", "-q")
    assert quiet.stderr == ""
