"""Metadata: title, issuer, document number, dates, recipients, draft status, basis, citations."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from itertools import pairwise

from planparse.model import Block, Meta
from planparse.parse.front import (
    DOC_NUMBER_IN,
    DocParts,
    compact,
    find_date,
    issuer_joiner,
    read_date,
    title_core,
)
from planparse.parse.grammar import grammar, load_toml
from planparse.parse.textview import squeeze, view

_TITLE_MARKS = re.compile("[《》]")


def cited_titles(text: str) -> list[str]:
    """Every outermost 《…》 title in order, once each (nested 〈〉 or 《》 kept inside)."""
    seen: dict[str, None] = {}
    depth, start = 0, 0
    for mark in _TITLE_MARKS.finditer(text):  # only the brackets, not every character
        i, char = mark.start(), mark.group()
        if char == "《":
            if depth == 0:
                start = i + 1
            depth += 1
        elif char == "》" and depth:
            depth -= 1
            if depth == 0 and i > start:
                seen.setdefault(text[start:i], None)
    return list(seen)


def basis_titles(
    blocks: list[Block], own: str | None = None, context: list[Block] | None = None
) -> list[str]:
    """Titles named as the plan's basis: 依据《…》和《…》，制定本规划 (also 根据 / 按照 / 为贯彻落实
    / 在《…》指导下), never the plan's own title."""
    g = grammar()
    aliases = _aliases(blocks[:6] + (context or []))
    for block in blocks[:6]:
        seen = view(block.text)
        starts = sorted(
            {m.start() for verb in g.basis_verbs for m in re.finditer(re.escape(verb), seen)}
        )
        for start in starts:
            window = seen[start:]
            ends = [e for c in g.basis_closers if (e := window.find(c)) != -1]
            stop = min(ends) if ends else window.find("。")
            segment = block.text[start : start + (stop if stop != -1 else len(window))]
            titles = [
                t
                for clause in _verb_clauses(segment, g.basis_verbs)
                for t in cited_titles(clause)
                if title_core(t) != own and t not in aliases
            ]
            if titles:
                return list(dict.fromkeys(titles))
    return []


def _verb_clauses(segment: str, verbs: tuple[str, ...]) -> list[str]:
    """The clauses (split at ， outside 《》 and brackets) of a basis sentence that name their
    titles after a basis verb: 全面完成好《政府工作报告》中确定的任务 names no basis."""
    clauses, depth, start = [], 0, 0
    seen = view(segment)
    for i, char in enumerate(seen):
        if char in "《（〈":
            depth += 1
        elif char in "》）〉" and depth:
            depth -= 1
        elif char == "，" and depth == 0:
            clauses.append((start, i))
            start = i + 1
    clauses.append((start, len(seen)))
    kept = []
    for a, b in clauses:
        clause = seen[a:b]
        first_title = clause.find("《")
        head = clause if first_title == -1 else clause[: first_title + 1]  # 在《…》指导下
        if any(v in head for v in verbs):
            kept.append((a, b))
    return [segment[a:b] for a, b in kept]


_ALIAS = re.compile(r"简称[“《\s]*(?P<alias>[^”》）)]{1,20})[”》]")


def _aliases(blocks: list[Block]) -> set[str]:
    """Short names a text defines for a title (以下简称《方案》): never a basis of their own."""
    return {m.group("alias") for b in blocks for m in _ALIAS.finditer(view(b.text))}


@dataclass(frozen=True)
class _PlaceRules:
    """The place vocabulary compiled once: which characters may sit inside a name, and the
    level suffixes grouped by their last character, so a scan looks only where a name can end."""

    ok_tail: re.Pattern[str]  # the run of name characters that ends where the search stops
    ends: re.Pattern[str]  # the last character of any level suffix
    by_last: dict[str, tuple[str, ...]]  # last character -> suffixes ending in it, shortest first
    not_first: tuple[str, ...]
    one_char: frozenset[str]  # places whose name before the level word is one character
    max_stem: int
    max_stem_autonomous: int
    level_list_after: tuple[str, ...]
    not_inside_words: tuple[str, ...]
    not_inside: frozenset[str]
    not_opening: frozenset[str]  # never a name's first character (委廊坊市)


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
    words = load_toml("grammar.toml")["place"]
    by_last: dict[str, list[str]] = {}
    for suffix in sorted(vocab.place_suffixes, key=len):
        by_last.setdefault(suffix[-1], []).append(suffix)
    return _PlaceRules(
        ok_tail=re.compile(f"[{_name_chars(vocab.place_not_inside)}]*\\Z"),
        ends=re.compile("[" + "".join(re.escape(c) for c in by_last) + "]"),
        by_last={last: tuple(group) for last, group in by_last.items()},
        not_first=vocab.place_not_first,
        one_char=frozenset(words["one_char_stems"]),
        max_stem=int(words["max_stem"]),
        max_stem_autonomous=int(words["max_stem_autonomous"]),
        level_list_after=tuple(words["level_list_after"]),
        not_inside_words=tuple(words["not_inside_words"]),
        not_inside=vocab.place_not_inside,
        # Words that point at a place (全市, 本县) are ruled out by not_first; their first
        # characters also begin real names (全椒县, 本溪市).
        not_opening=vocab.place_not_inside - frozenset(w[0] for w in vocab.place_not_first),
    )


def _acceptable(rules: _PlaceRules, text: str, start: int, end: int) -> bool:
    """A name that a level suffix closes is a place: it starts with a CJK character, its
    stem has two characters (or it is one of the one-character places) and no more than the
    longest stem, and no list of level words follows it (5年内市、区（县级市）)."""
    if not "\u4e00" <= text[start] <= "\u9fff" or text[start] in rules.not_opening:
        return False
    if any(text.startswith(w, start - len(w) + 1) for w in rules.not_first if start >= len(w) - 1):
        return False  # inside a word that points at a place (全市地区)
    if start and text[start - 1 : start + 1] in rules.not_inside_words:
        return False  # inside a word of running text (文明城市)
    if text[start:end] in rules.by_last.get(text[end - 1], ()):
        return False  # a level word alone (自治区, 自治州): a self-reference, not a name
    suffix = _shortest_suffix(rules, text, end) or 1
    stem = end - start - suffix
    if stem < 2 and text[start:end] not in rules.one_char:
        return False
    limit = rules.max_stem_autonomous if "自治" in text[end - suffix - 2 : end] else rules.max_stem
    if stem > limit or any(w in text[start:end] for w in rules.not_inside_words):
        return False
    return not text.startswith(rules.level_list_after, end)


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
        if shortest is not None and (end - pos > shortest + 1 or text[pos:end] in rules.one_char):
            return end if _acceptable(rules, text, pos, end) else None
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
        last = end - shortest - 2  # a stem of two characters at least …
        if text[end - shortest - 1 : end] in rules.one_char:
            last += 1  # … or one of the one-character places
        if last < first:
            continue
        served = last
        if level is not None and not text.endswith(level, 0, end):
            continue
        for start in range(first, last + 1):
            if not text.startswith(rules.not_first, start) and _acceptable(rules, text, start, end):
                yield start, end


def place_of(text: str) -> str | None:
    """The place a title or issuer starts with; of a chain such as 山西省晋城市泽州县, the most
    specific one."""
    printed = compact(text).removeprefix("中共")
    text = view(printed)  # 絳縣 is read as 绛县, and output as printed
    found, pos = None, 0
    for short, full in _provinces().items():
        # 河北雄安新区: a province's short name before a place of its own.
        if text.startswith(short) and not text.startswith(full):
            if _place_at(text, len(short)) is not None:
                pos = len(short)
            break
    while (end := _place_at(text, pos)) is not None:
        found, pos = printed[pos:end], end
    return found


@cache
def _provinces() -> dict[str, str]:
    names = load_toml("grammar.toml")["place"]["provinces"]
    return dict(sorted(names.items(), key=lambda kv: -len(kv[0])))


def province_named(title: str) -> str | None:
    """The province whose short name a title uses (美丽山东建设规划纲要 -> 山东省)."""
    seen = view(compact(title))
    for short, full in _provinces().items():
        if short in seen:
            return full
    return None


def infer_place(parts: DocParts, level_hint: str | None) -> str | None:
    """The plan's own place when no title names it: the most frequent place of its level."""
    text = "".join(b.text for b in parts.body)
    counts: Counter[str] = Counter()
    at_break: set[str] = set()
    for start, end in place_spans(text, level_hint or None):
        if end - start >= 3:
            name = text[start:end]
            counts[name] += 1
            if _starts_word(text, start):
                at_break.add(name)
    counts = Counter({name: n for name, n in counts.items() if n >= 2})
    if not counts:
        return None  # a name printed once in running text is as likely a phrase as a place
    # Running text glues words before a name (结合官渡区, 编制完成官渡区): the name itself is
    # the candidate seen most often; among equals, one that follows a break, then the longest
    # (呼和浩特市 over 和浩特市).
    return max(counts, key=lambda n: (counts[n], n in at_break, len(n)))


def _starts_word(text: str, start: int) -> bool:
    """In running text a name follows a break: punctuation, a digit, or a word that takes a
    place after it (在, 与, 和…); not the middle of a word (沿海经济大省 is no place)."""
    if start == 0:
        return True
    before = text[start - 1]
    return not "\u4e00" <= before <= "\u9fff" or before in _place_rules().not_inside


def split_issuers(text: str) -> list[str]:
    """Several issuers printed in one run (a joint headline: 中共X县委办公室X县人民政府办公室):
    a new issuer starts after an issuer word, at 中共 or at the place the first one names."""
    g = grammar()
    own = place_of(text.removeprefix("中共"))
    names: list[str] = []
    start = 0
    for pos in range(2, len(text) - 1):
        if not text[start:pos].endswith(g.issuer_suffixes):
            continue
        if text.startswith("中共", pos) or (own and text.startswith(own, pos)):
            names.append(text[start:pos])
            start = pos
    names.append(text[start:])
    return [n for n in names if n]


def _issuer(parts: DocParts) -> str | None:
    """The issuer as signed; else the headline's, the news report's or the web page's.

    A short form (市政府办公厅, 县人民政府办公室) gives way to a full form of the same issuer
    that another source prints (南京市人民政府办公厅)."""
    joiner = issuer_joiner()
    candidates: list[str] = []
    if parts.signature:
        candidates.append(joiner.join(parts.signature))
    if parts.headline_issuer:
        candidates.append(joiner.join(split_issuers(compact(parts.headline_issuer))))
    if parts.news_issuer:
        candidates.append(compact(parts.news_issuer))
    web = parts.web.get("issuer")
    fuller_forms = [joiner.join(split_issuers(compact(web)))] if web else []
    if not candidates:
        return None  # a portal's 发布机构 is the uploader as often as the issuer: evidence only
    candidates += fuller_forms
    chosen = candidates[0]
    if place_of(chosen) is None:
        tail = chosen.lstrip(_LEVEL_CHARS)
        fuller = [
            c for c in candidates[1:] if c != chosen and tail and c.endswith(tail) and place_of(c)
        ]
        if fuller:
            return fuller[0]
        from_headline = not parts.signature and parts.headline_issuer is not None
        if from_headline and not is_national(chosen):
            return None  # a headline's short form (市人民政府) does not name the organ
    return chosen


_LEVEL_CHARS = "省市县区州旗盟"


def _outside_brackets(text: str, pos: int) -> bool:
    """``pos`` is not inside （…）: 各县（市、区）人民政府 is one recipient."""
    return text.count("（", 0, pos) == text.count("）", 0, pos)


def _doc_number(parts: DocParts) -> str | None:
    g = grammar()
    for block in parts.front:
        seen = squeeze(block.text)
        wrapped = seen.startswith("（") and seen.endswith("）")
        if g.doc_number.match(seen[1:-1] if wrapped else seen):
            return compact(block.text)[1:-1] if wrapped else compact(block.text)
    if parts.web.get("doc_number") and g.doc_number.match(squeeze(parts.web["doc_number"])):
        return compact(parts.web["doc_number"])
    for block in parts.notice + parts.title_blocks + parts.front[:3]:
        seen = squeeze(block.text)
        found = DOC_NUMBER_IN.search(seen)
        if found and g.doc_number.match(found.group(0)):
            return compact(block.text)[found.start() : found.end()]
    return None


def _date(parts: DocParts) -> str | None:
    if parts.signed:
        return parts.signed
    if parts.web.get("date"):
        found = read_date(parts.web["date"])
        if found:
            return found
    for block in reversed(parts.front[-6:]):
        seen = squeeze(block.text)
        if len(seen) <= 20:
            found = find_date(seen)
            if found:
                return found
    return None


def extract_meta(parts: DocParts, path: str, encoding: str, fmt: str) -> Meta:
    g = grammar()
    meta = Meta(file=path, encoding=encoding, format=fmt)
    meta.doc_number = _doc_number(parts)
    meta.title = parts.plan_title
    meta.issuer = _issuer(parts)
    if parts.addressee:
        printed = parts.addressee.strip()
        seen = view(printed)
        cuts = [-1] + [i for i, c in enumerate(seen) if c in "，、" and _outside_brackets(seen, i)]
        cuts.append(len(seen.rstrip("：")))
        pairs = pairwise(cuts)
        meta.recipients = [printed[a + 1 : b] for a, b in pairs if b > a + 1]
    meta.date = _date(parts)
    for block in parts.footer:
        seen = view(block.text)
        printed = g.footer_printed.search(seen) if seen.endswith("印发") else None
        if printed:
            meta.published = find_date(printed.group("date"))
            meta.printed_by = printed.group("org").strip()
    if meta.published is None and parts.web.get("published"):
        meta.published = read_date(parts.web["published"])
    title_text = [b.text for b in parts.front + parts.title_blocks]
    meta.draft = any(m in t for t in title_text for m in g.draft_markers)
    own = title_core(meta.title) if meta.title else None
    meta.basis = basis_titles(parts.body, own, parts.letter) or basis_titles(parts.letter, own)
    body_text = "".join(b.text for b in parts.body)
    meta.cited = [
        t for t in cited_titles(body_text) if title_core(t) != own and t not in meta.basis
    ]
    meta.doc_type = _doc_type(meta.title)
    if is_national(meta.issuer) or (
        meta.title and not place_of(meta.title) and is_national(meta.title)
    ):
        meta.place, meta.place_source = _level_rules().national_place, "issuer"
    else:
        meta.place = place_of(meta.title or "")
        meta.place_source = "title" if meta.place else None
        for source in (meta.issuer, parts.web.get("issuer"), parts.web.get("source")):
            if meta.place is None and source:
                meta.place = place_of(source)
                meta.place_source = "issuer" if meta.place else None
        provincial = not meta.issuer or view(meta.issuer).startswith("省")
        if meta.place is None and meta.title and provincial:
            meta.place = province_named(meta.title)
            meta.place_source = "title" if meta.place else None
    if parts.front:
        meta.cover_letter = (parts.front[0].lines[0], parts.front[-1].lines[1])
    if parts.footer:
        meta.footer = (parts.footer[0].lines[0], parts.footer[-1].lines[1])
    return meta


@dataclass(frozen=True)
class _LevelRules:
    national_place: str
    national_issuers: tuple[str, ...]
    municipalities: tuple[str, ...]
    by_suffix: tuple[tuple[str, str], ...]  # longest suffix first
    by_addressee: tuple[tuple[str, str], ...]


@cache
def _level_rules() -> _LevelRules:
    words = load_toml("grammar.toml")["place"]
    return _LevelRules(
        national_place=words["national_place"],
        national_issuers=tuple(words["national_issuers"]),
        municipalities=tuple(words["municipalities"]),
        by_suffix=tuple(sorted(words["level_of_suffix"].items(), key=lambda kv: -len(kv[0]))),
        by_addressee=tuple((w, lvl) for w, lvl in words["addressee_levels"]),
    )


def is_national(issuer: str | None) -> bool:
    """An issuer of the central government (国务院办公厅, 科技部), which names no place."""
    if not issuer:
        return False
    first = view(issuer).split(issuer_joiner())[0].removeprefix("中共")
    return first.startswith(_level_rules().national_issuers) and place_of(first) is None


def level_of(place: str | None, recipients: list[str], title: str | None = None) -> str | None:
    """national / province / city / county: from whom a letter addresses (the level below its
    own), else from the place's level word (a municipality is a province), else from a title
    that opens with its own level word (自治区“十四五”…规划, 市…实施方案)."""
    rules = _level_rules()
    if place == rules.national_place:
        return "national"
    if place and view(place) in rules.municipalities:
        return "province"  # a municipality addresses 各区 as a city does, but is a province
    addressed = view("".join(recipients))
    for word, level in rules.by_addressee:
        if word in addressed:
            return level
    if not place:
        opening = view(compact(title or ""))
        return next((lvl for suffix, lvl in rules.by_suffix if opening.startswith(suffix)), None)
    seen = view(place)
    if seen in rules.municipalities:
        return "province"
    for suffix, level in rules.by_suffix:
        if seen.endswith(suffix):
            return level
    return None


def _doc_type(title: str | None) -> str | None:
    if not title:
        return None
    core = title_core(title)
    for doc_type in grammar().doc_types:
        if core.endswith(doc_type):
            return doc_type
    return None
