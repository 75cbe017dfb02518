"""Words and facts shared by every diff renderer (terminal, Markdown, HTML)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping

from planparse.compare.diff import ColumnPair, DiffResult, IndicatorPair, TaskPair
from planparse.i18n import t
from planparse.model import Indicator, Task


class _RelationWords(Mapping[str, str]):
    """Relation -> its words with a ``{low}`` placeholder, in the user's language at the time
    of reading (schemas/messages.toml, diff.relation.*)."""

    KEYS = ("same", "lower_stricter", "lower_looser", "incomparable", "only_lower", "only_upper")

    def __getitem__(self, relation: str) -> str:
        if relation not in self.KEYS:
            raise KeyError(relation)
        return t(f"diff.relation.{relation}")

    def __iter__(self) -> Iterator[str]:
        return iter(self.KEYS)

    def __len__(self) -> int:
        return len(self.KEYS)


RELATION_WORDS: Mapping[str, str] = _RelationWords()


def side_names(result: DiffResult) -> tuple[str, str]:
    """Each side named by its place (泽州县, 临汾市), else 'lower'/'upper'."""
    return result.lower.place or t("xlsx.lower"), result.upper.place or t("xlsx.upper")


def target_text(indicator: Indicator | None) -> str:
    """The target as printed, with its unit when the printed value leaves it out (``100`` in a
    column headed （%） is ``100 %``; ``1561`` counted in 户 is ``1561 户``)."""
    if indicator is None:
        return "—"
    raw = indicator.target.raw.strip()
    unit = indicator.target.unit or indicator.unit
    if not raw:
        return "—"
    if unit and indicator.target.op != "qualitative" and not raw.endswith(unit):
        return f"{raw} {unit}"
    return raw


def indicator_names(pair: IndicatorPair, low: str, up: str) -> str:
    """Both names when they differ (``学前教育毛入园率 / 于都县: 学前三年毛入园率``)."""
    if pair.upper is None and pair.lower is not None:
        return f"({low}) {pair.lower.name}"
    if pair.upper is None:
        return ""
    if pair.lower is not None and pair.lower.name != pair.upper.name:
        return f"{pair.upper.name} / {low}: {pair.lower.name}"
    return pair.upper.name


def attribute_text(pair: IndicatorPair) -> str:
    if pair.attribute_changed and pair.lower and pair.upper:
        return f"{pair.upper.attribute} → {pair.lower.attribute}"
    side = pair.lower or pair.upper
    return (side.attribute or "") if side else ""


def lead_text(pair: TaskPair) -> str:
    """The lead units (or 责任单位) of both sides: ``A = B`` when the same after normalisation,
    ``A → B`` (upper → lower) when changed, one side alone when only one names any."""
    up, low = "、".join(pair.upper_lead), "、".join(pair.lower_lead)
    if pair.lead_changed:
        return f"{up} → {low}"
    if pair.lower is None:
        return up
    if pair.upper is None:
        return low
    if up and low:
        return (
            low if up == low else f"{up} / {low}" if pair.lead_changed is None else f"{up} = {low}"
        )
    return f"{up} / —" if up else f"— / {low}" if low else ""


def is_difference(pair: IndicatorPair | TaskPair | ColumnPair) -> bool:
    """What --only-differences keeps: anything but a same target, a one-to-one task pair with
    the same lead, or a matched 专栏 whose items all match."""
    if isinstance(pair, IndicatorPair):
        return pair.relation != "same" or pair.attribute_changed
    if isinstance(pair, TaskPair):
        return pair.match != "full" or bool(pair.lead_changed)
    return (
        pair.lower is None
        or pair.upper is None
        or any(i.lower is None or i.upper is None for i in pair.items)
    )


def explain_text(pair: TaskPair) -> str:
    """Why the pair was made, in one line: the pass, the score's parts, the shared words."""
    ex = pair.explain
    if not ex:
        return pair.matched_by
    if ex.get("pass") == "none":
        return f"no counterpart: best candidate scored {ex.get('best_rejected', 0):.2f}"
    parts = [f"{ex['pass']}: score {ex['score']:.2f}"]
    parts.append(
        f"body {ex['body']:.2f}, lead phrase {ex['heading']:.2f}, position "
        f"{ex['lower_position']}↔{ex['upper_position']} ({ex['position']:.2f})"
    )
    if ex.get("shared"):
        parts.append("shared: " + "、".join(f"「{_clip(w)}」" for w in ex["shared"]))
    if pair.match == "partial":
        parts.append(pair.matched_by)
    return "; ".join(parts)


def _clip(text: str, limit: int = 16) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def task_sides(pair: TaskPair, label: Callable[[Task], str]) -> tuple[str, str]:
    """The upper and the lower task of a row, each by ``label`` (— when missing); a partial
    match covered by several tasks lists them all on the covering side."""
    upper = label(pair.upper) if pair.upper else "—"
    lower = label(pair.lower) if pair.lower else "—"
    if pair.match == "partial" and len(pair.covering) > 1:
        covering = "、".join(label(task) for task, _n in pair.covering)
        if pair.covering[0][0] is pair.lower:
            lower = covering
        else:
            upper = covering
    return upper, lower
