"""Optimal one-to-one assignment (the Hungarian method) over a sparse similarity matrix.

scipy's ``linear_sum_assignment`` does this job, but importing scipy.optimize (with numpy)
costs about half a second, several times everything else ``diff`` does on a pair of plans.
Similarity matrices here are sparse once cells below the threshold are dropped: a task is
similar to a handful of others at most. So the pairs at or above the threshold are split into
connected components (rows and columns joined by such a cell), and the Hungarian method runs on
each component alone; any pair between components would weigh nothing. Components are small
in practice, where the O(k³) method in pure Python costs microseconds to a few milliseconds.
"""

from __future__ import annotations

from collections.abc import Sequence


def _components(
    edges: list[tuple[int, int]],
) -> list[tuple[list[int], list[int]]]:
    """Rows and columns of each connected component of the bipartite graph ``edges``,
    each sorted, the components ordered by their first row."""
    parent: dict[tuple[int, int], tuple[int, int]] = {}

    def root(node: tuple[int, int]) -> tuple[int, int]:
        while parent.setdefault(node, node) != node:
            parent[node] = parent[parent[node]]  # path halving keeps the trees shallow
            node = parent[node]
        return node

    for i, j in edges:
        a, b = root((0, i)), root((1, j))
        if a != b:
            parent[max(a, b)] = min(a, b)
    groups: dict[tuple[int, int], tuple[list[int], list[int]]] = {}
    for node in parent:
        side, index = node
        rows, cols = groups.setdefault(root(node), ([], []))
        (rows if side == 0 else cols).append(index)
    found = [(sorted(rows), sorted(cols)) for rows, cols in groups.values()]
    return sorted(found, key=lambda group: group[0][0])


def _hungarian(weights: list[list[float]]) -> list[tuple[int, int]]:
    """A complete assignment of the rows of ``weights`` (rows <= columns) of greatest total,
    by shortest augmenting paths with potentials (Kuhn-Munkres, O(rows² × columns))."""
    n, m = len(weights), len(weights[0])
    inf = float("inf")
    u = [0.0] * (n + 1)
    v = [0.0] * (m + 1)
    owner = [0] * (m + 1)  # owner[j]: the row (1-based) assigned to column j, 0 for none
    way = [0] * (m + 1)
    for row in range(1, n + 1):
        owner[0] = row
        j0 = 0
        minv = [inf] * (m + 1)
        used = [False] * (m + 1)
        while True:
            used[j0] = True
            i0 = owner[j0]
            cost_row = weights[i0 - 1]
            ui0 = u[i0]
            delta, j1 = inf, 0
            for j in range(1, m + 1):
                if used[j]:
                    continue
                cur = -cost_row[j - 1] - ui0 - v[j]  # costs are negated weights: maximise
                if cur < minv[j]:
                    minv[j] = cur
                    way[j] = j0
                if minv[j] < delta:
                    delta, j1 = minv[j], j
            for j in range(m + 1):
                if used[j]:
                    u[owner[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if owner[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            owner[j0] = owner[j1]
            j0 = j1
    return [(owner[j] - 1, j - 1) for j in range(1, m + 1) if owner[j]]


def _solve(
    rows: list[int], cols: list[int], matrix: Sequence[Sequence[float]], keep: float
) -> list[tuple[int, int]]:
    """Best pairs within one component, as (row, column) indices of ``matrix``."""
    if len(rows) == 1 or len(cols) == 1:  # a star: its best cell, the first of equals
        return [max(((i, j) for i in rows for j in cols), key=lambda p: matrix[p[0]][p[1]])]
    transpose = len(rows) > len(cols)
    if transpose:
        rows, cols = cols, rows
    cell = (lambda r, c: matrix[c][r]) if transpose else (lambda r, c: matrix[r][c])
    weights = [[_weight(cell(r, c), keep) for c in cols] for r in rows]
    pairs = [(rows[a], cols[b]) for a, b in _hungarian(weights)]
    return [(c, r) for r, c in pairs] if transpose else pairs


def _weight(score: float, keep: float) -> float:
    return score if score >= keep else 0.0


def max_weight_assignment(
    matrix: Sequence[Sequence[float]], n: int, m: int, threshold: float
) -> list[tuple[int, int]]:
    """The one-to-one pairs (i, j), sorted, of greatest total score among the cells of the
    ``n`` × ``m`` ``matrix`` at or above ``threshold``; cells below it weigh nothing and are
    never returned. With a threshold at or below zero every cell qualifies, so every row (or
    every column, whichever are fewer) is paired, as in a complete assignment."""
    if n == 0 or m == 0:
        return []
    edges = [(i, j) for i in range(n) for j in range(m) if matrix[i][j] >= threshold]
    allowed = set(edges)
    pairs: list[tuple[int, int]] = []
    for rows, cols in _components(edges):
        # the method pairs every row of a component; a pair on a cell below the threshold
        # (weight zero) is not a pair
        pairs += [p for p in _solve(rows, cols, matrix, threshold) if p in allowed]
    return sorted(pairs)
