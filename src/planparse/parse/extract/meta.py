"""Metadata: title, issuer, document number, dates, recipients, draft status, basis, citations."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from planparse.model import Block, Meta
from planparse.parse.grammar import grammar
from planparse.parse.segment import DocParts, compact, find_date, title_core

_TITLE_QUOTE = re.compile(r"《([^《》]+?)》")


def cited_titles(text: str) -> list[str]:
    """Every 《…》 title in order, once each (nested 〈〉 kept)."""
    seen: dict[str, None] = {}
    for match in _TITLE_QUOTE.finditer(text):
        seen.setdefault(match.group(1), None)
    return list(seen)


def basis_titles(body: list[Block]) -> list[str]:
    """Titles named as the plan's basis: 依据《…》和《…》，制定本规划。"""
    vocab = grammar()
    for block in body[:6]:
        text = block.text
        for verb in vocab.basis_verbs:
            start = text.find(verb)
            while start != -1:
                window = text[start:]
                ends = [window.find(c) for c in vocab.basis_closers if window.find(c) != -1]
                stop = min(ends) if ends else window.find("。")
                segment = window[: stop if stop != -1 else len(window)]
                titles = cited_titles(segment)
                if titles:
                    return titles
                start = text.find(verb, start + 1)
    return []


@dataclass(frozen=True)
class _PlaceRules:
    """The place vocabulary compiled once: which characters may sit inside a name, and the
    level suffixes grouped by their last character, so a scan looks only where a name can end."""

    ok_tail: re.Pattern[str]  # the run of name characters that ends where the search stops
    ends: re.Pattern[str]  # the last character of any level suffix
    by_last: dict[str, tuple[str, ...]]  # last character -> suffixes ending in it, shortest first
    not_first: tuple[str, ...]


def _name_chars(excluded: frozenset[str]) -> str:
    """A character class body: CJK unified ideographs minus ``excluded``, as ranges."""
    ranges, low = [], 0x4E00
    for code in sorted(ord(c) for c in excluded if "\u4e00" <= c <= "\u9fff"):
        if code > low:
            ranges.append((low, code - 1))
        low = code + 1
    if low <= 0x9FFF:
        ranges.append((low, 0x9FFF))
    return "".join(f"\\u{a:04x}-\\u{b:04x}" if a != b else f"\\u{a:04x}" for a, b in ranges)


@cache
def _place_rules() -> _PlaceRules:
    vocab = grammar()
    by_last: dict[str, list[str]] = {}
    for suffix in sorted(vocab.place_suffixes, key=len):
        by_last.setdefault(suffix[-1], []).append(suffix)
    return _PlaceRules(
        ok_tail=re.compile(f"[{_name_chars(vocab.place_not_inside)}]*\\Z"),
        ends=re.compile("[" + "".join(re.escape(c) for c in by_last) + "]"),
        by_last={last: tuple(group) for last, group in by_last.items()},
        not_first=vocab.place_not_first,
    )


def _shortest_suffix(rules: _PlaceRules, text: str, end: int) -> int | None:
    """Length of the shortest level suffix ending at ``end``, or None."""
    for suffix in rules.by_last.get(text[end - 1], ()):
        if text.endswith(suffix, 0, end):
            return len(suffix)
    return None


def _name_start(rules: _PlaceRules, text: str, end: int) -> int:
    """The earliest start of a name ending at ``end``: 11 characters back at most, and every
    character after the first a name character (the first is checked by ``not_first`` only)."""
    low = max(end - 12, 0)
    tail = rules.ok_tail.search(text, low + 1, end)
    assert tail is not None  # the pattern matches the empty tail
    return tail.start() - 1


def _place_at(text: str, pos: int) -> int | None:
    """End of a place name starting at ``pos`` (泽州县, 广西壮族自治区), or None: the nearest
    end within 12 characters where a level suffix closes a longer name."""
    rules = _place_rules()
    if text.startswith(rules.not_first, pos):
        return None
    for end in range(pos + 2, min(len(text), pos + 12) + 1):
        if _name_start(rules, text, end) > pos:
            return None  # a character that cannot be inside a name
        shortest = _shortest_suffix(rules, text, end)
        if shortest is not None and end - pos > shortest:
            return end
    return None


def place_spans(text: str, level: str | None = None) -> Iterator[tuple[int, int]]:
    """Every ``(start, end)`` with ``end == _place_at(text, start)``, in one pass over the text.

    Only the characters that end a level suffix are visited. Of the starts a suffix end can
    serve, those already served by an earlier end are skipped; as the earliest valid start
    never moves backwards, they are exactly the starts up to the highest start served so
    far, so every start is handled once. With ``level``, only names ending in it are yielded.
    """
    rules = _place_rules()
    served = -1  # highest start already given its (nearest) end
    for hit in rules.ends.finditer(text):
        end = hit.end()
        shortest = _shortest_suffix(rules, text, end)
        if shortest is None:
            continue
        first = max(_name_start(rules, text, end), served + 1, 0)
        last = end - shortest - 1
        if last < first:
            continue
        served = last
        if level is not None and not text.endswith(level, 0, end):
            continue
        for start in range(first, last + 1):
            if not text.startswith(rules.not_first, start):
                yield start, end


def place_of(text: str) -> str | None:
    """The place a title or issuer starts with; of a chain such as 山西省晋城市泽州县, the most
    specific one."""
    text = compact(text)
    found, pos = None, 0
    while (end := _place_at(text, pos)) is not None:
        found, pos = text[pos:end], end
    return found


def infer_place(parts: DocParts, level_hint: str | None) -> str | None:
    """The plan's own place when no title names it: the most frequent place of its level."""
    text = "".join(b.text for b in parts.body)
    counts = Counter(
        text[start:end] for start, end in place_spans(text, level_hint or None) if end - start >= 3
    )
    return counts.most_common(1)[0][0] if counts else None


def extract_meta(parts: DocParts, path: str, encoding: str, fmt: str) -> Meta:
    vocab = grammar()
    meta = Meta(file=path, encoding=encoding, format=fmt)
    front_text = [b.text for b in parts.front]
    for text in front_text:
        match = vocab.doc_number.match(text)
        if match and meta.doc_number is None:
            meta.doc_number = compact(match.group("num"))
    meta.title = parts.plan_title
    if parts.notice:
        notice = "".join(compact(b.text) for b in parts.notice)
        found = vocab.notice_title.search(notice)
        issuer = notice[: found.start()] if found else ""
        meta.issuer = issuer or None
        meta.doc_type = "notice+" + (_doc_type(meta.title) or "plan")
    for text in front_text:
        if text.endswith("：") and not vocab.doc_number.match(text):
            meta.recipients = [r for r in re.split(r"[，,、]", text.rstrip("：")) if r]
    after_notice = front_text[len(front_text) - 6 :] if front_text else []
    for text in reversed(after_notice):
        date = find_date(text)
        if date:
            meta.date = date
            break
    if meta.issuer is None:
        for text in front_text:
            if text.endswith(vocab.issuer_suffixes) and len(text) <= 30 and not text.endswith("："):
                meta.issuer = text
                break
    for block in parts.footer:
        printed = vocab.footer_printed.search(block.text) if block.text.endswith("印发") else None
        if printed:
            meta.published = find_date(printed.group("date"))
            meta.printed_by = printed.group("org").strip()
    title_text = [b.text for b in parts.title_blocks]
    meta.draft = any(m in t for t in front_text + title_text for m in vocab.draft_markers)
    meta.basis = basis_titles(parts.body)
    body_text = "".join(b.text for b in parts.body)
    own = {meta.title} if meta.title else set()
    meta.cited = [t for t in cited_titles(body_text) if t not in own and t not in meta.basis]
    meta.doc_type = _doc_type(meta.title)
    meta.place = place_of(meta.title or "") or (
        place_of(meta.issuer or "") if meta.issuer else None
    )
    if parts.front:
        meta.cover_letter = (parts.front[0].lines[0], parts.front[-1].lines[1])
    if parts.footer:
        meta.footer = (parts.footer[0].lines[0], parts.footer[-1].lines[1])
    return meta


def _doc_type(title: str | None) -> str | None:
    if not title:
        return None
    core = title_core(title)
    for doc_type in grammar().doc_types:
        if core.endswith(doc_type):
            return doc_type
    return None
