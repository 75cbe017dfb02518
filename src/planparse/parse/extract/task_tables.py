"""任务分工表: responsibility given row by row in a table instead of in brackets.

Many 实施方案 and 行动计划 close with a 重点任务分工表 (序号 / 重点任务 / 主要内容 / 牵头单位 /
配合单位 / 完成时限); some are nothing but such a table. The table is found by its header row
(the words in schemas/task_tables.toml), wherever it stands, in two forms:

* real tables (.docx, .html, .odt, PDF/OFD with ruling lines): the reader's table rows, where a
  merged cell (rowspan / vMerge) arrives as an empty cell;
* flattened text, as a copy from a page or a PDF gives it: one cell per line, or the cells of
  a row on one line separated by tabs. The header row is recognised first (a header cell may
  be wrapped over two lines, 主要 / 任务); each following line is then classed as a number,
  a unit list, a deadline, an empty marker or text, and laid into the columns in order.

Sub-rows of one task (序号 and 工作事项 merged over several rows) are folded into one row per
task; `/`, `无`, `—` are empty. `link_rows` then gives each row's responsibility to the body
task it describes, or makes the row a task of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache

from planparse.model import Block, LineSpan, PlanWarning, Responsibility, Task
from planparse.parse.extract.responsibility import parse_bracket, split_units
from planparse.parse.grammar import grammar, load_toml

TYPE_CHECKING = False  # typing is not imported at run time: start-up (see cli/launch)
if TYPE_CHECKING:
    from typing import Any

UNIT_ROLES = ("lead", "participating", "responsible")
OFFICE_ROLES = ("lead_office", "participating_office")
TEXT_ROLES = ("area", "item", "content")


@dataclass(frozen=True)
class Vocabulary:
    header_words: tuple[tuple[str, str], ...]  # (word, role), longest first
    empty: frozenset[str]
    deadline: re.Pattern[str]
    unit_end: re.Pattern[str]
    trailers: tuple[str, ...]


@cache
def vocabulary() -> Vocabulary:
    data: dict[str, Any] = load_toml("task_tables.toml")
    words = [(w, role) for role, ws in data["columns"].items() for w in ws]
    words.sort(key=lambda wr: -len(wr[0]))
    cells = data["cells"]
    deadline_words = "|".join(re.escape(w) for w in cells["deadline_words"])
    return Vocabulary(
        header_words=tuple(words),
        empty=frozenset(cells["empty"]),
        deadline=re.compile(rf"^(?:(?:19|20)\d{{2}}\s*(?:年|[-—–~至]|\.|—)|{deadline_words})"),
        unit_end=re.compile(
            "(?:"
            + "|".join(re.escape(w) for w in sorted(cells["unit_endings"], key=len)[::-1])
            + ")$"
        ),
        trailers=tuple(sorted(cells["unit_trailers"], key=len, reverse=True)),
    )


def _compact(text: str) -> str:
    return "".join(text.split())  # str.split() splits on \s, U+3000 included


def header_role(cell: str) -> str | None:
    """The role of a header cell (牵头单位 -> lead), by the longest header word it holds."""
    text = _compact(cell).strip("*：:（）()")
    if not text or len(text) > 12:
        return None
    for word, role in vocabulary().header_words:
        if word == text:
            return role
    for word, role in vocabulary().header_words:
        if len(word) >= 2 and word in text:
            return role
    return None


def is_header(roles: list[str | None]) -> bool:
    """A row that names a unit column and a text column, and nothing that is not a header."""
    known = [r for r in roles if r]
    return (
        len(known) >= 2
        and any(r in UNIT_ROLES for r in known)
        and any(r in TEXT_ROLES for r in known)
        and len(known) >= len(roles) - 1
    )


# --------------------------------------------------------------------------- the rows


@dataclass
class TaskRow:
    """One task of a task-division table, sub-rows folded in."""

    table: int  # the table's number in the document, from 1
    number: str
    area: str
    item: str
    content: str
    lead: list[str] = field(default_factory=list)
    participating: list[str] = field(default_factory=list)
    responsible: list[str] = field(default_factory=list)
    lead_office: list[str] = field(default_factory=list)
    participating_office: list[str] = field(default_factory=list)
    deadline: str = ""
    raw: list[str] = field(default_factory=list)  # header：cell, as printed
    labels: list[str] = field(default_factory=list)  # the unit columns' header words
    irregular: list[str] = field(default_factory=list)
    lines: LineSpan = (0, 0)
    group: str = ""  # a row spanning the table above it: （一）…

    @property
    def title(self) -> str:
        return self.item or self.content or self.area

    def responsibility(self) -> Responsibility:
        return Responsibility(
            lead=list(self.lead),
            participating=list(self.participating),
            responsible=list(self.responsible),
            raw="；".join(self.raw),
            labels=list(self.labels),
            irregular=list(self.irregular),
            lines=self.lines,
            source="table",
            lead_offices=list(self.lead_office),
            participating_offices=list(self.participating_office),
        )


@dataclass
class Column:
    role: str
    header: str


@dataclass
class _Cells:
    """One printed row: column index -> cell text, and its line span."""

    values: dict[int, str]
    lines: LineSpan


@dataclass
class TaskTables:
    rows: list[TaskRow] = field(default_factory=list)
    blocks: set[int] = field(default_factory=set)  # body indices the tables consumed
    tables: int = 0


def find_task_tables(body: list[Block], raw_lines: dict[int, str] | None = None) -> TaskTables:
    """Every task-division table of the body, real or flattened, as one row per task."""
    found = TaskTables()
    _real_tables(body, found)
    _flat_tables(body, raw_lines or {}, found)
    found.rows.sort(key=lambda r: r.lines)
    return found


# ------------------------------------------------------------------------- real tables


def _real_tables(body: list[Block], found: TaskTables) -> None:
    index = 0
    while index < len(body):
        block = body[index]
        roles = [header_role(c) for c in block.cells or []] if block.kind == "row" else []
        if not roles or not is_header(roles):
            index += 1
            continue
        header = block.cells or []
        consumed = [index]
        index += 1
        # A second header row under a spanning one (责任单位 over 牵头单位 | 配合单位).
        if index < len(body) and body[index].kind == "row":
            sub = body[index].cells or []
            sub_roles = [header_role(c) for c in sub]
            if any(sub_roles) and all(
                r or not c.strip() for r, c in zip(sub_roles, sub, strict=True)
            ):
                header = _merge_headers(header, sub)
                consumed.append(index)
                index += 1
        columns = [Column(header_role(c) or "note", _compact(c)) for c in header]
        printed: list[_Cells] = []
        groups: dict[int, str] = {}
        while index < len(body) and body[index].kind in ("row", "box"):
            b = body[index]
            if b.kind == "box":  # a row spanning the whole table: a group title
                groups[len(printed)] = b.text
            else:
                roles = [header_role(c) for c in b.cells or []]
                if is_header(roles):  # the header repeated on a new page
                    consumed.append(index)
                    index += 1
                    continue
                values = _align(b.cells or [], len(columns))
                printed.append(_Cells(values, b.lines))
            consumed.append(index)
            index += 1
        # Boxes after the last row are a 专栏 or text in a frame after the table, not groups.
        while consumed and body[consumed[-1]].kind == "box":
            consumed.pop()
        groups = {k: v for k, v in groups.items() if k < len(printed)}
        found.tables += 1
        found.rows.extend(_fold(found.tables, columns, printed, groups))
        found.blocks.update(consumed)


def _merge_headers(top: list[str], sub: list[str]) -> list[str]:
    """Header cells of two rows as one: an empty place in the lower row is a cell of the upper
    row spanning both rows; a run of lower cells sits under one spanning upper cell."""
    merged: list[str] = []
    j = 0
    in_run = False
    for cell in sub:
        if cell.strip():
            if not in_run:
                j += 1  # the spanning upper cell above this run
            merged.append(cell)
            in_run = True
        else:
            merged.append(top[j] if j < len(top) else "")
            j += 1
            in_run = False
    return merged


def _align(cells: list[str], width: int) -> dict[int, str]:
    """Cells by column; a row with fewer cells (a colspan) keeps its first and last cells in
    place, as a spanning cell usually covers text columns in the middle."""
    if len(cells) >= width:
        return {i: c for i, c in enumerate(cells[:width])}
    values = {i: c for i, c in enumerate(cells[:-1])}
    values[width - 1] = cells[-1]
    return values


# ------------------------------------------------------------------------ folding rows


def _fold(
    table: int, columns: list[Column], printed: list[_Cells], groups: dict[int, str]
) -> list[TaskRow]:
    """One TaskRow per task: a printed row without its own number and item continues the
    task above it (a sub-row under merged cells)."""
    rows: list[TaskRow] = []
    carry: dict[str, str] = {}
    group = ""
    has_number = any(c.role == "number" for c in columns)
    for k, cells in enumerate(printed):
        group = groups.get(k, group)
        by_role: dict[str, list[str]] = {}
        raw: list[str] = []
        for i, column in enumerate(columns):
            text = _cell(cells.values.get(i, ""))
            by_role.setdefault(column.role, []).append(text)
            if text:
                raw.append(f"{column.header}：{text}")
        number = _first(by_role.get("number"))
        area = _first(by_role.get("area"))
        item = _first(by_role.get("item"))
        content = "；".join(t for t in by_role.get("content", []) if t)
        if not any(by_role.get(r) and any(by_role[r]) for r in (*TEXT_ROLES, *UNIT_ROLES)):
            continue  # a row of numbers only (a column-number row) or wholly empty
        continues = bool(rows) and not number and (not item or item == carry.get("item"))
        if has_number and not number and item and item != carry.get("item"):
            continues = False
        if not has_number and not item and not content and rows:
            continues = True
        if continues:
            row = rows[-1]
            if content and content not in row.content:
                row.content = "；".join(t for t in (row.content, content) if t)
            _add_units(row, columns, by_role)
            if by_role.get("deadline") and _first(by_role["deadline"]) not in row.deadline:
                row.deadline = "；".join(
                    t for t in (row.deadline, _first(by_role["deadline"])) if t
                )
            row.raw += raw
            row.lines = (row.lines[0], cells.lines[1])
            continue
        area = area or carry.get("area", "")
        carry = {"item": item, "area": area}
        row = TaskRow(table, number, area, item, content, raw=raw, lines=cells.lines, group=group)
        row.deadline = _first(by_role.get("deadline")) or next(
            (n for n in by_role.get("note", []) if n and _kind(n) == "deadline"), ""
        )
        _add_units(row, columns, by_role)
        rows.append(row)
    return rows


def _first(values: list[str] | None) -> str:
    return next((v for v in values or [] if v), "")


def _cell(text: str) -> str:
    text = text.strip()
    return "" if _compact(text) in vocabulary().empty else text


def _add_units(row: TaskRow, columns: list[Column], by_role: dict[str, list[str]]) -> None:
    headers = {c.role: c.header for c in columns}
    for role in (*UNIT_ROLES, *OFFICE_ROLES):
        for text in by_role.get(role, []):
            if not text:
                continue
            if role in UNIT_ROLES:
                label = headers.get(role, role)
                if label not in row.labels:
                    row.labels.append(label)
                for unit_role, names in cell_units(text, role).items():
                    _extend(getattr(row, unit_role), names)
            else:
                _extend(getattr(row, role), _names(text))


def _extend(into: list[str], names: list[str]) -> None:
    into.extend(n for n in names if n not in into)


def _names(text: str) -> list[str]:
    names = []
    for name in split_units(text.replace("\n", "、")):
        for trailer in vocabulary().trailers:
            if name.endswith(trailer) and len(name) > len(trailer) + 1:
                name = name[: -len(trailer)]
                break
        name = name.strip(" 。")
        if name and _compact(name) not in vocabulary().empty:
            names.append(name)
    return _join_collectives(names)


_LEVEL_WORD = re.compile(
    r"^[省市县区镇乡州旗](?:[（(][^（()）]*[）)])?(?:人民)?(?:政府|管委会|办事处)?"
    r"(?:[（(][^（()）]*[）)])?$"
)
_COLLECTIVE_END = re.compile(r"(?:政府|管委会|办事处|党委|[）)])$")


def _join_collectives(names: list[str]) -> list[str]:
    """各县、市、区政府 is one collective (the governments of every county, city and district),
    though 、 separates its level words: rejoin 各X with the level words after it, up to the
    piece that ends it (…政府)."""
    out: list[str] = []
    k = 0
    while k < len(names):
        name = names[k]
        if name.startswith("各") and len(name) <= 3 and not _COLLECTIVE_END.search(name):
            end = k + 1
            while end < len(names) and end - k <= 3 and _LEVEL_WORD.match(names[end]):
                if _COLLECTIVE_END.search(names[end]):
                    out.append("、".join(names[k : end + 1]))
                    k = end + 1
                    break
                end += 1
            else:
                out.append(name)
                k += 1
            continue
        out.append(name)
        k += 1
    return out


def cell_units(text: str, role: str) -> dict[str, list[str]]:
    """The units a cell names, by role: a plain list takes its column's role; a cell in the
    verb form (市发展改革委牵头，市财政局配合) or with （牵头） after a unit says each one's."""
    text = text.strip().rstrip("。；;")
    text = re.sub(r"(牵头|配合|参与|协助|协同|负责)落实", r"\1", text)
    marked = re.findall(r"([^、，,；;（(]+)[（(]牵头[）)]", text)
    if marked:
        rest = re.sub(r"[（(]牵头[）)]", "", text)
        names = _names(rest)
        lead = [n for n in names if n in {m.strip("、，, ") for m in marked}]
        others = [n for n in names if n not in lead]
        return {"lead": lead, "participating" if role == "lead" else role: others}
    verbs = grammar().role_verbs
    if any(v in text for v in verbs):
        resp = parse_bracket(f"（{text}）")
        if resp.lead or resp.participating or resp.responsible:
            return {r: getattr(resp, r) for r in UNIT_ROLES if getattr(resp, r)}
    return {role: _names(text)}


# ---------------------------------------------------------------------- flattened text


_NUMBER = re.compile(r"^\d{1,3}[.、．]?$")
_SEPARATOR = re.compile(r"^[|｜]+$")


def _kind(text: str) -> str:
    """What a flattened cell looks like: number, empty, deadline, units, separator or text."""
    compact = _compact(text)
    vocab = vocabulary()
    if _SEPARATOR.match(compact):
        return "separator"
    if compact in vocab.empty:
        return "empty"
    if _NUMBER.match(compact):
        return "number"
    if len(compact) <= 40 and vocab.deadline.match(compact) and "。" not in compact:
        return "deadline"
    if looks_like_units(compact):
        return "units"
    return "text"


def looks_like_units(text: str) -> bool:
    """A list of unit names: each ends with an organ word (局/委/办…) or is a collective (各…)."""
    if not text or "。" in text or len(text) > 200:
        return False
    text = re.sub(r"[（(]牵头[）)]", "", text)
    verbs = grammar().role_verbs
    for verb in sorted(verbs, key=len, reverse=True):
        text = re.sub(rf"{re.escape(verb)}(?:落实)?(?=[，,；;]|$)", "", text)
    names = _names(text)
    if not names:
        return False
    end = vocabulary().unit_end
    return all(
        len(n) <= 30 and (end.search(_BRACKETED_END.sub("", n)) or n.startswith("各"))
        for n in names
    )


_BRACKETED_END = re.compile(r"(?:[（(][^（()）]*[）)])+$")


def _accepts(role: str, kind: str) -> bool:
    if kind == "number":
        return role == "number"
    if kind == "units":
        return role in UNIT_ROLES or role in OFFICE_ROLES
    if kind == "deadline":
        return role in ("deadline", "note")
    if kind == "empty":
        return role != "number"
    return role in TEXT_ROLES or role == "note"


@dataclass
class _Line:
    text: str
    index: int  # body block index
    lines: LineSpan


def _flat_header(
    body: list[Block], start: int, raw_lines: dict[int, str]
) -> tuple[list[str], int] | None:
    """Header cells starting at body[start] (one cell per line, a cell possibly wrapped over
    two lines, or one line of tab-separated cells) and the index after them."""
    block = body[start]
    cells = _split_line(block, raw_lines)
    if len(cells) >= 3:
        return (list(cells), start + 1) if _header_cells(cells) else None
    header: list[str] = []
    pending = ""
    index = start
    while index < len(body) and body[index].kind == "para":
        text = _compact(body[index].text)
        if _SEPARATOR.match(text):
            index += 1
            continue
        candidate = pending + text
        if len(candidate) > 8:
            break
        if header_role(candidate) and not _prefix_of_longer(candidate):
            header.append(candidate)
            pending = ""
        elif any(w.startswith(candidate) for w, _ in vocabulary().header_words):
            pending = candidate
        elif header_role(candidate):
            header.append(candidate)
            pending = ""
        else:
            break
        index += 1
    if pending:
        return None
    roles = [header_role(c) for c in header]
    if len(header) >= 3 and is_header(roles):
        return header, index
    return None


def _prefix_of_longer(text: str) -> bool:
    """主要 is a header word's start, never a column of its own; 重点工作 is both."""
    return any(w.startswith(text) and w != text for w, _ in vocabulary().header_words) and not any(
        w == text for w, _ in vocabulary().header_words
    )


def _header_cells(cells: tuple[str, ...]) -> bool:
    """`is_header` of the cells' roles, giving up at the second cell that is no header word
    (is_header allows one): a long tabbed line is not read cell by cell for every block in it."""
    roles: list[str | None] = []
    unknown = 0
    for cell in cells:
        roles.append(header_role(cell))
        unknown += roles[-1] is None
        if unknown > 1:
            return False
    return is_header(roles)


def _split_line(block: Block, raw_lines: dict[int, str]) -> tuple[str, ...]:
    raw = raw_lines.get(block.lines[0], block.text) if block.lines[0] == block.lines[1] else ""
    return _tab_cells(raw)


@lru_cache(maxsize=8)
def _tab_cells(raw: str) -> tuple[str, ...]:
    """The tab-separated cells of a source line; cached, because every block of a line that
    holds many blocks asks for them (and a one-line file is one line of megabytes)."""
    if "\t" not in raw:
        return ()
    return tuple(c.strip() for c in raw.split("\t") if c.strip())


def _flat_tables(body: list[Block], raw_lines: dict[int, str], found: TaskTables) -> None:
    index = 0
    while index < len(body):
        if body[index].kind != "para" or index in found.blocks:
            index += 1
            continue
        head = _flat_header(body, index, raw_lines)
        if head is None:
            index += 1
            continue
        header, after = head
        columns = [Column(header_role(c) or "note", c) for c in header]
        tabbed = bool(_split_line(body[index], raw_lines))
        printed, groups, end = _flat_rows(body, after, columns, raw_lines, tabbed)
        if not printed:
            index += 1
            continue
        found.tables += 1
        found.rows.extend(_fold(found.tables, columns, printed, groups))
        found.blocks.update(range(index, end))
        index = end


def _flat_rows(
    body: list[Block],
    start: int,
    columns: list[Column],
    raw_lines: dict[int, str],
    tabbed: bool,
) -> tuple[list[_Cells], dict[int, str], int]:
    """Lay the lines after a flattened header into rows, column by column in order.

    A number line opens a row; so does a text line when the row has no text column left
    (with a 序号 column, such a line opening with a heading marker is a group title spanning
    the table). Rows at the end that name no unit, deadline or number are text after the
    table, not rows of it."""
    has_number = any(c.role == "number" for c in columns)
    text_cols = [i for i, c in enumerate(columns) if c.role in TEXT_ROLES]
    printed: list[_Cells] = []
    ends: list[int] = []  # the body index after each printed row
    groups: dict[int, str] = {}
    current: dict[int, str] = {}
    span: list[int] = []
    pos = 0
    index = start

    def close(upto: int) -> None:
        nonlocal current, span, pos
        if current:
            values = current if not printed else _right_align(current, columns, text_cols)
            printed.append(_Cells(values, (span[0], span[1])))
            ends.append(upto)
        current, span, pos = {}, [], 0

    while index < len(body) and (body[index].kind == "para" or tabbed):
        block = body[index]
        if tabbed:
            # One row per source line; a line opening with a TAB (a row whose first cells
            # are empty, under merged cells) reached the cleaner as a table cell, so the
            # source lines are read, not the blocks.
            rows = [
                raw_lines.get(n, "").split("\t") for n in range(block.lines[0], block.lines[1] + 1)
            ]
            if block.kind not in ("para", "row", "box") or any(len(r) < 2 for r in rows):
                break
            for n, cells in enumerate(rows, start=block.lines[0]):
                current = {i: c.strip() for i, c in enumerate(cells[: len(columns)])}
                span = [n, n]
                close(index + 1)
            index += 1
            continue
        head = _flat_header(body, index, raw_lines)
        if head is not None:  # the header repeated on a new page
            close(index)
            index = head[1]
            continue
        kind = _kind(block.text)
        if kind == "separator":
            index += 1
            continue
        target = None if kind == "number" else _next_column(columns, pos, kind)
        opens_row = not current or target is None
        if kind == "text" and has_number and opens_row and _GROUP.match(block.text):
            close(index)
            groups[len(printed)] = block.text
            index += 1
            continue
        if target is None:
            close(index)
            target = _next_column(columns, 0, kind)
            if target is None:
                break
        current[target] = block.text
        span = [span[0] if span else block.lines[0], block.lines[1]]
        pos = target + 1
        index += 1
    close(index)
    while printed and not _has_data(printed[-1], columns):
        printed.pop()
        ends.pop()
    if not any(
        any(columns[i].role in UNIT_ROLES and v for i, v in c.values.items()) for c in printed
    ):
        return [], {}, start
    groups = {k: v for k, v in groups.items() if k < len(printed)}
    return printed, groups, ends[-1]


_GROUP = re.compile(
    r"^\s*(?:[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+、|第[一二三四五六七八九十]+[章节部分])"
)


def _has_data(cells: _Cells, columns: list[Column]) -> bool:
    return any(
        v and columns[i].role in (*UNIT_ROLES, *OFFICE_ROLES, "deadline", "number")
        for i, v in cells.values.items()
    )


def _next_column(columns: list[Column], pos: int, kind: str) -> int | None:
    for i in range(pos, len(columns)):
        if _accepts(columns[i].role, kind):
            return i
    return None


def _right_align(
    values: dict[int, str], columns: list[Column], text_cols: list[int]
) -> dict[int, str]:
    """Fewer text cells than text columns before the units: the leading ones were merged
    cells printed once above, so the texts belong to the last text columns."""
    first_unit = next((i for i, c in enumerate(columns) if c.role in UNIT_ROLES), len(columns))
    before = [i for i in text_cols if i < first_unit]
    filled = [i for i in before if values.get(i)]
    if not filled or len(filled) == len(before) or filled != before[: len(filled)]:
        return values
    if _GROUP.match(values[filled[0]]):  # 一、… / （一）… opens the leading columns anew
        return values
    shifted = {i: v for i, v in values.items() if i not in before}
    for i, source in zip(before[-len(filled) :], filled, strict=True):
        shifted[i] = values[source]
    return shifted


# --------------------------------------------------------------------------- linking


def _bigrams(text: str) -> set[str]:
    text = re.sub(r"[^\u3400-\u9fffA-Za-z0-9]", "", _strip_marker(text))
    return {text[i : i + 2] for i in range(len(text) - 1)}


def _strip_marker(text: str) -> str:
    return re.sub(
        r"^\s*(?:[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十\d]+[、.．])", "", text
    )


def similarity(a: str, b: str) -> float:
    """Dice coefficient of character bigrams (a row's 工作事项 against a task's lead sentence)."""
    x, y = _bigrams(a), _bigrams(b)
    if not x or not y:
        return 0.0
    return 2 * len(x & y) / (len(x) + len(y))


LINK_THRESHOLD = 0.6
"""Lowest similarity at which a row describes a body task. A row's 工作事项 copies the task's
heading (score near 1) or abbreviates it; unrelated tasks of one plan share topic words and
score below 0.4."""


@dataclass(frozen=True)
class _Text:
    """A text prepared for matching: its bigrams and its compact form without a marker."""

    grams: frozenset[str]
    core: str

    @classmethod
    def of(cls, text: str) -> _Text:
        text = text[:80]
        return cls(frozenset(_bigrams(text)), _compact(_strip_marker(text)).rstrip("。"))


def _row_texts(row: TaskRow) -> list[_Text]:
    return [_Text.of(t) for t in (row.item, row.content) if t]


def _task_texts(task: Task) -> list[_Text]:
    first = re.split(r"[。；]", task.body or "", maxsplit=1)[0]
    return [_Text.of(t) for t in (task.heading, first, task.text) if t]


def _score(row: list[_Text], task: list[_Text]) -> float:
    best = 0.0
    for r in row:
        for t in task:
            if r.grams and t.grams:
                best = max(best, 2 * len(r.grams & t.grams) / (len(r.grams) + len(t.grams)))
            if len(r.core) >= 6 and r.core in t.core:
                best = max(best, 0.95)
    return best


def _pairs(rows: list[TaskRow], tasks: list[Task]) -> list[tuple[float, int, int]]:
    """(score, row, task) of every pair at or above the threshold, best first. Only tasks that
    share enough bigrams with a row can reach it (Dice >= 0.6 needs 30% of the row's), so an
    index of bigrams to tasks keeps this near linear in a long plan."""
    from collections import Counter

    task_texts = [_task_texts(t) for t in tasks]
    index: dict[str, list[int]] = {}
    for k, texts in enumerate(task_texts):
        for gram in frozenset().union(*(t.grams for t in texts)):
            index.setdefault(gram, []).append(k)
    pairs = []
    for r, row in enumerate(rows):
        texts = _row_texts(row)
        for text in texts:
            shared = Counter(k for gram in text.grams for k in index.get(gram, ()))
            need = LINK_THRESHOLD / 2 * len(text.grams)
            for k in {k for k, n in shared.items() if n >= need}:
                score = _score(texts, task_texts[k])
                if score >= LINK_THRESHOLD:
                    pairs.append((score, r, k))
    return sorted(set(pairs), key=lambda p: (-p[0], p[1], p[2]))


def link_rows(
    tasks: list[Task], rows: list[TaskRow], pool: list[Task] | None = None
) -> tuple[list[Task], list[PlanWarning]]:
    """The plan's tasks with the table rows read in: each row's responsibility goes to the
    body task it describes (from ``tasks``, or a numbered paragraph of ``pool`` that was not
    a task for want of a bracket); a row no body task matches becomes a task of its own. A
    row naming other lead units than the task's own bracket leaves the bracket in place and
    gives a warning (check rule S205)."""
    from planparse.units.normalize import normalize_unit

    warnings: list[PlanWarning] = []
    known = {t.lines for t in tasks}
    ids = {t.id for t in tasks}
    body_tasks = list(tasks) + [t for t in pool or [] if t.lines not in known]
    pairs = _pairs(rows, body_tasks)
    linked: dict[int, int] = {}
    for _, r, t in pairs:
        if r not in linked:
            linked[r] = t
    new_tasks: list[Task] = []
    counters: dict[int, int] = {}
    for r, row in enumerate(rows):
        resp = row.responsibility()
        if r in linked:
            task = body_tasks[linked[r]]
            if task.lines not in known:
                known.add(task.lines)
                while task.id in ids:
                    task.id += "x"
                ids.add(task.id)
                tasks = [*tasks, task]
            if task.deadline is None and row.deadline:
                task.deadline = row.deadline
            own = task.responsibility
            if own is None or own.source == "table":
                if own is None:
                    task.responsibility = resp
                else:
                    _merge_table(own, resp)
                continue
            if (
                own.lead
                and resp.lead
                and _ids(own.lead, normalize_unit) != _ids(resp.lead, normalize_unit)
            ):
                warnings.append(
                    PlanWarning(
                        "table-bracket-conflict",
                        f"task {task.id} 「{task.heading}」: the bracket names "
                        f"{'、'.join(own.lead)} as lead, the task table (lines "
                        f"{row.lines[0]}-{row.lines[1]}) {'、'.join(resp.lead)}",
                        task.lines,
                    )
                )
            continue
        counters[row.table] = counters.get(row.table, 0) + 1
        new_tasks.append(
            Task(
                id=f"t-table{row.table}.r{counters[row.table]}",
                heading=row.title,
                text="；".join(t for t in (row.item, row.content) if t),
                path=[p for p in (row.group, row.area) if p],
                lines=row.lines,
                number=row.number or None,
                responsibility=resp,
                body=row.content if row.item else "",
                deadline=row.deadline or None,
                source="table",
            )
        )
    tasks = sorted(tasks, key=lambda t: t.lines)
    return tasks + new_tasks, warnings


def _merge_table(into: Responsibility, more: Responsibility) -> None:
    for role in (*UNIT_ROLES, "lead_offices", "participating_offices"):
        _extend(getattr(into, role), getattr(more, role))
    into.raw = f"{into.raw}\n{more.raw}"
    if into.lines and more.lines:
        into.lines = (min(into.lines[0], more.lines[0]), max(into.lines[1], more.lines[1]))


def _ids(names: list[str], normalize: Any) -> set[str]:
    return {normalize(n).id or n for n in names}
