"""bench/compare_outputs.py: the per-document verdict that "behaviour unchanged" rests on."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench" / "compare_outputs.py"


def _module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("compare_outputs", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_corpus_and_fixture_format_is_compared() -> None:
    docs = _module().documents([])
    names = {p.name for p in docs}
    assert {"zezhou-county-2023.txt", "linfen-city-draft.txt", "seed-plan.docx"} <= names
    assert {p.suffix for p in docs} >= {".txt", ".docx", ".html", ".pdf"}


def test_one_changed_output_makes_its_document_different(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    compare_outputs = _module()
    docs = [compare_outputs.ROOT / "a.txt", compare_outputs.ROOT / "b.txt"]
    for side in ("a", "b"):
        for number in ("000", "001"):
            folder = tmp_path / side / number
            folder.mkdir(parents=True)
            (folder / "parse.json").write_text('{"x": 1}', encoding="utf-8")
    (tmp_path / "b" / "001" / "parse.json").write_text('{"x": 2}', encoding="utf-8")
    (tmp_path / "b" / "001" / "diff.html").write_text("<p>only here</p>", encoding="utf-8")
    assert compare_outputs.compare(tmp_path / "a", tmp_path / "b", docs) == 1
    out = capsys.readouterr().out
    assert "identical  a.txt" in out
    assert "different  b.txt: diff.html, parse.json" in out
