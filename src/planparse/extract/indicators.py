"""指标: rows of the main-indicator table, from a Word table (cells) or a flattened PDF table."""

from __future__ import annotations

import re

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


def indicators_from_rows(rows: list[Block]) -> list[Indicator]:
    """Indicators from table rows: [类别?] 指标 2025年 属性; a spanned 类别 is filled down."""
    g = grammar()
    indicators: list[Indicator] = []
    category = ""
    for row in rows:
        cells = [c.strip() for c in (row.cells or [])]
        if not cells or is_header_row(cells):
            continue
        attribute = cells[-1] if cells[-1] in g.attributes else None
        body = cells[:-1] if attribute else cells
        name_index = next((i for i, c in enumerate(body) if _NUMBERED.match(c)), None)
        if name_index is None:
            continue
        if name_index > 0 and body[name_index - 1]:
            category = body[name_index - 1]
        match = _NUMBERED.match(body[name_index])
        assert match is not None
        target_raw = "".join(body[name_index + 1 :])
        indicators.append(_indicator(match, category, target_raw, attribute, row.lines))
    return indicators


def _indicator(
    match: re.Match[str],
    category: str,
    target_raw: str,
    attribute: str | None,
    lines: tuple[int, int],
) -> Indicator:
    name = match.group("rest").strip()
    unit = measurement_unit(name, target_raw)
    return Indicator(
        number=match.group("num"),
        category=category,
        name=strip_unit(name, unit),
        unit=unit,
        target=parse_target(target_raw, unit),
        attribute=attribute,
        lines=lines,
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
    target_raw = "".join(p.replace(" ", "") for p in target_parts)
    unit = measurement_unit(name, target_raw)
    return Indicator(
        number=number,
        category=category,
        name=strip_unit(name, unit),
        unit=unit,
        target=parse_target(target_raw, unit),
        attribute=attribute,
        lines=(record[0].lines[0], record[-1].lines[1]),
    )
