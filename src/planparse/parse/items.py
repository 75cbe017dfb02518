"""Numbered items the context-free marker grammar cannot see, recovered from the numbering.

Two kinds of numbered paragraph look like something else when read on their own:

- a number followed directly by the digits of a name, ``11.121人才梯队项目。…`` — read alone it
  is the decimal 11.121;
- an item with a very short lead, ``1.目标。…`` — read alone it is a numbered sentence;
- an item without a lead, one long sentence closed by a responsibility bracket (task-division
  lists: ``20、深化…改革，推进…，扩大…试点。(牵头单位:…)``).

Both are items when the number is the one the sequence expects: the previous item's number
plus one (or 1 at the start of a sequence), with the next item's number after it; after
digits (a possible decimal) the next item must be exactly the number plus one. The outline
is completed in place: the heading is inserted and the paths below it are extended.
"""

from __future__ import annotations

import re

from planparse.model import Block, Heading
from planparse.parse.extract.responsibility import extract_responsibility
from planparse.parse.grammar import grammar
from planparse.parse.markers import read_marker
from planparse.parse.segment import Outline, split_lead, unique_id

# A paragraph opening with an arabic item number, digits allowed right after the dot.
_ITEM = re.compile(r"^\s*(?P<n>\d{1,3})\s*[．.、]\s*")


def _is_arabic(heading: Heading) -> bool:
    marker = read_marker(heading.marker + "项")
    return marker is not None and marker.type == "arabic" and heading.signal == "marker"


def recover_items(body: list[Block], outline: Outline) -> list[Heading]:
    """Insert the numbered items the outline missed; returns the headings added."""
    arabic = [(i, h) for i, h in outline.heading_of_block.items() if _is_arabic(h)]
    if not arabic:
        return []
    levels = [h.level for _, h in arabic]
    level = max(set(levels), key=levels.count)
    lead_max = grammar().lead_max_chars
    used_ids = {h.id for h in outline.headings}
    added: list[Heading] = []
    for index, block in enumerate(body):
        if block.kind != "para" or index in outline.heading_of_block:
            continue
        match = _ITEM.match(block.text)
        if match is None:
            continue
        rest = block.text[match.end() :]
        cut = rest.find("。")
        if cut == 0:
            continue
        long_lead = cut < 0 or cut > lead_max
        if long_lead and extract_responsibility(rest)[0] is None:
            continue
        number = int(match.group("n"))
        arabic.sort(key=lambda pair: pair[0])
        before = [h for i, h in arabic if i < index]
        after = [h for i, h in arabic if i > index]
        previous = before[-1].ordinal if before else 0
        following = after[0].ordinal if after else None
        if long_lead:
            # No lead to go by: the bracket and the numbering must both say "item".
            if not (previous + 1 == number or (not before and following == number + 1)):
                continue
        elif rest[:1].isdigit():
            # 11.121…: could be a decimal, so both neighbours must confirm the number.
            if not (previous + 1 == number and following == number + 1):
                continue
        elif not (
            (number == 1 or previous + 1 == number)
            and (following is None or following == 1 or following > number)
        ):
            continue
        if long_lead:
            _, without = extract_responsibility(rest)
            title = without[:cut] if cut > 0 else without.rstrip("。")
            rest_body = rest[len(title) :].lstrip("。")
        else:
            title, rest_body = split_lead(rest, lead_max)
        heading = Heading(
            level=level,
            marker=match.group(0).strip(),
            ordinal=number,
            title=title,
            lines=block.lines,
            body=rest_body,
        )
        _insert(outline, index, heading, used_ids)
        arabic.append((index, heading))
        added.append(heading)
    return added


def _insert(outline: Outline, index: int, heading: Heading, used_ids: set[str]) -> None:
    parents = [h for h in outline.path_of_block.get(index, []) if h.level < heading.level]
    heading.path = [h.title for h in parents] + [heading.title]
    heading.id = unique_id("h-" + ".".join(str(h.ordinal) for h in [*parents, heading]), used_ids)
    outline.heading_of_block[index] = heading
    outline.path_of_block[index] = [*parents, heading]
    position = next(
        (k for k, h in enumerate(outline.headings) if h.lines[0] > heading.lines[0]),
        len(outline.headings),
    )
    outline.headings.insert(position, heading)
    # Blocks below it, up to the next heading of its level or higher, now sit inside it.
    for later in sorted(k for k in outline.path_of_block if k > index):
        opened = outline.heading_of_block.get(later)
        if opened is not None and opened.level <= heading.level:
            break
        deeper = [h for h in outline.path_of_block[later] if h.level > heading.level]
        path = [*parents, heading, *deeper]
        outline.path_of_block[later] = path
        if opened is not None:
            opened.path = [h.title for h in path]
            used_ids.discard(opened.id)
            opened.id = unique_id("h-" + ".".join(str(h.ordinal) for h in path), used_ids)
