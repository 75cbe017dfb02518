"""`batch --timeout`: a document over the limit becomes an error row and the run goes on.

The slow document is made by a parse that stalls on one marker, patched into the parser
before the pool forks its workers: the real batch path (reader, per-document limit, pool,
writer) runs around it. With a 1-second limit each test takes a few seconds.
"""

from __future__ import annotations

import json
import signal
import sqlite3
import time
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import CORPUS_DIR, COUNTY_FILE
from planparse import batch
from planparse.cli.main import app
from planparse.compare.diff import DiffOptions, diff_plans
from planparse.parse import pipeline
from planparse.parse.pipeline import parse_path

STALL = "此文件解析时卡住"


def _documents(folder: Path, count: int, stall_at: set[int]) -> list[str]:
    folder.mkdir()
    plan = (CORPUS_DIR / COUNTY_FILE).read_text(encoding="utf-8")
    paths = []
    for n in range(count):
        path = folder / f"plan-{n:02d}.txt"
        path.write_text(plan + (STALL if n in stall_at else f"\n附件{n}"), encoding="utf-8")
        paths.append(str(path))
    return paths


def _stalling(real: Any, deaf: bool) -> Any:
    """A parse that never ends on the marked file; ``deaf``: where no signal reaches it, as
    in native code, so only the parent can stop it by killing the worker."""

    def parse_source(source: Any) -> Any:
        if any(STALL in line for line in source.lines):
            if deaf:
                signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
            time.sleep(60)
        return real(source)

    return parse_source


def _run(paths: list[str], out: Path, jobs: int, timeout: float | None) -> list[dict]:
    writer = batch.open_writer("jsonl", str(out))
    try:
        stats = batch.run_batch(
            paths, writer, jobs=jobs, work=batch.work_for("jsonl"), timeout=timeout
        )
    finally:
        writer.close()
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    sidecar = Path(batch.errors_sidecar(str(out)))
    lines = sidecar.read_text(encoding="utf-8").splitlines() if sidecar.exists() else []
    errors = [json.loads(line) for line in lines]
    assert stats.documents == len(rows) and stats.errors == len(errors)
    return rows + errors


@pytest.mark.parametrize(
    ("jobs", "deaf"),
    [(1, False), (2, False), (2, True)],
    ids=["in-process", "worker-stops-itself", "parent-kills-the-worker"],
)
def test_a_stalled_document_times_out_and_the_run_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: int, deaf: bool
) -> None:
    monkeypatch.setattr(pipeline, "parse_source", _stalling(pipeline.parse_source, deaf))
    paths = _documents(tmp_path / "in", 6, stall_at={2})
    started = time.monotonic()
    records = _run(paths, tmp_path / "out.jsonl", jobs, timeout=1)
    assert time.monotonic() - started < 30  # not the 60 s the stalled parse would take
    by_path = {r.get("path") or r["meta"]["file"]: r for r in records}
    assert sorted(by_path) == sorted(paths)
    assert by_path[paths[2]]["error"] == "timed out after 1 s"
    for path in paths[:2] + paths[3:]:
        assert by_path[path]["meta"]["place"] == "泽州县"


def test_no_limit_leaves_slow_documents_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = pipeline.parse_source

    def slowish(source: Any) -> Any:
        time.sleep(1.5)
        return real(source)

    monkeypatch.setattr(pipeline, "parse_source", slowish)
    paths = _documents(tmp_path / "in", 2, stall_at=set())
    records = _run(paths, tmp_path / "out.jsonl", jobs=2, timeout=None)
    assert all("error" not in r for r in records) and len(records) == 2
    records = _run(paths[:1], tmp_path / "again.jsonl", jobs=1, timeout=1)
    assert [r["error"] for r in records] == ["timed out after 1 s"]


def test_batch_and_batch_diff_take_timeout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "parse_source", _stalling(pipeline.parse_source, deaf=False))
    paths = _documents(tmp_path / "in", 3, stall_at={1})
    out = tmp_path / "out.sqlite"
    runner = CliRunner()
    done = runner.invoke(
        app, ["batch", str(tmp_path / "in"), "--out", str(out), "-j", "1", "--timeout", "1", "-q"]
    )
    assert done.exit_code == 1
    db = sqlite3.connect(out)
    assert db.execute("SELECT path, reason FROM errors").fetchall() == [
        (paths[1], "timed out after 1 s")
    ]
    assert db.execute("SELECT COUNT(*) FROM documents").fetchone() == (2,)
    summary = tmp_path / "summary.jsonl"
    upper = str(CORPUS_DIR / "linfen-city-draft.txt")
    # a diff takes longer than a parse, and the first one in a process imports its libraries
    diff_plans(parse_path(paths[0]), parse_path(upper), DiffOptions(text_diff=False))
    args = ["batch-diff", str(tmp_path / "in"), "--upper", upper, "--out", str(summary)]
    done = runner.invoke(app, [*args, "-j", "1", "--timeout", "2", "-q"])
    assert done.exit_code == 1
    rows = [json.loads(line) for line in summary.read_text(encoding="utf-8").splitlines()]
    errors = [r for r in rows if r.get("error")]
    assert [(r["path"], r["error"]) for r in errors] == [(paths[1], "timed out after 2 s")]
    assert len(rows) == 3
