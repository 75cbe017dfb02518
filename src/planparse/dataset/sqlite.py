"""SQLite output of `planparse batch` and `batch-diff`: one table per entity, keyed and linked.

Every child table carries `document_id` (-> documents.id) as the first column of its primary
key, so every foreign key is also indexed; tasks are keyed (document_id, task_id), and
responsibilities point at them with the same pair. Lists inside a document (basis, cited,
recipients, a batch-diff summary) are stored as JSON text. `errors` holds the files of the
latest run that could not be parsed. `diff_summary` (one row per lower plan) and
`indicator_diffs` come from `planparse batch-diff`, which may write into the same database
file; `diff_summary.sha256 = documents.sha256` links a diff to its parsed plan.

Example queries (each is run by the tests against the two seed plans):

-- Q1: which departments lead the most tasks (canonical unit ids, across all plans)
SELECT r.unit_id, COUNT(DISTINCT r.document_id || '/' || r.task_id) AS tasks_led
FROM responsibilities AS r
WHERE r.role = 'lead' AND r.unit_id IS NOT NULL
GROUP BY r.unit_id
ORDER BY tasks_led DESC, r.unit_id
LIMIT 10;

-- Q2: the binding (约束性) indicators of each plan, with their 2025 targets
SELECT d.place, i.number, i.name, i.target_raw, i.op, i.value, i.unit
FROM indicators AS i JOIN documents AS d ON d.id = i.document_id
WHERE i.attribute = '约束性'
ORDER BY d.place, i.seq;

-- Q3: which counties downgraded a binding indicator of the upper plan (batch-diff output)
SELECT s.place, x.upper_name, x.upper_attribute, x.lower_attribute
FROM indicator_diffs AS x JOIN diff_summary AS s ON s.document_id = x.document_id
WHERE x.upper_attribute = '约束性' AND x.lower_name IS NOT NULL
  AND COALESCE(x.lower_attribute, '') <> '约束性'
ORDER BY s.place, x.upper_name;
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from planparse.dataset.diff_rows import DIFF_COLUMNS, INDICATOR_DIFF_COLUMNS, diff_error_row
from planparse.dataset.records import Record, error_record, is_error
from planparse.research.network import build_network, node_rows, sorted_edges
from planparse.research.tools import task_tool_rows


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[tuple[str, str], ...]  # (name, SQLite type)
    key: tuple[str, ...]
    parent: tuple[str, tuple[str, ...]] | None = None  # referenced table and its key columns
    indexes: tuple[str, ...] = ()  # further single-column indexes for common questions

    @cached_property  # asked for every row written
    def names(self) -> tuple[str, ...]:
        return tuple(name for name, _ in self.columns)

    def ddl(self) -> list[str]:
        cols = [f"{name} {kind}" for name, kind in self.columns]
        if len(self.key) == 1 and self.parent is None:  # an alias of the rowid
            cols = [c + (" PRIMARY KEY" if c.split()[0] in self.key else "") for c in cols]
        else:
            cols.append(f"PRIMARY KEY ({', '.join(self.key)})")
        if self.parent:
            table, remote = self.parent
            local = ", ".join(self.key[: len(remote)])
            cols.append(
                f"FOREIGN KEY ({local}) REFERENCES {table} ({', '.join(remote)}) ON DELETE CASCADE"
            )
        table = f"CREATE TABLE IF NOT EXISTS {self.name} (\n  " + ",\n  ".join(cols) + "\n)"
        return [table, *self.index_ddl()]

    def index_ddl(self) -> list[str]:
        """The further indexes (none unique: building them later changes no outcome)."""
        return [
            f"CREATE INDEX IF NOT EXISTS idx_{self.name}_{col} ON {self.name} ({col})"
            for col in self.indexes
        ]

    def insert(self) -> str:
        marks = ", ".join("?" * len(self.columns))
        return f"INSERT INTO {self.name} ({', '.join(self.names)}) VALUES ({marks})"

    def row(self, values: dict[str, Any]) -> tuple[Any, ...]:
        return tuple(map(values.get, self.names))


def _cols(spec: str) -> tuple[tuple[str, str], ...]:
    """'a INTEGER, b' -> (("a", "INTEGER"), ("b", "TEXT")): TEXT unless said otherwise."""
    pairs = [part.split() for part in spec.split(",")]
    return tuple((p[0], p[1] if len(p) > 1 else "TEXT") for p in pairs)


LINES = "line_start INTEGER, line_end INTEGER"
DOC = ("documents", ("id",))

DOCUMENTS = Table(
    "documents",
    _cols(
        "id INTEGER, path, sha256, title, place, place_source, issuer, doc_number, date, "
        "published, printed_by, draft INTEGER, doc_type, encoding, format, schema_version, "
        "n_headings INTEGER, n_tasks INTEGER, n_responsibilities INTEGER, n_columns INTEGER, "
        "n_column_items INTEGER, n_indicators INTEGER, n_dropped INTEGER, n_warnings INTEGER, "
        "basis, cited, recipients"
    ),
    ("id",),
    indexes=("sha256", "place"),
)
HEADINGS = Table(
    "headings",
    _cols(
        f"document_id INTEGER, heading_id, level INTEGER, marker, ordinal INTEGER, title, "
        f"path, body, {LINES}"
    ),
    ("document_id", "heading_id"),
    DOC,
)
TASKS = Table(
    "tasks",
    _cols(
        f"document_id INTEGER, task_id, seq INTEGER, number, heading, section_id, path, "
        f"text, body, bracket, irregular, source, responsibility_source, deadline, "
        f"lead_offices, participating_offices, {LINES}"
    ),
    ("document_id", "task_id"),
    DOC,
)
RESPONSIBILITIES = Table(
    "responsibilities",
    _cols(
        "document_id INTEGER, task_id, seq INTEGER, role, name, unit_id, level, place, "
        "match, score REAL, branch"
    ),
    ("document_id", "task_id", "seq"),
    ("tasks", ("document_id", "task_id")),
    indexes=("unit_id",),
)
COLUMNS = Table(
    "columns",
    _cols(
        f"document_id INTEGER, column_seq INTEGER, number, title, kind, path, "
        f"n_items INTEGER, {LINES}"
    ),
    ("document_id", "column_seq"),
    DOC,
)
COLUMN_ITEMS = Table(
    "column_items",
    _cols(
        f"document_id INTEGER, column_seq INTEGER, item_seq INTEGER, number, title, text, {LINES}"
    ),
    ("document_id", "column_seq", "item_seq"),
    ("columns", ("document_id", "column_seq")),
)
INDICATORS = Table(
    "indicators",
    _cols(
        f"document_id INTEGER, seq INTEGER, number, category, name, unit, target_raw, op, "
        f"value REAL, target_unit, attribute, {LINES}"
    ),
    ("document_id", "seq"),
    DOC,
    indexes=("name",),
)
DROPPED = Table(
    "dropped",
    _cols(f"document_id INTEGER, seq INTEGER, reason, text, {LINES}"),
    ("document_id", "seq"),
    DOC,
)
WARNINGS = Table(
    "warnings",
    _cols(f"document_id INTEGER, seq INTEGER, code, message, {LINES}"),
    ("document_id", "seq"),
    DOC,
    indexes=("code",),
)
NETWORK_NODES = Table(
    "network_nodes",
    _cols(
        "document_id INTEGER, node_id, name, kind, names, lead INTEGER, "
        "participating INTEGER, responsible INTEGER"
    ),
    ("document_id", "node_id"),
    DOC,
    indexes=("node_id",),
)
NETWORK_EDGES = Table(
    "network_edges",
    _cols("document_id INTEGER, seq INTEGER, source, target, kind, weight INTEGER, tasks"),
    ("document_id", "seq"),
    DOC,
    indexes=("source", "target"),
)
TASK_TOOLS = Table(
    "task_tools",
    _cols(
        "document_id INTEGER, seq INTEGER, element, element_id, tool, name, family, "
        "score REAL, cues, evidence"
    ),
    ("document_id", "seq"),
    DOC,
    indexes=("tool", "family"),
)
ERRORS = Table("errors", _cols("id INTEGER, path, sha256, reason"), ("id",), indexes=("path",))

BATCH_TABLES = (
    DOCUMENTS,
    HEADINGS,
    TASKS,
    RESPONSIBILITIES,
    COLUMNS,
    COLUMN_ITEMS,
    INDICATORS,
    DROPPED,
    WARNINGS,
    NETWORK_NODES,
    NETWORK_EDGES,
    TASK_TOOLS,
    ERRORS,
)

_DIFF_TEXT = {"path", "sha256", "place", "title", "upper_path", "upper_place", "summary", "error"}
DIFF_SUMMARY = Table(
    "diff_summary",
    (
        ("document_id", "INTEGER"),
        *((c, "TEXT" if c in _DIFF_TEXT else "INTEGER") for c in DIFF_COLUMNS),
    ),
    ("document_id",),
    indexes=("place", "sha256"),
)
_INDICATOR_DIFF_TYPES = {
    "seq": "INTEGER",
    "attribute_changed": "INTEGER",
    "downgraded": "INTEGER",
    "score": "REAL",
}
INDICATOR_DIFFS = Table(
    "indicator_diffs",
    (
        ("document_id", "INTEGER"),
        *((c, _INDICATOR_DIFF_TYPES.get(c, "TEXT")) for c in INDICATOR_DIFF_COLUMNS),
    ),
    ("document_id", "seq"),
    ("diff_summary", ("document_id",)),
    indexes=("upper_name",),
)
DIFF_TABLES = (DIFF_SUMMARY, INDICATOR_DIFFS)


def example_queries() -> dict[str, str]:
    """The example queries of this module's docstring, by their '-- Qn: question' line."""
    found = re.findall(r"^-- (Q\d+: .+?)\n(.+?;)$", __doc__ or "", re.M | re.S)
    return dict(found)


# --- a document as rows ---------------------------------------------------------------------


def _json(value: Any) -> str | None:
    return None if value is None else _ENCODER.encode(value)


# json.dumps with options builds a new encoder on every call; a document has hundreds of
# these small values (the task list of each network edge).
_ENCODER = json.JSONEncoder(ensure_ascii=False)


def document_rows(doc: Record, document_id: int) -> dict[str, list[tuple[Any, ...]]]:
    """The rows of every batch table for one document (the `parse --format json` dict).

    Each row is the source dict itself plus the keys that differ: `Table.row` takes the
    table's columns by name and ignores the rest.
    """
    meta = doc.get("meta") or {}
    d = {"document_id": document_id}
    rows: dict[str, list[dict[str, Any]]] = {t.name: [] for t in BATCH_TABLES if t is not ERRORS}
    for h in doc.get("headings") or []:
        rows["headings"].append({**h, **d, "heading_id": h["id"], **_common(h)})
    for seq, t in enumerate(doc.get("tasks") or []):
        resp = t.get("responsibility") or {}
        irregular = "；".join(resp.get("irregular") or []) or None
        rows["tasks"].append(
            {
                **t,
                **d,
                "task_id": t["id"],
                "seq": seq,
                "bracket": resp.get("raw"),
                "irregular": irregular,
                "source": t.get("source", "body"),
                "responsibility_source": resp.get("source"),
                "lead_offices": "；".join(resp.get("lead_offices") or []) or None,
                "participating_offices": "；".join(resp.get("participating_offices") or []) or None,
                **_common(t),
            }
        )
        rows["responsibilities"] += [
            {**u, **d, "task_id": t["id"], "seq": n, "unit_id": u.get("id")}
            for n, u in enumerate(resp.get("units") or [])
        ]
    for cseq, c in enumerate(doc.get("columns") or []):
        items = c.get("items") or []
        rows["columns"].append({**c, **d, "column_seq": cseq, "n_items": len(items), **_common(c)})
        rows["column_items"] += [
            {**i, **d, "column_seq": cseq, "item_seq": iseq, **_common(i)}
            for iseq, i in enumerate(items)
        ]
    for seq, i in enumerate(doc.get("indicators") or []):
        target = i.get("target") or {}
        rows["indicators"].append(
            {
                **i,
                **d,
                "seq": seq,
                "target_raw": target.get("raw"),
                "op": target.get("op"),
                "value": target.get("value"),
                "target_unit": target.get("unit"),
                **_common(i),
            }
        )
    for name in ("dropped", "warnings"):
        rows[name] = [{**x, **d, "seq": n, **_common(x)} for n, x in enumerate(doc.get(name) or [])]
    network = build_network([doc])
    rows["network_nodes"] = [{**n, **d, "node_id": n["id"]} for n in node_rows(network)]
    rows["network_edges"] = [
        {
            **e.__dict__,
            **d,
            "seq": n,
            "weight": e.weight,
            "tasks": _json([t.task_id for t in e.tasks]),
        }
        for n, e in enumerate(sorted_edges(network))
    ]
    rows["task_tools"] = [{**t, **d, "seq": n} for n, t in enumerate(task_tool_rows(doc))]
    draft = meta.get("draft")
    rows["documents"] = [
        {
            **meta,
            "id": document_id,
            "path": meta.get("file"),
            "sha256": doc.get("source_sha256"),
            "draft": None if draft is None else int(bool(draft)),
            "schema_version": doc.get("schema_version"),
            "basis": _json(meta.get("basis")),
            "cited": _json(meta.get("cited")),
            "recipients": _json(meta.get("recipients")),
            **{f"n_{name}": len(found) for name, found in rows.items()},
        }
    ]
    tables = {t.name: t for t in BATCH_TABLES}
    return {name: [tables[name].row(r) for r in found] for name, found in rows.items()}


def _common(item: dict[str, Any]) -> dict[str, Any]:
    """The columns every entity spells the same way: its heading path and its line span."""
    lines = item.get("lines") or (None, None)
    common: dict[str, Any] = {"line_start": lines[0], "line_end": lines[-1]}
    if "path" in item:
        common["path"] = " > ".join(item.get("path") or [])
    return common


def numbered_rows(record: Record, document_id: int) -> dict[str, list[tuple[Any, ...]]]:
    """The rows of a document record, or of one encoded in a worker (`batch.encode`)."""
    if "rows" not in record:
        return document_rows(record, document_id)
    # Every batch table has the document id as its first column.
    return {
        name: [(document_id, *row[1:]) for row in rows] for name, rows in record["rows"].items()
    }


def error_row(record: Record, error_id: int) -> tuple[Any, ...]:
    return ERRORS.row(
        {
            "id": error_id,
            "path": record.get("path"),
            "sha256": record.get("source_sha256"),
            "reason": record.get("error"),
        }
    )


# --- writers --------------------------------------------------------------------------------


def _connect(path: str, fresh: bool) -> sqlite3.Connection:
    if fresh:
        for suffix in ("", "-journal", "-wal", "-shm"):
            if os.path.exists(path + suffix):
                os.remove(path + suffix)
    db = sqlite3.connect(path, isolation_level=None)  # transactions are managed by hand
    db.execute("PRAGMA foreign_keys = ON")
    # A bulk load: the rollback journal stays, so a run that is killed (Ctrl+C, out of
    # memory) leaves a consistent file with its committed documents, which --resume goes on
    # from; but nothing waits for the disk (no fsync). Only an operating-system crash or a
    # power cut during the run can then damage the file, and the output is rebuilt by
    # running the batch again.
    db.execute("PRAGMA synchronous = OFF")
    return db


def _next_id(db: sqlite3.Connection, table: str, column: str) -> int:
    return int(db.execute(f"SELECT COALESCE(MAX({column}), 0) + 1 FROM {table}").fetchone()[0])


class _Batched:
    """An open SQLite transaction committed every `batch_size` records."""

    db: sqlite3.Connection
    batch_size: int
    pending: int

    def _tick(self) -> None:
        self.pending += 1
        if self.pending >= self.batch_size:
            self.db.execute("COMMIT")
            self.db.execute("BEGIN")
            self.pending = 0

    def close(self) -> None:
        if self.db.in_transaction:
            self.db.execute("COMMIT")
        self._finish()
        self.db.close()

    def _finish(self) -> None:
        """What is left to do once every record is in."""


class SqliteWriter(_Batched):
    """Batch documents into SQLite, committing every `batch_size` documents.

    A new database gets its further indexes once all rows are in (`close`): building an
    index at the end costs far less than keeping it up to date row by row (about half of
    the parent's time per document). A database that is resumed already has them.
    """

    def __init__(self, path: str, *, resume: bool = False, batch_size: int = 500) -> None:
        self.db = _connect(path, fresh=not resume)
        for table in BATCH_TABLES:
            create, *indexes = table.ddl()
            self.db.execute(create)
            if resume:  # and where an interrupted new database was left without them
                for stmt in indexes:
                    self.db.execute(stmt)
        self.db.execute("BEGIN")
        # Failed files are retried on --resume, so errors hold the latest run's only.
        self.db.execute("DELETE FROM errors")
        self.next_id = _next_id(self.db, "documents", "id")
        self.next_error = 1
        self.batch_size = batch_size
        self.pending = 0
        self.inserts = {t.name: t.insert() for t in BATCH_TABLES}

    def known(self, sha256: str) -> bool:
        found = self.db.execute("SELECT 1 FROM documents WHERE sha256 = ? LIMIT 1", (sha256,))
        return found.fetchone() is not None

    def _finish(self) -> None:
        for table in BATCH_TABLES:
            for stmt in table.index_ddl():
                self.db.execute(stmt)

    def add(self, record: Record) -> Record:
        if not is_error(record):
            record = self._add_document(record)
        if is_error(record):
            self.db.execute(self.inserts["errors"], error_row(record, self.next_error))
            self.next_error += 1
        self._tick()
        return record

    def _add_document(self, doc: Record) -> Record:
        # A savepoint per document: a document that cannot be stored (a parser bug such as
        # a duplicate task id) becomes an error row without losing the rest of the batch.
        self.db.execute("SAVEPOINT doc")
        try:
            for name, rows in numbered_rows(doc, self.next_id).items():
                if rows:
                    self.db.executemany(self.inserts[name], rows)
        except sqlite3.Error as exc:
            self.db.execute("ROLLBACK TO doc")
            self.db.execute("RELEASE doc")
            path = doc.get("path") or (doc.get("meta") or {}).get("file") or "?"
            reason = f"internal error (cannot store: {exc})"
            return error_record(path, reason, doc.get("source_sha256"))
        self.db.execute("RELEASE doc")
        self.next_id += 1
        return doc


class DiffSqliteWriter(_Batched):
    """batch-diff summaries into SQLite; earlier diff tables in the file are replaced."""

    def __init__(self, path: str, *, batch_size: int = 200) -> None:
        self.db = _connect(path, fresh=False)
        for table in reversed(DIFF_TABLES):
            self.db.execute(f"DROP TABLE IF EXISTS {table.name}")
        for table in DIFF_TABLES:
            for stmt in table.ddl():
                self.db.execute(stmt)
        self.db.execute("BEGIN")
        self.next_id = 1
        self.batch_size = batch_size
        self.pending = 0

    def known(self, sha256: str) -> bool:
        return False

    def add(self, record: Record) -> Record:
        ok = not is_error(record)
        row = record["diff"] if ok else diff_error_row(record)
        self.db.execute(
            DIFF_SUMMARY.insert(), DIFF_SUMMARY.row({**row, "document_id": self.next_id})
        )
        if ok:
            self.db.executemany(
                INDICATOR_DIFFS.insert(),
                [
                    INDICATOR_DIFFS.row({**p, "document_id": self.next_id})
                    for p in record["indicators"]
                ],
            )
        self.next_id += 1
        self._tick()
        return record
