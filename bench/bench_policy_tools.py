"""Agreement of the automatic policy-tool coding with hand codes (corpus/coding/*.toml).

Per family (供给型 / 环境型 / 需求型) and pooled over the three: precision, recall and Cohen's
kappa of the automatic family codes against the human ones, each task a yes/no decision per
family. Sub-tool agreement is printed too (pooled kappa over all sub-tools).
"""

from __future__ import annotations

import sys
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
CODES = ROOT / "corpus" / "coding"
FAMILIES = ("supply", "environment", "demand")


def cohen_kappa(pairs: list[tuple[bool, bool]]) -> float:
    """Cohen's kappa of two coders' yes/no decisions (1.0 = perfect, 0 = chance)."""
    n = len(pairs)
    if n == 0:
        return float("nan")
    observed = sum(a == b for a, b in pairs) / n
    p_a = sum(a for a, _ in pairs) / n
    p_b = sum(b for _, b in pairs) / n
    expected = p_a * p_b + (1 - p_a) * (1 - p_b)
    return 1.0 if expected == 1 else (observed - expected) / (1 - expected)


def precision_recall(pairs: list[tuple[bool, bool]]) -> tuple[float, float]:
    """(precision, recall) of the automatic decision (second) against the human one (first)."""
    tp = sum(h and a for h, a in pairs)
    fp = sum(a and not h for h, a in pairs)
    fn = sum(h and not a for h, a in pairs)
    return (tp / (tp + fp) if tp + fp else 1.0, tp / (tp + fn) if tp + fn else 1.0)


def coded_pairs() -> tuple[list[tuple[set[str], set[str]]], dict[str, str]]:
    """(human tools, automatic tools) for every hand-coded task, and tool id -> family."""
    from planparse.parse.extract.policy_tools import load_dictionary
    from planparse.parse.pipeline import parse_path

    family_of = {t.id: t.family for t in load_dictionary().tools}
    pairs: list[tuple[set[str], set[str]]] = []
    for sheet in sorted(CODES.glob("*.toml")):
        data = tomllib.loads(sheet.read_text(encoding="utf-8"))
        plan = parse_path(ROOT / data["document"]["file"])
        for coded in data.get("task", []):
            line = int(coded["line"])
            task = next(t for t in plan.tasks if t.lines[0] <= line <= t.lines[1])
            pairs.append((set(coded["tools"]), {t.tool for t in task.tools}))
    return pairs, family_of


def agreement() -> list[tuple[str, float]]:
    pairs, family_of = coded_pairs()
    out: list[tuple[str, float]] = [("hand-coded tasks", float(len(pairs)))]
    pooled: list[tuple[bool, bool]] = []
    for family in FAMILIES:
        decisions = [
            (
                any(family_of.get(t) == family for t in human),
                any(family_of.get(t) == family for t in auto),
            )
            for human, auto in pairs
        ]
        pooled += decisions
        p, r = precision_recall(decisions)
        out += [
            (f"policy tools {family}: precision", p),
            (f"policy tools {family}: recall", r),
            (f"policy tools {family}: Cohen's kappa", cohen_kappa(decisions)),
        ]
    out.append(("policy tools, families pooled: Cohen's kappa", cohen_kappa(pooled)))
    tools = sorted(family_of)
    sub = [(t in human, t in auto) for human, auto in pairs for t in tools]
    p, r = precision_recall(sub)
    out += [
        ("policy tools, sub-tools pooled: precision", p),
        ("policy tools, sub-tools pooled: recall", r),
        ("policy tools, sub-tools pooled: Cohen's kappa", cohen_kappa(sub)),
    ]
    return out


def run() -> list[tuple[str, float]]:
    return agreement() if any(CODES.glob("*.toml")) else []


if __name__ == "__main__":
    for label, value in run():
        print(f"{label:60s} {value:8.3f}")
