"""Alignment of two sequences of units by a similarity matrix.

Like redlines' alignment passes, in order, each recorded on the link it produced:

1. ``one_to_one``: an optimal one-to-one assignment (the Hungarian method, per connected
   component: planparse.compare.assignment) maximising the total similarity of the pairs at or
   above the threshold. A greedy highest-score-first pass can take a unit's only good partner
   for a slightly better pair elsewhere and leave two units unmatched; the assignment cannot.
2. ``extra_upper`` / ``extra_lower``: units left over may join their best partner as partial
   matches (two upper units merged into one lower unit, or one split over several).
3. everything else is reported as present on one side only.

Defaults lean towards not claiming a match.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Link:
    lower: int | None
    upper: int | None
    score: float
    kind: str  # "one_to_one" | "extra_upper" (lower unit covers several upper ones) | "extra_lower" | "only_lower" | "only_upper"


def assign(matrix: list[list[float]], n: int, m: int, threshold: float) -> list[tuple[int, int]]:
    """The one-to-one pairs (i, j) of greatest total score among cells at or above threshold.

    Cells below the threshold weigh nothing, so they never displace a real pair. Ties go to
    the assignment the method meets first, the same on every run.
    """
    from planparse.compare.assignment import max_weight_assignment

    return max_weight_assignment(matrix, n, m, threshold)


def align(
    matrix: list[list[float]], n: int, m: int, threshold: float, *, allow_many: bool = True
) -> list[Link]:
    """Pairs (i, j) of ``n`` lower and ``m`` upper units; every unit appears at least once.

    The sizes are explicit: with no lower units the matrix is empty, yet every upper unit
    must still be reported as missing."""
    lower_used: set[int] = set()
    upper_used: set[int] = set()
    links: list[Link] = []
    for i, j in assign(matrix, n, m, threshold):
        links.append(Link(i, j, matrix[i][j], "one_to_one"))
        lower_used.add(i)
        upper_used.add(j)
    if allow_many:
        for j in range(m):
            if j in upper_used:
                continue
            best = max(range(n), key=lambda i: (matrix[i][j], -i), default=None)
            if best is not None and matrix[best][j] >= threshold:
                links.append(Link(best, j, matrix[best][j], "extra_upper"))
                upper_used.add(j)
        for i in range(n):
            if i in lower_used:
                continue
            best = max(range(m), key=lambda j: (matrix[i][j], -j), default=None)
            if best is not None and matrix[i][best] >= threshold:
                links.append(Link(i, best, matrix[i][best], "extra_lower"))
                lower_used.add(i)
    links += [Link(i, None, 0.0, "only_lower") for i in range(n) if i not in lower_used]
    links += [Link(None, j, 0.0, "only_upper") for j in range(m) if j not in upper_used]
    return links
