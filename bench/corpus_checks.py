"""Self-check findings and tasks/brackets on every corpus document, with the hand review.

Runs `planparse check` (self-checks only) over corpus/public/, the two seed plans and the
complete 2012 city policy in tests/data, and writes a table into corpus/README.md between
<!-- check-findings:start --> and <!-- check-findings:end -->: findings per document and rule,
the reviewer's one-line judgement from bench/corpus_checks_review.toml (or "not reviewed"
when the count has changed since), and, where corpus/public/expected.toml gives them, the
task count and the listed brackets compared with the parse. Run by `make bench`, or alone:

    .venv/bin/python bench/corpus_checks.py [--no-write]
"""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from readme_section import replace_section

from planparse.compare.check import run_check
from planparse.model import Plan
from planparse.parse.pipeline import parse_path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
PUBLIC = ROOT / "corpus" / "public"
SEEDS = [ROOT / "corpus" / "linfen-city-draft.txt", ROOT / "corpus" / "zezhou-county-2023.txt"]
EXTRA = [ROOT / "tests" / "data" / "guangzhou-talent-2012.txt"]
README = ROOT / "corpus" / "README.md"
REVIEW = Path(__file__).with_name("corpus_checks_review.toml")
START, END = "<!-- check-findings:start -->", "<!-- check-findings:end -->"


@dataclass
class Row:
    file: str
    findings: Counter[str]
    judgement: str
    tasks: str = ""
    brackets: str = ""


def documents() -> list[Path]:
    public = sorted(p for p in PUBLIC.iterdir() if p.suffix in (".txt", ".html"))
    return public + SEEDS + EXTRA


def _load(path: Path) -> dict[str, Any]:
    if not path.is_file():
        return {}
    with path.open("rb") as handle:
        docs: dict[str, Any] = tomllib.load(handle).get("docs", {})
    return docs


def brackets_of(plan: Plan) -> list[tuple[list[str], list[str]]]:
    """(lead, participating) of each bracket in order; a 责任单位 list counts as participating,
    as expected.toml records it."""
    return [
        (t.responsibility.lead, t.responsibility.participating + t.responsibility.responsible)
        for t in plan.tasks
        if t.responsibility is not None
    ]


def measure() -> list[Row]:
    review = _load(REVIEW)
    expected = _load(PUBLIC / "expected.toml")
    rows: list[Row] = []
    for path in documents():
        plan = parse_path(path)
        found = Counter(f.rule for f in run_check(plan).findings)
        total = sum(found.values())
        seen = review.get(path.name)
        if seen is None and total == 0:
            judgement = "no findings"
        elif seen is not None and seen.get("findings") == dict(found):
            judgement = seen["judgement"]
        else:
            was = sum(seen.get("findings", {}).values()) if seen else 0
            judgement = f"not reviewed: {total} findings now, {was} when last reviewed"
        row = Row(path.name, found, judgement)
        want = expected.get(path.name, {})
        if "task_count" in want:
            row.tasks = f"{len(plan.tasks)}/{want['task_count']}"
        listed = [(b.get("lead", []), b.get("participating", [])) for b in want.get("brackets", [])]
        if listed:
            got = brackets_of(plan)[: len(listed)]
            right = sum(g == w for g, w in zip(got, listed, strict=False))
            row.brackets = f"{right}/{len(listed)}"
        rows.append(row)
    return rows


def table(rows: list[Row]) -> str:
    total = sum(sum(r.findings.values()) for r in rows)
    tasks = [r for r in rows if r.tasks]
    tasks_right = sum(r.tasks.split("/")[0] == r.tasks.split("/")[1] for r in tasks)
    brackets = [r for r in rows if r.brackets]
    brackets_right = sum(r.brackets.split("/")[0] == r.brackets.split("/")[1] for r in brackets)
    lines = [
        f"Self-check findings (`planparse check`, S-rules): **{total}** over {len(rows)} "
        f"documents (bench/corpus_checks.py; judgements in bench/corpus_checks_review.toml). "
        f"Task count right on {tasks_right} of {len(tasks)} complete documents; listed "
        f"brackets all right on {brackets_right} of {len(brackets)} documents that list them.",
        "",
        "| document | findings | by rule | tasks (got/expected) | brackets (right/listed) | judgement |",
        "|---|---|---|---|---|---|",
    ]
    for r in rows:
        rules = ", ".join(f"{rule} {n}" for rule, n in sorted(r.findings.items())) or "—"
        lines.append(
            f"| {r.file} | {sum(r.findings.values())} | {rules} | {r.tasks or '—'} | "
            f"{r.brackets or '—'} | {r.judgement} |"
        )
    return "\n".join(lines)


def write(text: str) -> None:
    replace_section(README, START, END, text, "Self-check findings on the corpus")


def run() -> list[tuple[str, float]]:
    """For bench/run.py: totals, and the README section rewritten."""
    rows = measure()
    write(table(rows))
    return [
        ("self-check findings over the corpus", float(sum(sum(r.findings.values()) for r in rows))),
        (
            "documents whose findings are not reviewed",
            float(sum(r.judgement.startswith("not reviewed") for r in rows)),
        ),
    ]


if __name__ == "__main__":
    rows = measure()
    text = table(rows)
    print(text)
    if "--no-write" not in sys.argv:
        write(text)
