"""Alignment of two sequences of units by a similarity matrix.

Like redlines' alignment passes: one-to-one pairs first (highest score first, ties broken by
position), then the remaining units may join a partner as partial matches (merged or split
units), everything else is reported as present on one side only. Defaults lean towards not
claiming a match.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Link:
    lower: int | None
    upper: int | None
    score: float
    kind: str  # "one_to_one" | "extra_upper" (lower unit covers several upper ones) | "extra_lower" | "only_lower" | "only_upper"


def align(
    matrix: list[list[float]], n: int, m: int, threshold: float, *, allow_many: bool = True
) -> list[Link]:
    """Pairs (i, j) of ``n`` lower and ``m`` upper units; every unit appears at least once.

    The sizes are explicit: with no lower units the matrix is empty, yet every upper unit
    must still be reported as missing."""
    cells = sorted(
        ((matrix[i][j], i, j) for i in range(n) for j in range(m) if matrix[i][j] >= threshold),
        key=lambda c: (-c[0], c[1], c[2]),
    )
    lower_used: set[int] = set()
    upper_used: set[int] = set()
    links: list[Link] = []
    for score, i, j in cells:
        if i not in lower_used and j not in upper_used:
            links.append(Link(i, j, score, "one_to_one"))
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
