"""The plan summary as plain text, for a pipe or a file: the very lines rich prints there.

On a terminal the summary is drawn by rich (planparse.render.plan_terminal), in colour and
fitted to the window. Sent to a pipe or a file it has no colour and no wrapping, and drawing it
needs only column widths, measured as rich measures them (render.cells; CJK characters take
two cells); every value is one line without tabs (render.plan_terminal flattens them). Importing
and running rich's console costs about as much as parsing the plan, so this module writes
those lines itself; a test holds its output to rich's on every corpus document.
"""

from __future__ import annotations

from planparse.model import Plan
from planparse.render.cells import cell_len
from planparse.render.plan_terminal import OutlineNode, summary_rows


def _width(text: str) -> int:
    return cell_len(text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def _grid(rows: list[tuple[str, str]]) -> list[str]:
    """Two columns, the first as wide as its longest key plus two spaces."""
    key_width = max(_width(key) for key, _ in rows)
    return [_pad(key, key_width) + "  " + value for key, value in rows]


def _tree(title: str, nodes: list[OutlineNode]) -> list[str]:
    """The outline under ``title`` with rich's guides (├── │ └──)."""
    out = [title]

    def draw(children: list[OutlineNode], prefix: str) -> None:
        for k, node in enumerate(children):
            last = k == len(children) - 1
            out.append(prefix + ("└── " if last else "├── ") + node.label)
            draw(node.children, prefix + ("    " if last else "│   "))

    draw(nodes, "")
    return out


def _plain_table(title: str, rows: list[tuple[str, str]]) -> list[str]:
    """A borderless table without a header: one space of padding on each side of a cell."""
    width = max(_width(key) for key, _ in rows)
    return [title] + [" " + _pad(key, width) + "  " + value for key, value in rows]


def _boxed_table(title: str, header: list[str], rows: list[list[str]]) -> list[str]:
    """rich's default box (heavy head) around a header and rows."""

    def line(left: str, fill: str, middle: str, right: str) -> str:
        return left + middle.join(fill * (w + 2) for w in widths) + right

    def cells(values: list[str], bar: str) -> str:
        return bar + bar.join(f" {_pad(v, w)} " for v, w in zip(values, widths, strict=True)) + bar

    widths = [max(_width(cell) for cell in column) for column in zip(header, *rows, strict=True)]
    out = [title, line("┏", "━", "┳", "┓"), cells(header, "┃"), line("┡", "━", "╇", "┩")]
    out += [cells(row, "│") for row in rows]
    out.append(line("└", "─", "┴", "┘"))
    return out


def plan_summary_text(plan: Plan) -> str:
    rows = summary_rows(plan)
    lines = _grid(rows.head) + _tree("outline", rows.outline) + _plain_table("counts", rows.counts)
    if rows.warnings:
        lines += _boxed_table("warnings", ["code", "message", "lines"], rows.warnings)
    return "\n".join(line.rstrip() for line in lines)
