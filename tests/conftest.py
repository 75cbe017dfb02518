"""Shared fixtures: the two seed documents of corpus/, parsed once per test session."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

# The tests read English messages unless they choose a language themselves: a developer's
# Chinese locale must not change what they see (subprocesses inherit this too).
os.environ["PLANPARSE_LANG"] = "en"

import pytest

from planparse.model import Plan
from planparse.parse.pipeline import parse_text

ROOT = Path(__file__).resolve().parent.parent
CORPUS_DIR = ROOT / "corpus"
COUNTY_FILE = "zezhou-county-2023.txt"  # 泽州县, text extracted from a PDF (wrapped lines)
CITY_FILE = "linfen-city-draft.txt"  # 临汾市 draft, text exported from .docx (one paragraph a line)


def ci() -> bool:
    """Running under CI (``CI=true``), where every test must run."""
    return os.environ.get("CI", "").strip().lower() in ("true", "1", "yes")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    """Under CI a skipped test is a failure: a missing browser, Dask or LibreOffice means the
    machine was not set up, not that the test may be left out. Elsewhere the skip stands and
    ``-rs`` prints its reason."""
    outcome = yield
    report = outcome.get_result()  # type: ignore[attr-defined]
    if report.skipped and ci() and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.outcome = "failed"
        report.longrepr = f"CI=true runs every test, but this one was skipped: {reason}"


def read_corpus(name: str) -> str:
    """A corpus file as ``open(f, encoding='utf-8').read()`` returns it."""
    with (CORPUS_DIR / name).open(encoding="utf-8") as handle:
        return handle.read()


def parse_corpus(name: str) -> Plan:
    path = CORPUS_DIR / name
    return parse_text(read_corpus(name), str(path))


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return CORPUS_DIR


@pytest.fixture(scope="session")
def county_plan() -> Plan:
    return parse_corpus(COUNTY_FILE)


@pytest.fixture(scope="session")
def city_plan() -> Plan:
    return parse_corpus(CITY_FILE)


@pytest.fixture(scope="session")
def county_doc(county_plan: Plan) -> dict[str, Any]:
    """The JSON document (``Plan.to_dict()``) of the county plan."""
    return county_plan.to_dict()


@pytest.fixture(scope="session")
def city_doc(city_plan: Plan) -> dict[str, Any]:
    """The JSON document (``Plan.to_dict()``) of the city plan."""
    return city_plan.to_dict()


@pytest.fixture(scope="session")
def county_lines() -> list[str]:
    """The county file's original lines; ``county_lines[n - 1]`` is line n."""
    return read_corpus(COUNTY_FILE).split("\n")


@pytest.fixture(scope="session")
def city_lines() -> list[str]:
    """The city file's original lines; ``city_lines[n - 1]`` is line n."""
    return read_corpus(CITY_FILE).split("\n")


def run_probe(probe: str, cache: Path, *args: str) -> Any:
    """Run ``probe`` (Python source) in a fresh interpreter with its own planparse cache
    folder, and read the JSON it prints: for what hooks a whole process (the start-up caches)."""
    import json
    import subprocess
    import sys

    env = {**os.environ, "PLANPARSE_CACHE": str(cache)}
    done = subprocess.run(
        [sys.executable, "-c", probe, *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=True,
    )
    return json.loads(done.stdout)
