"""Tasks and brackets over the whole public corpus, against the hand-read expected values.

corpus/public/expected.toml gives ``task_count`` for complete documents and lists the first
``brackets`` (lead and participating units as printed) wherever they are wholly visible.
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from planparse.parse.pipeline import parse_path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

PUBLIC = Path(__file__).resolve().parent.parent / "corpus" / "public"


@cache
def expected() -> dict[str, Any]:
    with (PUBLIC / "expected.toml").open("rb") as handle:
        docs: dict[str, Any] = tomllib.load(handle)["docs"]
    return docs


WITH_TASKS = sorted(name for name, doc in expected().items() if "task_count" in doc)
WITH_BRACKETS = sorted(name for name, doc in expected().items() if doc.get("brackets"))


def test_the_corpus_has_complete_documents_with_tasks_and_brackets() -> None:
    assert len(WITH_TASKS) >= 5 and len(WITH_BRACKETS) >= 5


@pytest.mark.parametrize("name", WITH_TASKS)
def test_task_count(name: str) -> None:
    plan = parse_path(PUBLIC / name)
    assert len(plan.tasks) == expected()[name]["task_count"], [t.heading for t in plan.tasks]


@pytest.mark.parametrize("name", WITH_BRACKETS)
def test_listed_brackets(name: str) -> None:
    listed = [(b.get("lead", []), b.get("participating", [])) for b in expected()[name]["brackets"]]
    plan = parse_path(PUBLIC / name)
    got = [
        (t.responsibility.lead, t.responsibility.participating + t.responsibility.responsible)
        for t in plan.tasks
        if t.responsibility is not None
    ]
    assert got[: len(listed)] == listed
