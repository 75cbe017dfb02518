"""`make bench`: speed and memory figures, printed (never asserted in tests).

Runs the core figures here and every `bench/bench_*.py` module's `run()`, each of which returns
(label, value) pairs.
"""

from __future__ import annotations

import importlib.util
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from timing import best_ms

ROOT = Path(__file__).resolve().parent.parent
COUNTY = ROOT / "corpus" / "zezhou-county-2023.txt"
CITY = ROOT / "corpus" / "linfen-city-draft.txt"


def _command_s(args: list[str], repeat: int = 3) -> float:
    exe = str(Path(sys.executable).parent / "planparse")
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run([exe, *args], check=False, capture_output=True, cwd=ROOT)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def core() -> list[tuple[str, float]]:
    from planparse.compare.diff import diff_plans
    from planparse.parse.pipeline import parse_path

    parse_path(COUNTY)  # warm imports
    county, city = parse_path(COUNTY), parse_path(CITY)
    diff_plans(county, city)  # warm jieba's dictionary cache
    fixtures = ROOT / "tests" / "data"
    per_format = [
        (
            f"parse {path.suffix[1:]} fixture in-process (ms, best of 7)",
            best_ms(lambda p=path: parse_path(p)),
        )
        for path in sorted(fixtures.glob("seed-plan.*"))
        if path.suffix in (".html", ".docx", ".pdf")
    ]
    return [
        *per_format,
        ("parse county seed in-process (ms, best of 7)", best_ms(lambda: parse_path(COUNTY))),
        ("parse city seed in-process (ms, best of 7)", best_ms(lambda: parse_path(CITY))),
        (
            "diff of parsed seeds in-process (ms, best of 7)",
            best_ms(lambda: diff_plans(county, city)),
        ),
        ("`planparse --help` start-up (s, median of 3)", _command_s(["--help"])),
        (
            "`planparse parse COUNTY -f json` end to end (s)",
            _command_s(["parse", str(COUNTY), "-f", "json"]),
        ),
        (
            "`planparse diff COUNTY CITY` end to end (s)",
            _command_s(["diff", str(COUNTY), str(CITY)]),
        ),
        (
            "`planparse diff COUNTY CITY -f json` end to end (s)",
            _command_s(["diff", str(COUNTY), str(CITY), "-f", "json"]),
        ),
        (
            "`planparse check COUNTY --against CITY` end to end (s)",
            _command_s(["check", str(COUNTY), "--against", str(CITY)]),
        ),
    ]


def _modules() -> list[tuple[str, Callable[[], list[tuple[str, float]]]]]:
    found = []
    for path in sorted(Path(__file__).parent.glob("bench_*.py")):
        spec = importlib.util.spec_from_file_location(path.stem, path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        if hasattr(module, "run"):
            found.append((path.stem, module.run))
    return found


def _corpus_accuracy() -> list[tuple[str, float]]:
    """Parse accuracy on corpus/public/ (bench/corpus_accuracy.py; writes corpus/README.md)."""
    spec = importlib.util.spec_from_file_location(
        "corpus_accuracy", Path(__file__).parent / "corpus_accuracy.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.run()


def _corpus_checks() -> list[tuple[str, float]]:
    """Self-check findings and tasks/brackets on the corpus (bench/corpus_checks.py; writes
    corpus/README.md)."""
    spec = importlib.util.spec_from_file_location(
        "corpus_checks", Path(__file__).parent / "corpus_checks.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.run()


def main() -> int:
    sections = [
        ("core", core),
        *_modules(),
        ("corpus_accuracy", _corpus_accuracy),
        ("corpus_checks", _corpus_checks),
    ]
    for name, run in sections:
        print(f"== {name}")
        try:
            for label, value in run():
                print(f"  {label:60} {value:10.3f}")
        except Exception as exc:  # a broken benchmark must not hide the others
            print(f"  FAILED: {type(exc).__name__}: {exc}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
