"""Legacy office files (.doc, .wps, .rtf, .odt) read through LibreOffice.

Fixtures: tests/data/make_office_fixtures.py converts the two sample plans' .docx with
LibreOffice; each must parse to the same headings, 专栏, indicators, tasks and
responsibility brackets as the .docx / text version.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from planparse.model import PlanParseError
from planparse.readers import read_bytes, read_path, sniff

DATA = Path(__file__).resolve().parent / "data"
FORMATS = DATA / "formats"
CITY = Path(__file__).resolve().parent.parent / "corpus" / "linfen-city-draft.txt"
needs_soffice = pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"
)


def summary(path: Path) -> dict[str, Any]:
    from planparse.parse.pipeline import parse_source

    plan = parse_source(read_path(path))
    return {
        "headings": [(h.level, h.title) for h in plan.headings],
        "columns": [(c.number, c.title, [i.text for i in c.items]) for c in plan.columns],
        "indicators": [
            (i.number, i.category, i.name, i.target.raw, i.unit, i.attribute)
            for i in plan.indicators
        ],
        "tasks": [
            (t.heading, t.text, t.responsibility and t.responsibility.lead) for t in plan.tasks
        ],
        "brackets": [
            (t.responsibility.lead, t.responsibility.participating, t.responsibility.responsible)
            for t in plan.tasks
            if t.responsibility
        ],
    }


@pytest.fixture(scope="module")
def references() -> dict[str, dict[str, Any]]:
    return {"linfen-city": summary(CITY), "seed-plan": summary(DATA / "seed-plan.docx")}


@needs_soffice
@pytest.mark.parametrize("ext", ["doc", "wps", "rtf", "odt"])
@pytest.mark.parametrize("plan", ["linfen-city", "seed-plan"])
def test_office_formats_parse_like_the_text(
    plan: str, ext: str, references: dict[str, dict[str, Any]]
) -> None:
    got = summary(FORMATS / f"{plan}.{ext}")
    ref = references[plan]
    assert ref["indicators"] and ref["columns"] and ref["tasks"] and ref["brackets"]
    assert got == ref


@needs_soffice
def test_converted_file_keeps_format_note_and_source_map() -> None:
    src = read_path(FORMATS / "seed-plan.doc")
    assert src.format == "doc"
    assert src.notes[0].startswith("converted from doc to .docx by LibreOffice")
    assert src.origins == sorted(src.origins) and src.origins[0] >= 1
    assert any(src.boxed or [])  # tables still marked as boxed lines


def test_kinds_are_told_by_content() -> None:
    assert sniff((FORMATS / "seed-plan.doc").read_bytes(), "a.doc") == "doc"
    assert sniff((FORMATS / "seed-plan.wps").read_bytes(), "a.wps") == "wps"
    assert sniff((FORMATS / "seed-plan.rtf").read_bytes(), "a.rtf") == "rtf"
    assert sniff((FORMATS / "seed-plan.odt").read_bytes(), "a.odt") == "odt"
    assert sniff((FORMATS / "seed-plan.odt").read_bytes(), "a.docx") == "odt"
    assert sniff((DATA / "seed-plan.docx").read_bytes(), "a.docx") == "docx"


@needs_soffice
def test_rtf_named_doc_is_read_as_rtf_with_a_note() -> None:
    src = read_bytes((FORMATS / "seed-plan.rtf").read_bytes(), "plan.doc")
    assert src.format == "rtf"
    assert src.notes[0] == "named .doc but the content is rtf; read as rtf"


@pytest.mark.parametrize("ext", ["doc", "wps", "rtf", "odt"])
def test_without_libreoffice_the_error_says_what_to_do(
    ext: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no soffice, no libreoffice
    with pytest.raises(PlanParseError) as err:
        read_path(FORMATS / f"seed-plan.{ext}")
    assert "LibreOffice" in err.value.message and "not installed" in err.value.message
    assert f"--convert-to docx {FORMATS / f'seed-plan.{ext}'}" in err.value.message


@needs_soffice
def test_a_file_libreoffice_cannot_open_is_a_clear_error() -> None:
    # An RTF header followed by garbage: LibreOffice produces nothing.
    with pytest.raises(PlanParseError) as err:
        read_bytes(b"{\\rtf1 " + bytes(range(256)) * 50, "broken.rtf")
    assert "could not convert" in err.value.message or "corrupt" in err.value.message


def test_conversion_time_limit_kills_the_converter(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from planparse.readers import limits

    fake = tmp_path / "soffice"
    fake.write_text("#!/bin/sh\nsleep 30\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{tmp_path}:/usr/bin:/bin")
    monkeypatch.setattr(limits, "CONVERT_TIME_LIMIT", 0.5)
    with pytest.raises(PlanParseError) as err:
        read_path(FORMATS / "seed-plan.odt")
    assert "time limit" in err.value.message
