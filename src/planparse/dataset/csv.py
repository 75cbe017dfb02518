"""CSV output of `planparse batch` (a folder, one file per table) and `batch-diff` (one file).

The tables and their columns are those of the SQLite output (see sqlite_out); `document_id`
links them the same way. Files are UTF-8 with a byte-order mark, which Excel needs to show
Chinese text from a CSV; `--resume` appends without one.
"""

from __future__ import annotations

import csv
import os
from typing import IO, Any

from planparse.dataset.diff_rows import DIFF_COLUMNS, diff_error_row
from planparse.dataset.records import Record, is_error
from planparse.dataset.sqlite import BATCH_TABLES, error_row, numbered_rows


def _open_table(path: str, header: tuple[str, ...], append: bool) -> tuple[IO[str], Any]:
    append = append and os.path.exists(path) and os.path.getsize(path) > 0
    handle = open(  # noqa: SIM115 - kept open for the whole batch
        path, "a" if append else "w", encoding="utf-8" if append else "utf-8-sig", newline=""
    )
    writer = csv.writer(handle)
    if not append:
        writer.writerow(header)
    return handle, writer


class CsvWriter:
    """Batch documents into a folder of CSV tables."""

    def __init__(self, folder: str, *, resume: bool = False) -> None:
        os.makedirs(folder, exist_ok=True)
        self.hashes: set[str] = set()
        self.next_id = 1
        documents = os.path.join(folder, "documents.csv")
        if resume and os.path.exists(documents):
            with open(documents, encoding="utf-8-sig", newline="") as handle:
                for row in csv.DictReader(handle):
                    self.hashes.add(row.get("sha256") or "")
                    if (row.get("id") or "").isdigit():
                        self.next_id = max(self.next_id, int(row["id"]) + 1)
        self.files: dict[str, tuple[IO[str], Any]] = {}
        for table in BATCH_TABLES:
            # Failed files are retried on --resume, so errors.csv holds the latest run's only.
            append = resume and table.name != "errors"
            path = os.path.join(folder, f"{table.name}.csv")
            self.files[table.name] = _open_table(path, table.names, append)
        self.next_error = 1

    def known(self, sha256: str) -> bool:
        return sha256 in self.hashes

    def add(self, record: Record) -> Record:
        if is_error(record):
            self.files["errors"][1].writerow(error_row(record, self.next_error))
            self.next_error += 1
            return record
        for name, rows in numbered_rows(record, self.next_id).items():
            self.files[name][1].writerows(rows)
        self.next_id += 1
        return record

    def close(self) -> None:
        for handle, _ in self.files.values():
            handle.close()


class DiffCsvWriter:
    """batch-diff summaries: one row per lower plan, failures with the `error` column set."""

    def __init__(self, path: str) -> None:
        self.handle, self.writer = _open_table(path, DIFF_COLUMNS, append=False)

    def known(self, sha256: str) -> bool:
        return False

    def add(self, record: Record) -> Record:
        row = diff_error_row(record) if is_error(record) else record["diff"]
        self.writer.writerow([row.get(c) for c in DIFF_COLUMNS])
        return record

    def close(self) -> None:
        self.handle.close()
