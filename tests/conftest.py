"""Shared fixtures: the two seed documents of corpus/, parsed once per test session."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from planparse.model import Plan
from planparse.parse.pipeline import parse_text

ROOT = Path(__file__).resolve().parent.parent
CORPUS_DIR = ROOT / "corpus"
COUNTY_FILE = "zezhou-county-2023.txt"  # 泽州县, text extracted from a PDF (wrapped lines)
CITY_FILE = "linfen-city-draft.txt"  # 临汾市 draft, text exported from .docx (one paragraph a line)


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
