"""Targets (目标值) as printed and as structured comparisons: ``≥97`` -> (>=, 97, %)."""

from __future__ import annotations

import re
import unicodedata

from planparse.grammar import grammar
from planparse.model import Target

_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def measurement_unit(name: str, target_raw: str = "") -> str | None:
    """The unit of an indicator: （%） after its name, a unit after the value, or its last word."""
    g = grammar()
    paren = re.search(r"[（(]([^（）()]{1,6})[）)]\s*$", name)
    if paren and paren.group(1).strip() in g.units:
        return _canonical_unit(paren.group(1).strip())
    value = _NUMBER.search(unicodedata.normalize("NFKC", target_raw))
    if value:
        tail = unicodedata.normalize("NFKC", target_raw)[value.end() :].strip()
        for unit in g.units:
            if tail.startswith(unit):
                return _canonical_unit(unit)
    for suffix, unit in g.name_suffix_units.items():
        if name.rstrip().endswith(suffix):
            return unit
    return None


def _canonical_unit(unit: str) -> str:
    return "%" if unit in ("%", "％") else unit


def parse_target(raw: str, unit: str | None) -> Target:
    """Operator, value and unit of a target; words without a number are qualitative."""
    g = grammar()
    text = unicodedata.normalize("NFKC", raw).replace(" ", "")
    if not text:
        return Target(raw=raw, op=None)
    match = _NUMBER.search(text)
    if match is None:
        return Target(raw=raw, op="qualitative", unit=unit)
    op = "="
    before, after = text[: match.start()], text[match.end() :]
    for word, symbol in g.op_prefixes.items():
        if before.endswith(unicodedata.normalize("NFKC", word)):
            op = symbol
            break
    for word, symbol in g.op_suffixes.items():
        if word in after:
            op = symbol
    value = float(match.group(0))
    if before and not any(before.endswith(unicodedata.normalize("NFKC", w)) for w in g.op_prefixes):
        # Words before the number that are not an operator: keep it readable but structured.
        op = op if op != "=" else "="
    if after.startswith(("万",)) and not (unit or "").startswith("万"):
        value *= 10000
    return Target(raw=raw, op=op, value=value, unit=unit or measurement_unit("", text))
