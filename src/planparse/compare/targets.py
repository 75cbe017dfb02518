"""Comparing two targets: is the lower plan's target stricter, looser, the same, or incomparable?

The words are in schemas/grammar.toml ``[indicator]``:

- ``lower_is_better``: quantities where a smaller value is better (发生率, 失业率, 事故). A name
  with a ``reduction_words`` word (单位GDP二氧化碳排放降低, 能耗下降) states the size of a
  reduction, so a bigger number is stricter there whatever else the name holds.
- Two qualitative targets are the same only when their text is, once whitespace, punctuation
  and each plan's words for its own jurisdiction (全县 in the county's, 全市 in the city's)
  are left out and common phrasings unified (schemas/jurisdiction.toml); otherwise they are
  incomparable.
- Targets of two different jurisdictions compare unless they are absolute counts: a unit in
  ``absolute_units`` (户, 人, 人次, 个…) or no unit, with no ``per_capita_words`` (人均, 每千人,
  率) in the name. Shares and per-head quantities (%, 元, 岁, 年) compare across places.
"""

from __future__ import annotations

from planparse.model import Indicator, Target
from planparse.parse.grammar import grammar


def lower_is_better(name: str) -> bool:
    """A smaller value is better: a lower_is_better quantity whose name states no reduction."""
    if any(word in name for word in grammar().reduction_words):
        return False
    return any(word in name for word in grammar().lower_is_better)


def is_absolute_count(unit: str | None, *names: str) -> bool:
    """A count of things (户, 人次…) that grows with the jurisdiction, not a share or per head."""
    if any(word in name for name in names for word in grammar().per_capita_words):
        return False
    return unit is None or unit in grammar().absolute_units


def qualitative_key(raw: str, place: str | None = None) -> str:
    """A qualitative target's text without punctuation and the plan's words for itself."""
    from planparse.compare.jurisdiction import jurisdiction_neutral

    return jurisdiction_neutral(raw, place)


def _bound(target: Target) -> tuple[float, bool]:
    """The least value a higher-is-better target accepts, and whether it is exclusive."""
    assert target.value is not None
    return target.value, target.op == ">"


def target_relation(
    lower: Indicator,
    upper: Indicator,
    *,
    same_jurisdiction: bool,
    places: tuple[str | None, str | None] = (None, None),
) -> tuple[str, str]:
    """(relation, reason); relation is same | lower_stricter | lower_looser | incomparable."""
    a, b = lower.target, upper.target
    if a.op is None or b.op is None:
        return "incomparable", "a target could not be read"
    if a.op == "qualitative" or b.op == "qualitative":
        if a.op == b.op == "qualitative":
            if qualitative_key(a.raw, places[0]) == qualitative_key(b.raw, places[1]):
                if a.raw == b.raw:
                    return "same", "the same qualitative target"
                return "same", f"the same qualitative target in other words ({a.raw} vs {b.raw})"
            return "incomparable", f"different qualitative targets ({a.raw} vs {b.raw})"
        return "incomparable", "one target is qualitative"
    unit_a, unit_b = a.unit or lower.unit, b.unit or upper.unit
    if unit_a != unit_b:
        return "incomparable", f"different units ({unit_a or '?'} vs {unit_b or '?'})"
    if not same_jurisdiction and is_absolute_count(unit_a, lower.name, upper.name):
        return "incomparable", "absolute quantities of different jurisdictions"
    if a.op in ("<", "<=") or b.op in ("<", "<=") or lower_is_better(upper.name):
        return _compare_caps(a, b)
    (va, xa), (vb, xb) = _bound(a), _bound(b)
    if (va, xa) == (vb, xb):
        return "same", f"{a.raw} vs {b.raw}"
    stricter = va > vb or (va == vb and xa and not xb)
    return ("lower_stricter" if stricter else "lower_looser"), f"{a.raw} vs {b.raw}"


def _compare_caps(a: Target, b: Target) -> tuple[str, str]:
    """Lower-is-better targets: a smaller cap is stricter."""
    assert a.value is not None and b.value is not None
    xa, xb = a.op == "<", b.op == "<"
    if (a.value, xa) == (b.value, xb):
        return "same", f"{a.raw} vs {b.raw}"
    stricter = a.value < b.value or (a.value == b.value and xa and not xb)
    return ("lower_stricter" if stricter else "lower_looser"), f"{a.raw} vs {b.raw}"
