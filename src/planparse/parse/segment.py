"""Segment stage: split front matter, plan body and footer, and read the heading outline.

Printed markers (第X章 / 一、 / （一） / 1． / （1）) are the primary signal of a heading's level:
the level of a marker type is its rank among the marker types the document uses, in the
order GB/T 9704 prescribes.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from planparse.model import Block, Heading, PlanWarning
from planparse.parse.front import (  # noqa: F401  (re-exported: the segment stage's API)
    DocParts,
    compact,
    find_date,
    preface_headings,
    split_parts,
    title_core,
)
from planparse.parse.grammar import grammar, load_toml
from planparse.parse.markers import RANK, Marker, read_marker
from planparse.parse.textview import squeeze

# ------------------------------------------------------------------------------- outline


@dataclass
class Outline:
    headings: list[Heading]
    heading_of_block: dict[int, Heading]  # body block index -> heading it opens
    path_of_block: dict[int, list[Heading]]  # body block index -> enclosing headings
    warnings: list[PlanWarning]


def build_outline(body: list[Block], styled: dict[int, int] | None = None) -> Outline:
    """Read heading markers in the body and give every block its heading path.

    ``styled`` maps original paragraph numbers to the outline level a .docx gave them: an
    unnumbered short paragraph with a heading style becomes a heading at that level (the
    printed marker, where there is one, still decides).
    """
    g = grammar()
    candidates: dict[int, Marker] = {}
    style_level: dict[int, int] = {}
    for index, block in enumerate(body):
        if block.kind != "para":
            continue
        marker = read_marker(block.text)
        if marker is None and styled and block.lines[0] in styled and _short_title(block.text):
            candidates[index] = Marker("style", "", 0, block.text)
            style_level[index] = styled[block.lines[0]]
            continue
        if marker is None and not candidates and squeeze(block.text) in preface_headings():
            # 前言 / 序言 before the first numbered heading: an unnumbered top-level heading.
            candidates[index] = Marker("style", "", 0, block.text)
            style_level[index] = 1
            continue
        if marker is None or not marker.rest.strip():
            continue
        if marker.type in ("arabic", "paren_arabic") and not _has_lead(marker.rest):
            continue
        candidates[index] = marker
    types = sorted({m.type for m in candidates.values() if m.type in RANK}, key=RANK.__getitem__)
    levels = {t: i + 1 for i, t in enumerate(types)}
    headings: list[Heading] = []
    heading_of: dict[int, Heading] = {}
    path_of: dict[int, list[Heading]] = {}
    stack: list[Heading] = []
    warnings: list[PlanWarning] = []
    counters: dict[tuple[int, int], list[tuple[int, Heading]]] = {}
    used_ids: set[str] = set()
    for index, block in enumerate(body):
        marker = candidates.get(index)
        if marker is not None:
            level = style_level.get(index) or levels[marker.type]
            while stack and stack[-1].level >= level:
                stack.pop()
            title, rest = split_heading(marker.rest, g.lead_max_chars)
            parent = id(stack[-1]) if stack else 0
            if marker.type == "style":
                marker.ordinal = len(counters.get((parent, -level), [])) + 1
            heading = Heading(
                level=level,
                marker=marker.printed,
                ordinal=marker.ordinal,
                title=title,
                lines=block.lines,
                body=rest,
                signal="style" if marker.type == "style" else "marker",
            )
            heading.path = [h.title for h in stack] + [title]
            heading.id = unique_id(
                "h-" + ".".join([*(str(h.ordinal) for h in stack), str(marker.ordinal)]), used_ids
            )
            # Siblings share the same parent heading object (ids may repeat in a bad outline);
            # style headings have no printed number to check, so they count apart.
            key = (parent, -level if marker.type == "style" else level)
            counters.setdefault(key, []).append((marker.ordinal, heading))
            stack.append(heading)
            headings.append(heading)
            heading_of[index] = heading
        path_of[index] = list(stack)
    for (_parent, level_key), seq in counters.items():
        if level_key < 0:
            continue
        warnings.extend(numbering_warnings([(o, h.marker, h.lines) for o, h in seq], "heading"))
    return Outline(headings, heading_of, path_of, warnings)


def unique_id(candidate: str, used: set[str]) -> str:
    """A stable id; a repeated number (a numbering error) gets a suffix ~2, ~3, …"""
    result, n = candidate, 1
    while result in used:
        n += 1
        result = f"{candidate}~{n}"
    used.add(result)
    return result


def numbering_warnings(seq: list[tuple[int, str, tuple[int, int]]], what: str) -> list[PlanWarning]:
    """Gaps and duplicates in a numbered sequence that should run 1, 2, 3, …"""
    warnings: list[PlanWarning] = []
    expected = 1
    seen: set[int] = set()
    for ordinal, printed, lines in seq:
        if ordinal in seen:
            warnings.append(
                PlanWarning(
                    f"{what}-numbering-duplicate", f"{what} number {printed} repeats", lines
                )
            )
        elif ordinal != expected:
            warnings.append(
                PlanWarning(
                    f"{what}-numbering-gap",
                    f"{what} number {printed} follows {expected - 1}, expected {expected}",
                    lines,
                )
            )
        seen.add(ordinal)
        expected = max(expected, ordinal + 1)
    return warnings


def _short_title(text: str) -> bool:
    return len(text) <= 40 and "。" not in text.rstrip("。")


def _has_lead(text: str) -> bool:
    """A numbered paragraph counts as a heading when it opens with a short lead phrase."""
    g = grammar()
    cut = text.find("。")
    if cut == -1:
        return len(text) <= g.lead_max_chars
    return g.lead_min_chars <= cut <= g.lead_max_chars


def split_heading(text: str, max_chars: int) -> tuple[str, str]:
    """Like :func:`split_lead`; a heading that runs into its first sentence without a full
    stop ((一)指导思想以习近平…) is cut after the standard section name it opens with."""
    title, rest = split_lead(text, max_chars)
    if "，" not in title and "," not in title:
        return title, rest  # a title, not a sentence
    for name in _run_in_titles():
        after = text[len(name) :].strip()
        if text.startswith(name) and len(after) > 15:
            return name, after
    return title, rest


@cache
def _run_in_titles() -> tuple[str, ...]:
    words = load_toml("grammar.toml")["task"]["run_in_titles"]
    return tuple(sorted(words, key=len, reverse=True))


def split_lead(text: str, max_chars: int) -> tuple[str, str]:
    """Title and remaining body of a heading or task paragraph (lead sentence up to 。)."""
    text = text.strip()
    cut = text.find("。")
    if cut == -1 or cut > max_chars:
        return text.rstrip("。"), ""
    return text[:cut], text[cut + 1 :].strip()
