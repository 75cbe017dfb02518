"""Measurement units recognised by their shape (schemas/unit_grammar.toml), not a closed list.

`is_unit("微克/立方米")`, `is_unit("万吨标准煤")`, `is_unit("人/万人")` are true because each is
built from the grammar's pieces (magnitude, power, SI prefix, base, qualifier, `/`); a plain
word such as 以上 or 同步 is not a unit.
"""

from __future__ import annotations

import re
from functools import cache

from planparse.parse.grammar import load_toml


def _alt(words: list[str]) -> str:
    """Longest first (alternation is leftmost-first); equal lengths in a fixed order, so the
    pattern's text is the same in every process (a set's order changes with the hash seed)."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


@cache
def unit_pattern() -> re.Pattern[str]:
    """A unit, anchored at the start (match(), or fullmatch() for a whole cell)."""
    g = load_toml("unit_grammar.toml")
    chinese = (
        f"(?:{_alt(g['magnitudes'])})?(?:{_alt(g['powers'])})?(?:{_alt(g['prefixes'])})?"
        f"(?:{_alt(g['bases'])})(?:{_alt(g['qualifiers'])})?"
    )
    latin = (
        f"(?:{_alt(g['latin_prefixes'])})?(?:{_alt(g['latin_bases'])})"
        f"(?:{_alt(g['latin_powers'])})?(?![A-Za-z])"
    )
    term = f"(?:{chinese}|{latin})"
    per = "(?:/|／|每)"
    return re.compile(f"(?:{_alt(g['ratios'])})|{term}(?:{per}{term})*")


def is_unit(text: str) -> bool:
    """True when the whole of `text` (spaces ignored) is a measurement unit."""
    compact = text.replace(" ", "").replace("\u3000", "")
    return bool(compact) and unit_pattern().fullmatch(compact) is not None


def unit_at(text: str) -> str | None:
    """The longest unit `text` starts with, or None."""
    match = unit_pattern().match(text)
    if match is None or not match.group(0):
        return None
    # Regex alternation is leftmost-first, not longest: try every shorter cut too.
    best = match.group(0)
    for end in range(min(len(text), len(best) + 16), len(best), -1):
        if unit_pattern().fullmatch(text[:end]):
            return text[:end]
    return best
