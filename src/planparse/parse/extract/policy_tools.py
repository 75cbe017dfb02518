"""Policy-tool coding (政策工具编码): which tools of the supply / environment / demand typology
(供给型 / 环境型 / 需求型, Rothwell & Zegveld) a task or 专栏 item uses.

The dictionary is data (schemas/policy_tools.toml): tools with their family and cue words. A
text is split into sentences; a sentence containing a cue is evidence for that cue's tool, so
one task can carry several tools, each with the sentence that shows it. All cues are matched in
one pass per sentence by a regular expression built as a trie (linear in the text, whatever the
dictionary's size).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path

from planparse.model import Plan, PolicyTool
from planparse.resources import parse_toml, schema_toml

TYPE_CHECKING = False  # typing is not imported at run time: start-up (see cli/launch)
if TYPE_CHECKING:
    from typing import Any

FAMILIES = ("supply", "environment", "demand")
_SENTENCE_END = re.compile(r"(?<=[。；;！？!?\n])")
EVIDENCE_CHARS = 120


class ToolDictionaryError(ValueError):
    """A policy-tool dictionary file that cannot be used (named in the message)."""


@dataclass(frozen=True)
class ToolSpec:
    id: str
    name: str
    family: str
    cues: tuple[str, ...]
    patterns: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()


@dataclass(frozen=True)
class ToolDictionary:
    tools: tuple[ToolSpec, ...]
    family_names: dict[str, str]
    source: str
    matcher: re.Pattern[str]  # the longest cue at a position
    owner: dict[str, tuple[str, ...]]  # cue -> ids of the tools it is evidence for
    patterns: tuple[tuple[re.Pattern[str], str], ...]
    # cue -> the offsets inside it where another cue may start (its character there opens one)
    inner: dict[str, tuple[int, ...]] = field(default_factory=dict)
    # No cue holds a sentence end, so none can cross one: a text is scanned once, not once
    # per sentence, with the same hits.
    whole_text: bool = False

    @cached_property  # asked for every text coded
    def by_id(self) -> dict[str, ToolSpec]:
        return {t.id: t for t in self.tools}

    @cached_property
    def places(self) -> dict[str, list[int]]:
        """Tool id -> its places in `tools`: a text's few tools are put in dictionary order
        without going through the whole dictionary."""
        found: dict[str, list[int]] = {}
        for index, tool in enumerate(self.tools):
            found.setdefault(tool.id, []).append(index)
        return found

    def cues_in(self, text: str) -> Iterator[tuple[int, str]]:
        """(position, cue) for every position of `text` where a cue starts, the longest one
        there, in text order; cues may overlap (设施 inside 基础设施建设, 购买 inside
        政府购买服务).

        One scan finds the cues that do not overlap; only the few positions inside a found
        cue where another could start are tried again. (A lookahead tried at every position
        found the same, at several times the cost.)"""
        match_at = self.matcher.match
        for found in self.matcher.finditer(text):
            start, cue = found.start(), found.group()
            yield start, cue
            for offset in self.inner[cue]:
                more = match_at(text, start + offset)
                if more:
                    yield more.start(), more.group()


def trie_pattern(words: list[str]) -> str:
    """A regex alternation of `words` shaped as a trie, so matching at a position costs at
    most the length of the longest word, not the number of words. Longer words win."""
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = True

    def emit(node: dict[str, Any]) -> str:
        branches = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(trie)


def _spec(raw: dict[str, Any], where: str) -> ToolSpec:
    try:
        family = raw["family"]
        if family not in FAMILIES:
            raise ToolDictionaryError(f"{where}: family must be one of {', '.join(FAMILIES)}")
        return ToolSpec(
            id=str(raw["id"]),
            name=str(raw.get("name", raw["id"])),
            family=family,
            cues=tuple(str(c) for c in raw.get("cues", ()) if c),
            patterns=tuple(str(p) for p in raw.get("patterns", ())),
            exclude=tuple(str(e) for e in raw.get("exclude", ())),
        )
    except KeyError as exc:
        raise ToolDictionaryError(f"{where}: a [[tool]] lacks the key {exc}") from None


def _read(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return parse_toml(fh.read())
    except OSError as exc:
        raise ToolDictionaryError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except ValueError as exc:  # tomllib.TOMLDecodeError, or bytes that are not UTF-8
        raise ToolDictionaryError(f"{path}: not valid TOML: {exc}") from None


def _merge(base: list[ToolSpec], extra: list[ToolSpec]) -> list[ToolSpec]:
    merged = {t.id: t for t in base}
    for t in extra:
        old = merged.get(t.id)
        if old is None:
            merged[t.id] = t
        else:
            merged[t.id] = ToolSpec(
                old.id,
                old.name,
                old.family,
                old.cues + t.cues,
                old.patterns + t.patterns,
                old.exclude + t.exclude,
            )
    return list(merged.values())


def _build(tools: list[ToolSpec], family_names: dict[str, str], source: str) -> ToolDictionary:
    owner: dict[str, list[str]] = {}
    for t in tools:
        for cue in t.cues:
            owner.setdefault(cue, []).append(t.id)
    matcher = re.compile(trie_pattern(sorted(owner))) if owner else re.compile("$^")
    openers = {cue[0] for cue in owner}
    inner = {cue: tuple(k for k in range(1, len(cue)) if cue[k] in openers) for cue in owner}
    try:
        patterns = tuple((re.compile(p), t.id) for t in tools for p in t.patterns)
    except re.error as exc:
        raise ToolDictionaryError(f"{source}: bad pattern: {exc}") from None
    return ToolDictionary(
        tuple(tools),
        family_names,
        source,
        matcher,
        {cue: tuple(ids) for cue, ids in owner.items()},
        patterns,
        inner,
        not any(_SENTENCE_END.split(cue)[:-1] for cue in owner),
    )


@cache
def load_dictionary(path: str | None = None) -> ToolDictionary:
    """The shipped dictionary, or a user file that extends (`[meta] mode = "extend"`, the
    default for user files) or replaces (`mode = "replace"`) it."""
    shipped = schema_toml("policy_tools.toml")
    family_names = {k: v.get("name", k) for k, v in shipped.get("families", {}).items()}
    tools = [_spec(t, "schemas/policy_tools.toml") for t in shipped.get("tool", [])]
    source = str(shipped.get("meta", {}).get("source", ""))
    if path is not None:
        user = _read(Path(path))
        mode = user.get("meta", {}).get("mode", "extend")
        if mode not in ("extend", "replace"):
            raise ToolDictionaryError(f"{path}: [meta] mode must be 'extend' or 'replace'")
        extra = [_spec(t, str(path)) for t in user.get("tool", [])]
        if not extra:
            raise ToolDictionaryError(f"{path}: no [[tool]] entries")
        tools = extra if mode == "replace" else _merge(tools, extra)
        family_names |= {k: v.get("name", k) for k, v in user.get("families", {}).items()}
        source = str(user.get("meta", {}).get("source", path))
    return _build(tools, family_names, source)


def sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(text) if s.strip()]


def _cues_by_sentence(
    d: ToolDictionary, pieces: list[str], text: str
) -> list[list[tuple[int, str]]]:
    """The cues of each piece of `text` (its sentences as split), positions within the piece."""
    found: list[list[tuple[int, str]]] = [[] for _ in pieces]
    if d.whole_text:
        k, start, end = 0, 0, len(pieces[0])
        for at, cue in d.cues_in(text):
            while at >= end:  # the hits come in text order
                k += 1
                start, end = end, end + len(pieces[k])
            found[k].append((at - start, cue))
    else:
        for k, piece in enumerate(pieces):
            found[k] = list(d.cues_in(piece))
    return found


def code_text(text: str, dictionary: ToolDictionary | None = None) -> list[PolicyTool]:
    """The tools `text` shows evidence of, in dictionary order, each with its first evidence
    sentence, the distinct cues seen, and a score that grows with the number of sentences."""
    d = dictionary or load_dictionary()
    specs = d.by_id
    hits: dict[str, tuple[str, list[str], int]] = {}
    pieces = _SENTENCE_END.split(text)
    for sentence, cues_at in zip(pieces, _cues_by_sentence(d, pieces, text), strict=True):
        if not sentence.strip():  # as `sentences` leaves them out
            continue
        seen: dict[str, list[str]] = {}
        for start, cue in cues_at:
            for tool_id in d.owner[cue]:
                if not _excluded(sentence, start, cue, specs[tool_id].exclude):
                    seen.setdefault(tool_id, []).append(cue)
        for pattern, tool_id in d.patterns:
            found = pattern.search(sentence)
            if found:
                seen.setdefault(tool_id, []).append(found.group(0))
        for tool_id, cues in seen.items():
            evidence, all_cues, n = hits.get(tool_id, (sentence.strip(), [], 0))
            for cue in cues:
                if cue not in all_cues:
                    all_cues.append(cue)
            hits[tool_id] = (evidence, all_cues, n + 1)
    found = sorted(index for tool_id in hits for index in d.places[tool_id])
    return [
        PolicyTool(
            tool=t.id,
            name=t.name,
            family=t.family,
            evidence=hits[t.id][0][:EVIDENCE_CHARS],
            cues=hits[t.id][1],
            score=round(1 - 0.5 ** hits[t.id][2], 3),
        )
        for t in (d.tools[index] for index in found)
    ]


def code_plan(plan: Plan, dictionary: ToolDictionary | None = None) -> Plan:
    """Code every task and 专栏 item of `plan` in place (their text without the bracket, so a
    unit's name such as 财政局 is not taken for a tool), and return it."""
    for task in plan.tasks:
        task.tools = code_text(f"{task.heading}。{task.body}", dictionary)
    for column in plan.columns:
        for item in column.items:
            item.tools = code_text(f"{item.title}。{item.text}", dictionary)
    return plan


def _excluded(sentence: str, at: int, cue: str, phrases: tuple[str, ...]) -> bool:
    """Whether the cue at `at` lies inside one of the tool's exclusion phrases."""
    for phrase in phrases:
        offset = phrase.find(cue)
        while offset >= 0:
            start = at - offset
            if start >= 0 and sentence.startswith(phrase, start):
                return True
            offset = phrase.find(cue, offset + 1)
    return False
