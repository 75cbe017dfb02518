"""Throughput and memory of `planparse batch` on a synthetic corpus (see make_corpus.py).

Each measurement runs in a fresh interpreter, so that its peak RSS (resource.getrusage:
the driver, and the largest of its worker processes) is its own. Memory is measured at two
corpus sizes to show it stays flat in the number of documents. CPU per document is split
into the parent (collecting results, writing the output) and the workers (reading, parsing,
encoding), against the same per-document work done in one process.

With the default N (1,000 documents) the figures are also written into README.md, between
<!-- batch-bench:start --> and <!-- batch-bench:end -->.

    python bench/bench_batch.py [N]
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_corpus import make_corpus
from readme_section import replace_section

JOBS = 2
N = 1000
README = Path(__file__).resolve().parent.parent / "README.md"
START, END = "<!-- batch-bench:start -->", "<!-- batch-bench:end -->"

_DRIVER = """
import json, resource, sys, time
from planparse import batch as lib

corpus, out, kind, jobs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
paths = lib.find_inputs([corpus])
started = time.perf_counter()
writer = lib.open_writer(kind, out)
try:
    stats = lib.run_batch(paths, writer, jobs=jobs, work=lib.work_for(kind))
finally:
    writer.close()
wall = time.perf_counter() - started
me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({
    "files": stats.total, "documents": stats.documents, "errors": stats.errors, "wall": wall,
    "parent_cpu": me.ru_utime + me.ru_stime, "worker_cpu": kids.ru_utime + kids.ru_stime,
    "parent_mb": me.ru_maxrss / 1024, "worker_mb": kids.ru_maxrss / 1024,
}))
"""


def measure(corpus: Path, out: Path, kind: str, jobs: int = JOBS) -> dict[str, float]:
    args = [sys.executable, "-c", _DRIVER, str(corpus), str(out), kind, str(jobs)]
    done = subprocess.run(args, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def in_process_ms(corpus: Path, kind: str = "sqlite", sample: int = 100) -> float:
    """CPU ms per file of the worker's own work (parse_one + encode) run in this process: the
    floor a worker's per-document cost is compared with. Best of two passes over the first
    `sample` files (spread over the corpus' plans, one in ten in GB18030)."""
    import time

    from planparse import batch as lib

    paths = lib.find_inputs([str(corpus)])[:sample]
    lib.encode(lib.parse_one(paths[0]), kind)  # imports and caches
    best = float("inf")
    for _ in range(2):
        start = time.process_time()
        for path in paths:
            lib.encode(lib.parse_one(path), kind)
        best = min(best, time.process_time() - start)
    return 1000 * best / len(paths)


def _cpu_ms(result: dict[str, float], which: str = "") -> float:
    spent = result[which] if which else result["parent_cpu"] + result["worker_cpu"]
    return 1000 * spent / result["files"]


def run(n: int = N) -> list[tuple[str, float]]:
    work = Path(tempfile.mkdtemp(prefix="planparse-bench-batch-"))
    try:
        big = make_corpus(n, work / "big")
        small = make_corpus(max(n // 4, 1), work / "small", seed=1)
        sqlite = measure(big, work / "out.sqlite", "sqlite")
        jsonl = measure(big, work / "out.jsonl", "jsonl")
        few = measure(small, work / "few.sqlite", "sqlite")
        floor = in_process_ms(big)
        floor_jsonl = in_process_ms(big, "jsonl")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    files = sqlite["files"]
    figures = [
        (f"batch {files:.0f} files -> SQLite, --jobs {JOBS} (docs/s)", files / sqlite["wall"]),
        (f"batch {files:.0f} files -> JSONL, --jobs {JOBS} (docs/s)", files / jsonl["wall"]),
        ("batch -> SQLite, CPU per document, parent + workers (ms)", _cpu_ms(sqlite)),
        ("batch -> SQLite, CPU per document, parent only (ms)", _cpu_ms(sqlite, "parent_cpu")),
        ("batch -> JSONL, CPU per document, parent + workers (ms)", _cpu_ms(jsonl)),
        ("batch -> JSONL, CPU per document, parent only (ms)", _cpu_ms(jsonl, "parent_cpu")),
        ("the same work in one process, SQLite rows, per document (CPU ms)", floor),
        ("the same work in one process, JSONL line, per document (CPU ms)", floor_jsonl),
        (f"batch peak RSS, parent, {few['files']:.0f} files (MB)", few["parent_mb"]),
        (f"batch peak RSS, parent, {files:.0f} files (MB)", sqlite["parent_mb"]),
        (f"batch peak RSS, one worker, {files:.0f} files (MB)", sqlite["worker_mb"]),
        (
            f"batch peak RSS, parent + {JOBS} workers, {files:.0f} files (MB)",
            sqlite["parent_mb"] + JOBS * sqlite["worker_mb"],
        ),
    ]
    if n == N:
        record(figures)
    return figures


def record(figures: list[tuple[str, float]]) -> None:
    """The latest figures as a table in README.md (its speed section)."""
    lines = [
        f"`bench/bench_batch.py`, {N:,} synthetic plans (make_corpus.py: the two seed plans "
        f"perturbed, about 46 KB each), `--jobs {JOBS}`, on the machine of the last `make bench`:",
        "",
        "| figure | value |",
        "|---|---:|",
        *(f"| {label} | {value:.1f} |" for label, value in figures),
    ]
    replace_section(README, START, END, "\n".join(lines), "Batch throughput")


if __name__ == "__main__":
    for label, value in run(int(sys.argv[1]) if len(sys.argv) > 1 else 1000):
        print(f"{label}: {value:.1f}")
