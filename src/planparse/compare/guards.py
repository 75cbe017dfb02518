"""Input guards: warnings that the two plans given to ``diff`` may not be a lower plan and its
upper plan. They never stop the diff (exit status stays 0); they say what the numbers mean.

- ``same-document``: the two plans are the same text, or nearly (each side's sentences are
  almost all found in the other).
- ``levels-reversed``: the lower plan's jurisdiction ranks above the upper one's
  (省 > 市/州/盟 > 县/区/旗 > 乡/镇, schemas/jurisdiction.toml): the arguments look swapped.
- ``unrelated-plans``: too little shared content for an alignment to mean anything.
- ``different-places``: the lower place is, as far as the texts tell, not inside the upper one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from planparse.compare.jurisdiction import ambiguous_rank, level_of
from planparse.compare.similarity import NormalForms
from planparse.model import Plan
from planparse.parse.extract.meta import place_of

# Both set on the evaluation set (bench/bench_alignment.py prints the measures): a county plan
# and its city's share 0.61 of their sentences (the sample pair, the closest real pair we
# have); a plan against its own text with a tenth or a quarter of its tasks left out shares
# 0.94 / 0.91, so 0.9 separates copies from plans drafted from one another. Plans on
# different topics (28 ordered pairs of corpus plans with tasks) match 0.00 of their tasks
# and indicators and share at most 0.04 of sentences; the sample pair matches 0.93.
SAME_DOCUMENT_MIN = 0.9  # share of each side's sentences found in the other
UNRELATED_MAX = 0.2  # share of either side's tasks and indicators with a counterpart
UNRELATED_TEXT_MAX = 0.1  # share of sentences, when a side has too few tasks to align
MIN_UNITS = 3  # tasks + indicators a side needs before its alignment can speak
GRAM = 4


@dataclass(frozen=True)
class DiffWarning:
    code: str
    message: str


@dataclass(frozen=True)
class Overlap:
    """How much the two plans share: sentences (text) and aligned units (tasks, indicators)."""

    text_lower: float  # share of the lower plan's sentences found in the upper plan
    text_upper: float
    units_lower: float | None  # share of lower tasks + indicators with a counterpart
    units_upper: float | None
    identical: bool
    enough: bool = True  # both sides have enough tasks and indicators for the shares to speak
    text_enough: bool = True  # both sides have enough sentences


_SENTENCE_END = re.compile(r"[。；;！？!?\n]")


def plan_sentences(plan: Plan, forms: NormalForms | None = None) -> list[str]:
    forms = NormalForms() if forms is None else forms
    pieces = [s for element in plan.elements for s in _SENTENCE_END.split(element.text)]
    return [norm for norm in forms.all(pieces) if len(norm) >= 10]


def _grams(text: str) -> set[str]:
    return {text[i : i + GRAM] for i in range(len(text) - GRAM + 1)}


def _found_share(mine: list[set[str]], their_grams: set[str]) -> float:
    """Share of sentences (given by their 4-grams) at least half present in the other text."""
    if not mine:
        return 0.0
    found = 0
    for grams in mine:
        if grams and len(grams & their_grams) >= len(grams) / 2:
            found += 1
    return found / len(mine)


def _sentence_overlap(a: list[str], b: list[str]) -> tuple[float, float, bool]:
    known: dict[str, set[str]] = {}  # a sentence said twice is cut into 4-grams once
    grams_a = [known[s] if s in known else known.setdefault(s, _grams(s)) for s in a]
    grams_b = [known[s] if s in known else known.setdefault(s, _grams(s)) for s in b]
    all_a: set[str] = set().union(*grams_a)
    all_b: set[str] = set().union(*grams_b)
    return _found_share(grams_a, all_b), _found_share(grams_b, all_a), bool(a) and a == b


def text_overlap(
    lower: Plan, upper: Plan, forms: NormalForms | None = None
) -> tuple[float, float, bool]:
    forms = NormalForms() if forms is None else forms
    return _sentence_overlap(plan_sentences(lower, forms), plan_sentences(upper, forms))


def overlap(
    lower: Plan,
    upper: Plan,
    matched_lower: set[str],
    matched_upper: set[str],
    forms: NormalForms | None = None,
) -> Overlap:
    """``matched_*``: keys ("t:<id>", "i:<number>") of units that found a counterpart."""
    forms = NormalForms() if forms is None else forms
    sentences_lower, sentences_upper = plan_sentences(lower, forms), plan_sentences(upper, forms)
    text_lower, text_upper, identical = _sentence_overlap(sentences_lower, sentences_upper)
    units_lower = len(lower.tasks) + len(lower.indicators)
    units_upper = len(upper.tasks) + len(upper.indicators)
    return Overlap(
        round(text_lower, 3),
        round(text_upper, 3),
        round(len(matched_lower) / units_lower, 3) if units_lower else None,
        round(len(matched_upper) / units_upper, 3) if units_upper else None,
        identical,
        min(units_lower, units_upper) >= MIN_UNITS,
        min(len(sentences_lower), len(sentences_upper)) >= MIN_UNITS,
    )


def input_warnings(
    lower: Plan,
    upper: Plan,
    places: tuple[str | None, str | None],
    shared: Overlap,
    other_basis_place: str | None = None,
) -> list[DiffWarning]:
    low, up = places
    low_name, up_name = low or "the lower plan", up or "the upper plan"
    if low_name == up_name:  # two plans of one place (two national plans, two versions)
        low_name, up_name = f"the lower plan ({low_name})", f"the upper plan ({up_name})"
    out: list[DiffWarning] = []
    if shared.identical:
        out.append(
            DiffWarning("same-document", "both sides are the same text: every pair is trivial")
        )
    elif min(shared.text_lower, shared.text_upper) >= SAME_DOCUMENT_MIN:
        out.append(
            DiffWarning(
                "same-document",
                f"the two plans are nearly the same text ({shared.text_lower:.0%} of "
                f"{low_name}'s sentences are in {up_name}'s, {shared.text_upper:.0%} the other "
                "way): is this one document twice, or two versions of it?",
            )
        )
    reversed_levels = _levels_reversed(low, up)
    if reversed_levels:
        out.append(DiffWarning("levels-reversed", reversed_levels))
    unrelated = _unrelated(shared, low_name, up_name)
    if unrelated and not shared.identical:
        out.append(DiffWarning("unrelated-plans", unrelated))
    elsewhere = _different_places(lower, low, up, other_basis_place)
    if elsewhere and not reversed_levels:
        out.append(DiffWarning("different-places", elsewhere))
    return out


def _levels_reversed(low: str | None, up: str | None) -> str | None:
    a, b = level_of(low), level_of(up)
    if a is None or b is None or low is None or up is None or a.rank >= b.rank:
        return None
    return (
        f"the lower plan's {low} ({a.name}) ranks above the upper plan's {up} ({b.name}): "
        "the arguments look swapped, so stricter/looser and missing/extra read backwards; "
        "give the lower plan first (planparse diff LOWER UPPER)"
    )


def _unrelated(shared: Overlap, low: str, up: str) -> str | None:
    """An empty or near-empty side is not "unrelated": everything of the other is missing."""
    if shared.enough:
        best = max(shared.units_lower or 0.0, shared.units_upper or 0.0)
        if best < UNRELATED_MAX:
            return (
                f"the plans share little: {shared.units_lower:.0%} of {low}'s tasks and "
                f"indicators and {shared.units_upper:.0%} of {up}'s found a counterpart, "
                f"{max(shared.text_lower, shared.text_upper):.0%} of sentences at most; "
                "they may be on different topics, so missing/extra mean little"
            )
        return None
    best_text = max(shared.text_lower, shared.text_upper)
    if shared.text_enough and best_text < UNRELATED_TEXT_MAX:
        return (
            f"the plans share little: {best_text:.0%} of sentences at most, and too few "
            "tasks to align; they may be on different topics"
        )
    return None


def _different_places(
    lower: Plan, low: str | None, up: str | None, other_basis_place: str | None
) -> str | None:
    """When the texts tell: two places of one level, or the lower plan cites another place's
    plans of the upper's level and none of the upper place's."""
    a, b = level_of(low), level_of(up)
    if not (low and up and a and b) or low == up:
        return None
    if a.rank == b.rank and not (ambiguous_rank(low) and ambiguous_rank(up)):
        return f"{low} and {up} are both {a.name}-level places: neither lies inside the other"
    if a.rank <= b.rank:
        return None
    cited = [p for t in [*lower.meta.basis, *lower.meta.cited] if (p := place_of(t))]
    if other_basis_place:
        cited.append(other_basis_place)
    same_level = sorted({p for p in cited if (lv := level_of(p)) and lv.rank == b.rank and p != up})
    if same_level and up not in cited and not _names(lower, up):
        return (
            f"{low}'s plan cites plans of {'、'.join(same_level)}, never {up}: "
            f"{low} is probably not in {up}"
        )
    return None


def _names(plan: Plan, place: str) -> bool:
    """The plan's text names the place (its own superior is usually named somewhere)."""
    core = place[:-1] if len(place) > 2 else place
    return any(core in e.text for e in plan.elements)
