"""专栏: boxed lists of key projects, and the box holding the main-indicator table."""

from __future__ import annotations

from planparse.model import Block, Column, ColumnItem, PlanWarning
from planparse.parse.grammar import grammar
from planparse.parse.markers import NUMBERED
from planparse.parse.segment import numbering_warnings, split_lead


def read_column_header(text: str) -> tuple[str, str] | None:
    match = grammar().column_header.match(text)
    if match is None:
        return None
    return match.group("num"), match.group("title").strip()


def add_box_block(columns: list[Column], block: Block) -> None:
    """Attach a box paragraph to its column: a header opens one, a numbered paragraph is an
    item, a further paragraph continues the last item."""
    header = read_column_header(block.text)
    if header is not None:
        number, title = header
        kind = (
            "indicators" if any(w in title for w in grammar().indicator_title_words) else "projects"
        )
        columns.append(Column(number=number, title=title, kind=kind, lines=block.lines))
        return
    if not columns:
        columns.append(Column(number="", title="", kind="projects", lines=block.lines))
    column = _owner(columns, block)
    column.lines = (min(column.lines[0], block.lines[0]), max(column.lines[1], block.lines[1]))
    match = NUMBERED.match(block.text)
    if match:
        title, _ = split_lead(match.group("rest"), grammar().lead_max_chars)
        column.items.append(
            ColumnItem(
                number=match.group("num"),
                title=title,
                text=block.text,
                lines=block.lines,
                segments=[block.lines],
            )
        )
    elif column.items:  # a further paragraph of the last item
        item = column.items[-1]
        item.text += "\n" + block.text
        item.lines = (item.lines[0], block.lines[1])
        item.segments.append(block.lines)


def _owner(columns: list[Column], block: Block) -> Column:
    """The column a box paragraph belongs to: the latest one whose numbering it continues."""
    match = NUMBERED.match(block.text)
    if match:
        number = int(match.group("num"))
        for column in reversed(columns):
            if len(column.items) + 1 == number:
                return column
    return columns[-1]


def column_warnings(columns: list[Column]) -> list[PlanWarning]:
    warnings: list[PlanWarning] = []
    seq = [(int(c.number), c.number, c.lines) for c in columns if c.number.isdigit()]
    warnings += numbering_warnings(seq, "column")
    for column in columns:
        items = [(int(i.number), i.number, i.lines) for i in column.items if i.number.isdigit()]
        warnings += numbering_warnings(items, "column-item")
    return warnings
