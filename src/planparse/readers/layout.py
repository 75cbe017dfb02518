"""The paragraphs and tables the structured readers (docx, html) read, and their rendering
as text lines.

This is the readers' own intermediate form, not the parse model (planparse.model): it lives
only between a structured file and the SourceText the parser reads.

Rendering follows the plain-text export of a .docx (see corpus/linfen-city-draft.txt), which
the cleaner downstream understands:

* a paragraph is one line (more if it holds manual line breaks);
* per table row, per cell: the cell's first line prefixed with one TAB, its further lines
  without the TAB, an empty cell as a line holding only a TAB; after each row an empty line.

So a TAB at the start of a line must only ever come from a table cell: body text is
rendered with its own tabs turned into spaces.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Para:
    lines: list[str]
    origin: int
    boxed: bool = False


@dataclass
class Cell:
    items: list[Para | Table] = field(default_factory=list)
    origin: int = 0
    merged: bool = False  # continuation of a vertical merge: rendered as an empty cell


@dataclass
class Table:
    rows: list[list[Cell]] = field(default_factory=list)


Item = Para | Table


@dataclass
class Rendered:
    lines: list[str] = field(default_factory=list)
    origins: list[int] = field(default_factory=list)
    boxed: list[bool] = field(default_factory=list)

    def add(self, text: str, origin: int, boxed: bool) -> None:
        self.lines.append(text)
        self.origins.append(origin)
        self.boxed.append(boxed)


def untab(text: str) -> str:
    return text.replace("\t", " ")


def render(items: list[Item], out: Rendered | None = None) -> Rendered:
    out = out if out is not None else Rendered()
    for item in items:
        if isinstance(item, Para):
            for line in item.lines or [""]:
                out.add(untab(line), item.origin, item.boxed)
        else:
            _render_table(item, out)
    return out


def _render_table(table: Table, out: Rendered) -> None:
    for row in table.rows:
        if not row:
            continue
        if len(row) == 1 and any(isinstance(i, Table) for i in row[0].items):
            _render_frame(row[0], out)
            continue
        _render_row([_cell_lines(c) for c in row], [c.origin for c in row], out)


def _render_row(cells: list[list[tuple[str, int]]], origins: list[int], out: Rendered) -> None:
    last = origins[-1]
    for lines, origin in zip(cells, origins, strict=True):
        if not lines:
            out.add("\t", origin, True)
            last = origin
            continue
        for k, (text, line_origin) in enumerate(lines):
            out.add(("\t" if k == 0 else "") + text, line_origin, True)
            last = line_origin
    out.add("", last, True)


def _render_frame(cell: Cell, out: Rendered) -> None:
    """A one-cell row holding a table (a 专栏 frame around an indicator table): the text
    before, the inner table and the text after become rows of their own, in order."""
    pending: list[Item] = []

    def flush() -> None:
        lines = _cell_lines(Cell(items=pending, origin=cell.origin))
        if lines:
            _render_row([lines], [lines[0][1]], out)
        pending.clear()

    for item in cell.items:
        if isinstance(item, Table):
            flush()
            _render_table(item, out)
        else:
            pending.append(item)
    flush()


def _cell_lines(cell: Cell) -> list[tuple[str, int]]:
    """A cell's non-empty lines; a nested table contributes one line per row."""
    if cell.merged:
        return []
    lines: list[tuple[str, int]] = []
    for item in cell.items:
        if isinstance(item, Para):
            lines.extend((untab(t), item.origin) for t in item.lines if t.strip())
            continue
        for row in item.rows:
            texts = [t for c in row for t, _ in _cell_lines(c)]
            if texts:
                lines.append((" ".join(texts), row[0].origin))
    return lines
