"""render.cells measures as rich.cells does: every code point it answers itself, and strings
that send it to rich."""

from __future__ import annotations

import random

import pytest
from rich import cells as rich_cells

from planparse.render import cells
from planparse.render.cells import _RANGES


@pytest.mark.parametrize(("first", "last", "width"), _RANGES, ids=lambda v: hex(v) if v > 9 else v)
def test_every_code_point_of_a_known_range(first: int, last: int, width: int) -> None:
    for code in range(first, last + 1):
        assert cells.char_width(code) == width == rich_cells.cell_len(chr(code)), hex(code)


def test_code_points_outside_the_ranges_are_left_to_rich() -> None:
    for ch in ("\u0301", "\u200b", "⌚", "😀", "\u2028", "䷀", "ｱ", "\U00020000"):
        assert cells.char_width(ord(ch)) is None


ALPHABET = (
    "abc XYZ 123 .,;:()%"  # ASCII
    "·×°"  # Latin-1
    "“”—…‰※≥≤①②│"  # punctuation and symbols
    "、。《》【】〔〕　"  # CJK punctuation
    "泽州县残疾人保障和发展规划市发展改革委"  # ideographs
    "（），：；％￥"  # full-width forms
)
OUTSIDE = "\u0301😀⌚\u200bｱ"  # each sends the string to rich


@pytest.mark.parametrize("seed", range(40))
def test_random_strings(seed: int) -> None:
    rng = random.Random(seed)
    pool = ALPHABET + (OUTSIDE if seed % 4 == 0 else "")
    text = "".join(rng.choice(pool) for _ in range(rng.randint(0, 60)))
    assert cells.cell_len(text) == rich_cells.cell_len(text)
    for width in (1, 2, 3, 7, 14, 30):
        assert cells.chop_cells(text, width) == rich_cells.chop_cells(text, width), width
        assert cells.set_cell_size(text, width) == rich_cells.set_cell_size(text, width)
