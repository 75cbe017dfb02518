"""Clean stage: repair extraction artifacts and recover paragraphs.

Two layouts reach us as text:

* wrapped (text extracted from a PDF): every visual line is a line, often followed by a blank
  line; a page break shows as a line starting with a space; 专栏 boxes are typeset wider than
  body text and may interrupt a body paragraph; tables are flattened to lines;
* paragraph-per-line (text exported from .docx/.html): tables are tab-indented cells, one blank
  line after each row; exporters leave markers such as ``[bookmark: …]``.

The output is a list of :class:`Block` in reading order, each with its original line span.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache

from planparse.model import Block, Dropped, PlanWarning, SourceText
from planparse.parse.grammar import grammar, load_toml
from planparse.parse.markers import item_number, read_marker, starts_section, starts_with_number

FIXED_LAYOUT = frozenset({"pdf", "ofd"})
"""Formats whose readers give visual lines of typeset pages, not paragraphs."""
TERMINAL = "。！？；!?;"
CLOSERS = "”’）)」』】〕"
# The second branch may only start at the first space of a run: otherwise a long run of spaces
# not touching CJK text is retried from every position (quadratic on untrusted input).
_SPACE_NEAR_CJK = re.compile(
    r"(?<=[^\x00-\x7f])[ \t\u3000\xa0]+|(?<![ \t\u3000\xa0])[ \t\u3000\xa0]+(?=[^\x00-\x7f])"
)


@dataclass
class Line:
    text: str
    origin: int
    boxed: bool | None = None
    width: float = 0.0
    indented: bool = False  # the reader saw a first-line indent (two ideographic spaces)


_READER_INDENT = "\u3000\u3000"  # how fixed-layout readers mark a first-line indent


@dataclass
class CleanResult:
    blocks: list[Block]
    dropped: list[Dropped] = field(default_factory=list)
    warnings: list[PlanWarning] = field(default_factory=list)


def visual_width(text: str) -> float:
    """Width in em: full-width characters 1, ASCII 0.5 (how a PDF line fills the text block).

    Inner spaces count as half an em: extractors print the extra letter-spacing around digits
    in CJK text as a space.
    """
    text = text.strip()
    narrow = len(text.encode("latin-1", "ignore"))  # ASCII and Latin-1: half an em each
    return len(text) - 0.5 * narrow


def remove_spurious_spaces(text: str) -> str:
    """Drop spaces next to CJK text (``1781 名`` -> ``1781名``); keep spaces between Latin words."""
    # _SPACE_NEAR_CJK opens with a lookbehind, so it is tried at every position: first ask
    # (one fast scan) whether there is a space to drop at all. Most paragraphs have none.
    if re.search(r"[ \t\u3000\xa0]", text) is None:
        return text.strip()
    return _SPACE_NEAR_CJK.sub("", text).strip()


def ends_paragraph(text: str) -> bool:
    """A line that may close a paragraph: a sentence end, or a closing bracket (责任括注)."""
    return bool(text) and (text[-1] in TERMINAL or text[-1] in CLOSERS)


def bracket_depth(text: str, depth: int = 0) -> int:
    """Open round brackets and quotes left in ``text`` (continuing from ``depth``): a paragraph
    cannot end inside them."""
    for char in re.findall(r"[（(“《）)”》]", text):  # the brackets only, in order
        if char in "（(“《":
            depth += 1
        elif char in "）)”》" and depth > 0:
            depth -= 1
    return depth


def opens_responsibility(text: str) -> bool:
    """A line starting with （牵头单位： or another role label: the end of a task paragraph."""
    stripped = text.lstrip()
    if stripped[:1] not in "（(":
        return False
    inner = stripped[1:].lstrip()  # a label may be cut by the line end: （牵头单
    return any(inner.startswith(label) for label in grammar().role_labels)


def starts_with_marker(text: str) -> bool:
    """A heading, list or 专栏 marker, or the start of the footer (版记)."""
    vocab = grammar()
    return (
        starts_with_number(text)
        or bool(vocab.column_header.match(text))
        or text.startswith(vocab.footer_starts)
        or (text.endswith("印发") and bool(vocab.footer_printed.search(text)))
    )


def clean(src: SourceText) -> CleanResult:
    """Turn reader output into paragraph blocks, listing every discarded piece of text."""
    result = CleanResult(blocks=[])
    lines = _strip_artifacts(src, result)
    if src.format in FIXED_LAYOUT or _is_wrapped(lines):
        result.blocks = _wrapped_blocks(lines, result)
    else:
        result.blocks = _paragraph_blocks(lines)
    return result


def _strip_artifacts(src: SourceText, result: CleanResult) -> list[Line | None]:
    """Remove markers, template lines and page numbers; None stands for a blank line."""
    vocab = grammar()
    out: list[Line | None] = []
    for index, (raw, origin) in enumerate(zip(src.lines, src.origins, strict=True)):
        text = raw.replace("\r", "").rstrip()
        if not text and raw.startswith("\t"):
            text = "\t"  # an empty table cell, not a blank line
        for pattern in vocab.inline_markers:
            if pattern.search(text) is None:  # nearly always: no second scan to remove it
                continue
            for match in pattern.finditer(text):
                result.dropped.append(
                    Dropped(
                        match.group(0), "export marker (e.g. a Word bookmark)", (origin, origin)
                    )
                )
            text = pattern.sub("", text)
        lost = _lost_indent().match(text.lstrip())
        if lost:
            result.dropped.append(
                Dropped(lost.group(0), "indentation spaces lost by an encoder", (origin, origin))
            )
            text = text.lstrip()[lost.end() :]
        if not text.strip() and text != "\t":
            out.append(None)
            continue
        core = text.strip()
        if vocab.template_lines.search(core):
            result.dropped.append(Dropped(core, "template instruction line", (origin, origin)))
            out.append(None)
            continue
        if not text.startswith("\t") and vocab.page_numbers.match(core):
            result.dropped.append(Dropped(core, "page number", (origin, origin)))
            out.append(None)
            continue
        boxed = src.boxed[index] if src.boxed is not None else None
        out.append(Line(text=text, origin=origin, boxed=boxed))
    return out


@cache
def _lost_indent() -> re.Pattern[str]:
    return re.compile(load_toml("grammar.toml")["artifacts"]["lost_indent"])


def _is_wrapped(lines: list[Line | None]) -> bool:
    """True when lines are visual lines of a typeset page rather than whole paragraphs."""
    present = [ln for ln in lines if ln is not None and not ln.text.startswith("\t")]
    if len(present) < 8:
        return False
    widths = [round(visual_width(ln.text)) for ln in present]
    mode, _ = (
        Counter(w for w in widths if w >= 12).most_common(1)[0]
        if any(w >= 12 for w in widths)
        else (0, 0)
    )
    if mode < 12:
        return False
    near_full_open = sum(
        1
        for ln, w in zip(present, widths, strict=True)
        if abs(w - mode) <= 1 and not ends_paragraph(ln.text.strip())
    )
    # On a typeset page nothing is much wider than the measure (boxes are a few em wider);
    # paragraph-per-line text has many long lines, however many short lines share a width.
    much_wider = sum(1 for w in widths if w > 1.6 * mode)
    return near_full_open / len(present) >= 0.25 and much_wider / len(present) < 0.1


# ---------------------------------------------------------------- paragraph-per-line layout


def _paragraph_blocks(lines: list[Line | None]) -> list[Block]:
    blocks: list[Block] = []
    row: list[list[Line]] | None = None

    def flush_row() -> None:
        nonlocal row
        if row:
            blocks.extend(_row_blocks(row))
        row = None

    for line in lines:
        if line is None:
            flush_row()
            continue
        if line.text.startswith("\t"):
            row = row if row is not None else []
            row.append([Line(line.text[1:], line.origin)])
            continue
        if row is not None:  # a further paragraph of the current cell
            row[-1].append(line)
            continue
        kind = "box" if line.boxed else "para"
        for piece in flattened_paragraphs(line.text):
            text = remove_spurious_spaces(piece)
            if text:
                blocks.append(Block(text=text, lines=(line.origin, line.origin), kind=kind))
    flush_row()
    _mark_plain_boxes(blocks)
    return blocks


# A page flattened into one line keeps its paragraphs apart with spaces: a space between two
# non-ASCII characters, in a long line where several follow a sentence end.
_GAP = re.compile(
    r"(?<=[^\x00-\x7f])[ \t\u3000\xa0]+(?=[^\x00-\x7f\s])"
    r"|(?<=[。：；！？）」』])[ \t\u3000\xa0]+(?=\S)"
)
_SENTENCE_GAP = re.compile(r"(?<=[。：；！？）」』])[ \t\u3000\xa0]+(?=\S)")
_OPEN_MARKER = re.compile(
    r"(?:第[一二三四五六七八九十百零〇\d]+[章节篇]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)])$"
)
_FLATTENED_MIN_CHARS = 300
_FLATTENED_MIN_GAPS = 3


def flattened_paragraphs(text: str) -> list[str]:
    """The paragraphs of a web page flattened into one line (``…的通知赣府发〔2022〕1号 各市…:
    现将…。 2022年1月26日 (此件主动公开) …``), else the line itself. A space after a heading
    marker (第一章 规划背景, 一、 提高…) is not a break."""
    if len(text) < _FLATTENED_MIN_CHARS:
        return [text]
    from planparse.parse.textview import view

    seen = view(text)
    if len(_SENTENCE_GAP.findall(seen)) < _FLATTENED_MIN_GAPS:
        return [text]
    pieces, start, depth_at = [], 0, _depths(seen)
    for gap in _GAP.finditer(seen):
        before = seen[start : gap.start()]
        if depth_at[gap.start()] or _OPEN_MARKER.search(before):
            continue
        pieces.append(text[start : gap.start()])
        start = gap.end()
    pieces.append(text[start:])
    return pieces


def _depths(seen: str) -> list[int]:
    """Open 《（“ brackets before each position: a break never falls inside them."""
    depth, out = 0, []
    for char in seen:
        out.append(depth)
        if char in "《（“":
            depth += 1
        elif char in "》）”" and depth:
            depth -= 1
    out.append(depth)
    return out


def _mark_plain_boxes(blocks: list[Block]) -> None:
    """A 专栏 printed as plain paragraphs (no frame, no table): its header and the numbered items
    that follow it, 1, 2, 3 … without a break, are box text."""
    header = grammar().column_header
    expected = 0  # the next item number of an open plain box; 0 when none is open
    for block in blocks:
        if block.kind != "para":
            expected = 0
            continue
        if header.match(block.text):
            block.kind, expected = "box", 1
            continue
        if expected and item_number(block.text) == expected:
            block.kind = "box"
            expected += 1
        else:
            expected = 0


def _row_blocks(cells: list[list[Line]]) -> list[Block]:
    """A table row: one cell is a frame (专栏 box) whose paragraphs stay apart; more is a row."""
    first = cells[0][0].origin
    last = cells[-1][-1].origin
    if len(cells) == 1:
        return [
            Block(text=text, lines=(ln.origin, ln.origin), kind="box")
            for ln in cells[0]
            if (text := remove_spurious_spaces(ln.text))
        ]
    texts = ["".join(remove_spurious_spaces(ln.text) for ln in cell) for cell in cells]
    return [Block(text=" ".join(texts), lines=(first, last), kind="row", cells=texts)]


# ---------------------------------------------------------------------------- wrapped layout


def _take_rows(raw: list[Line | None]) -> tuple[list[Line | None], list[Block]]:
    """Table rows a reader rebuilt from a ruled table (TAB-prefixed cells, an empty line after
    each row), taken out of the visual lines as row blocks; they leave a paragraph break."""
    out: list[Line | None] = []
    blocks: list[Block] = []
    row: list[list[Line]] | None = None
    for line in raw:
        if line is not None and line.text.startswith("\t"):
            row = row if row is not None else []
            row.append([Line(line.text[1:], line.origin)])
            continue
        if row is not None and line is not None:  # a further line of the last cell
            row[-1].append(line)
            continue
        if row is not None:
            blocks.extend(_row_blocks(row))
            row = None
        out.append(line)
    if row:
        blocks.extend(_row_blocks(row))
    return out, blocks


def _wrapped_blocks(raw: list[Line | None], result: CleanResult) -> list[Block]:
    raw, rows = _take_rows(raw)
    if rows:
        blocks = _wrapped_blocks(raw, result)
        return sorted(blocks + rows, key=lambda b: b.lines[0])
    widths = [visual_width(ln.text) for ln in raw if ln is not None]
    measures = Counter(round(w) for w in widths if w >= 12)
    if not measures:  # only short lines (large type, a cover page): nothing is wrapped
        return _paragraph_blocks(raw)
    body_width = measures.most_common(1)[0][0]
    lines = _drop_blank_doubling(raw)
    streams = _split_streams([ln for ln in lines if ln is not None], body_width)
    blocks: list[Block] = []
    blocks += _merge(streams["body"], body_width, "para")
    box_full = _box_width(streams["box"], body_width)
    blocks += _merge(streams["box"], box_full, "box")
    blocks += [
        Block(text=ln.text.strip(), lines=(ln.origin, ln.origin), kind="tableline")
        for ln in streams["table"]
    ]
    blocks.sort(key=lambda b: b.lines[0])
    if streams["box"] and not any(b.kind == "box" for b in blocks):  # pragma: no cover
        result.warnings.append(PlanWarning("box-lost", "boxed text could not be regrouped"))
    return blocks


def _drop_blank_doubling(lines: list[Line | None]) -> list[Line | None]:
    """Blank lines after every visual line carry no meaning; otherwise they end paragraphs."""
    present = [i for i, ln in enumerate(lines) if ln is not None]
    followed = sum(1 for i in present[:-1] if lines[i + 1] is None)
    doubled = bool(present) and followed / max(1, len(present) - 1) >= 0.7
    out: list[Line | None] = []
    for line in lines:
        if line is None:
            if not doubled and out and out[-1] is not None:
                out.append(None)
            continue
        if line.text.startswith(" ") and not line.text.startswith("\t"):
            line.text = line.text.strip()
        if line.text.startswith(_READER_INDENT):
            line.indented, line.text = True, line.text.lstrip("\u3000")
        line.width = visual_width(line.text)
        out.append(line)
    return out


def _box_width(lines: list[Line], body_width: int) -> int:
    wide = sorted(round(ln.width) for ln in lines if ln.width >= body_width + 3.5)
    return wide[len(wide) * 3 // 4] if wide else body_width


def _split_streams(lines: list[Line], body_width: int) -> dict[str, list[Line]]:
    """Separate body text, 专栏 box text and flattened table lines.

    Box text is typeset wider than body text, so a line clearly wider than the body measure
    belongs to a box, and so does the rest of an unfinished box item. A box stays open (paused)
    while body text flows past it, because a box split across a page can land in the middle of
    a body paragraph; numbering continuity brings its later short items back.
    """
    vocab = grammar()
    streams: dict[str, list[Line]] = {"body": [], "box": [], "table": []}
    state = "body"  # body | box | paused | table
    framed_table = True  # the open table sits in a 专栏 frame: a line outside it ends it
    prev_was_box = False
    last_box: Line | None = None
    next_item = 1
    for index, line in enumerate(lines):
        text = line.text
        wide = line.width >= body_width + 3.5
        header = vocab.column_header.match(text)
        if header:
            following = lines[index + 1].text if index + 1 < len(lines) else ""
            is_table = _looks_like_table_header(following) or any(
                w in header.group("title") for w in vocab.indicator_title_words
            )
            state = "table" if is_table else "box"
            framed_table = True
            streams["box"].append(line)
            prev_was_box, last_box, next_item = True, line, 1
            continue
        if state != "table" and _opens_table(lines, index):
            # A table outside any 专栏 (after a 表N caption, in an appendix): its header row
            # and rows are table lines, never headings or body text.
            state, framed_table = "table", False
            streams["table"].append(line)
            continue
        if state == "table":
            left_frame = framed_table and line.boxed is False
            if left_frame or _looks_like_body(line, body_width) or starts_section(text):
                state = "body"
            else:
                streams["table"].append(line)
                continue
        number = item_number(text)
        if line.boxed is not None:
            in_box = line.boxed
        elif state in ("box", "paused"):
            unfinished = prev_was_box and last_box is not None and not ends_paragraph(last_box.text)
            continues_numbering = number == next_item and (prev_was_box or wide)
            in_box = wide or unfinished or continues_numbering
        else:
            in_box = wide
        if in_box:
            streams["box"].append(line)
            prev_was_box, last_box, state = True, line, "box"
            if number == next_item:
                next_item += 1
        else:
            streams["body"].append(line)
            prev_was_box = False
            if state == "box":
                state = "paused"
    return streams


_SERIAL_ROW = re.compile(r"^\d{1,3}\s+\S")  # a row starting with its 序号 cell: "1 细颗粒物…"


def _opens_table(lines: list[Line], index: int) -> bool:
    """A table header row (two or more header words: 指标, 单位, 属性…) followed by a row
    that starts a record: a numbered name (1.…), or a category before one."""
    if not _looks_like_table_header(lines[index].text) or index + 1 >= len(lines):
        return False
    following = lines[index + 1].text.strip()
    if item_number(following) is not None or _SERIAL_ROW.match(following):
        return True
    first, _, rest = following.partition(" ")
    return bool(first) and item_number(rest.strip()) is not None


def _looks_like_table_header(text: str) -> bool:
    compact = "".join(text.split())  # without whitespace (as \s+ removes)
    return len(compact) <= 30 and sum(1 for w in grammar().header_words if w in compact) >= 2


def _looks_like_body(line: Line, body_width: int) -> bool:
    text = line.text
    return (
        line.width >= body_width - 3
        and ("，" in text or "。" in text)
        and item_number(text) is None
        and not any(text.rstrip().endswith(a) for a in grammar().attributes)
    )


def _merge(lines: list[Line], full_width: int, kind: str) -> list[Block]:
    """Join visual lines into paragraphs: a new paragraph starts after a short line, at a
    heading or list marker after a sentence end, or at an indented first line."""
    blocks: list[Block] = []
    current: list[Line] = []
    depth = 0  # open brackets in the current paragraph, kept as lines are added
    for line in lines:
        if current and _starts_paragraph(current, line, full_width, depth > 0):
            blocks.append(_join(current, kind))
            current, depth = [], 0
        current.append(line)
        depth = bracket_depth(line.text, depth)
    if current:
        blocks.append(_join(current, kind))
    return blocks


# A part, chapter or section marker followed by a space, as headings print it (第一章　总则);
# a sentence wrapped before 第三章 would not leave a space after the marker.
_CHAPTER_LINE = re.compile(r"^第[一二三四五六七八九十百零〇\d]{1,4}(?:部分|编|章|节)[ \u3000]+\S")


def _starts_paragraph(current: list[Line], cur: Line, full_width: int, open_brackets: bool) -> bool:
    prev = current[-1]
    prev_text = prev.text.strip()
    if grammar().column_header.match(cur.text) or grammar().column_header.match(prev_text):
        return True
    if opens_responsibility(cur.text):  # 责任括注 on its own line closes the task above
        return False
    if _CHAPTER_LINE.match(cur.text.strip()):  # 第X章␣title: a heading even after a full line
        return True
    # 首行缩进: the first line of a paragraph is indented by two characters.
    indented = cur.indented or full_width - 3.5 <= cur.width <= full_width - 1.25
    # A heading that fills the line exactly: the body starts on an indented line.
    marker = read_marker(prev_text) if len(current) == 1 else None
    heading_line = marker is not None and marker.type != "arabic"
    if heading_line and indented and not ends_paragraph(prev_text):
        return True
    if prev.width < full_width - 3.5:  # a short line ends its paragraph (or is a title)
        # …unless it broke early before an unbreakable run inside an open 《 or （.
        return not (
            open_brackets and prev.width >= full_width - 8 and not ends_paragraph(prev_text)
        )
    if not ends_paragraph(prev_text) or open_brackets:
        # A full line without a sentence end may still close its paragraph (a label line
        # 配合单位：… that reaches the margin): a section heading on a short line of its own
        # after it (（二）深化医药卫生体制改革) starts a new one.
        return not open_brackets and _short_heading(cur, full_width)
    return starts_with_marker(cur.text) or indented


def _short_heading(line: Line, full_width: int) -> bool:
    text = line.text.strip()
    return (
        starts_section(text)
        and line.width < full_width - 3.5
        and "。" not in text
        and not ends_paragraph(text)
    )


def _join(lines: list[Line], kind: str) -> Block:
    parts: list[str] = []
    for line in lines:
        text = line.text.strip()
        if parts and parts[-1][-1:].isascii() and parts[-1][-1:].isalnum() and text[:1].isascii():
            text = " " + text
        parts.append(text)
    text = remove_spurious_spaces("".join(parts))
    return Block(text=text, lines=(lines[0].origin, lines[-1].origin), kind=kind)
