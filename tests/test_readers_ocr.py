"""Scanned PDFs through the OCR extra (RapidOCR on ONNX Runtime, part of the dev extra).

Fixture: tests/data/make_scanned_fixture.py renders tests/data/seed-plan.pdf to page images
and saves them as an image-only PDF (no text layer at all).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from planparse.model import PlanParseError
from planparse.readers import read_path

DATA = Path(__file__).resolve().parent / "data"
SCANNED = DATA / "formats" / "seed-plan-scanned.pdf"


@pytest.fixture(scope="module")
def plans() -> dict[str, Any]:
    from planparse.parse.pipeline import parse_path

    return {"scan": parse_path(SCANNED), "text": parse_path(DATA / "seed-plan.pdf")}


def _share(got: list[Any], want: list[Any]) -> float:
    return sum(1 for x in want if x in got) / len(want)


def test_scanned_plan_gives_its_headings_and_brackets(plans: dict[str, Any]) -> None:
    scan, text = plans["scan"], plans["text"]
    headings = [(h.level, h.title) for h in text.headings]
    brackets = [
        (t.responsibility.lead, t.responsibility.participating)
        for t in text.tasks
        if t.responsibility
    ]
    assert len(headings) == 6 and len(brackets) == 2
    assert _share([(h.level, h.title) for h in scan.headings], headings) >= 0.95
    got = [
        (t.responsibility.lead, t.responsibility.participating)
        for t in scan.tasks
        if t.responsibility
    ]
    assert _share(got, brackets) >= 0.95


def test_scanned_plan_keeps_columns_and_indicators(plans: dict[str, Any]) -> None:
    scan, text = plans["scan"], plans["text"]
    assert [(c.number, c.title, len(c.items)) for c in scan.columns] == [
        (c.number, c.title, len(c.items)) for c in text.columns
    ]
    assert [(i.number, i.name, i.target.raw) for i in scan.indicators] == [
        (i.number, i.name, i.target.raw) for i in text.indicators
    ]


def test_ocr_is_reported_with_its_mean_confidence(plans: dict[str, Any]) -> None:
    notes = [w for w in plans["scan"].warnings if w.code == "ocr-text"]
    assert len(notes) == 1
    match = re.search(r"pages 1,2 read by OCR .*mean confidence (\d\.\d\d)", notes[0].message)
    assert match and float(match.group(1)) >= 0.9


def test_ocr_lines_keep_page_starts() -> None:
    src = read_path(SCANNED)
    starts = re.match(r"pdf pages=2 page_starts=1,(\d+)", src.notes[0])
    assert starts and src.lines[int(starts.group(1)) - 1] == "二、实施机制"
    assert src.boxed is None  # no drawing to judge boxes by: clean uses widths


def test_without_the_extra_the_message_says_how_to_get_it(monkeypatch: pytest.MonkeyPatch) -> None:
    from planparse.readers import pdf

    monkeypatch.setattr(pdf, "ocr_available", lambda: False)
    with pytest.raises(PlanParseError, match=r"planparse\[ocr\]"):
        read_path(SCANNED)
    with pytest.raises(PlanParseError, match=r"--ocr needs the OCR extra"):
        read_path(DATA / "seed-plan.pdf", ocr=True)
