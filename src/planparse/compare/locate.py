"""Where a piece of text sits in the original file: line and column, for linter-style output.

A finding knows the line span of its paragraph (the source map) and the text it is about (a
bracket, a number, a unit name). The cleaner may have joined wrapped lines, dropped a page
number or removed spaces, so the text is found again in the original lines by comparing the
non-blank characters only; the column is counted in characters (Unicode code points) of the
original line, 1-based, as editors and SARIF's ``unicodeCodePoints`` count them.
"""

from __future__ import annotations

from difflib import SequenceMatcher

from planparse.model import LineSpan, SourceText


def origin_lines(source: SourceText) -> dict[int, str]:
    """Original line (or paragraph) number -> its text; lines sharing an origin are joined."""
    out: dict[int, str] = {}
    for text, origin in zip(source.lines, source.origins, strict=False):
        out[origin] = out[origin] + "\n" + text if origin in out else text
    return out


def locate(
    lines: dict[int, str], span: LineSpan | None, needle: str, index: int = 0
) -> tuple[int, int] | None:
    """(line, column) of ``needle[index]`` where ``needle`` occurs within ``span``.

    ``needle`` is the text the finding is about, or a longer context (a whole paragraph, a
    bracket) with ``index`` pointing at the offending character inside it. None when the text
    cannot be found there (the caller then reports the span's first line).
    """
    if not span or not needle:
        return None
    places: list[tuple[int, int]] = []
    chars: list[str] = []
    for number in range(span[0], span[1] + 1):
        text = lines.get(number)
        if text is None:
            continue
        column = 0
        for char in text:
            if char == "\n":
                column = 0
                continue
            column += 1
            if not char.isspace():
                places.append((number, column))
                chars.append(char)
    stream = "".join(chars)
    wanted = "".join(c for c in needle if not c.isspace())
    offset = sum(1 for c in needle[: max(index, 0)] if not c.isspace())
    if not wanted:
        return None
    start = stream.find(wanted)
    if start >= 0:
        return places[min(start + offset, len(places) - 1)]
    # The cleaned text differs from the original (artifacts removed, characters normalised):
    # map the offset through the longest common runs of the two.
    matcher = SequenceMatcher(None, wanted, stream, autojunk=False)
    for block in matcher.get_matching_blocks():
        if block.size and block.a <= offset < block.a + block.size:
            return places[block.b + offset - block.a]
    blocks = [b for b in matcher.get_matching_blocks() if b.size]
    if blocks and blocks[0].size >= min(4, len(wanted)):
        return places[blocks[0].b]
    return None
