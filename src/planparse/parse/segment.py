"""Segment stage: split front matter, plan body and footer, and read the heading outline.

Printed markers (第X章 / 一、 / （一） / 1． / （1）) are the primary signal of a heading's level:
the level of a marker type is its rank among the marker types the document uses, in the
order GB/T 9704 prescribes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from planparse.model import Block, Heading, PlanWarning
from planparse.parse.grammar import grammar
from planparse.parse.markers import RANK, Marker, read_marker
from planparse.parse.numerals import cn_to_int


@dataclass
class DocParts:
    """The document split along GB/T 9704 lines: 版头/主送/正文/版记."""

    front: list[Block] = field(default_factory=list)
    notice: list[Block] = field(default_factory=list)  # blocks of the 关于印发…的通知 title
    plan_title: str | None = None
    title_blocks: list[Block] = field(default_factory=list)
    body: list[Block] = field(default_factory=list)
    footer: list[Block] = field(default_factory=list)


def compact(text: str) -> str:
    return re.sub(r"\s+", "", text)


def split_parts(blocks: list[Block]) -> DocParts:
    """Separate the cover letter and title, the plan body and the footer."""
    vocab = grammar()
    parts = DocParts()
    end = len(blocks)
    while end > 0 and _is_footer(blocks[end - 1].text):
        end -= 1
    parts.footer = blocks[end:]
    blocks = blocks[:end]

    notice = _find_notice(blocks)
    if notice is not None:
        first, last, title = notice
        parts.notice = blocks[first : last + 1]
        parts.plan_title = title
        limit = min(len(blocks), last + 15)
        # The letter runs to its signature date; then come notes such as （此件公开发布）.
        k = next(
            (
                i + 1
                for i in range(last + 1, limit)
                if len(blocks[i].text) <= 20 and find_date(blocks[i].text)
            ),
            last + 1,
        )
        while k < limit and not _title_blocks(blocks, k, title) and _is_front_line(blocks[k].text):
            k += 1
        parts.front = blocks[:k]
        count = _title_blocks(blocks, k, title)
        if count:
            parts.title_blocks = blocks[k : k + count]
            parts.plan_title = _strip_draft("".join(compact(b.text) for b in parts.title_blocks))
        parts.body = blocks[k + count :]
        return parts

    # No cover letter: the title area is the leading lines that look like a title, draft
    # note, document number, issuer or date (a title may be broken over two lines).
    k = 0
    while k < len(blocks) and k < 8:
        if _is_title_area_line(blocks[k].text):
            k += 1
        elif k + 1 < len(blocks) and _is_title_area_line(blocks[k].text + blocks[k + 1].text):
            k += 2
        else:
            break
    front = blocks[:k]
    candidates = [b for b in front if title_core(b.text).endswith(vocab.doc_types)]
    if candidates:
        parts.title_blocks = candidates[:1]
        parts.plan_title = _strip_draft(candidates[0].text)
    parts.front = [b for b in front if b not in parts.title_blocks]
    parts.body = blocks[k:]
    return parts


def title_core(text: str) -> str:
    """A title without draft note, period （2023—2025年） and 《》, for comparing titles."""
    core = grammar().title_period.sub("", _strip_draft(compact(text)))
    return _strip_draft(core).strip("《》")


def _title_blocks(blocks: list[Block], k: int, title: str) -> int:
    """How many blocks from ``k`` print ``title`` (a title may wrap over two), else 0."""
    wanted = title_core(title)
    if k < len(blocks) and title_core(blocks[k].text) == wanted:
        return 1
    if k + 1 < len(blocks) and title_core(blocks[k].text + blocks[k + 1].text) == wanted:
        return 2
    return 0


def _strip_draft(text: str) -> str:
    for marker in grammar().draft_markers:
        text = re.sub(rf"[（(]{marker}[）)]$", "", text)
    return text.strip()


def _is_footer(text: str) -> bool:
    vocab = grammar()
    return text.startswith(vocab.footer_starts) or (
        text.endswith("印发") and bool(vocab.footer_printed.search(text))
    )


def _is_front_line(text: str) -> bool:
    """A short line of the 版头 or signature: doc number, issuer, date, draft note, title."""
    vocab = grammar()
    if read_marker(text) is not None or len(text) > 40:
        return False
    if "。" in text[:-1]:
        return False
    return (
        bool(vocab.doc_number.match(text))
        or bool(_DATE.fullmatch(text))
        or any(p.match(text) for p in vocab.public_notes)
        or any(m in text for m in vocab.draft_markers)
        or not text.endswith(("。", "；"))
    )


def _is_title_area_line(text: str) -> bool:
    vocab = grammar()
    if not _is_front_line(text):
        return False
    core = title_core(text)
    return (
        bool(vocab.doc_number.match(text))
        or bool(_DATE.fullmatch(text))
        or any(p.match(text) for p in vocab.public_notes)
        or any(m in text for m in vocab.draft_markers)
        or core.endswith(vocab.doc_types)
        or text.endswith(vocab.issuer_suffixes)
    )


_CN_DATE = "一二三四五六七八九十零〇○"
_DATE = re.compile(
    rf"(?P<y>\d{{4}}|[{_CN_DATE}]{{4}})\s*年\s*(?P<m>\d{{1,2}}|[{_CN_DATE}]{{1,3}})\s*月"
    rf"\s*(?P<d>\d{{1,2}}|[{_CN_DATE}]{{1,3}})\s*日"
)


def find_date(text: str) -> str | None:
    """An ISO date from 2023年8月8日 or 二〇二三年八月八日."""
    match = _DATE.search(text)
    if not match:
        return None
    y, m, d = (cn_to_int(match.group(k)) for k in "ymd")
    if not (y and m and d) or not (1 <= m <= 12 and 1 <= d <= 31):
        return None
    return f"{y:04d}-{m:02d}-{d:02d}"


def _find_notice(blocks: list[Block]) -> tuple[int, int, str] | None:
    vocab = grammar()
    limit = min(len(blocks), 20)
    for i in range(limit):
        if vocab.doc_number.match(blocks[i].text) or find_date(blocks[i].text):
            continue
        joined = ""
        for j in range(i, min(i + 4, limit)):
            joined += compact(blocks[j].text)
            if len(joined) > 120:
                break
            match = vocab.notice_title.search(joined)
            if match and joined.endswith(vocab.notice_suffixes):
                return i, j, match.group("title").strip("《》")
    return None


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
    vocab = grammar()
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
            title, rest = split_lead(marker.rest, vocab.lead_max_chars)
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
            heading.id = _unique(
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


def _unique(candidate: str, used: set[str]) -> str:
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
    vocab = grammar()
    cut = text.find("。")
    if cut == -1:
        return len(text) <= vocab.lead_max_chars
    return vocab.lead_min_chars <= cut <= vocab.lead_max_chars


def split_lead(text: str, max_chars: int) -> tuple[str, str]:
    """Title and remaining body of a heading or task paragraph (lead sentence up to 。)."""
    text = text.strip()
    cut = text.find("。")
    if cut == -1 or cut > max_chars:
        return text.rstrip("。"), ""
    return text[:cut], text[cut + 1 :].strip()
