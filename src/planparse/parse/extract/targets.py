"""Targets (目标值) as printed and as structured comparisons: ``≥97`` -> (>=, 97, %).

How a target is read (the words are in schemas/grammar.toml, ``[indicator]``):

- The value is the first number that is not a date: a number followed by a ``date_suffixes``
  word is skipped when another number follows it (``2025年达到95%`` -> >= 95 %; ``11.3年``
  alone is a value in years).
- A range (``90-95``, ``90～95``, ``90至95``; ``range_separators``) is read as its lower end
  with op ">=": the plan commits to at least 90, and the upper end stays in ``raw``. After a
  cap operator (``控制在3-5``) it is read as its upper end with op "<=".
- A minus sign printed right before the number (``-5``, ``−5``; ``minus_signs``) makes the
  value negative. A word such as ``下降5`` does not: the word (or the indicator's name) says
  the direction, the value is the size of the change.
- A unit printed right after the value is the target's unit (``提高5个百分点`` -> 个百分点).
  A ``scale_prefixes`` word between the value and the indicator's own unit multiplies the
  value (``5万`` or ``5万人`` with unit 人 -> 50000 人).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from planparse.model import Target
from planparse.parse.grammar import grammar
from planparse.parse.numerals import cn_to_int

_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def _nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


@dataclass(frozen=True)
class TargetWords:
    """The words of grammar.toml ``[indicator]`` that only target reading uses."""

    date_suffixes: tuple[str, ...]
    range_separators: tuple[str, ...]  # longest first, NFKC-normalised
    minus_signs: tuple[str, ...]
    scale_prefixes: dict[str, float]


@cache
def target_words() -> TargetWords:
    """The grammar's target words in the NFKC form targets are read in, longest first."""
    vocab = grammar()

    def nfkc(items: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(sorted({_nfkc(w) for w in items}, key=len, reverse=True))

    return TargetWords(
        date_suffixes=nfkc(vocab.date_suffixes),
        range_separators=nfkc(vocab.range_separators),
        minus_signs=nfkc(vocab.minus_signs),
        scale_prefixes={_nfkc(k): v for k, v in vocab.scale_prefixes.items()},
    )


def _value_match(text: str) -> re.Match[str] | None:
    """The number that is the target's value in NFKC text: a date (2025年) or a span of
    dates (2021-2025年) is skipped when another number follows it."""
    dates = target_words().date_suffixes
    position = 0
    while (match := _NUMBER.search(text, position)) is not None:
        end = match.end()
        upper = _range_end(text, end)
        if upper is not None and text.startswith(dates, upper.end()):
            end = upper.end()
        if not (dates and text.startswith(dates, end) and _NUMBER.search(text, end)):
            return match
        position = end
    return None


def _unit_at(text: str) -> str | None:
    """The measurement unit that ``text`` starts with (longest match)."""
    from planparse.parse.unitshape import unit_at

    unit = unit_at(text)
    return _canonical_unit(unit) if unit else None


def measurement_unit(name: str, target_raw: str = "") -> str | None:
    """The unit of an indicator: （%） after its name, a unit after the value, or its last word."""
    vocab = grammar()
    from planparse.parse.unitshape import is_unit

    paren = re.search(r"[（(]([^（）()]{1,12})[）)]\s*$", name)
    if paren and is_unit(paren.group(1)):
        return _canonical_unit(paren.group(1).strip())
    text = _nfkc(target_raw).replace(" ", "")
    value = _value_match(text)
    if value:
        unit = _unit_at(text[value.end() :])
        if unit is not None:
            return unit
    for suffix, unit in vocab.name_suffix_units.items():
        if name.rstrip().endswith(suffix):
            return unit
    return None


def _canonical_unit(unit: str) -> str:
    return "%" if unit in ("%", "％") else unit


def _range_end(text: str, end: int) -> re.Match[str] | None:
    """The second number of a range whose first number ends at ``end``: ``90-95``, ``90%～95%``."""
    unit = _unit_at(text[end:])
    start = end + len(unit or "")
    for separator in target_words().range_separators:
        if text.startswith(separator, start):
            return _NUMBER.match(text, start + len(separator))
    return None


def parse_target(raw: str, unit: str | None) -> Target:
    """Operator, value and unit of a target; words without a number are qualitative."""
    vocab = grammar()
    words = target_words()
    text = _arabic_percent(_nfkc(raw).replace(" ", ""))
    if not text:
        return Target(raw=raw, op=None)
    match = _value_match(text)
    if match is None:
        return Target(raw=raw, op="qualitative", unit=unit)
    value = float(match.group(0))
    before = text[: match.start()]
    sign = next((m for m in words.minus_signs if before.endswith(m)), None)
    if sign is not None and not re.search(r"\d$", before[: -len(sign)]):
        value, before = -value, before[: -len(sign)]
    op = "="
    for word, symbol in vocab.op_prefixes.items():
        if before.endswith(_nfkc(word)):
            op = symbol
            break
    last = match
    upper = _range_end(text, match.end())
    if upper is not None:
        last = upper
        if op in ("<", "<="):
            value = float(upper.group(0))
        else:
            op = ">="
    after = text[last.end() :]
    for word, symbol in vocab.op_suffixes.items():
        if word in after:
            op = symbol
    value, target_unit = _scaled(value, after, unit)
    return Target(raw=raw, op=op, value=value, unit=target_unit)


_CN_PERCENT = re.compile(
    r"百分之([零〇一二两三四五六七八九十百]+)(?:点([零〇一二三四五六七八九]+))?"
)


def _arabic_percent(text: str) -> str:
    """百分之九十五 -> 95% (targets written in words, as in some 实施方案), for reading only."""

    def arabic(match: re.Match[str]) -> str:
        whole = cn_to_int(match.group(1))
        if whole is None:
            return match.group(0)
        decimals = match.group(2)
        digits = "".join(str(cn_to_int(c)) for c in decimals) if decimals else ""
        return f"{whole}.{digits}%" if digits else f"{whole}%"

    return _CN_PERCENT.sub(arabic, text)


def _scaled(value: float, after: str, unit: str | None) -> tuple[float, str | None]:
    """The value and its unit, from the text after the value and the indicator's unit."""
    for prefix, factor in target_words().scale_prefixes.items():
        if not after.startswith(prefix) or (unit or "").startswith(prefix):
            continue
        rest_unit = _unit_at(after[len(prefix) :])
        if rest_unit is None or rest_unit == unit:  # 5万 / 5万人 with unit 人
            return value * factor, unit
    printed = _unit_at(after)
    return value, printed or unit
