"""planparse batch / batch-diff: JSONL, CSV and SQLite datasets, failures, resume, Dask parts."""

from __future__ import annotations

import csv
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from planparse import batch
from planparse.cli.main import app
from planparse.dataset.sqlite import BATCH_TABLES, SqliteWriter, example_queries
from planparse.parse.pipeline import parse_path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = {"county": "zezhou-county-2023.txt", "city": "linfen-city-draft.txt"}
BAD = ("broken.docx", "empty.txt")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Both seeds, a .docx of random bytes and an empty file, in a nested folder."""
    plans = tmp_path / "plans"
    (plans / "sub").mkdir(parents=True)
    shutil.copy(ROOT / "corpus" / SEEDS["county"], plans / SEEDS["county"])
    shutil.copy(ROOT / "corpus" / SEEDS["city"], plans / "sub" / SEEDS["city"])
    (plans / "broken.docx").write_bytes(os.urandom(4096))
    (plans / "empty.txt").write_bytes(b"")
    (plans / "notes.md").write_text("not a plan", encoding="utf-8")  # extension not taken
    return plans


@pytest.fixture
def clean_folder(tmp_path: Path) -> Path:
    plans = tmp_path / "clean"
    plans.mkdir()
    for name in SEEDS.values():
        shutil.copy(ROOT / "corpus" / name, plans / name)
    return plans


def seed_paths(folder: Path) -> dict[str, str]:
    """The paths as batch names them: the folder joined with the walk's relative path."""
    return {
        "county": os.path.join(str(folder), SEEDS["county"]),
        "city": os.path.join(str(folder), "sub", SEEDS["city"]),
    }


@pytest.fixture
def plans(folder: Path) -> dict[str, object]:
    return {key: parse_path(path) for key, path in seed_paths(folder).items()}


def sha(path: str | Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


# --- JSONL ----------------------------------------------------------------------------------


def test_jsonl_has_the_documents_and_reports_the_failures(folder: Path, plans, tmp_path: Path):
    out = tmp_path / "out" / "plans.jsonl"
    code, stdout, stderr = run("batch", str(folder), "--out", str(out), "--jobs", "2")
    assert code == 1
    assert stdout == ""
    for name in BAD:
        assert f"{folder / name}:" in stderr
    docs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(docs) == 2
    by_path = {doc["meta"]["file"]: doc for doc in docs}
    for key, path in seed_paths(folder).items():
        doc = by_path[path]
        assert next(iter(doc)) == "source_sha256"
        assert doc["source_sha256"] == sha(path)
        # Same schema and content as `parse --format json`, plus the hash.
        assert {k: v for k, v in doc.items() if k != "source_sha256"} == plans[key].to_dict()
    sidecar = Path(batch.errors_sidecar(str(out)))
    assert sidecar.name == "plans.errors.jsonl"
    errors = [json.loads(line) for line in sidecar.read_text(encoding="utf-8").splitlines()]
    assert sorted(e["path"] for e in errors) == sorted(str(folder / n) for n in BAD)
    assert all(e["error"] for e in errors)
    empty = next(e for e in errors if e["path"].endswith("empty.txt"))
    assert empty["source_sha256"] == hashlib.sha256(b"").hexdigest()


def test_globs_are_expanded_and_files_named_explicitly(folder: Path, tmp_path: Path):
    out = tmp_path / "g.jsonl"
    code, _, _ = run("batch", str(folder / "**" / "*.txt"), "--out", str(out), "-j", "1", "-q")
    assert code == 1  # empty.txt matches the glob
    assert len(out.read_text(encoding="utf-8").splitlines()) == 2
    named = folder / "sub" / SEEDS["city"]
    code, _, _ = run("batch", str(named), str(named), "--out", str(out), "-j", "1")
    assert code == 0
    assert len(out.read_text(encoding="utf-8").splitlines()) == 1  # the same file once


def test_quiet_clean_run_prints_nothing(clean_folder: Path, tmp_path: Path):
    code, stdout, stderr = run("batch", str(clean_folder), "--out", str(tmp_path / "a.db"), "-q")
    assert (code, stdout, stderr) == (0, "", "")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["batch", "{empty}", "--out", "{tmp}/x.jsonl"], "no plan files"),
        (["batch", "{tmp}/missing", "--out", "{tmp}/x.jsonl"], "no such file"),
        (["batch", "{tmp}/nothing-*.txt", "--out", "{tmp}/x.jsonl"], "no plan files"),
        (["batch", "{clean}", "--out", "{tmp}/x.xlsx"], "cannot tell the format"),
        (["batch", "{clean}", "--out", "{tmp}/x.jsonl", "--engine", "dask"], "--scheduler"),
        (["batch-diff", "{clean}", "--upper", "{clean}/none.txt", "--out", "{tmp}/d.csv"], ""),
        (["batch-diff", "{clean}", "--upper", "{city}", "--out", "{tmp}/d.txt"], ".csv"),
    ],
)
def test_input_errors_exit_2_with_one_line(args, message, clean_folder: Path, tmp_path: Path):
    (tmp_path / "empty").mkdir()
    values = {
        "empty": str(tmp_path / "empty"),
        "tmp": str(tmp_path),
        "clean": str(clean_folder),
        "city": str(clean_folder / SEEDS["city"]),
    }
    code, stdout, stderr = run(*[a.format(**values) for a in args])
    assert code == 2
    assert stdout == ""
    assert stderr.startswith("planparse: error: ") and stderr.count("\n") == 1
    assert message in stderr
    assert not (tmp_path / "x.jsonl").exists()


# --- SQLite ---------------------------------------------------------------------------------


def units_of(plan) -> list:
    return [u for t in plan.tasks if t.responsibility for u in t.responsibility.units]


@pytest.fixture
def database(folder: Path, tmp_path: Path) -> sqlite3.Connection:
    out = tmp_path / "plans.sqlite"
    code, _, _ = run("batch", str(folder), "--out", str(out), "--jobs", "2")
    assert code == 1
    return sqlite3.connect(out)


def count(db: sqlite3.Connection, sql: str, *args: object) -> int:
    return db.execute(sql, args).fetchone()[0]


def test_sqlite_tables_and_row_counts(database: sqlite3.Connection, plans, folder: Path):
    db = database
    tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {t.name for t in BATCH_TABLES} <= tables
    county, city = plans["county"], plans["city"]
    both = (county, city)
    expected = {
        "documents": 2,
        "headings": sum(len(p.headings) for p in both),
        "tasks": sum(len(p.tasks) for p in both),
        "responsibilities": sum(len(units_of(p)) for p in both),
        "columns": sum(len(p.columns) for p in both),
        "column_items": sum(len(c.items) for p in both for c in p.columns),
        "indicators": sum(len(p.indicators) for p in both),
        "dropped": sum(len(p.dropped) for p in both),
        "warnings": sum(len(p.warnings) for p in both),
        "errors": 2,
    }
    assert {t: count(db, f"SELECT COUNT(*) FROM {t}") for t in expected} == expected
    per_doc = dict(
        db.execute(
            "SELECT d.place, COUNT(*) FROM indicators i JOIN documents d ON d.id = i.document_id "
            "GROUP BY d.place"
        )
    )
    assert per_doc == {"泽州县": 12, "临汾市": 11}  # as printed in the two indicator tables
    row = db.execute(
        "SELECT path, sha256, title, place, issuer, doc_number, date, draft, encoding, format, "
        "n_tasks, n_indicators FROM documents WHERE place = '泽州县'"
    ).fetchone()
    path = seed_paths(folder)["county"]
    meta = county.meta
    assert row == (
        path, sha(path), meta.title, "泽州县", meta.issuer, meta.doc_number, meta.date, 0,
        meta.encoding, meta.format, len(county.tasks), 12,
    )  # fmt: skip
    errors = dict(db.execute("SELECT path, reason FROM errors"))
    assert sorted(errors) == sorted(str(folder / n) for n in BAD)
    assert all(errors.values())


def test_sqlite_keys_link_the_tables(database: sqlite3.Connection, plans):
    db = database
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    orphans = count(
        db,
        "SELECT COUNT(*) FROM responsibilities r LEFT JOIN tasks t "
        "ON t.document_id = r.document_id AND t.task_id = r.task_id WHERE t.task_id IS NULL",
    )
    assert orphans == 0
    for table in ("headings", "tasks", "columns", "column_items", "indicators", "warnings"):
        assert count(db, f"SELECT COUNT(*) FROM {table} WHERE document_id NOT IN "
                         "(SELECT id FROM documents)") == 0  # fmt: skip
    # Each document's rows are its own: a task's units are those the parser found for it.
    task = plans["county"].tasks[0]
    names = db.execute(
        "SELECT r.name, r.role, r.unit_id FROM responsibilities r "
        "JOIN documents d ON d.id = r.document_id WHERE d.place = '泽州县' AND r.task_id = ? "
        "ORDER BY r.seq",
        (task.id,),
    ).fetchall()
    assert names == [(u.name, u.role, u.id) for u in task.responsibility.units]
    # Foreign keys are indexed: a lookup by document goes through an index.
    for table in ("headings", "tasks", "responsibilities", "column_items", "indicators"):
        plan = " ".join(
            str(r[-1])
            for r in db.execute(f"EXPLAIN QUERY PLAN SELECT * FROM {table} WHERE document_id = 1")
        )
        assert "USING" in plan and "INDEX" in plan, (table, plan)


def test_three_example_queries(database: sqlite3.Connection, plans, folder: Path, tmp_path: Path):
    queries = list(example_queries().values())
    assert len(queries) == 3
    q1, q2, q3 = queries
    db = database

    # Q1: the 残联 leads the most tasks; 县残联 and 市残联 are one canonical unit.
    led: dict[str, set] = {}
    for key, plan in plans.items():
        for task in plan.tasks:
            for unit in task.responsibility.units if task.responsibility else []:
                if unit.role == "lead" and unit.id:
                    led.setdefault(unit.id, set()).add((key, task.id))
    top = db.execute(q1).fetchall()
    assert top[0] == ("cdpf", len(led["cdpf"]))
    assert dict(top) == {k: len(v) for k, v in led.items() if k in dict(top)}
    assert {u.name for p in plans.values() for u in units_of(p) if u.id == "cdpf"} >= {
        "县残联", "市残联"
    }  # fmt: skip

    # Q2: the binding indicators of each plan.
    binding = {
        (p.meta.place, i.name, i.target.raw)
        for p in plans.values()
        for i in p.indicators
        if i.attribute == "约束性"
    }
    assert {(r[0], r[2], r[3]) for r in db.execute(q2)} == binding
    assert len(binding) > 2

    # Q3 runs on batch-diff output written into the same database.
    from planparse.compare.diff import diff_plans

    out = tmp_path / "plans.sqlite"
    city = seed_paths(folder)["city"]
    code, _, _ = run("batch-diff", str(folder), "--upper", city, "--out", str(out), "-j", "1")
    assert code == 1  # the two bad files
    result = diff_plans(plans["county"], plans["city"])
    downgraded = {
        ("泽州县", p.upper.name, p.upper.attribute, p.lower.attribute)
        for p in result.indicators
        if p.lower and p.upper and p.upper.attribute == "约束性" and p.lower.attribute != "约束性"
    }
    rows = set(sqlite3.connect(out).execute(q3).fetchall())
    assert rows == downgraded
    assert ("泽州县", "残疾儿童少年义务教育入学率", "约束性", "预期性") in rows


def test_a_document_that_cannot_be_stored_becomes_an_error_row(tmp_path: Path):
    doc = batch.parse_one(str(ROOT / "corpus" / SEEDS["county"]))
    doc["tasks"].append(dict(doc["tasks"][0]))  # a duplicate task id: a parser bug
    writer = SqliteWriter(str(tmp_path / "x.db"))
    stored = writer.add(doc)
    good = writer.add(batch.parse_one(str(ROOT / "corpus" / SEEDS["city"])))
    writer.close()
    assert batch.is_error(stored) and "cannot store" in stored["error"]
    assert not batch.is_error(good)
    db = sqlite3.connect(tmp_path / "x.db")
    assert count(db, "SELECT COUNT(*) FROM documents") == 1
    assert count(db, "SELECT COUNT(*) FROM tasks WHERE document_id NOT IN "
                     "(SELECT id FROM documents)") == 0  # fmt: skip
    assert count(db, "SELECT COUNT(*) FROM errors") == 1


@pytest.mark.parametrize("value", [None, 42.5, 1e-05, 2.5e-07, float("inf"), float("nan"), 1e16])
def test_a_jsonl_line_from_the_plan_is_the_standard_encoders_text(value: float | None):
    """The worker writes a plan's line with orjson; where orjson's numbers would read
    differently (below 1e-4, not finite) the standard encoder's text is kept."""
    from planparse.dataset.jsonl import jsonl_line, plan_line

    for name in SEEDS.values():
        plan = parse_path(ROOT / "corpus" / name)
        if value is not None:
            plan.indicators[0].target.value = value
        expected = jsonl_line({"source_sha256": "0" * 64, **plan.to_dict()})
        assert plan_line(plan, "0" * 64) == expected


def _further_indexes(path: Path) -> set[str]:
    db = sqlite3.connect(path)
    try:
        rows = db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'idx_%'"
        )
        return {name for (name,) in rows}
    finally:
        db.close()


def test_sqlite_indexes_are_built_at_the_end_and_by_resume(tmp_path: Path):
    """A new database gets its further indexes when the writer closes; a run killed before
    that keeps its committed documents without them, and --resume on it builds them."""
    wanted = {f"idx_{t.name}_{col}" for t in BATCH_TABLES for col in t.indexes}
    doc = batch.parse_one(str(ROOT / "corpus" / SEEDS["county"]))
    other = batch.parse_one(str(ROOT / "corpus" / SEEDS["city"]))

    done = tmp_path / "done.db"
    writer = SqliteWriter(str(done))
    writer.add(doc)
    writer.close()
    assert _further_indexes(done) == wanted

    killed = tmp_path / "killed.db"
    writer = SqliteWriter(str(killed))
    writer.add(doc)
    writer.db.execute("COMMIT")  # what a commit every few hundred documents leaves on disk
    writer.db.close()  # then the process dies: close() never runs
    assert _further_indexes(killed) == set()
    resumed = SqliteWriter(str(killed), resume=True)
    assert resumed.known(doc["source_sha256"]) and not resumed.known(other["source_sha256"])
    resumed.add(other)
    resumed.close()
    assert _further_indexes(killed) == wanted
    db = sqlite3.connect(killed)
    assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert count(db, "SELECT COUNT(*) FROM documents") == 2


# --- CSV ------------------------------------------------------------------------------------


def read_csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def test_csv_folder_has_every_table_with_headers(folder: Path, plans, tmp_path: Path):
    out = tmp_path / "tables"
    code, _, _ = run("batch", str(folder), "--out", f"{out}/", "-j", "2")
    assert code == 1
    for table in BATCH_TABLES:
        rows = read_csv(out / f"{table.name}.csv")
        assert rows[0] == list(table.names)
    assert len(read_csv(out / "documents.csv")) == 1 + 2
    assert len(read_csv(out / "tasks.csv")) == 1 + sum(len(p.tasks) for p in plans.values())
    assert len(read_csv(out / "errors.csv")) == 1 + 2
    assert (out / "documents.csv").read_bytes().startswith(b"\xef\xbb\xbf")  # for Excel
    code, _, _ = run("batch", str(folder), "--out", str(tmp_path / "t2"), "--format", "csv")
    assert code == 1 and (tmp_path / "t2" / "indicators.csv").exists()


# --- resume ---------------------------------------------------------------------------------


@pytest.mark.parametrize("out", ["r.jsonl", "r.sqlite", "r/"])
def test_resume_skips_what_is_already_there(out: str, folder: Path, tmp_path: Path):
    target = str(tmp_path / out)
    assert run("batch", str(folder), "--out", target, "-j", "2")[0] == 1
    kind = batch.output_kind(target)
    writer = batch.open_writer(kind, target, resume=True)
    try:
        stats = batch.run_batch(batch.find_inputs([str(folder)]), writer, jobs=2, resume=True)
    finally:
        writer.close()
    assert (stats.skipped, stats.documents, stats.errors) == (2, 0, 2)  # failures are retried
    assert run("batch", str(folder), "--out", target, "--resume", "-q")[0] == 1
    if kind == "jsonl":
        lines = Path(target).read_text(encoding="utf-8").splitlines()
        assert len(lines) == 2
    elif kind == "sqlite":
        db = sqlite3.connect(target)
        assert count(db, "SELECT COUNT(*) FROM documents") == 2
        assert count(db, "SELECT COUNT(*) FROM errors") == 2  # the latest run's only
    else:
        rows = read_csv(Path(target) / "documents.csv")
        assert len(rows) == 3 and rows[0][0] == "id"
        assert len(read_csv(Path(target) / "errors.csv")) == 3


def test_resume_after_an_interrupted_jsonl_run(clean_folder: Path, tmp_path: Path):
    out = tmp_path / "cut.jsonl"
    assert run("batch", str(clean_folder), "--out", str(out), "-j", "1")[0] == 0
    first = out.read_text(encoding="utf-8").splitlines()[0]
    out.write_text(first + "\n" + first[:500], encoding="utf-8")  # the second line torn
    assert run("batch", str(clean_folder), "--out", str(out), "--resume")[0] == 0
    docs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(docs) == 2
    assert {d["meta"]["place"] for d in docs} == {"泽州县", "临汾市"}


# --- batch-diff -----------------------------------------------------------------------------


def test_batch_diff_summary_csv(folder: Path, tmp_path: Path):
    out = tmp_path / "summary.csv"
    city = seed_paths(folder)["city"]
    code, _, stderr = run("batch-diff", str(folder), "--upper", city, "--out", str(out), "-j", "2")
    assert code == 1 and "empty.txt" in stderr
    rows = {r["path"]: r for r in csv.DictReader(out.open(encoding="utf-8-sig"))}
    assert sorted(rows) == sorted([seed_paths(folder)["county"], *(str(folder / n) for n in BAD)])
    county = rows[seed_paths(folder)["county"]]
    assert county["place"] == "泽州县" and county["upper_place"] == "临汾市"
    assert county["attribute_downgrades"] == "1"
    assert county["basis_consistent"] == "0"  # it names 晋城市's plan as its basis
    assert county["warnings"] == "different-places"  # 泽州县 is in 晋城市, not 临汾市
    assert int(county["indicators_lower_stricter"]) >= 2
    assert int(county["indicators_incomparable"]) >= 2
    assert county["error"] == ""
    assert all(rows[str(folder / n)]["error"] for n in BAD)


def test_batch_diff_jsonl_carries_indicator_pairs(clean_folder: Path, tmp_path: Path):
    out = tmp_path / "summary.jsonl"
    city = str(clean_folder / SEEDS["city"])
    code, _, _ = run("batch-diff", str(clean_folder), "--upper", city, "--out", str(out), "-q")
    assert code == 0
    (row,) = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert row["place"] == "泽州县"
    assert len(row["indicators"]) >= 12
    assert json.loads(row["summary"])["indicators"]["downgraded"] == 1


# --- the parallel machinery -----------------------------------------------------------------


def test_plan_dict_is_plan_to_dict(plans):
    for plan in plans.values():
        fast = batch.plan_dict(plan)
        assert fast == plan.to_dict()
        assert list(fast) == list(plan.to_dict())
        assert json.dumps(fast, ensure_ascii=False) == json.dumps(
            plan.to_dict(), ensure_ascii=False
        )


def test_parse_one_is_a_function_of_the_bytes(clean_folder: Path, tmp_path: Path):
    original = str(clean_folder / SEEDS["county"])
    copy = tmp_path / "elsewhere.txt"
    shutil.copy(original, copy)
    a, b = batch.parse_one(original), batch.parse_one(str(copy))
    assert a["source_sha256"] == b["source_sha256"] == sha(original)
    a["meta"].pop("file"), b["meta"].pop("file")
    assert a == b
    missing = batch.parse_one(str(tmp_path / "gone.txt"))
    assert batch.is_error(missing) and missing["source_sha256"] is None


def crash_on_boom(paths: list[str]) -> list[dict]:
    """A work function whose worker dies on one item, as a native crash or the OOM killer would."""
    if any("boom" in p for p in paths):
        os._exit(3)
    return [{"path": p, "source_sha256": p} for p in paths]


def test_a_dying_worker_costs_only_its_own_file():
    items = [f"f{i}" for i in range(20)]
    items.insert(7, "boom")
    results = list(batch.run_parallel(items, crash_on_boom, jobs=2, chunksize=3))
    assert sorted(r["path"] for r in results) == sorted(items)
    errors = [r for r in results if batch.is_error(r)]
    assert [e["path"] for e in errors] == ["boom"]
    assert errors[0]["error"] == batch.CRASHED


def test_memory_stays_bounded_by_the_window():
    """The parent never submits more than 4 chunks per worker ahead of what it consumed."""
    consumed = 0

    def items():
        for i in range(200):
            # At most 4 * jobs chunks of 2 may have been taken beyond those consumed.
            assert i - consumed <= 4 * 2 * 2 + 2
            yield f"f{i}"

    for _ in batch.run_parallel(items(), crash_on_boom, jobs=2, chunksize=2):
        consumed += 1
    assert consumed == 200


# --- merge and Dask -------------------------------------------------------------------------


def test_merge_parts_into_sqlite_and_jsonl(folder: Path, tmp_path: Path):
    parts = tmp_path / "parts"
    parts.mkdir()
    paths = batch.find_inputs([str(folder)])
    for index, chunk in enumerate(batch.chunked(paths, 2)):
        lines = [batch.jsonl_line(batch.parse_one(p)) for p in chunk]
        (parts / f"part-{index:05d}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert batch.part_stats(str(parts)).errors == 2
    db_path = tmp_path / "merged.sqlite"
    assert run("batch", "--merge", str(parts), "--out", str(db_path))[0] == 1
    db = sqlite3.connect(db_path)
    assert count(db, "SELECT COUNT(*) FROM documents") == 2
    assert count(db, "SELECT COUNT(*) FROM errors") == 2
    assert run("batch", "--merge", str(parts), "--out", str(db_path), "--resume", "-q")[0] == 1
    assert count(sqlite3.connect(db_path), "SELECT COUNT(*) FROM documents") == 2
    jsonl = tmp_path / "merged.jsonl"
    assert run("batch", "--merge", str(parts), "--out", str(jsonl), "-q")[0] == 1
    assert len(jsonl.read_text(encoding="utf-8").splitlines()) == 2
    assert run("batch", "--merge", str(tmp_path), "--out", str(jsonl))[0] == 2  # no parts


def test_dask_engine_writes_parts_that_merge(folder: Path, tmp_path: Path):
    pytest.importorskip("dask.distributed")
    from dask.distributed import LocalCluster

    parts = tmp_path / "parts"
    with LocalCluster(processes=False, n_workers=1, dashboard_address=None) as cluster:
        code, _, _ = run(
            "batch", str(folder), "--engine", "dask", "--scheduler", cluster.scheduler_address,
            "--out", str(parts), "-q",
        )  # fmt: skip
    assert code == 1
    assert (parts / "part-00000.jsonl").exists()
    out = tmp_path / "merged.sqlite"
    assert run("batch", "--merge", str(parts), "--out", str(out), "-q")[0] == 1
    db = sqlite3.connect(out)
    assert count(db, "SELECT COUNT(*) FROM documents") == 2
    assert count(db, "SELECT COUNT(*) FROM errors") == 2


# --- start-up -------------------------------------------------------------------------------


def test_cli_start_up_does_not_import_the_heavy_modules():
    code = (
        "import sys, planparse.cli.main; "
        "print(sorted(m for m in ('sqlite3', 'rich.progress', 'dask', 'planparse.batch', "
        "'planparse.parse.pipeline', 'concurrent.futures.process') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def raise_on_bad(paths: list[str]) -> list[dict]:
    """A work function with a bug that one item triggers (the pool itself stays healthy)."""
    if "bad" in paths:
        raise ValueError("bug")
    return [{"path": p, "source_sha256": p} for p in paths]


def test_an_exception_in_a_chunk_costs_only_its_own_file():
    items = ["a", "b", "bad", "c", "d", "e"]
    results = list(batch.run_parallel(items, raise_on_bad, jobs=2, chunksize=2))
    assert sorted(r["path"] for r in results) == sorted(items)
    (error,) = [r for r in results if batch.is_error(r)]
    assert error["path"] == "bad" and "ValueError: bug" in error["error"]
