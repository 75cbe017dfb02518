"""Indented JSON through orjson is the text the standard library writes for plans and diffs."""

from __future__ import annotations

import json

import pytest

from conftest import CORPUS_DIR, COUNTY_FILE
from planparse.compare.diff import diff_plans
from planparse.parse.pipeline import load_plan
from planparse.render.jsonout import to_json

PUBLIC = sorted((CORPUS_DIR / "public").glob("*.txt"))[::6] + sorted(
    (CORPUS_DIR / "public").glob("*.html")
)


def _standard(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


@pytest.mark.parametrize("path", [CORPUS_DIR / COUNTY_FILE, *PUBLIC], ids=lambda p: p.name)
def test_plan_json_is_the_standard_text(path) -> None:
    data = load_plan(str(path)).to_dict()
    assert to_json(data) == _standard(data)


def test_diff_json_is_the_standard_text() -> None:
    county = load_plan(str(CORPUS_DIR / COUNTY_FILE))
    city = load_plan(str(CORPUS_DIR / "linfen-city-draft.txt"))
    data = diff_plans(county, city).to_dict()
    assert to_json(data) == _standard(data)


def test_what_orjson_refuses_is_written_by_the_standard_encoder() -> None:
    huge = {"count": 10**20, "name": "泽州县"}
    assert to_json(huge) == _standard(huge)
    keyed = {1: "一", "二": [2.5, None, True]}
    assert to_json(keyed) == _standard(keyed)
    assert json.loads(to_json(keyed)) == {"1": "一", "二": [2.5, None, True]}


def test_compact_output_keeps_the_standard_separators() -> None:
    data = {"a": [1, 2], "b": "县"}
    assert to_json(data, indent=None) == '{"a": [1, 2], "b": "县"}'


@pytest.mark.parametrize("path", [CORPUS_DIR / COUNTY_FILE, *PUBLIC], ids=lambda p: p.name)
def test_dataclasses_written_directly_as_plain_makes_them(path) -> None:
    plan = load_plan(str(path))
    assert to_json(plan.json_fields()) == _standard(plan.to_dict())


def test_dataclasses_in_what_orjson_refuses_are_made_plain_first() -> None:
    plan = load_plan(str(CORPUS_DIR / COUNTY_FILE))
    data = {**plan.json_fields(), "huge": 10**20}
    assert json.loads(to_json(data))["meta"] == plan.to_dict()["meta"]
