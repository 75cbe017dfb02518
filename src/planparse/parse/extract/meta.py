"""Metadata: title, issuer, document number, dates, recipients, draft status, basis, citations."""

from __future__ import annotations

import re
from collections import Counter

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
    g = grammar()
    for block in body[:6]:
        text = block.text
        for verb in g.basis_verbs:
            start = text.find(verb)
            while start != -1:
                window = text[start:]
                ends = [window.find(c) for c in g.basis_closers if window.find(c) != -1]
                stop = min(ends) if ends else window.find("。")
                segment = window[: stop if stop != -1 else len(window)]
                titles = cited_titles(segment)
                if titles:
                    return titles
                start = text.find(verb, start + 1)
    return []


def _place_at(text: str, pos: int) -> int | None:
    """End of a place name starting at ``pos`` (泽州县, 广西壮族自治区), or None."""
    g = grammar()
    if text.startswith(g.place_not_first, pos):
        return None
    for end in range(pos + 2, min(len(text), pos + 12) + 1):
        char = text[end - 1]
        if char in g.place_not_inside or not "\u4e00" <= char <= "\u9fff":
            return None
        for suffix in g.place_suffixes:
            if text.endswith(suffix, pos, end) and end - pos > len(suffix):
                return end
    return None


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
    counts: Counter[str] = Counter()
    for start in range(len(text)):
        end = _place_at(text, start)
        if end is None:
            continue
        name = text[start:end]
        if len(name) >= 3 and (not level_hint or name.endswith(level_hint)):
            counts[name] += 1
    return counts.most_common(1)[0][0] if counts else None


def extract_meta(parts: DocParts, path: str, encoding: str, fmt: str) -> Meta:
    g = grammar()
    meta = Meta(file=path, encoding=encoding, format=fmt)
    front_text = [b.text for b in parts.front]
    for text in front_text:
        match = g.doc_number.match(text)
        if match and meta.doc_number is None:
            meta.doc_number = compact(match.group("num"))
    meta.title = parts.plan_title
    if parts.notice:
        notice = "".join(compact(b.text) for b in parts.notice)
        found = g.notice_title.search(notice)
        issuer = notice[: found.start()] if found else ""
        meta.issuer = issuer or None
        meta.doc_type = "notice+" + (_doc_type(meta.title) or "plan")
    for text in front_text:
        if text.endswith("：") and not g.doc_number.match(text):
            meta.recipients = [r for r in re.split(r"[，,、]", text.rstrip("：")) if r]
    after_notice = front_text[len(front_text) - 6 :] if front_text else []
    for text in reversed(after_notice):
        date = find_date(text)
        if date:
            meta.date = date
            break
    if meta.issuer is None:
        for text in front_text:
            if text.endswith(g.issuer_suffixes) and len(text) <= 30 and not text.endswith("："):
                meta.issuer = text
                break
    for block in parts.footer:
        printed = g.footer_printed.search(block.text) if block.text.endswith("印发") else None
        if printed:
            meta.published = find_date(printed.group("date"))
            meta.printed_by = printed.group("org").strip()
    title_text = [b.text for b in parts.title_blocks]
    meta.draft = any(m in t for t in front_text + title_text for m in g.draft_markers)
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
