"""指标: rows of the main-indicator table, from a Word table (cells) or a flattened PDF table."""

from __future__ import annotations

import re
from dataclasses import dataclass

from planparse.extract.targets import measurement_unit, parse_target
from planparse.grammar import grammar
from planparse.model import Block, Indicator

_NUMBERED = re.compile(r"^(?P<num>\d{1,3})\s*[．.、](?!\d)\s*(?P<rest>.*)$")


def strip_unit(name: str, unit: str | None) -> str:
    """The indicator's name without its printed unit annotation （%）."""
    if unit is None:
        return name
    return re.sub(r"\s*[（(]\s*[^（）()]{1,6}\s*[）)]\s*$", "", name) or name


def is_header_row(cells: list[str]) -> bool:
    g = grammar()
    joined = "".join(cells).replace(" ", "")
    return sum(1 for w in g.header_words if w in joined) >= 2 and not _NUMBERED.match(
        "".join(cells[1:2]) or ""
    )


@dataclass(frozen=True)
class Layout:
    """Which column holds what, read from the header row (序号 | 类别 | 指标 | 单位 | 2020年 | 2025年 | 属性)."""

    roles: dict[str, int]
    width: int


_YEAR = re.compile(r"(?:19|20)\d{2}")
_ROLE_ORDER = ("attribute", "number", "category", "unit", "base", "target", "name")


def _cell_role(cell: str) -> str | None:
    columns = grammar().indicator_columns
    for role in _ROLE_ORDER:
        if any(word in cell for word in columns[role]):
            return role
    return None


def header_layout(cells: list[str]) -> Layout | None:
    """Column roles from a header row; the latest year column is the target, an earlier one the base."""
    roles: dict[str, int] = {}
    years: list[tuple[int, int, str | None]] = []
    for index, raw in enumerate(cells):
        cell = raw.replace(" ", "")
        role = _cell_role(cell)
        year = _YEAR.search(cell)
        if year and role in (None, "target", "base"):
            years.append((int(year.group(0)), index, role))
        elif role is not None and role not in roles:
            roles[role] = index
    if years:
        named = [i for _, i, r in years if r == "target"]
        roles.setdefault("target", named[0] if named else max(years)[1])
        earlier = [i for _, i, _r in years if i != roles["target"]]
        if earlier:
            roles.setdefault("base", earlier[0])
    if "name" not in roles or "target" not in roles:
        return None
    return Layout(roles, len(cells))


def indicators_from_rows(rows: list[Block]) -> list[Indicator]:
    """Indicators from table rows; a spanned 类别 cell (empty in later rows) is filled down.

    With a header row the columns are read by their header words; without one, the row is
    read as [类别] 1.指标 目标 [属性].
    """
    layout: Layout | None = None
    indicators: list[Indicator] = []
    category = ""
    for row in rows:
        cells = [c.strip() for c in (row.cells or [])]
        if not cells:
            continue
        if is_header_row(cells):
            layout = header_layout(cells) or layout
            continue
        if layout is not None:
            found, category = _row_by_layout(cells, layout, category, row.lines, len(indicators))
        else:
            found, category = _row_by_shape(cells, category, row.lines)
        if found is not None:
            indicators.append(found)
    return indicators


def _row_by_layout(
    cells: list[str], layout: Layout, category: str, lines: tuple[int, int], count: int
) -> tuple[Indicator | None, str]:
    g = grammar()
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
    numbered = _NUMBERED.match(name_cell)
    number = (
        numbered.group("num") if numbered else (cell("number").rstrip(".．、") or str(count + 1))
    )
    name = numbered.group("rest").strip() if numbered else name_cell
    target_raw = cell("target")
    printed_unit = cell("unit").strip("（）() ")
    attribute = cell("attribute") if cell("attribute") in g.attributes else None
    indicator = make_indicator(
        number,
        category,
        name,
        target_raw,
        attribute,
        lines,
        base=cell("base") or None,
        unit=printed_unit if len(printed_unit) <= 6 else None,
    )
    return indicator, category


def _row_by_shape(
    cells: list[str], category: str, lines: tuple[int, int]
) -> tuple[Indicator | None, str]:
    g = grammar()
    attribute = cells[-1] if cells[-1] in g.attributes else None
    body = cells[:-1] if attribute else cells
    name_index = next((i for i, c in enumerate(body) if _NUMBERED.match(c)), None)
    if name_index is None:
        return None, category
    if name_index > 0 and body[name_index - 1]:
        category = body[name_index - 1]
    match = _NUMBERED.match(body[name_index])
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


def indicators_from_lines(lines: list[Block]) -> list[Indicator]:
    """Indicators from a table flattened into lines by PDF extraction.

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
        prefixed = _CATEGORY_PREFIX.match(text)
        if prefixed and not _NUMBERED.match(text):
            pending.append(prefixed.group("cat"))
            text = prefixed.group("row")
            block = Block(text=text, lines=block.lines, kind=block.kind)
        if _NUMBERED.match(text):
            settle()
            records.append([block])
            categories.append(current)
        elif records and not _record_complete(records[-1]):
            records[-1].append(block)
        elif is_header_row(text.split()):
            continue
        else:
            pending.append(text.replace(" ", ""))
    settle()
    return [
        _record_to_indicator(record, category or "")
        for record, category in zip(records, categories, strict=True)
    ]


_CATEGORY_PREFIX = re.compile(r"^(?P<cat>[^\s\d]{2,8})\s+(?P<row>\d{1,3}\s*[．.、](?!\d).*)$")


def _record_complete(record: list[Block]) -> bool:
    last = record[-1].text.strip()
    return any(last.endswith(a) for a in grammar().attributes)


def _record_to_indicator(record: list[Block], category: str) -> Indicator:
    g = grammar()
    tokens = [b.text.strip() for b in record]
    attribute = None
    last = tokens[-1]
    for attr in g.attributes:
        if last.endswith(attr):
            attribute = attr
            tokens[-1] = last[: -len(attr)].strip()
            break
    first = _NUMBERED.match(tokens[0])
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
    units = grammar().units
    numbers = [i for i, t in enumerate(tokens) if re.search(r"\d", t)]
    if len(numbers) < 2:
        return None, "".join(tokens), None
    unit = next((t for t in tokens[: numbers[0]] if t in units), None)
    target = "".join(tokens[numbers[-1] :])
    base = "".join(tokens[numbers[-2] : numbers[-1]])
    return base, target, unit
