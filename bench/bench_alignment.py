"""Alignment evaluation: precision and recall of task pairing per kind of pair.

The evaluation set is tests/alignment_eval.py: the sample pair with its hand-checked truth,
metamorphic pairs of every corpus plan with enough tasks (corpus/*.txt and corpus/public/*),
and the sample pair with its lower plan transformed. Also prints the overlap measures behind
the input guards for related and unrelated pairs, so their thresholds can be checked.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

SEEDS = range(5)


def _plans() -> dict[str, object]:
    from planparse.parse.pipeline import parse_path

    public = ROOT / "corpus" / "public"
    files = sorted((ROOT / "corpus").glob("*.txt")) + sorted(
        p for p in public.glob("*") if p.suffix in (".txt", ".html", ".docx", ".pdf")
    )
    plans = {}
    for path in files:
        try:
            plans[path.name] = parse_path(path)
        except Exception:  # an unreadable corpus file is the readers' business, not this bench's
            continue
    return plans


def run() -> list[tuple[str, float]]:
    from alignment_eval import KINDS, Case, Score, metamorphic, metamorphic_sample, score
    from diff_truth import sample_truth
    from planparse.compare.diff import diff_plans

    plans = _plans()
    county, city = plans["zezhou-county-2023.txt"], plans["linfen-city-draft.txt"]
    truth = sample_truth(county, city)  # type: ignore[arg-type]
    out: list[tuple[str, float]] = []
    sample = score(Case("sample", "sample", county.tasks, city.tasks, truth))  # type: ignore[attr-defined]
    out += [("sample pair: precision", sample.precision), ("sample pair: recall", sample.recall)]
    with_tasks = [n for n, p in plans.items() if len(p.tasks) >= 8]  # type: ignore[attr-defined]
    out.append(("plans with 8+ tasks used for metamorphic pairs", float(len(with_tasks))))
    totals = {kind: Score() for kind in KINDS}
    for case in metamorphic(plans, SEEDS):  # type: ignore[arg-type]
        totals[case.kind].add(score(case))
    for kind, s in totals.items():
        out += [
            (f"metamorphic {kind}: precision", s.precision),
            (f"metamorphic {kind}: recall", s.recall),
        ]
        if s.many:
            out.append((f"metamorphic {kind}: parts found (partial)", s.many_recall))
    transformed = {f"sample-{kind}": Score() for kind in KINDS}
    for case in metamorphic_sample(county, city, truth, SEEDS):  # type: ignore[arg-type]
        transformed[case.kind].add(score(case))
    for kind, s in transformed.items():
        out += [(f"{kind}: precision", s.precision), (f"{kind}: recall", s.recall)]
        if s.many:
            out.append((f"{kind}: parts found (partial)", s.many_recall))
    # The guards' measures. Related: the sample pair. Unrelated: every pair of plans with
    # tasks on different topics (the file names of corpus/public say the topic).
    result = diff_plans(county, city)  # type: ignore[arg-type]
    assert result.overlap is not None
    out += [
        (
            "guard: sample pair, tasks+indicators matched (min side)",
            min(result.overlap.units_lower or 0, result.overlap.units_upper or 0),
        ),
        (
            "guard: sample pair, sentences shared (min side)",
            min(result.overlap.text_lower, result.overlap.text_upper),
        ),
    ]
    # same-document: a plan against itself with every n-th task's text left out
    from dataclasses import replace

    from planparse.compare.guards import text_overlap

    for every in (10, 4):
        dropped = {t.lines for k, t in enumerate(county.tasks) if k % every == 0}  # type: ignore[attr-defined]
        copy = replace(
            county,  # type: ignore[type-var]
            elements=[e for e in county.elements if e.lines not in dropped],  # type: ignore[attr-defined]
        )
        shares = text_overlap(copy, county)  # type: ignore[arg-type]
        out.append(
            (
                f"guard: county plan minus 1/{every} of its tasks, sentences shared (min side)",
                min(shares[:2]),
            )
        )
    names = list(with_tasks)
    unrelated_units: list[float] = []
    unrelated_text: list[float] = []
    warned = 0
    for a in names:
        for b in names:
            if a == b or _topic(a) == _topic(b):
                continue
            other = diff_plans(plans[a], plans[b])  # type: ignore[arg-type]
            assert other.overlap is not None
            unrelated_units.append(
                max(other.overlap.units_lower or 0, other.overlap.units_upper or 0)
            )
            unrelated_text.append(max(other.overlap.text_lower, other.overlap.text_upper))
            warned += any(w.code == "unrelated-plans" for w in other.warnings)
    if unrelated_units:
        out += [
            ("guard: different-topic pairs (ordered)", float(len(unrelated_units))),
            ("guard: different-topic pairs, most tasks+indicators matched", max(unrelated_units)),
            ("guard: different-topic pairs, most sentences shared", max(unrelated_text)),
            (
                "guard: different-topic pairs warned unrelated-plans (share)",
                warned / len(unrelated_units),
            ),
        ]
    return out


def _topic(name: str) -> str:
    """corpus/public names end in -<topic>-<year>.txt; the two seed plans are both disability."""
    parts = name.removesuffix(".txt").split("-")
    return parts[-2] if len(parts) >= 4 else "disability"
