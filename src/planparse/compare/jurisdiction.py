"""Administrative levels of places and the words by which a plan names its own jurisdiction.

The vocabulary is in schemas/jurisdiction.toml: level suffixes (省 > 市/州/盟 > 县/区/旗 > 乡/镇)
and the self-reference words (全市, 我县, 本区…) that differ between a county's plan and its
city's while meaning the same thing.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from planparse.parse.grammar import load_toml


@dataclass(frozen=True)
class Level:
    rank: int  # 0 national, 1 province, 2 prefecture, 3 county, 4 township
    name: str


@dataclass(frozen=True)
class _Vocabulary:
    suffixes: tuple[tuple[str, Level], ...]  # longest first
    names: dict[str, Level]
    self_prefixes: tuple[str, ...]
    self_levels: tuple[str, ...]  # longest first
    synonyms: tuple[tuple[str, str], ...]  # longest first


@cache
def _vocabulary() -> _Vocabulary:
    data = load_toml("jurisdiction.toml")
    suffixes: list[tuple[str, Level]] = []
    names: dict[str, Level] = {}
    for entry in data["levels"]:
        level = Level(int(entry["rank"]), str(entry["name"]))
        suffixes += [(s, level) for s in entry["suffixes"]]
        names.update(dict.fromkeys(entry["names"], level))
    words = data["words"]
    synonyms = sorted(
        ((_nfkc(k), _nfkc(v)) for k, v in words["synonyms"].items()),
        key=lambda kv: len(kv[0]),
        reverse=True,
    )
    return _Vocabulary(
        tuple(sorted(suffixes, key=lambda s: len(s[0]), reverse=True)),
        names,
        tuple(words["prefixes"]),
        tuple(sorted(words["levels"], key=len, reverse=True)),
        tuple(synonyms),
    )


def _nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def level_of(place: str | None) -> Level | None:
    """The administrative level of a place name (泽州县 -> county), None when unknown."""
    if not place:
        return None
    vocabulary = _vocabulary()
    if place in vocabulary.names:
        return vocabulary.names[place]
    for suffix, level in vocabulary.suffixes:
        if place.endswith(suffix) and len(place) > len(suffix):
            return level
    return None


def ambiguous_rank(place: str) -> bool:
    """A …市 name may be a prefecture or a county-level city: its rank is not certain."""
    return place.endswith("市") and place not in _vocabulary().names


_PUNCT_OR_SPACE = re.compile(r"[\s\W_]+")


@cache
def _self_words(place: str | None) -> re.Pattern[str]:
    """全县/本县/我县 for a county's plan: the plan naming its own jurisdiction.

    Only the plan's own level counts (全省 in a county plan is the province, not itself); with
    no known place, every level below the nation."""
    vocabulary = _vocabulary()
    own = [lv for lv in vocabulary.self_levels if place and place.endswith(lv)][:1]
    levels = own or [lv for lv in vocabulary.self_levels if lv != "国"]
    return re.compile(
        "(?:" + "|".join(map(re.escape, vocabulary.self_prefixes)) + ")"
        "(?:" + "|".join(map(re.escape, levels)) + ")"
    )


def jurisdiction_neutral(text: str, place: str | None = None) -> str:
    """Text without punctuation and the plan's words for itself, common phrasings unified.

    ``与全市经济增长同步`` (a city's plan) and ``与全县经济增长同步`` (a county's) give the
    same string; ``place`` is the plan's own place (赣州市, 于都县).
    """
    vocabulary = _vocabulary()
    text = _PUNCT_OR_SPACE.sub("", _nfkc(text))
    text = _self_words(place).sub("", text)
    for old, new in vocabulary.synonyms:
        text = text.replace(old, new)
    return text
