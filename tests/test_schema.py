"""schemas/plan.schema.json describes exactly what Plan.to_dict() produces."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from jsonschema import Draft202012Validator, FormatChecker

from planparse.model import SCHEMA_VERSION
from planparse.parse.pipeline import parse_text
from planparse.resources import schema_path

Doc = dict[str, Any]


@pytest.fixture(scope="module")
def schema() -> Doc:
    with schema_path("plan.schema.json").open(encoding="utf-8") as handle:
        loaded: Doc = json.load(handle)
    return loaded


@pytest.fixture(scope="module")
def validator(schema: Doc) -> Draft202012Validator:
    return Draft202012Validator(schema, format_checker=FormatChecker())


def errors(validator: Draft202012Validator, doc: Doc) -> list[str]:
    return [
        f"{'/'.join(str(p) for p in e.absolute_path)}: {e.message}"
        for e in validator.iter_errors(doc)
    ]


def spans(value: Any, where: str = "") -> Iterator[tuple[str, Any]]:
    """Every value stored under a `lines` or `segments`/`cover_letter`/`footer` key."""
    if isinstance(value, dict):
        for key, item in value.items():
            path = f"{where}/{key}"
            if key in ("lines", "cover_letter", "footer") and item is not None:
                yield path, item
            elif key == "segments":
                for k, seg in enumerate(item):
                    yield f"{path}/{k}", seg
            else:
                yield from spans(item, path)
    elif isinstance(value, list):
        for k, item in enumerate(value):
            yield from spans(item, f"{where}/{k}")


def test_schema_is_valid_draft_2020_12(schema: Doc) -> None:
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


def test_schema_requires_the_contract_keys(schema: Doc) -> None:
    required = set(schema["required"])
    assert {
        "meta",
        "headings",
        "tasks",
        "columns",
        "indicators",
        "dropped",
        "warnings",
        "elements",
        "schema_version",
    } <= required
    defs = schema["$defs"]
    assert {
        "title",
        "issuer",
        "doc_number",
        "date",
        "draft",
        "basis",
        "cited",
        "encoding",
    } <= set(defs["meta"]["required"])
    assert {"level", "marker", "title", "lines"} <= set(defs["heading"]["required"])
    assert {"id", "heading", "text", "path", "lines", "responsibility"} <= set(
        defs["task"]["required"]
    )
    assert {"lead", "participating", "responsible", "raw", "units"} <= set(
        defs["responsibility"]["required"]
    )
    assert {"name", "role", "id", "level", "place", "match", "score"} <= set(
        defs["unitRef"]["required"]
    )
    assert {"number", "title", "kind", "lines", "items"} <= set(defs["column"]["required"])
    assert {"number", "title", "text", "lines"} <= set(defs["columnItem"]["required"])
    assert {"number", "category", "name", "unit", "target", "attribute", "lines"} <= set(
        defs["indicator"]["required"]
    )
    assert {"raw", "op", "value", "unit"} <= set(defs["target"]["required"])
    assert {"text", "reason", "lines"} <= set(defs["dropped"]["required"])
    assert {"code", "message", "lines"} <= set(defs["warning"]["required"])
    for name in (
        "meta",
        "heading",
        "task",
        "responsibility",
        "unitRef",
        "column",
        "columnItem",
        "indicator",
        "target",
        "dropped",
        "warning",
        "element",
    ):
        assert defs[name]["additionalProperties"] is False, name
    assert schema["additionalProperties"] is False


def test_schema_version_matches_the_model(schema: Doc) -> None:
    assert schema["properties"]["schema_version"]["const"] == SCHEMA_VERSION


@pytest.mark.parametrize("which", ["county_doc", "city_doc"])
def test_corpus_document_validates(
    which: str, request: pytest.FixtureRequest, validator: Draft202012Validator
) -> None:
    doc: Doc = request.getfixturevalue(which)
    assert errors(validator, doc) == []


@pytest.mark.parametrize("which", ["county_doc", "city_doc"])
def test_corpus_document_is_json(which: str, request: pytest.FixtureRequest) -> None:
    """The document survives a JSON round trip unchanged (no tuples, sets or objects)."""
    doc: Doc = request.getfixturevalue(which)
    assert json.loads(json.dumps(doc, ensure_ascii=False)) == doc


@pytest.mark.parametrize("which", ["county_doc", "city_doc"])
def test_every_line_span_is_ordered(which: str, request: pytest.FixtureRequest) -> None:
    """JSON Schema cannot say first <= last; every span in the document must satisfy it."""
    doc: Doc = request.getfixturevalue(which)
    found = list(spans(doc))
    assert len(found) > 100
    bad = [(path, span) for path, span in found if not (1 <= span[0] <= span[1])]
    assert bad == []


@pytest.mark.parametrize(
    "text",
    [
        "",
        "\n\n\n",
        "hello world\nthis is not a plan",
        "一、总体要求\n（一）指导思想\n坚持以人民为中心。",
        "\t类别\n\t指标\n\n\t收入\n\t1.残疾人人均收入\n\t100\n\t预期性\n",
    ],
    ids=["empty", "blank", "latin", "headings", "table"],
)
def test_small_inputs_validate(text: str, validator: Draft202012Validator) -> None:
    assert errors(validator, parse_text(text, "small.txt").to_dict()) == []


def _drop_meta_title(doc: Doc) -> None:
    del doc["meta"]["title"]


def _extra_task_field(doc: Doc) -> None:
    doc["tasks"][0]["priority"] = "high"


def _three_item_lines(doc: Doc) -> None:
    doc["tasks"][0]["lines"] = [1, 2, 3]


def _zero_line(doc: Doc) -> None:
    doc["headings"][0]["lines"] = [0, 4]


def _string_line(doc: Doc) -> None:
    doc["dropped"][0]["lines"] = ["3", "3"]


def _bad_op(doc: Doc) -> None:
    doc["indicators"][0]["target"]["op"] = "≥"


def _bad_column_kind(doc: Doc) -> None:
    doc["columns"][1]["kind"] = "table"


def _bad_role(doc: Doc) -> None:
    units = next(t for t in doc["tasks"] if t["responsibility"])["responsibility"]["units"]
    units[0]["role"] = "owner"


def _lead_not_list(doc: Doc) -> None:
    resp = next(t for t in doc["tasks"] if t["responsibility"])["responsibility"]
    resp["lead"] = "县残联"


def _missing_top_key(doc: Doc) -> None:
    del doc["warnings"]


def _unknown_top_key(doc: Doc) -> None:
    doc["extra"] = []


def _bad_date(doc: Doc) -> None:
    doc["meta"]["date"] = "2023年8月8日"


def _draft_as_string(doc: Doc) -> None:
    doc["meta"]["draft"] = "false"


def _bad_version(doc: Doc) -> None:
    doc["schema_version"] = "0.9"


def _bad_attribute(doc: Doc) -> None:
    doc["indicators"][0]["attribute"] = "重要性"


def _warning_without_lines_key(doc: Doc) -> None:
    doc["warnings"].append({"code": "x", "message": "m"})


MUTATIONS: dict[str, Callable[[Doc], None]] = {
    "meta-title-missing": _drop_meta_title,
    "task-extra-field": _extra_task_field,
    "lines-three-items": _three_item_lines,
    "lines-zero": _zero_line,
    "lines-strings": _string_line,
    "target-op-unknown": _bad_op,
    "column-kind-unknown": _bad_column_kind,
    "unit-role-unknown": _bad_role,
    "lead-not-a-list": _lead_not_list,
    "top-key-missing": _missing_top_key,
    "top-key-unknown": _unknown_top_key,
    "meta-date-not-iso": _bad_date,
    "meta-draft-string": _draft_as_string,
    "schema-version": _bad_version,
    "indicator-attribute": _bad_attribute,
    "warning-lines-missing": _warning_without_lines_key,
}


@pytest.fixture(scope="module")
def sample_doc(county_doc: Doc) -> Doc:
    """The county document cut to a few entries per list (validating it is quick)."""
    doc = copy.deepcopy(county_doc)
    for key in ("headings", "tasks", "columns", "indicators", "elements", "dropped"):
        doc[key] = doc[key][:3]
    doc["columns"][1]["items"] = doc["columns"][1]["items"][:2]
    return doc


def test_sample_document_validates(sample_doc: Doc, validator: Draft202012Validator) -> None:
    assert sample_doc["tasks"][0]["responsibility"]["units"]
    assert sample_doc["columns"][1]["kind"] == "projects"
    assert errors(validator, sample_doc) == []


@pytest.mark.parametrize("name", sorted(MUTATIONS))
def test_mutated_document_fails(
    name: str, sample_doc: Doc, validator: Draft202012Validator
) -> None:
    doc = copy.deepcopy(sample_doc)
    MUTATIONS[name](doc)
    assert errors(validator, doc), f"mutation {name!r} was accepted"
