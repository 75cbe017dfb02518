"""The county sample plan in every format it may arrive in (tests/data/make_county_fixtures.py):
.docx rebuilt with real Word tables, and LibreOffice's .doc, .wps, .rtf, .odt, .pdf, plus the
OFD laid out from that PDF. Each parses like the text the county published."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from planparse.readers import read_path

ROOT = Path(__file__).resolve().parent.parent
FORMATS = ROOT / "tests" / "data" / "formats"
COUNTY = ROOT / "corpus" / "zezhou-county-2023.txt"


def summary(path: Path) -> dict[str, Any]:
    from planparse.parse.pipeline import parse_source

    plan = parse_source(read_path(path))
    return {
        "headings": [(h.level, h.title) for h in plan.headings],
        "columns": [(c.number, c.title, len(c.items)) for c in plan.columns],
        "indicators": [
            (i.number, i.category, i.name, i.target.raw, i.unit, i.attribute)
            for i in plan.indicators
        ],
        "tasks": [(t.heading, t.text) for t in plan.tasks],
        "brackets": [
            (t.responsibility.lead, t.responsibility.participating)
            for t in plan.tasks
            if t.responsibility
        ],
    }


@pytest.fixture(scope="module")
def reference() -> dict[str, Any]:
    ref = summary(COUNTY)
    assert len(ref["indicators"]) == 12 and len(ref["columns"]) == 9 and ref["brackets"]
    return ref


@pytest.mark.parametrize("ext", ["docx", "doc", "wps", "rtf", "odt"])
def test_county_office_versions_parse_like_its_text(ext: str, reference: dict[str, Any]) -> None:
    assert summary(FORMATS / f"zezhou-county.{ext}") == reference


@pytest.mark.parametrize("ext", ["pdf", "ofd"])
def test_county_fixed_layout_versions_parse_like_its_text(
    ext: str, reference: dict[str, Any]
) -> None:
    """Unnumbered task paragraphs (加强基础设施建设。…) whose previous paragraph fills its last
    line are told apart only by their first-line indent, which the readers pass on."""
    assert summary(FORMATS / f"zezhou-county.{ext}") == reference
