"""How well parse reads a folder of real documents, against hand-read expected values.

The expected values live in a TOML file (``[docs."name.txt"]`` tables with ``title``,
``issuer``, ``doc_number``, ``date``, ``basis``, ``place``, ``level``, ``first_headings``); a
key left out means the document does not show that value, so parse should find none. Values
compare exactly after NFKC and with whitespace removed; lists compare element by element
(each position is one item, an empty list against an empty list is one item).
"""

from __future__ import annotations

import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

FIELDS = ("title", "issuer", "doc_number", "date", "basis", "place", "level", "first_headings")
LIST_FIELDS = ("basis", "first_headings")
HEADINGS_COMPARED = 5


@dataclass
class FieldResult:
    field: str
    expected: Any
    got: Any
    right: int
    total: int


@dataclass
class DocResult:
    file: str
    fields: list[FieldResult] = field(default_factory=list)
    error: str | None = None

    @property
    def right(self) -> int:
        return sum(f.right for f in self.fields)

    @property
    def total(self) -> int:
        return sum(f.total for f in self.fields)


@dataclass
class Report:
    docs: list[DocResult]

    @property
    def rate(self) -> float:
        total = sum(d.total for d in self.docs)
        return sum(d.right for d in self.docs) / total if total else 0.0

    def field_rate(self, name: str) -> tuple[int, int]:
        found = [f for d in self.docs for f in d.fields if f.field == name]
        return sum(f.right for f in found), sum(f.total for f in found)

    def failures(self) -> list[str]:
        lines = []
        for doc in self.docs:
            if doc.error:
                lines.append(f"{doc.file}: {doc.error}")
            for f in doc.fields:
                if f.right < f.total:
                    lines.append(f"{doc.file}: {f.field}: expected {f.expected!r}, got {f.got!r}")
        return lines


def normalise(value: str | None) -> str | None:
    if value is None:
        return None
    return "".join(unicodedata.normalize("NFKC", value).split())


def heading_text(printed: str, title: str, run_in_period: bool) -> str:
    """A heading as the expected values print it: marker and title, with the 。 that closes a
    run-in heading (（一）指导思想。以…)."""
    return f"{printed}{title}{'。' if run_in_period else ''}"


def observed(plan: Any) -> dict[str, Any]:
    """The compared fields of a parsed plan."""
    meta = plan.meta
    from planparse.parse.markers import SECTION_TYPES, read_marker

    printed = {tuple(e.lines): e.text for e in plan.elements}
    headings = []
    sections = [
        h
        for h in plan.headings
        if not h.marker or ((m := read_marker(h.marker + h.title)) and m.type in SECTION_TYPES)
    ]  # numbered items (1． / （1）) are tasks as often as headings: not compared
    for heading in sections[:HEADINGS_COMPARED]:
        text = "".join(printed.get(tuple(heading.lines), "").split())
        closed = "".join(heading.title.split()) + "。"
        headings.append(heading_text(heading.marker, heading.title, closed in text))
    return {
        "title": meta.title,
        "issuer": meta.issuer,
        "doc_number": meta.doc_number,
        "date": meta.date,
        "basis": list(meta.basis),
        "place": meta.place,
        "level": meta.level,
        "first_headings": headings,
    }


def compare_doc(file: str, expected: dict[str, Any], got: dict[str, Any]) -> DocResult:
    result = DocResult(file)
    for name in FIELDS:
        want = expected.get(name)
        have = got.get(name)
        if name in LIST_FIELDS:
            want_list = [normalise(x) for x in (want or [])]
            if name == "first_headings":
                want_list = want_list[:HEADINGS_COMPARED]
            have_list = [normalise(x) for x in (have or [])][: max(len(want_list), 1)]
            if name == "first_headings":
                have_list = have_list[: len(want_list)] if want_list else have_list[:1]
            size = max(len(want_list), len(have_list))
            if size == 0:
                result.fields.append(FieldResult(name, want or [], have or [], 1, 1))
                continue
            right = sum(
                1
                for i in range(size)
                if i < len(want_list) and i < len(have_list) and want_list[i] == have_list[i]
            )
            result.fields.append(FieldResult(name, want or [], have or [], right, size))
        else:
            ok = normalise(want) == normalise(have)
            result.fields.append(FieldResult(name, want, have, int(ok), 1))
    return result


def load_expected(path: Path) -> dict[str, dict[str, Any]]:
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    return dict(data.get("docs", data))


def measure(folder: Path, expected_path: Path | None = None) -> Report:
    """Parse every document named in the expected values and compare."""
    from planparse.parse.pipeline import parse_path

    expected = load_expected(expected_path or folder / "expected.toml")
    docs: list[DocResult] = []
    for file in sorted(expected):
        path = folder / file
        try:
            plan = parse_path(path)
        except Exception as exc:  # a document that cannot be parsed scores nothing
            failed = compare_doc(file, expected[file], {})
            failed.error = f"{type(exc).__name__}: {exc}"
            docs.append(failed)
            continue
        docs.append(compare_doc(file, expected[file], observed(plan)))
    return Report(docs)
