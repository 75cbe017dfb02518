"""Tasks, brackets and collectives on synthetic plans that are not about one city: places in
eight provinces, province/city/county level, six topics, five layouts (docx export, PDF text,
web page with a metadata block, half-width punctuation, 第一章 chapters) and five bracket
styles. The expected values come from the generator's inputs (tests/plans.py), never from
planparse."""

from __future__ import annotations

import pytest

from planparse.compare.check import run_check
from planparse.parse.pipeline import parse_text
from plans import Variant, variant_plan, variants

VARIANTS = variants()


@pytest.mark.parametrize("variant", VARIANTS, ids=[v.id for v in VARIANTS])
def test_tasks_and_brackets(variant: Variant) -> None:
    text, seen = variant_plan(variant)
    plan = parse_text(text)
    got = [
        (
            t.heading,
            t.responsibility.lead if t.responsibility else None,
            t.responsibility.participating if t.responsibility else None,
            t.responsibility.responsible if t.responsibility else None,
        )
        for t in plan.tasks
    ]
    assert got == [(s.heading, s.lead, s.participating, s.responsible) for s in seen]


@pytest.mark.parametrize("variant", VARIANTS, ids=[v.id for v in VARIANTS])
def test_units_resolve_and_collectives_stay_whole(variant: Variant) -> None:
    text, _ = variant_plan(variant)
    plan = parse_text(text)
    units = [u for t in plan.tasks if t.responsibility for u in t.responsibility.units]
    assert [u.name for u in units if u.match == "unknown"] == []
    collectives = [u for u in units if u.name.startswith("各")]
    assert len(collectives) == 2  # the last task of each of the two sections names one
    assert all(u.match == "collective" for u in collectives)
    level = {"province": "province", "city": "city", "county": "county"}[variant.level]
    departments = [u for u in units if u.match != "collective"]
    assert {u.level for u in departments} == {level} or variant.level == "county"


@pytest.mark.parametrize("variant", VARIANTS, ids=[v.id for v in VARIANTS])
def test_a_clean_plan_has_no_self_check_findings(variant: Variant) -> None:
    """Every variant is consistently written, whatever its house style: nothing to report."""
    text, _ = variant_plan(variant)
    findings = run_check(parse_text(text)).findings
    assert [(f.rule, f.lines, f.message) for f in findings] == []


def test_pdf_layout_paragraphs_are_joined_from_their_lines() -> None:
    for variant in (v for v in VARIANTS if v.layout == "pdf"):
        text, seen = variant_plan(variant)
        plan = parse_text(text)
        assert len(plan.tasks) == len(seen)
        assert all(t.lines[1] > t.lines[0] for t in plan.tasks), variant.id


def test_variants_cover_every_place_level_topic_layout_and_bracket_style() -> None:
    from plans import BRACKETS, LAYOUTS, LEVELS, PLACES, TOPICS

    assert {v.place for v in VARIANTS} == set(range(len(PLACES)))
    assert {v.level for v in VARIANTS} == set(LEVELS)
    assert {v.topic for v in VARIANTS} == set(TOPICS)
    assert {(v.layout, v.bracket) for v in VARIANTS} == {(a, b) for a in LAYOUTS for b in BRACKETS}
