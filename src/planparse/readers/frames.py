"""专栏 boxes and tables on a fixed-layout page (PDF, OFD): frames closed by drawn strokes,
and whether a line of glyphs sits inside one.

Coordinates are points with y growing downwards: (x0, top, x1, bottom).
"""

from __future__ import annotations

from itertools import pairwise
from typing import Any

Box = tuple[float, float, float, float]  # x0, top, x1, bottom

_TOL = 2.0


def _touch(h: Box, v: Box) -> bool:
    return h[0] - _TOL <= v[0] <= h[2] + _TOL and v[1] - _TOL <= h[1] <= v[3] + _TOL


def frames(horiz: list[Box], vert: list[Box]) -> list[Box]:
    """Bounding boxes of connected strokes that close a frame (left, right, top or bottom)."""
    segs = horiz + vert
    parent = list(range(len(segs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    nh = len(horiz)
    for i, h in enumerate(horiz):
        for j, v in enumerate(vert):
            if _touch(h, v):
                parent[find(i)] = find(nh + j)
    groups: dict[int, list[int]] = {}
    for i in range(len(segs)):
        groups.setdefault(find(i), []).append(i)
    frames: list[Box] = []
    for members in groups.values():
        hs = [segs[i] for i in members if i < nh]
        vs = [segs[i] for i in members if i >= nh]
        if not hs or len(vs) < 2:
            continue
        every = hs + vs
        x0, x1 = min(s[0] for s in every), max(s[2] for s in every)
        top, bottom = min(s[1] for s in every), max(s[3] for s in every)
        height, width = bottom - top, x1 - x0
        if width < 20 or height < 10:
            continue

        wide = any(h[2] - h[0] >= 0.6 * width for h in hs)
        if _side(vs, x0, height) and _side(vs, x1, height) and wide:
            frames.append((x0, top, x1, bottom))
    return frames


def _side(vs: list[Box], x: float, height: float) -> bool:
    return sum(v[3] - v[1] for v in vs if abs(v[0] - x) <= 3) >= 0.6 * height


def inside(chars: list[dict[str, Any]], regions: list[Box]) -> bool:
    if not regions:
        return False
    visible = [c for c in chars if c.get("text", "").strip()]
    if not visible:
        return False
    hits = 0
    for c in visible:
        cx, cy = (c["x0"] + c["x1"]) / 2, (c["top"] + c["bottom"]) / 2
        hits += any(r[0] - 1 <= cx <= r[2] + 1 and r[1] - 1 <= cy <= r[3] + 1 for r in regions)
    return hits * 2 >= len(visible)


_LINE_TOL = 3.0  # pdfplumber's default x/y tolerance, in points


def grid_rows(
    found: list[Any], chars: list[dict[str, Any]]
) -> list[tuple[Box, list[tuple[str, bool]]]]:
    """Ruled tables of two or more columns as rows of cells, in the TAB convention of
    `readers.sink` (a cell a line starting with TAB, an empty line after each row), so that
    `clean` reads them as rows wherever they stand: a cell's wrapped lines become one line.

    A cell a vertical merge covers is an empty cell, its text given to the merge's first row
    (where a .docx has it), wherever the producer centred it; one a horizontal span covers is
    left out. One-column frames (专栏 boxes) stay lines."""
    tables = []
    for table in found:
        rows = [list(r.cells) for r in table.rows]
        if max((sum(c is not None for c in r) for r in rows), default=0) < 2:
            continue
        tables.append((tuple(table.bbox), _render_grid(rows, [r.bbox for r in table.rows], chars)))
    return tables


def _render_grid(
    rows: list[list[Box | None]], row_boxes: list[Box], chars: list[dict[str, Any]]
) -> list[tuple[str, bool]]:
    lefts: dict[int, float] = {}
    rights: dict[int, float] = {}
    for row in rows:
        for j, cell in enumerate(row):
            if cell is not None:
                lefts[j] = min(lefts.get(j, cell[0]), cell[0])
                rights[j] = min(rights.get(j, cell[2]), cell[2])
    used: set[int] = set()
    texts: list[list[str | None]] = []  # None: covered by a horizontal span, left out
    slots: list[tuple[int, int, int]] = []  # (row, column, head row) of cells drawn without
    # their own box: covered by a merge from above, or a cell whose closing rule is on the
    # next page (so pdfplumber forms no box for it)
    head_row: dict[int, int] = {}
    covered_to: dict[int, float] = {}  # per column: the bottom of the cell last seen
    for i, row in enumerate(rows):
        out: list[str | None] = []
        for j, cell in enumerate(row):
            if cell is not None:
                out.append(_cell_text(chars, cell, used))
                head_row[j], covered_to[j] = i, cell[3]
                continue
            left = next((c for c in reversed(row[:j]) if c is not None), None)
            if left is not None and left[2] > lefts.get(j, left[2]) + 1:
                out.append(None)
                continue
            out.append("")
            if row_boxes[i][1] >= covered_to.get(j, float("-inf")) - 1:
                head_row[j], covered_to[j] = i, float("inf")  # a new cell, open below
            slots.append((i, j, head_row.get(j, i)))
        texts.append(out)
    for i, j, head in slots:  # text printed in such a slot (vertically centred) goes up
        if j not in lefts:
            continue
        slot = (lefts[j], row_boxes[i][1], rights[j], row_boxes[i][3])
        text = _cell_text(chars, slot, used)
        if text and texts[head][j] is not None:
            texts[head][j] = (texts[head][j] or "") + text
    rendered: list[tuple[str, bool]] = []
    for out in texts:
        cells = [t for t in out if t is not None]
        if any(cells):
            rendered += [("\t" + text, True) for text in cells] + [("", True)]
    return rendered


def _cell_text(chars: list[dict[str, Any]], bbox: Box, used: set[int] | None = None) -> str:
    """A cell's text: the glyphs centred in it (glyph boxes may overhang its rules), as
    lines by position, the wrapped lines joined (a space only between two Latin words).
    Glyphs whose ids are in `used` are skipped, and the ones taken are added to it."""
    x0, top, x1, bottom = bbox
    mine = [
        c
        for c in chars
        if x0 <= (c["x0"] + c["x1"]) / 2 <= x1
        and top <= (c["top"] + c["bottom"]) / 2 <= bottom
        and (used is None or id(c) not in used)
    ]
    if used is not None:
        used.update(id(c) for c in mine)
    mine.sort(key=lambda c: (c["top"], c["x0"]))
    rows: list[list[dict[str, Any]]] = []
    for c in mine:
        if rows and abs(c["top"] - rows[-1][0]["top"]) <= _LINE_TOL:
            rows[-1].append(c)
        else:
            rows.append([c])
    parts: list[str] = []
    for row in rows:
        row.sort(key=lambda c: c["x0"])
        text = row[0]["text"]
        for a, b in pairwise(row):
            # wider than ¾ em: a tab or aligned columns inside the cell, not letter-spacing
            gap = max(_LINE_TOL, 0.75 * float(b.get("size") or 0))
            text += (" " if b["x0"] - a["x1"] > gap else "") + b["text"]
        text = text.strip()
        if parts and parts[-1][-1:].isascii() and parts[-1][-1:].isalnum() and text[:1].isascii():
            text = " " + text
        parts.append(text)
    return "".join(parts)


def with_tables(
    lines: list[tuple[str, float, list[dict[str, Any]]]],
    grids: list[tuple[Box, list[tuple[str, bool]]]],
    regions: list[Box],
) -> list[tuple[str, bool]]:
    """A page's (text, top, glyphs) lines with its ruled tables printed as rows in their
    place (by their top), and each other line marked boxed or not."""
    out: list[tuple[str, bool]] = []
    pending = sorted(grids, key=lambda g: g[0][1])
    kept = [
        (text, top, chars, inside(chars, regions))
        for text, top, chars in lines
        if not any(inside(chars, [box]) for box, _ in grids)  # printed as table rows
    ]
    indented = _indented([(chars, boxed) for _, _, chars, boxed in kept])
    for (text, top, _, boxed), indent in zip(kept, indented, strict=True):
        while pending and pending[0][0][1] <= top:
            out += pending.pop(0)[1]
        out.append((INDENT + text if indent else text, boxed))
    for _, rows in pending:
        out += rows
    return out


INDENT = "\u3000\u3000"
"""Printed before a line that starts two characters in from its text block's left edge: the
first-line indent (首行缩进) that marks a new paragraph, which `clean` reads."""


def _indented(lines: list[tuple[list[dict[str, Any]], bool]]) -> list[bool]:
    """Whether each line starts 1.5-4.5 em right of the usual left edge of its kind of line
    (body text, or text in boxes), the em being the line's own glyph size."""
    lefts: dict[bool, list[int]] = {}
    for chars, boxed in lines:
        if chars:
            lefts.setdefault(boxed, []).append(round(min(c["x0"] for c in chars)))
    margin = {kind: max(set(xs), key=xs.count) for kind, xs in lefts.items()}
    out = []
    for chars, boxed in lines:
        if not chars:
            out.append(False)
            continue
        sizes = sorted(float(c.get("size") or 0) for c in chars)
        em = sizes[len(sizes) // 2] or 10.0
        offset = min(c["x0"] for c in chars) - margin[boxed]
        out.append(1.5 * em <= offset <= 4.5 * em)
    return out


def ruled_tables(horiz: list[Box], vert: list[Box]) -> list[Any]:
    """Tables (pdfplumber `Table`s: rows of cell boxes) formed by drawn rules, found with
    pdfplumber's own lattice steps, for pages that are not PDF (OFD)."""
    from pdfplumber.table import (
        Table,
        cells_to_tables,
        edges_to_intersections,
        intersections_to_cells,
        merge_edges,
    )

    edges = [
        {"x0": h[0], "x1": h[2], "top": h[1], "bottom": h[1], "width": h[2] - h[0],
         "height": 0.0, "orientation": "h", "object_type": "line"}
        for h in horiz
    ] + [
        {"x0": v[0], "x1": v[0], "top": v[1], "bottom": v[3], "width": 0.0,
         "height": v[3] - v[1], "orientation": "v", "object_type": "line"}
        for v in vert
    ]  # fmt: skip
    edges = merge_edges(edges, 3, 3, 3, 3)
    cells = intersections_to_cells(edges_to_intersections(edges, 3, 3))
    return [Table(None, group) for group in cells_to_tables(cells)]  # type: ignore[arg-type]
