"""指标: rows of the main-indicator table, from a Word table (cells) or a flattened PDF table."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from planparse.model import Block, Indicator
from planparse.parse.extract.targets import measurement_unit, parse_target
from planparse.parse.grammar import grammar
from planparse.parse.markers import NUMBERED

_NAME_UNIT = re.compile(r"[（(]\s*([^（）()]{1,12})\s*[）)]\s*$")


def strip_unit(name: str, unit: str | None) -> str:
    """The indicator's name without its printed unit annotation （%）."""
    if unit is None:
        return name
    return re.sub(r"\s*[（(]\s*[^（）()]{1,12}\s*[）)]\s*$", "", name) or name


_YEAR = re.compile(r"(?:19|20)\d{2}")
_BARE_YEAR = re.compile(r"^(?:19|20)\d{2}年?(?:末|底)?$")
_PAREN = re.compile(r"[（(][^（）()]*[）)]")
_QUOTED = re.compile(r"[“\"「『][^”\"」』]*[”\"」』]")
_PUNCT = re.compile(r"[\s、，,.．:：;；/／]+")


def _cell_role(cell: str) -> tuple[str | None, int]:
    """The role a header cell names and how much of the cell its word covers (0 when none).

    The longest role word found in the cell wins (指标属性 is the attribute, not the name;
    责任单位 is the responsibility, not the unit); parenthesised hints are searched only when
    nothing outside them names a role (指标名称（单位） is the name; 2025年（目标值） the target).
    """
    best: tuple[str | None, int] = (None, 0)
    for text in (_PAREN.sub("", cell), cell):  # the brackets only when nothing is outside
        text = _PUNCT.sub("", text)
        for role, words in grammar().indicator_columns.items():
            for word in words:
                if word in text and len(word) > best[1]:
                    best = (role, len(word))
        if best[0] is not None:
            break
    return best


def _header_cell(cell: str) -> bool:
    """A cell that reads as a column title: a year (2025年), or a role word that covers at
    least half of it once years, quotes (“十四五”) and parenthesised hints are left out."""
    text = _PUNCT.sub("", cell)
    if _BARE_YEAR.match(text):
        return True
    rest = _PUNCT.sub("", _YEAR.sub("", _QUOTED.sub("", _PAREN.sub("", text))))
    rest = rest.removeprefix("年")
    role, covered = _cell_role(rest)
    return role is not None and 2 * covered >= len(rest)


def is_header_row(cells: list[str]) -> bool:
    """A table's header row: at least two cells read as column titles, and no cell holds a
    numbered indicator name (1.…) or an attribute value (预期性/约束性), which only data rows do."""
    attributes = grammar().attributes
    texts = [c.strip() for c in cells if c.strip()]
    if any(NUMBERED.match(c) or any(a in c for a in attributes) for c in texts):
        return False
    return sum(1 for c in texts if _header_cell(c)) >= 2


@dataclass(frozen=True)
class Layout:
    """Which column holds what, read from the header row (序号 | 类别 | 指标 | 单位 | 2020年 | 2025年 | 属性).

    ``unit_in_name``: the name column's header announces the unit inside the name
    (指标名称（单位）, 指标及单位), so a bracket at the end of a name is its unit.
    """

    roles: dict[str, int]
    width: int
    unit_in_name: bool = False


def _names_unit(cell: str) -> bool:
    """A name header that also announces the unit: 指标名称（单位）, 指标（计量单位）, 指标及单位."""
    units = grammar().indicator_columns.get("unit", ())
    hints = "".join(m.group(0) for m in _PAREN.finditer(cell))
    outside = _PAREN.sub("", cell)
    role_outside = _cell_role(outside)[0]
    return any(w in hints for w in units) or (
        role_outside == "name" and any(w in outside for w in units)
    )


def header_layout(cells: list[str]) -> Layout | None:
    """Column roles from a header row; the latest year column is the target, an earlier one the base."""
    roles: dict[str, int] = {}
    years: list[tuple[int, int, str | None]] = []
    unit_in_name = False
    for index, raw in enumerate(cells):
        cell = raw.replace(" ", "").replace("\u3000", "")
        role = _cell_role(cell)[0]
        year = _YEAR.search(cell)
        if year and role in (None, "target", "base"):
            years.append((int(year.group(0)), index, role))
        elif role is not None and role not in roles:
            roles[role] = index
            if role == "name":
                unit_in_name = _names_unit(cell)
    if years:
        named = [i for _, i, r in years if r == "target"]
        roles.setdefault("target", named[0] if named else max(years)[1])
        earlier = [i for _, i, _r in years if i != roles["target"]]
        if earlier:
            roles.setdefault("base", earlier[0])
    if "name" not in roles or "target" not in roles:
        return None
    return Layout(roles, len(cells), unit_in_name and "unit" not in roles)


@dataclass
class IndicatorReading:
    """What a table region gave: its indicators, and the rows that could not be read.

    ``unread`` holds the rows with text that are neither a header, nor an indicator, nor a
    row carrying only a spanned 类别 cell: when ``indicators`` is empty and ``unread`` is not,
    the table was there but its layout was not understood.
    """

    indicators: list[Indicator] = field(default_factory=list)
    unread: list[Block] = field(default_factory=list)


def read_indicator_rows(rows: list[Block]) -> IndicatorReading:
    """Indicators from table rows, and the rows that could not be read.

    A spanned 类别 cell (empty in later rows) is filled down. With a header row the columns
    are read by their header words; without one, the row is read as [类别] 1.指标 目标 [属性].
    """
    reading = IndicatorReading()
    layout: Layout | None = None
    category = ""
    for row in rows:
        cells = [c.strip() for c in (row.cells or [])]
        if not any(cells):
            continue
        if is_header_row(cells):
            layout = header_layout(cells) or layout
            continue
        if layout is not None:
            found, category = _row_by_layout(
                cells, layout, category, row.lines, len(reading.indicators)
            )
            only_category = _only_category(cells, layout)
        else:
            found, category = _row_by_shape(cells, category, row.lines)
            only_category = False
        if found is not None:
            reading.indicators.append(found)
        elif not only_category:
            reading.unread.append(row)
    return reading


def _only_category(cells: list[str], layout: Layout) -> bool:
    index = layout.roles.get("category")
    if index is None:
        return False
    cells = [""] * (layout.width - len(cells)) + cells if len(cells) < layout.width else cells
    return all(not c for i, c in enumerate(cells) if i != index)


def _row_by_layout(
    cells: list[str], layout: Layout, category: str, lines: tuple[int, int], count: int
) -> tuple[Indicator | None, str]:
    vocab = grammar()
    if len(cells) < layout.width:  # exporters may omit the cells a vertical merge covers
        cells = [""] * (layout.width - len(cells)) + cells

    def cell(role: str) -> str:
        index = layout.roles.get(role)
        return cells[index] if index is not None and index < len(cells) else ""

    if cell("category"):
        category = cell("category")
    name_cell = cell("name")
    if not name_cell or not (cell("target") or cell("attribute")):
        return None, category
    numbered = NUMBERED.match(name_cell)
    number = (
        numbered.group("num") if numbered else (cell("number").rstrip(".．、") or str(count + 1))
    )
    name = numbered.group("rest").strip() if numbered else name_cell
    target_raw = cell("target")
    printed_unit = cell("unit").strip("（）() ")
    if not printed_unit and layout.unit_in_name:
        bracket = _NAME_UNIT.search(name)
        printed_unit = bracket.group(1).strip() if bracket else ""
    attribute = cell("attribute") if cell("attribute") in vocab.attributes else None
    indicator = make_indicator(
        number,
        category,
        name,
        target_raw,
        attribute,
        lines,
        base=cell("base") or None,
        unit=printed_unit if 0 < len(printed_unit) <= 12 else None,
    )
    return indicator, category


def _row_by_shape(
    cells: list[str], category: str, lines: tuple[int, int]
) -> tuple[Indicator | None, str]:
    vocab = grammar()
    # The attribute is the last cell holding one; cells after it (责任单位) are not the target.
    marked = [i for i, c in enumerate(cells) if c in vocab.attributes]
    attribute = cells[marked[-1]] if marked else None
    body = cells[: marked[-1]] if marked else cells
    name_index = next((i for i, c in enumerate(body) if NUMBERED.match(c)), None)
    if name_index is None:
        return None, category
    if name_index > 0 and body[name_index - 1]:
        category = body[name_index - 1]
    match = NUMBERED.match(body[name_index])
    assert match is not None
    target_raw = "".join(body[name_index + 1 :])
    number, name = match.group("num"), match.group("rest")
    return make_indicator(number, category, name, target_raw, attribute, lines), category


def make_indicator(
    number: str,
    category: str,
    name: str,
    target_raw: str,
    attribute: str | None,
    lines: tuple[int, int],
    *,
    base: str | None = None,
    unit: str | None = None,
) -> Indicator:
    """An indicator from its printed cells; the unit is read off the name or target if the
    table has no unit column."""
    if unit in ("%", "％"):
        unit = "%"
    unit = unit or measurement_unit(name, target_raw)
    return Indicator(
        number=number,
        category=category,
        name=strip_unit(name.strip(), unit),
        unit=unit,
        target=parse_target(target_raw, unit),
        attribute=attribute,
        lines=lines,
        base=base,
    )


def read_indicator_lines(lines: list[Block]) -> IndicatorReading:
    """Indicators from a table flattened into lines by PDF extraction, and, when no line starts
    a record, the lines that could not be read (header lines left out).

    A record starts at a numbered line. Lines after it continue the name while it is still open
    (no （%）-style unit yet and the line is long), the rest are the target cell, and a trailing
    预期性/约束性 is the attribute. Short lines between records are pieces of a spanned 类别 cell:
    a vertically centred cell prints among the rows it spans, so a category read after rows that
    have none yet belongs to them too.
    """
    records: list[list[Block]] = []
    categories: list[str | None] = []
    pending: list[str] = []
    current: str | None = None
    others: list[Block] = []

    def settle() -> None:
        nonlocal current, pending
        if not pending:
            return
        current = "".join(pending)
        pending = []
        k = len(categories) - 1
        while k >= 0 and categories[k] is None:
            categories[k] = current
            k -= 1

    for block in lines:
        text = block.text.strip()
        serial = _SERIAL.match(text)
        if serial:  # a 序号 cell before the name: "1 细颗粒物… 微克/立方米 38 33 约束性"
            text = f"{serial.group('num')}.{serial.group('rest')}"
            block = Block(text=text, lines=block.lines, kind=block.kind)
        prefixed = _CATEGORY_PREFIX.match(text)
        if prefixed and not NUMBERED.match(text):
            pending.append(prefixed.group("cat"))
            text = prefixed.group("row")
            block = Block(text=text, lines=block.lines, kind=block.kind)
        if NUMBERED.match(text):
            settle()
            records.append([block])
            categories.append(current)
        elif records and not _record_complete(records[-1]):
            records[-1].append(block)
        elif not is_header_row(text.split()):
            pending.append(text.replace(" ", ""))
            others.append(block)
    settle()
    found = [
        _record_to_indicator(record, category or "")
        for record, category in zip(records, categories, strict=True)
    ]
    return IndicatorReading(found, [] if records else others)


_SERIAL = re.compile(r"^(?P<num>\d{1,3})\s+(?P<rest>[^\s\d.．、].*)$")
_CATEGORY_PREFIX = re.compile(r"^(?P<cat>[^\s\d]{2,8})\s+(?P<row>\d{1,3}\s*[．.、](?!\d).*)$")


def _record_complete(record: list[Block]) -> bool:
    last = record[-1].text.strip()
    return any(last.endswith(a) for a in grammar().attributes)


def _record_to_indicator(record: list[Block], category: str) -> Indicator:
    vocab = grammar()
    tokens = [b.text.strip() for b in record]
    attribute = None
    last = tokens[-1]
    for attr in vocab.attributes:
        if last.endswith(attr):
            attribute = attr
            tokens[-1] = last[: -len(attr)].strip()
            break
    first = NUMBERED.match(tokens[0])
    assert first is not None
    number = first.group("num")
    head = first.group("rest")
    # The first line may hold name, target and attribute separated by spaces.
    name_parts = [head]
    target_parts: list[str] = []
    if " " in head.strip():
        name_part, _, tail = head.strip().partition(" ")
        name_parts = [name_part]
        target_parts.append(tail)
    name_open = not target_parts and not re.search(r"[）)]$", head)
    for token in tokens[1:]:
        if not token:
            continue
        if name_open and (re.search(r"[）)]$", token.split(" ")[0]) or len(token) > 8):
            piece, _, tail = token.partition(" ")
            name_parts.append(piece)
            if tail:
                target_parts.append(tail)
            name_open = not re.search(r"[）)]$", piece)
            continue
        name_open = False
        target_parts.append(token)
    name = "".join(name_parts).strip()
    base, target_raw, printed_unit = _split_values(" ".join(target_parts).split())
    lines = (record[0].lines[0], record[-1].lines[1])
    return make_indicator(
        number, category, name, target_raw, attribute, lines, base=base, unit=printed_unit
    )


def _split_values(tokens: list[str]) -> tuple[str | None, str, str | None]:
    """(base, target, unit) from the value cells of a flattened row: ``% 90 95`` or ``400 人``.

    Two numbers are a base-year value and the target; a lone unit token is the unit column.
    """
    from planparse.parse.unitshape import is_unit

    # A value cell holds a number, or only a dash standing for "no value" (— / －).
    numbers = [
        i for i, t in enumerate(tokens) if re.search(r"\d", t) or re.fullmatch(r"[—－–-]+", t)
    ]
    unit = next((t for t in tokens[: numbers[0]] if is_unit(t)), None) if numbers else None
    if len(numbers) < 2:
        return None, "".join(t for t in tokens if t != unit), unit
    target = "".join(tokens[numbers[-1] :])
    base = "".join(tokens[numbers[-2] : numbers[-1]])
    return base, target, unit
