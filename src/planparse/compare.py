"""Comparing two targets: is the lower plan's target stricter, looser, the same, or incomparable?"""

from __future__ import annotations

from planparse.grammar import grammar
from planparse.model import Indicator, Target

RATIO_UNITS = ("%", "‰")


def lower_is_better(name: str) -> bool:
    return any(word in name for word in grammar().lower_is_better)


def _bound(target: Target) -> tuple[float, bool]:
    """The least value a higher-is-better target accepts, and whether it is exclusive."""
    assert target.value is not None
    return target.value, target.op == ">"


def target_relation(
    lower: Indicator, upper: Indicator, *, same_jurisdiction: bool
) -> tuple[str, str]:
    """(relation, reason); relation is same | lower_stricter | lower_looser | incomparable."""
    a, b = lower.target, upper.target
    if a.op is None or b.op is None:
        return "incomparable", "a target could not be read"
    if a.op == "qualitative" or b.op == "qualitative":
        if a.op == b.op == "qualitative":
            return "same", "both qualitative"
        return "incomparable", "one target is qualitative"
    unit_a, unit_b = a.unit or lower.unit, b.unit or upper.unit
    if unit_a != unit_b:
        return "incomparable", f"different units ({unit_a or '?'} vs {unit_b or '?'})"
    if unit_a not in RATIO_UNITS and not same_jurisdiction:
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
