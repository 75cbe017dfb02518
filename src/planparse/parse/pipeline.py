"""The parse pipeline: read -> clean -> segment -> extract, as pure functions."""

from __future__ import annotations

import re
import sys
from bisect import bisect_left, bisect_right
from collections import Counter
from pathlib import Path

from planparse.model import (
    Block,
    Column,
    ColumnItem,
    Element,
    Heading,
    Indicator,
    LineSpan,
    Plan,
    PlanWarning,
    SourceText,
    Task,
    UnitRef,
)
from planparse.parse.clean import clean
from planparse.parse.extract.columns import add_box_block, column_warnings
from planparse.parse.extract.indicators import read_indicator_lines, read_indicator_rows
from planparse.parse.extract.meta import extract_meta, infer_place, level_of
from planparse.parse.extract.policy_tools import code_plan
from planparse.parse.extract.responsibility import responsibility_line
from planparse.parse.extract.task_tables import TaskTables, find_task_tables, link_rows
from planparse.parse.extract.tasks import find_candidates, make_tasks, select_tasks
from planparse.parse.grammar import grammar
from planparse.parse.items import recover_items
from planparse.parse.numbering import heading_numbering_warnings
from planparse.parse.segment import DocParts, Outline, build_outline, split_parts


def parse_path(path: str | Path, *, ocr: bool | None = None) -> Plan:
    """Parse a plan file of any supported format (.txt, .docx, .html, .pdf, .ofd, and
    .doc/.wps/.rtf/.odt through LibreOffice). `ocr`: see `planparse.readers.read_bytes`."""
    from planparse.readers import read_path

    return parse_source(read_path(path, ocr=ocr))


def parse_text(text: str, path: str = "-", encoding: str = "utf-8") -> Plan:
    """Parse plan text already decoded (one source line per line)."""
    lines = text.split("\n")
    source = SourceText(path, "txt", encoding, lines, list(range(1, len(lines) + 1)))
    return parse_source(source)


def parse_source(src: SourceText) -> Plan:
    cleaned = clean(src)
    task_tables = _task_tables(cleaned.blocks, src)
    parts = split_parts(cleaned.blocks)
    meta = extract_meta(parts, src.path, src.encoding, src.format)
    outline = build_outline(parts.body, styled_headings(src.notes))
    recover_items(parts.body, outline)
    candidates = find_candidates(parts.body, outline.heading_of_block, outline.path_of_block)
    tasks = make_tasks(select_tasks(candidates, outline.headings))
    if task_tables.rows:  # a numbered paragraph a table row names is a task, bracket or not
        tasks, table_warnings = link_rows(tasks, task_tables.rows, make_tasks(candidates))
    else:
        table_warnings = []
    plan = Plan(meta=meta, headings=outline.headings, tasks=tasks)
    plan.dropped = sorted(cleaned.dropped + parts.dropped, key=lambda d: tuple(d.lines))
    plan.warnings = reader_warnings(src.notes) + list(cleaned.warnings) + _outline_warnings(outline)
    plan.warnings += table_warnings
    _columns_and_indicators(plan, parts.body, outline.path_of_block)
    plan.elements = _elements(parts, outline.heading_of_block, tasks)
    _attach_units(plan.tasks)
    code_plan(plan)
    if not meta.place:
        meta.place = infer_place(parts, _level_hint(plan.tasks))
        meta.place_source = "body" if meta.place else None
    meta.level = level_of(meta.place, meta.recipients, meta.title)
    if not meta.title:
        plan.warnings.append(PlanWarning("no-title", "no plan title found in the front matter"))
    if not parts.body or not (plan.headings or plan.tasks):
        plan.warnings.append(
            PlanWarning("no-structure", "no headings or tasks recognised: is this a plan document?")
        )
    return plan


def _outline_warnings(outline: Outline) -> list[PlanWarning]:
    """The outline's warnings, heading numbering judged against the document's own scheme
    (continuous or per-section) once missed items are recovered."""
    others = [w for w in outline.warnings if not w.code.startswith("heading-numbering")]
    return others + heading_numbering_warnings(outline.headings)


_NOTE_CODE = re.compile(r"^(?P<code>[a-z0-9]+(?:-[a-z0-9]+)+): (?P<message>.+)$", re.S)


def _task_tables(body: list[Block], src: SourceText) -> TaskTables:
    """The task-division tables; their flattened cells leave the paragraph stream (kind
    "tablecell"), so that they are read as table cells, not as headings or tasks."""
    raw: dict[int, str] = {}
    for line, origin in zip(src.lines, src.origins, strict=False):
        raw.setdefault(origin, line)
    found = find_task_tables(body, raw)
    for index in found.blocks:
        if body[index].kind == "para":
            body[index].kind = "tablecell"
        elif body[index].kind in ("row", "box"):
            body[index].kind = "taskrow"
    return found


def reader_warnings(notes: list[str]) -> list[PlanWarning]:
    """Reader notes that signal possible data loss (``code: message``) become warnings."""
    found = []
    for note in notes:
        match = _NOTE_CODE.match(note)
        if match:
            found.append(PlanWarning(match.group("code"), match.group("message")))
    return found


def styled_headings(notes: list[str]) -> dict[int, int]:
    """Paragraph number -> outline level, from the .docx reader's heading-style notes."""
    found: dict[int, int] = {}
    for note in notes:
        match = re.match(r"heading paragraph=(\d+) outline_level=(\d+|-)", note)
        if match:
            level = match.group(2)
            found[int(match.group(1))] = int(level) if level.isdigit() else 1
    return found


def _columns_and_indicators(
    plan: Plan, body: list[Block], path_of: dict[int, list[Heading]]
) -> None:
    columns: list[Column] = []
    # (index of the latest column (-1: none), whether the table sits in it) -> table blocks.
    # A table follows its 专栏 directly; one after body text stands alone (表N, appendix).
    tables: dict[tuple[int, bool], list[Block]] = {}
    in_column = False
    for index, block in enumerate(body):
        if block.kind == "box":
            before = len(columns)
            add_box_block(columns, block)
            if len(columns) > before:
                columns[-1].path = [h.title for h in path_of.get(index, [])]
            in_column = True
        elif block.kind in ("row", "tableline"):
            tables.setdefault((len(columns) - 1, in_column and bool(columns)), []).append(block)
        else:
            in_column = False
    shift = 0  # standalone tables get a column of their own, inserted where they stand
    for (owner, inside), blocks in tables.items():
        rows = read_indicator_rows([b for b in blocks if b.kind == "row"])
        lines = read_indicator_lines([b for b in blocks if b.kind == "tableline"])
        found = rows.indicators + lines.indicators
        span = (blocks[0].lines[0], blocks[-1].lines[1])
        if not found:
            if rows.unread or lines.unread:
                plan.warnings.append(
                    PlanWarning("table-not-read", "a table whose rows are not indicators", span)
                )
            continue
        if not inside:  # an indicator table outside any 专栏 box
            columns.insert(owner + 1 + shift, Column("", "", "indicators", span))
            shift += 1
            column = columns[owner + shift]
        else:
            column = columns[owner + shift]
        column.kind = "indicators"
        column.lines = (min(column.lines[0], span[0]), max(column.lines[1], span[1]))
        column.items = [_indicator_item(ind) for ind in found]
        plan.indicators.extend(found)
    plan.columns = columns
    plan.warnings.extend(column_warnings(columns))


def _indicator_item(ind: Indicator) -> ColumnItem:
    text = f"{ind.number}.{ind.name} {ind.target.raw} {ind.attribute or ''}".strip()
    return ColumnItem(ind.number, ind.name, text, ind.lines, [ind.lines])


def _blocks_of_tasks(body: list[Block], tasks: list[Task]) -> dict[LineSpan, str]:
    """The id of the (last) task whose lines hold each block's lines. Blocks are looked up
    by their first line (bisect), not every block tried against every task."""
    order = sorted(body, key=lambda b: b.lines[0])
    starts = [b.lines[0] for b in order]
    held: dict[LineSpan, str] = {}
    for task in tasks:
        first, last = task.lines
        for block in order[bisect_left(starts, first) : bisect_right(starts, last)]:
            if block.lines[1] <= last:
                held[block.lines] = task.id
    return held


def _elements(parts: DocParts, heading_of: dict[int, Heading], tasks: list[Task]) -> list[Element]:
    """Every block as an element in reading order: the basis of the no-loss guarantee."""
    # A task may span several paragraphs (a heading line and the paragraphs below it); of
    # tasks that hold the same block, the later one names it.
    task_at = _blocks_of_tasks(parts.body, tasks)
    elements: list[Element] = []
    for block in parts.front:
        kind = "notice" if block in parts.notice else "front"
        elements.append(Element(kind, block.lines, block.text))
    for block in parts.title_blocks:
        elements.append(Element("title", block.lines, block.text))
    columns_seen = 0
    for index, block in enumerate(parts.body):
        if block.kind == "box":
            header = bool(grammar().column_header.match(block.text))
            columns_seen += header
            kind = "column" if header else "column_item"
            elements.append(Element(kind, block.lines, block.text, ref=f"c-{columns_seen}"))
        elif block.kind in ("row", "tableline", "taskrow", "tablecell"):
            elements.append(Element("table_row", block.lines, block.text))
        elif block.lines in task_at:
            elements.append(Element("task", block.lines, block.text, ref=task_at[block.lines]))
        elif index in heading_of:
            elements.append(Element("heading", block.lines, block.text, ref=heading_of[index].id))
        elif (
            elements
            and elements[-1].kind in ("task", "responsibility")
            and responsibility_line(block.text) is not None
        ):
            elements.append(
                Element("responsibility", block.lines, block.text, ref=elements[-1].ref)
            )
        else:
            elements.append(Element("text", block.lines, block.text))
    for block in parts.footer:
        elements.append(Element("footer", block.lines, block.text))
    return elements


def _attach_units(tasks: list[Task]) -> None:
    """Normalise every unit a responsibility bracket names (see planparse.units.normalize)."""
    from planparse.units.normalize import normalize_unit

    for task in tasks:
        resp = task.responsibility
        if resp is None:
            continue
        resp.units = []
        for role in ("lead", "participating", "responsible"):
            for name in getattr(resp, role):
                m = normalize_unit(name)
                resp.units.append(
                    UnitRef(
                        name=name,
                        role=role,
                        id=m.id,
                        level=m.level,
                        place=m.place,
                        match=m.match,
                        score=m.score,
                        branch=m.branch,
                        era=m.era,
                    )
                )


def _level_hint(tasks: list[Task]) -> str | None:
    """市 or 县: the level most units in the brackets are printed with."""
    counts: Counter[str] = Counter()
    for task in tasks:
        if task.responsibility is None:
            continue
        for role in ("lead", "participating", "responsible"):
            for name in getattr(task.responsibility, role):
                if name[:1] in "省市县区州旗":
                    counts[name[0]] += 1
    return counts.most_common(1)[0][0] if counts else None


def load_source(path: str, *, ocr: bool | None = None) -> SourceText:
    """Read a file path, or standard input when ``path`` is '-', into its source text (the
    original lines, which `check` needs to point at a column). `ocr`: see `read_bytes`."""
    from planparse.readers import read_bytes, read_path

    if path == "-":
        return read_bytes(sys.stdin.buffer.read(), "-", ocr=ocr)
    return read_path(path, ocr=ocr)


def load_plan(path: str, *, ocr: bool | None = None) -> Plan:
    """Parse a file path, or standard input when ``path`` is '-'."""
    return parse_source(load_source(path, ocr=ocr))
