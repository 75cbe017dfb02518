"""Terminal cells: values made one line, line spans as printed, and cell widths as rich
measures them, without importing rich for plain plan text.

The plain writers (plan_text, diff_text) pad and wrap by cell width, where a CJK character
takes two cells. rich.cells is the measure they must agree with, but importing it (with rich's
package and typing) costs more than the rest of writing the view. Plan text is nearly all
ASCII, Latin-1 punctuation, CJK ideographs and full-width forms, whose widths are fixed by
range; those are answered here (a test checks every code point of these ranges against
rich.cells), and any other character sends the whole string to rich.cells itself.
"""

from __future__ import annotations

from bisect import bisect_right

# A cell holds one line: tabs and line breaks inside a value read as spaces, and other control
# characters are left out (rich would otherwise measure a tab as one cell and cut the value
# short, and a bare carriage return would overwrite the line on a terminal).
_FLAT = {**dict.fromkeys(range(32)), **dict.fromkeys(map(ord, "\t\n\r\x0b\x0c"), " "), 127: None}


def flat(text: str) -> str:
    return text.translate(_FLAT)


def line_span(lines: tuple[int, int] | list[int] | None) -> str:
    """``L12`` or ``L12-15``; empty without lines."""
    if not lines:
        return ""
    return f"L{lines[0]}" if lines[0] == lines[1] else f"L{lines[0]}-{lines[1]}"


# (first, last, width) for code points whose width rich gives by range, sorted, disjoint
_RANGES = (
    (0x0020, 0x007E, 1),  # ASCII
    (0x00A0, 0x00FF, 1),  # Latin-1: · × ° …
    (0x2010, 0x2027, 1),  # dashes, quotation marks, ‰-style punctuation
    (0x202F, 0x205E, 1),  # ‰ ※ ‼ …
    (0x2190, 0x22FF, 1),  # arrows, ≥ ≤ ≠
    (0x2460, 0x24FF, 1),  # ① ② …
    (0x2500, 0x257F, 1),  # box drawing
    (0x3000, 0x3029, 2),  # ideographic space, 、 。 〈 〉 《 》 「 」 【 】 〔 〕
    (0x3030, 0x303E, 2),
    (0x3041, 0x3096, 2),  # hiragana
    (0x30A1, 0x30FF, 2),  # katakana
    (0x3300, 0x33FF, 2),  # CJK compatibility (㎡)
    (0x3400, 0x4DBF, 2),  # CJK extension A
    (0x4E00, 0x9FFF, 2),  # CJK unified ideographs
    (0xF900, 0xFAFF, 2),  # CJK compatibility ideographs
    (0xFE30, 0xFE4F, 2),  # CJK compatibility forms
    (0xFF01, 0xFF60, 2),  # full-width forms: （ ） ， ： ； ％
    (0xFFE0, 0xFFE6, 2),  # full-width signs: ￥
)
_STARTS = [first for first, _last, _width in _RANGES]


def char_width(code: int) -> int | None:
    """The width of a code point when it lies in a known range, else None."""
    k = bisect_right(_STARTS, code) - 1
    if k >= 0:
        _first, last, width = _RANGES[k]
        if code <= last:
            return width
    return None


def cell_len(text: str) -> int:
    if text.isascii() and text.isprintable():
        return len(text)
    total = 0
    for ch in text:
        width = char_width(ord(ch))
        if width is None:
            from rich.cells import cell_len as rich_cell_len

            return rich_cell_len(text)
        total += width
    return total


def chop_cells(text: str, width: int) -> list[str]:
    """``text`` cut into pieces of at most ``width`` cells (rich.cells.chop_cells)."""
    found = [char_width(ord(ch)) for ch in text]
    widths = [w for w in found if w is not None]
    if len(widths) < len(found):
        from rich.cells import chop_cells as rich_chop

        return rich_chop(text, width)
    pieces: list[str] = []
    start = size = 0
    for k, w in enumerate(widths):
        if size + w > width:
            pieces.append(text[start:k])
            start, size = k, 0
        size += w
    if size:
        pieces.append(text[start:])
    return pieces


def set_cell_size(text: str, total: int) -> str:
    """``text`` padded with spaces or cut to exactly ``total`` cells (rich.cells.set_cell_size)."""
    if total <= 0:
        return ""
    size = cell_len(text)
    if size <= total:
        return text + " " * (total - size)
    found = [char_width(ord(ch)) for ch in text]
    if None in found:
        from rich.cells import set_cell_size as rich_set

        return rich_set(text, total)
    used = 0
    for k, w in enumerate(found):
        if used + w > total:  # a wide character across the edge becomes a space
            return text[:k] + " " * (total - used)
        used += w
    return text
