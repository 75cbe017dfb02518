"""Floors of the alignment evaluation on a small fast subset (bench/bench_alignment.py prints
the full figures): the sample pair with its hand-checked truth, and metamorphic pairs of both
corpus plans with one seed."""

from __future__ import annotations

import pytest

from alignment_eval import KINDS, Case, Score, metamorphic, metamorphic_sample, score
from diff_truth import sample_truth
from planparse.model import Plan


@pytest.fixture(scope="module")
def truth(county_plan: Plan, city_plan: Plan) -> set[tuple[str, str]]:
    return sample_truth(county_plan, city_plan)


def test_sample_pair_precision_and_recall_are_one(
    county_plan: Plan, city_plan: Plan, truth: set[tuple[str, str]]
) -> None:
    """Every claimed link (covering tasks of partial pairs included) is a hand-checked pair,
    and every hand-checked pair is claimed."""
    result = score(Case("sample", "sample", county_plan.tasks, city_plan.tasks, truth))
    assert result.truth == 29
    assert (result.precision, result.recall) == (1.0, 1.0), result


@pytest.fixture(scope="module")
def per_kind(county_plan: Plan, city_plan: Plan) -> dict[str, Score]:
    plans = {"county": county_plan, "city": city_plan}
    totals = {kind: Score() for kind in KINDS}
    for case in metamorphic(plans, range(1)):
        totals[case.kind].add(score(case))
    return totals


@pytest.mark.parametrize(
    "kind", ["shuffle-within", "shuffle-across", "paraphrase", "removal", "rename", "other-place"]
)
def test_metamorphic_floor(per_kind: dict[str, Score], kind: str) -> None:
    result = per_kind[kind]
    assert result.truth >= 40  # both plans contributed
    assert result.precision >= 0.95, result
    assert result.recall >= 0.95, result


@pytest.mark.parametrize("kind", ["merge", "split"])
def test_merged_and_split_parts_found_as_partial(per_kind: dict[str, Score], kind: str) -> None:
    result = per_kind[kind]
    assert result.many >= 6  # three merges or splits in each plan
    assert result.many_recall >= 0.9, result
    assert result.precision >= 0.95, result


def test_removed_tasks_are_not_claimed(county_plan: Plan, city_plan: Plan) -> None:
    """A removed city task stays without a counterpart: nothing else in the plan covers it."""
    case = next(metamorphic({"city": city_plan}, range(1), ("removal",)))
    removed = {t.id for t in case.upper} - {b for _a, b in case.truth}
    assert len(removed) >= 5
    result = score(case)
    assert result.precision >= 0.95, result


def test_transformed_sample_pair_keeps_its_pairs(
    county_plan: Plan, city_plan: Plan, truth: set[tuple[str, str]]
) -> None:
    """The county plan shuffled across sections and paraphrased still finds its city tasks:
    the position nudge never outweighs content."""
    totals = Score()
    for case in metamorphic_sample(
        county_plan, city_plan, truth, range(1), ("shuffle-across", "paraphrase")
    ):
        totals.add(score(case))
    assert totals.precision >= 0.95, totals
    assert totals.recall >= 0.95, totals
