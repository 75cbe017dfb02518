"""The diff's terminal view as plain text for a pipe or a file: the very lines rich prints there.

Sent to a pipe or a file, rich draws the view (planparse.render.diff_screen) without colour,
on a page wide enough that only the tables' own column limits wrap text. Drawing that takes
column widths and rich's line breaking, which this module follows: words (a run of non-space
text and the spaces after it) go on a line while they fit; a word wider than the column is
folded, cell by cell, where the column folds, and otherwise goes to a line of its own and is
cut with an ellipsis. Widths are measured as rich measures them (render.cells; CJK characters take two cells).
Importing and running rich's console costs about as much as comparing the plans, so this
writes the lines itself; a test holds its output to rich's on many pairs of corpus plans.
"""

from __future__ import annotations

import re
from itertools import pairwise

from planparse.render.cells import cell_len, chop_cells, set_cell_size
from planparse.render.diff_screen import Column, DiffScreen, Table

_WORD = re.compile(r"\s*\S+\s*")


def _width(text: str) -> int:
    return cell_len(text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def _breaks(text: str, width: int, fold: bool) -> list[int]:
    """Where rich breaks ``text`` into lines of at most ``width`` cells (rich._wrap)."""
    breaks: list[int] = []
    offset = 0
    for match in _WORD.finditer(text):
        start, word = match.start(), match.group(0)
        length = _width(word.rstrip())
        if width - offset >= length:
            offset += _width(word)
        elif length > width:
            if fold:
                pieces = chop_cells(word, width)
                for k, piece in enumerate(pieces):
                    if start:
                        breaks.append(start)
                    if k == len(pieces) - 1:
                        offset = _width(piece)
                    else:
                        start += len(piece)
            else:
                if start:
                    breaks.append(start)
                offset = _width(word)
        elif offset and start:
            breaks.append(start)
            offset = _width(word)
    return breaks


def _fit(text: str, width: int, fold: bool) -> str:
    """One wrapped line: trailing spaces past the width dropped, then cut to the width (with
    an ellipsis where the column does not fold)."""
    if len(text) > width:  # rich's rstrip_end counts characters here, not cells
        trailing = len(text) - len(text.rstrip())
        text = text[: len(text) - min(trailing, len(text) - width)]
    if _width(text) > width:
        text = set_cell_size(text, width) if fold else set_cell_size(text, width - 1) + "…"
    return text


def _wrap(text: str, width: int, fold: bool) -> list[str]:
    if width <= 0:
        return [""]
    cuts = [0, *_breaks(text, width, fold), len(text)]
    return [_fit(text[a:b], width, fold) for a, b in pairwise(cuts)]


def _table(table: Table) -> list[str]:
    """rich's default table: heavy head box, one space of padding, top-aligned cells."""
    columns = table.columns
    widths: list[int] = []
    for k, column in enumerate(columns):
        cells = [column.header] + [row[k][0] for row in table.rows]
        widest = max(_width(cell) for cell in cells) + 2
        widths.append(min(widest, column.max_width + 2) or 1)

    def cell_lines(text: str, column: Column, width: int) -> list[str]:
        inner = max(width - 2, 0)
        return [" " + _pad(line, inner) + " " for line in _wrap(text, inner, column.fold)]

    def draw(cells: list[str], bar: str, bottom: bool = False) -> list[str]:
        """One row; shorter cells filled with blank lines below (above, for the header,
        which rich aligns to the bottom)."""
        blocks = [
            cell_lines(text, column, width)
            for text, column, width in zip(cells, columns, widths, strict=True)
        ]
        height = max(len(block) for block in blocks)
        for k, (block, width) in enumerate(zip(blocks, widths, strict=True)):
            blank = [" " * width] * (height - len(block))
            blocks[k] = blank + block if bottom else block + blank
        return [bar + bar.join(parts) + bar for parts in zip(*blocks, strict=True)]

    def rule(left: str, fill: str, middle: str, right: str) -> str:
        return left + middle.join(fill * w for w in widths) + right

    lines = [table.title, rule("┏", "━", "┳", "┓")]
    lines += draw([c.header for c in columns], "┃", bottom=True)
    lines.append(rule("┡", "━", "╇", "┩"))
    for row in table.rows:
        lines += draw([text for text, _style in row], "│")
    lines.append(rule("└", "─", "┴", "┘"))
    return lines


def _panel(title: str, lines: list[str]) -> list[str]:
    """rich's Panel (rounded box, one space of padding) as wide as its widest line."""
    label = f" {title} "
    inner = max(max((_width(line) for line in lines), default=0) + 2, _width(label) + 2)
    excess = inner - 2 - _width(label)
    left = excess // 2
    top = "╭─" + "─" * left + label + "─" * (excess - left) + "─╮"
    body = ["│ " + _pad(line, inner - 2) + " │" for line in lines]
    return [top, *body, "╰" + "─" * inner + "╯"]


def diff_text(screen: DiffScreen) -> str:
    lines = list(screen.warnings)
    summary = ["".join(text for text, _style in line) for line in screen.summary]
    lines += _panel(screen.summary_title, summary)
    if screen.highlights:
        lines += [screen.highlights_title, *screen.highlights, ""]
    for table in screen.tables:
        lines += _table(table)
    return "\n".join(line.rstrip() for line in lines)
