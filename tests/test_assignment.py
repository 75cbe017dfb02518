"""The pure-Python assignment: optimal against an exhaustive search and against scipy, on
matrices shaped like diff's (sparse once below-threshold cells are dropped) and dense ones."""

from __future__ import annotations

import itertools
import random

import pytest

from planparse.compare.align import align
from planparse.compare.assignment import max_weight_assignment


def _total(matrix: list[list[float]], pairs: list[tuple[int, int]]) -> float:
    return sum(matrix[i][j] for i, j in pairs)


def _best_total(matrix: list[list[float]], n: int, m: int, threshold: float) -> float:
    """Exhaustive: every way of giving each row a distinct column or none."""
    best = 0.0
    choices = list(range(m)) + [None] * n
    for picks in itertools.permutations(choices, n):
        pairs = [(i, j) for i, j in enumerate(picks) if j is not None]
        if all(matrix[i][j] >= threshold for i, j in pairs):
            best = max(best, _total(matrix, pairs))
    return best


def _random_matrix(rng: random.Random, n: int, m: int, density: float) -> list[list[float]]:
    return [
        [round(rng.uniform(0.2, 1.0), 2) if rng.random() < density else 0.0 for _ in range(m)]
        for _ in range(n)
    ]


def _check_valid(pairs: list[tuple[int, int]], matrix: list[list[float]], threshold: float):
    assert len({i for i, _ in pairs}) == len(pairs)
    assert len({j for _, j in pairs}) == len(pairs)
    assert all(matrix[i][j] >= threshold for i, j in pairs)
    assert pairs == sorted(pairs)


@pytest.mark.parametrize("seed", range(60))
def test_optimal_against_exhaustive_search(seed: int) -> None:
    rng = random.Random(seed)
    n, m = rng.randint(1, 5), rng.randint(1, 5)
    matrix = _random_matrix(rng, n, m, density=rng.choice([0.3, 0.6, 1.0]))
    threshold = rng.choice([0.2, 0.5, 0.7])
    pairs = max_weight_assignment(matrix, n, m, threshold)
    _check_valid(pairs, matrix, threshold)
    assert _total(matrix, pairs) == pytest.approx(_best_total(matrix, n, m, threshold))


@pytest.mark.parametrize("seed", range(20))
def test_same_total_as_scipy_on_larger_matrices(seed: int) -> None:
    np = pytest.importorskip("numpy")
    linear_sum_assignment = pytest.importorskip("scipy.optimize").linear_sum_assignment
    rng = random.Random(1000 + seed)
    n, m = rng.randint(20, 60), rng.randint(20, 60)
    matrix = _random_matrix(rng, n, m, density=rng.choice([0.05, 0.2, 0.8]))
    threshold = 0.5
    pairs = max_weight_assignment(matrix, n, m, threshold)
    _check_valid(pairs, matrix, threshold)
    weights = np.where(np.asarray(matrix) >= threshold, np.asarray(matrix), 0.0)
    rows, cols = linear_sum_assignment(weights, maximize=True)
    assert _total(matrix, pairs) == pytest.approx(float(weights[rows, cols].sum()))


def test_a_slightly_better_pair_does_not_leave_two_units_unmatched() -> None:
    # lower 0 fits upper 0 (0.9) and upper 1 (0.8); lower 1 fits only upper 0 (0.85).
    # Greedy takes (0, 0) and strands lower 1; the assignment pairs both.
    matrix = [[0.9, 0.8], [0.85, 0.0]]
    assert max_weight_assignment(matrix, 2, 2, 0.5) == [(0, 1), (1, 0)]


def test_cells_below_the_threshold_are_never_pairs() -> None:
    matrix = [[0.3, 0.0], [0.0, 0.4]]
    assert max_weight_assignment(matrix, 2, 2, 0.5) == []
    assert max_weight_assignment(matrix, 2, 2, 0.35) == [(1, 1)]


def test_zero_threshold_pairs_every_row_of_the_shorter_side() -> None:
    matrix = [[0.0, 0.0, 0.0], [0.0, 0.0, 0.6]]
    pairs = max_weight_assignment(matrix, 2, 3, 0.0)
    assert len(pairs) == 2 and (1, 2) in pairs


def test_empty_sides() -> None:
    assert max_weight_assignment([], 0, 4, 0.5) == []
    assert max_weight_assignment([[], []], 2, 0, 0.5) == []


def test_wide_and_tall_components_and_ties_are_stable() -> None:
    tall = [[0.7], [0.9], [0.9]]  # one column, three rows: the first of the best
    assert max_weight_assignment(tall, 3, 1, 0.5) == [(1, 0)]
    wide = [[0.6, 0.8, 0.8, 0.1]]
    assert max_weight_assignment(wide, 1, 4, 0.5) == [(0, 1)]
    square = [[0.8, 0.8], [0.8, 0.8]]
    first = max_weight_assignment(square, 2, 2, 0.5)
    assert len(first) == 2 and first == max_weight_assignment(square, 2, 2, 0.5)


def test_align_reports_every_unit_once_without_many() -> None:
    matrix = [[0.9, 0.0, 0.0], [0.0, 0.0, 0.0]]
    links = align(matrix, 2, 3, 0.5, allow_many=False)
    kinds = {(link.lower, link.upper, link.kind) for link in links}
    assert kinds == {
        (0, 0, "one_to_one"),
        (1, None, "only_lower"),
        (None, 1, "only_upper"),
        (None, 2, "only_upper"),
    }
