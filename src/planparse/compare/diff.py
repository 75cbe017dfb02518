"""Compare a lower plan (e.g. a county's) against its upper plan (e.g. the city's).

Everything is aligned on content, never on printed numbers: the two plans number the same
content differently, merge, split and reorder sections.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from planparse import i18n
from planparse.compare.align import Link, align
from planparse.compare.guards import DiffWarning, Overlap, input_warnings, overlap
from planparse.compare.similarity import (
    BigramIndex,
    NormalForms,
    name_similarity,
    ratio,
    shared_runs,
)
from planparse.compare.targets import target_relation
from planparse.model import Column, ColumnItem, Indicator, Plan, Task
from planparse.parse.extract.meta import place_of
from planparse.parse.grammar import grammar
from planparse.parse.segment import compact


@dataclass
class DiffOptions:
    # Evaluated on the alignment set (bench/bench_alignment.py: the sample pair and metamorphic
    # pairs of corpus plans, precision and recall per kind): true one-to-one pairs score
    # 0.22 and up, wrong best candidates stay below 0.2.
    task_threshold: float = 0.2
    indicator_threshold: float = 0.5
    column_threshold: float = 0.45
    item_threshold: float = 0.45
    text_diff: bool = True  # word-level diff of matched tasks and items (needs jieba)
    # a task without partner whose best whole-task score reaches task_threshold is partial (a
    # merged or split task reworded): +23 points of merged parts found on the transformed sample
    # pair for -1.4 points of precision on its removals (bench/bench_alignment.py)
    whole_task_partial: bool = True


@dataclass
class Side:
    file: str
    title: str | None
    place: str | None
    level: str | None = None


@dataclass
class IndicatorPair:
    lower: Indicator | None
    upper: Indicator | None
    relation: str  # same | lower_stricter | lower_looser | incomparable | only_lower | only_upper
    attribute_changed: bool
    score: float
    reason: str = ""
    downgraded: bool = False  # upper 约束性, lower 预期性


@dataclass
class ItemPair:
    lower: ColumnItem | None
    upper: ColumnItem | None
    score: float
    diff: list[dict[str, str]] = field(default_factory=list)


@dataclass
class ColumnPair:
    lower: Column | None
    upper: Column | None
    score: float
    items: list[ItemPair] = field(default_factory=list)


@dataclass
class TaskPair:
    lower: Task | None
    upper: Task | None
    match: str  # full (one-to-one) | partial (one-to-many coverage) | only_lower | only_upper
    score: float
    lead_changed: bool | None = None
    lower_lead: list[str] = field(default_factory=list)
    upper_lead: list[str] = field(default_factory=list)
    matched_by: str = ""
    diff: list[dict[str, str]] = field(default_factory=list)
    # partial: the tasks on the other side that cover this one, with the sentences each covers
    covering: list[tuple[Task, int]] = field(default_factory=list)
    # why this pair: pass, score parts, shared words, position (see explain_pair)
    explain: dict[str, Any] = field(default_factory=dict)


@dataclass
class Basis:
    lower_cites: list[str]
    upper_title: str | None
    upper_place: str | None
    consistent: bool | None
    other_place: str | None = None
    message: str = ""


@dataclass
class DiffResult:
    lower: Side
    upper: Side
    indicators: list[IndicatorPair]
    columns: list[ColumnPair]
    tasks: list[TaskPair]
    basis: Basis
    summary: dict[str, Any] = field(default_factory=dict)
    warnings: list[DiffWarning] = field(default_factory=list)
    overlap: Overlap | None = None

    def to_dict(self) -> dict[str, Any]:
        """The JSON document described by schemas/diff.schema.json."""
        return {
            "schema_version": "1.0",
            "warnings": [asdict(w) for w in self.warnings],
            "overlap": asdict(self.overlap) if self.overlap else None,
            "lower": asdict(self.lower),
            "upper": asdict(self.upper),
            "indicators": [_indicator_pair_dict(p) for p in self.indicators],
            "columns": [_column_pair_dict(p) for p in self.columns],
            "tasks": [_task_pair_dict(p) for p in self.tasks],
            "basis": asdict(self.basis),
            "summary": self.summary,
        }


def diff_plans(lower: Plan, upper: Plan, options: DiffOptions | None = None) -> DiffResult:
    options = options or DiffOptions()
    forms = NormalForms()
    lower_side, upper_side = _side(lower), _side(upper)
    same_jurisdiction = lower_side.place is not None and lower_side.place == upper_side.place
    result = DiffResult(
        lower=lower_side,
        upper=upper_side,
        indicators=diff_indicators(
            lower.indicators,
            upper.indicators,
            options.indicator_threshold,
            same_jurisdiction,
            (lower_side.place, upper_side.place),
            forms,
        ),
        columns=diff_columns(lower.columns, upper.columns, options, forms),
        tasks=diff_tasks(lower.tasks, upper.tasks, options, forms),
        basis=compare_basis(lower, lower_side, upper_side),
    )
    result.overlap = overlap(lower, upper, *_matched_keys(result), forms)
    result.warnings = input_warnings(
        lower,
        upper,
        (lower_side.place, upper_side.place),
        result.overlap,
        result.basis.other_place,
    )
    if options.text_diff:
        _add_text_diffs(result)
    result.summary = summarize(result)
    return result


def _matched_keys(result: DiffResult) -> tuple[set[str], set[str]]:
    """Keys of the tasks and indicators on each side that found a counterpart."""
    lower: set[str] = set()
    upper: set[str] = set()
    for t in result.tasks:
        if t.lower is not None and t.upper is not None:
            lower.add(f"t:{t.lower.id}")
            upper.add(f"t:{t.upper.id}")
            side = lower if t.covering and t.covering[0][0] is t.lower else upper
            side.update(f"t:{c.id}" for c, _n in t.covering)
    for i in result.indicators:
        if i.lower is not None and i.upper is not None:
            lower.add(f"i:{i.lower.number}:{i.lower.name}")
            upper.add(f"i:{i.upper.number}:{i.upper.name}")
    return lower, upper


def _side(plan: Plan) -> Side:
    place = plan.meta.place
    level = place[-1] if place else None
    return Side(file=plan.meta.file, title=plan.meta.title, place=place, level=level)


# -------------------------------------------------------------------------------- indicators


def diff_indicators(
    lower: list[Indicator],
    upper: list[Indicator],
    threshold: float,
    same_jurisdiction: bool,
    places: tuple[str | None, str | None] = (None, None),
    forms: NormalForms | None = None,
) -> list[IndicatorPair]:
    forms = NormalForms() if forms is None else forms
    matrix = [[_indicator_score(a, b, forms) for b in upper] for a in lower]
    pairs: list[IndicatorPair] = []
    for link in sorted(
        align(matrix, len(lower), len(upper), threshold, allow_many=False), key=_link_order
    ):
        a = lower[link.lower] if link.lower is not None else None
        b = upper[link.upper] if link.upper is not None else None
        if a is None or b is None:
            pairs.append(
                IndicatorPair(a, b, "only_lower" if b is None else "only_upper", False, 0.0)
            )
            continue
        relation, reason = target_relation(a, b, same_jurisdiction=same_jurisdiction, places=places)
        changed = bool(a.attribute and b.attribute and a.attribute != b.attribute)
        binding = grammar().binding
        downgraded = changed and b.attribute == binding and a.attribute != binding
        pairs.append(
            IndicatorPair(a, b, relation, changed, round(link.score, 3), reason, downgraded)
        )
    return pairs


def _indicator_score(a: Indicator, b: Indicator, forms: NormalForms) -> float:
    score = name_similarity(a.name, b.name, forms)
    if a.unit and b.unit and a.unit != b.unit and {a.unit, b.unit} != {"人", "人次"}:
        score *= 0.8
    if a.category and b.category and a.category == b.category:
        score = min(1.0, score + 0.03)
    return score


def _link_order(link: Link) -> tuple[int, int]:
    """Report in the upper plan's order, lower-only units where they stand in the lower plan."""
    if link.upper is not None:
        return (link.upper, link.lower if link.lower is not None else -1)
    return (10**6, link.lower or 0)


# ----------------------------------------------------------------------------------- columns


def diff_columns(
    lower: list[Column],
    upper: list[Column],
    options: DiffOptions,
    forms: NormalForms | None = None,
) -> list[ColumnPair]:
    forms = NormalForms() if forms is None else forms
    matrix = [[_column_score(a, b, forms) for b in upper] for a in lower]
    pairs: list[ColumnPair] = []
    for link in sorted(
        align(matrix, len(lower), len(upper), options.column_threshold, allow_many=False),
        key=_link_order,
    ):
        a = lower[link.lower] if link.lower is not None else None
        b = upper[link.upper] if link.upper is not None else None
        pair = ColumnPair(a, b, round(link.score, 3))
        if a is not None and b is not None:
            pair.items = diff_items(a.items, b.items, options.item_threshold, forms)
        pairs.append(pair)
    return pairs


def _column_score(a: Column, b: Column, forms: NormalForms) -> float:
    if a.kind != b.kind:
        return 0.0
    title = name_similarity(a.title, b.title, forms)
    if not a.items or not b.items:
        return title
    items = name_similarity(
        "".join(i.title for i in a.items), "".join(i.title for i in b.items), forms
    )
    return 0.6 * title + 0.4 * items


def diff_items(
    lower: list[ColumnItem],
    upper: list[ColumnItem],
    threshold: float,
    forms: NormalForms | None = None,
) -> list[ItemPair]:
    forms = NormalForms() if forms is None else forms
    matrix = [[_item_score(a, b, forms) for b in upper] for a in lower]
    return [
        ItemPair(
            lower[link.lower] if link.lower is not None else None,
            upper[link.upper] if link.upper is not None else None,
            round(link.score, 3),
        )
        for link in sorted(
            align(matrix, len(lower), len(upper), threshold, allow_many=False), key=_link_order
        )
    ]


def _item_score(a: ColumnItem, b: ColumnItem, forms: NormalForms) -> float:
    # Items are often retitled but keep their wording (基本生活救助 ~ 最低生活保障).
    return 0.4 * name_similarity(a.title, b.title, forms) + 0.6 * ratio(a.text, b.text, forms)


# ------------------------------------------------------------------------------------- tasks


def task_text(task: Task) -> str:
    return f"{task.heading}。{task.body}"


@dataclass(frozen=True)
class TaskScores:
    """The parts of every lower × upper task score, kept for --explain."""

    body: list[list[float]]
    heading: list[list[float]]
    position: list[list[float]]

    def total(self, i: int, j: int) -> float:
        return (0.75 * self.body[i][j] + 0.25 * self.heading[i][j]) * (
            0.85 + 0.15 * self.position[i][j]
        )

    def totals(self) -> list[list[float]]:
        """``total(i, j)`` of every pair, the same arithmetic without a call per pair."""
        return [
            [(0.75 * b + 0.25 * h) * (0.85 + 0.15 * p) for b, h, p in zip(*rows, strict=True)]
            for rows in zip(self.body, self.heading, self.position, strict=True)
        ]


def task_scores(
    lower: list[Task], upper: list[Task], forms: NormalForms | None = None
) -> TaskScores:
    """TF-IDF bigram cosine of the whole tasks and of their lead phrases, and how close the two
    stand in their plans (1 at the same relative position, 0 at opposite ends)."""
    forms = NormalForms() if forms is None else forms
    texts = [task_text(t) for t in lower] + [task_text(t) for t in upper]
    headings = [t.heading for t in lower] + [t.heading for t in upper]
    forms.all(texts + headings)  # in one pass
    index = BigramIndex(texts, forms)
    heads = BigramIndex(headings, forms)
    n, m = len(lower), len(upper)
    rows, columns = range(n), range(n, n + m)
    return TaskScores(
        index.matrix(rows, columns),
        heads.matrix(rows, columns),
        [[1.0 - abs(x - y) for y in _fractions(m)] for x in _fractions(n)],
    )


def _fractions(count: int) -> list[float]:
    """Where each of ``count`` units stands in its plan, 0 (first) to 1 (last)."""
    return [k / max(1, count - 1) for k in range(count)]


def task_matrix(lower: list[Task], upper: list[Task]) -> list[list[float]]:
    """Similarity of every lower × upper task: TF-IDF bigram cosine, nudged by position."""
    return task_scores(lower, upper).totals()


def diff_tasks(
    lower: list[Task], upper: list[Task], options: DiffOptions, forms: NormalForms | None = None
) -> list[TaskPair]:
    """Optimal one-to-one assignment, then one-to-many coverage from sentence evidence."""
    from planparse.compare.coverage import coverage

    forms = NormalForms() if forms is None else forms
    scores = task_scores(lower, upper, forms)
    matrix = scores.totals()
    links = align(matrix, len(lower), len(upper), options.task_threshold, allow_many=False)
    alone_lower = [link.lower for link in links if link.kind == "only_lower"]
    alone_upper = [link.upper for link in links if link.kind == "only_upper"]
    lower_texts, upper_texts = [task_text(t) for t in lower], [task_text(t) for t in upper]
    alone_u = [j for j in alone_upper if j is not None]
    alone_l = [i for i in alone_lower if i is not None]
    covered_upper = coverage(upper_texts, lower_texts, alone_u, forms)
    covered_lower = coverage(lower_texts, upper_texts, alone_l, forms)
    if options.whole_task_partial:
        _add_whole_task_cover(covered_upper, matrix, alone_upper, options.task_threshold, True)
        _add_whole_task_cover(covered_lower, matrix, alone_lower, options.task_threshold, False)
    pairs: list[tuple[tuple[int, int], TaskPair]] = []
    for link in links:
        i, j = link.lower, link.upper
        if i is not None and j is not None:
            pair = TaskPair(lower[i], upper[j], "full", round(link.score, 3))
            pair.matched_by = "one-to-one assignment (best total content similarity)"
            pair.explain = explain_pair(lower[i], upper[j], scores, i, j, "one-to-one", forms)
        elif j is not None and j in covered_upper:
            found = covered_upper[j]
            i = found.by[0][0]
            pair = _partial(lower[i], upper[j], found, [lower[k] for k, _n in found.by])
            pair.explain = explain_pair(
                lower[i], upper[j], scores, i, j, pair.explain["pass"], forms
            )
            pair.explain["sentences"] = _evidence(found.evidence)
        elif i is not None and i in covered_lower:
            found = covered_lower[i]
            j = found.by[0][0]
            pair = _partial(lower[i], upper[j], found, [upper[k] for k, _n in found.by])
            pair.explain = explain_pair(
                lower[i], upper[j], scores, i, j, pair.explain["pass"], forms
            )
            pair.explain["sentences"] = _evidence(found.evidence)
        else:
            pair = TaskPair(
                lower[i] if i is not None else None,
                upper[j] if j is not None else None,
                "only_lower" if j is None else "only_upper",
                0.0,
            )
            side = pair.lower or pair.upper
            assert side is not None
            names = _lead_names(side)
            if pair.lower is not None:
                pair.lower_lead = names
            else:
                pair.upper_lead = names
            best = _best_rejected(matrix, i, j)
            if best is not None:
                pair.explain = {"pass": "none", "best_rejected": best}
            pairs.append(((j if j is not None else 10**6, i if i is not None else 0), pair))
            continue
        assert pair.lower is not None and pair.upper is not None
        pair.lead_changed, pair.lower_lead, pair.upper_lead = compare_leads(pair.lower, pair.upper)
        pairs.append(((j, i), pair))
    return [pair for _key, pair in sorted(pairs, key=lambda kp: kp[0])]


def _partial(a: Task, b: Task, found: Any, covering: list[Task]) -> TaskPair:
    """A one-to-many pair: by sentence coverage, or by whole-task similarity when the merged
    or split text was rewritten (``found.sentences == 0``)."""
    if found.sentences:
        pair = TaskPair(a, b, "partial", round(found.found / found.sentences, 3))
        pair.covering = [(t, n) for t, (_k, n) in zip(covering, found.by, strict=True)]
        pair.matched_by = f"{found.found} of {found.sentences} sentences found in " + "、".join(
            f"「{t.heading}」({n})" for t, (_k, n) in zip(covering, found.by, strict=True)
        )
        pair.explain = {"pass": "sentence coverage"}
    else:
        pair = TaskPair(a, b, "partial", round(found.score, 3))
        pair.covering = [(covering[0], 0)]
        pair.matched_by = f"whole-task similarity {found.score:.2f} with 「{covering[0].heading}」"
        pair.explain = {"pass": "whole-task similarity"}
    return pair


def _add_whole_task_cover(
    covered: dict[int, Any],
    matrix: list[list[float]],
    alone: list[int | None],
    threshold: float,
    upper_side: bool,
) -> None:
    """A task without partner whose best whole-task score reaches the threshold is covered by
    that task (a merged or split task whose sentences were rewritten)."""
    from planparse.compare.coverage import Coverage

    for k in alone:
        if k is None or k in covered:
            continue
        scores = [row[k] for row in matrix] if upper_side else matrix[k]
        if not scores:
            continue
        best = max(range(len(scores)), key=lambda x: (scores[x], -x))
        if scores[best] >= threshold:
            covered[k] = Coverage(k, [(best, 0)], 0, 0, [], scores[best])


def _lead_names(task: Task) -> list[str]:
    units = task.responsibility.units if task.responsibility else []
    leads = [u.name for u in units if u.role == "lead"]
    return leads or [u.name for u in units if u.role == "responsible"]


def _evidence(evidence: list[tuple[str, str, float]]) -> list[dict[str, Any]]:
    return [{"this": a, "other": b, "score": s} for a, b, s in evidence[:3]]


def _best_rejected(matrix: list[list[float]], i: int | None, j: int | None) -> float | None:
    """The best score a unit on one side only had with any unit on the other side."""
    if i is not None and matrix[i]:
        return round(max(matrix[i]), 3)
    if j is not None and matrix:
        return round(max(row[j] for row in matrix), 3)
    return None


def shared_words(
    a: str, b: str, limit: int = 4, shortest: int = 3, forms: NormalForms | None = None
) -> list[str]:
    """The longest runs of text two tasks share (after punctuation is left out), longest first."""
    forms = NormalForms() if forms is None else forms
    na, nb = forms[a], forms[b]
    blocks = [na[i : i + size] for i, size in shared_runs(na, nb, shortest)]
    return sorted(dict.fromkeys(blocks), key=len, reverse=True)[:limit]


def explain_pair(
    a: Task,
    b: Task,
    scores: TaskScores,
    i: int,
    j: int,
    found_by: str,
    forms: NormalForms | None = None,
) -> dict[str, Any]:
    """Why two tasks were paired: the pass, the score's parts, the words they share, where each
    stands in its plan."""
    return {
        "pass": found_by,
        "score": round(scores.total(i, j), 3),
        "body": round(scores.body[i][j], 3),
        "heading": round(scores.heading[i][j], 3),
        "position": round(scores.position[i][j], 3),
        "lower_position": i + 1,
        "upper_position": j + 1,
        "shared": shared_words(task_text(a), task_text(b), forms=forms),
    }


def compare_leads(a: Task, b: Task) -> tuple[bool | None, list[str], list[str]]:
    """Whether the lead unit changed, after normalisation (level and place do not count).

    The names returned are the 牵头 units, or when a task names none, its 责任单位 (shown so
    that every row has its units); only 牵头 units on both sides are compared."""
    units_a = a.responsibility.units if a.responsibility else []
    units_b = b.responsibility.units if b.responsibility else []
    lead_a = [u for u in units_a if u.role == "lead"]
    lead_b = [u for u in units_b if u.role == "lead"]
    names_a = [u.name for u in lead_a] or [u.name for u in units_a if u.role == "responsible"]
    names_b = [u.name for u in lead_b] or [u.name for u in units_b if u.role == "responsible"]
    if not lead_a or not lead_b:
        return None, names_a, names_b
    from planparse.units.normalize import normalize_unit, same_unit

    ma = [normalize_unit(u.name) for u in lead_a]
    mb = [normalize_unit(u.name) for u in lead_b]
    covered = all(any(same_unit(x, y) for y in mb) for x in ma) and all(
        any(same_unit(y, x) for x in ma) for y in mb
    )
    return (not covered), names_a, names_b


# ------------------------------------------------------------------------------------- basis


def compare_basis(lower: Plan, lower_side: Side, upper: Side) -> Basis:
    cites = lower.meta.basis
    who = lower_side.place or i18n.t("diff.the_lower_plan")
    basis = Basis(
        lower_cites=cites, upper_title=upper.title, upper_place=upper.place, consistent=None
    )
    if not cites:
        basis.message = i18n.t("diff.basis.none", low=who)
        return basis
    if upper.title and any(compact(t) == compact(upper.title) for t in cites):
        basis.consistent = True
        basis.message = i18n.t("diff.basis.names_it", low=who)
        return basis
    places = [p for t in cites if (p := place_of(t))]
    if upper.place and upper.place in places:
        basis.consistent = True
        basis.message = i18n.t("diff.basis.same_place", low=who, up=upper.place)
        return basis
    same_level = [
        p for p in places if upper.place and p[-1] == upper.place[-1] and p != upper.place
    ]
    if same_level:
        basis.consistent = False
        basis.other_place = same_level[0]
        basis.message = i18n.t(
            "check.X401.other_place", low=who, other=same_level[0], up=upper.place
        )
    else:
        basis.consistent = False if upper.title else None
        basis.message = i18n.t("check.X401.not_among", low=who)
    return basis


# --------------------------------------------------------------------------------- text diff


def _add_text_diffs(result: DiffResult) -> None:
    from planparse.compare.textdiff import token_diff

    for pair in result.tasks:
        if pair.lower is not None and pair.upper is not None:
            pair.diff = token_diff(pair.lower.body, pair.upper.body)
    for column in result.columns:
        for item in column.items:
            if item.lower is not None and item.upper is not None:
                item.diff = token_diff(item.lower.text, item.upper.text)


# ----------------------------------------------------------------------------------- summary


def summarize(result: DiffResult) -> dict[str, Any]:
    def count(values: list[str]) -> dict[str, int]:
        out: dict[str, int] = {}
        for v in values:
            out[v] = out.get(v, 0) + 1
        return out

    ind = count([p.relation for p in result.indicators])
    ind["attribute_changed"] = sum(p.attribute_changed for p in result.indicators)
    ind["downgraded"] = sum(p.downgraded for p in result.indicators)
    tasks = count([p.match for p in result.tasks])
    tasks["lead_changed"] = sum(1 for p in result.tasks if p.lead_changed)
    columns = {
        "matched": sum(1 for p in result.columns if p.lower and p.upper),
        "only_lower": sum(1 for p in result.columns if p.upper is None),
        "only_upper": sum(1 for p in result.columns if p.lower is None),
        "items_only_lower": sum(1 for p in result.columns for i in p.items if i.upper is None),
        "items_only_upper": sum(1 for p in result.columns for i in p.items if i.lower is None),
    }
    found = highlights(result)
    return {
        "indicators": ind,
        "columns": columns,
        "tasks": tasks,
        "basis_consistent": result.basis.consistent,
        "highlights": [text for text, _ref in found],
        "highlight_refs": [ref for _text, ref in found],
    }


def highlights(result: DiffResult) -> list[tuple[str, dict[str, Any]]]:
    """The most important differences, in plain words, most important first.

    Each comes with what it is about: ``{"section": "indicators", "index": i}`` for the pair
    ``result.indicators[i]`` (likewise ``tasks`` and ``columns``), ``"index": None`` for a
    whole category of pairs or for the ``basis``.
    """
    low = result.lower.place or i18n.t("diff.lower")
    up = result.upper.place or i18n.t("diff.upper")
    out: list[tuple[str, dict[str, Any]]] = []

    def add(text: str, section: str, index: int | None = None) -> None:
        out.append((text, {"section": section, "index": index}))

    if result.basis.consistent is False:
        add(result.basis.message, "basis")
    for i, p in enumerate(result.indicators):
        if p.downgraded and p.lower and p.upper:
            add(
                i18n.t(
                    "diff.hl.downgraded",
                    name=p.upper.name,
                    upper_attribute=p.upper.attribute,
                    up=up,
                    lower_attribute=p.lower.attribute,
                    low=low,
                ),
                "indicators",
                i,
            )
    for i, p in enumerate(result.indicators):
        if p.relation == "lower_looser" and p.lower and p.upper:
            add(
                i18n.t("diff.hl.looser", low=low, name=p.upper.name, reason=p.reason),
                "indicators",
                i,
            )
    missing_ind = [
        p.upper.name for p in result.indicators if p.relation == "only_upper" and p.upper
    ]
    if missing_ind:
        add(
            i18n.t(
                "diff.hl.missing_indicators",
                count=len(missing_ind),
                up=up,
                low=low,
                names="、".join(missing_ind),
            ),
            "indicators",
        )
    missing_tasks = [p for p in result.tasks if p.match == "only_upper"]
    if missing_tasks:
        add(i18n.t("diff.hl.missing_tasks", count=len(missing_tasks), up=up, low=low), "tasks")
    lead = [p for p in result.tasks if p.lead_changed]
    if lead:
        add(i18n.t("diff.hl.lead_changed", count=len(lead)), "tasks")
    stricter = [p for p in result.indicators if p.relation == "lower_stricter"]
    if stricter:
        add(i18n.t("diff.hl.stricter", count=len(stricter), low=low, up=up), "indicators")
    only_lower_cols = [p.lower.title for p in result.columns if p.upper is None and p.lower]
    if only_lower_cols:
        add(i18n.t("diff.hl.local_columns", low=low, titles="、".join(only_lower_cols)), "columns")
    return out


# ------------------------------------------------------------------------------ dict helpers


def _indicator_ref(ind: Indicator | None) -> dict[str, Any] | None:
    if ind is None:
        return None
    return {
        "number": ind.number,
        "name": ind.name,
        "category": ind.category,
        "unit": ind.unit,
        "target": asdict(ind.target),
        "attribute": ind.attribute,
        "lines": list(ind.lines),
    }


def _indicator_pair_dict(p: IndicatorPair) -> dict[str, Any]:
    return {
        "lower": _indicator_ref(p.lower),
        "upper": _indicator_ref(p.upper),
        "relation": p.relation,
        "attribute_changed": p.attribute_changed,
        "downgraded": p.downgraded,
        "score": p.score,
        "reason": p.reason,
    }


def _item_ref(item: ColumnItem | Column | None) -> dict[str, Any] | None:
    if item is None:
        return None
    return {"number": item.number, "title": item.title, "lines": list(item.lines)}


def _column_pair_dict(p: ColumnPair) -> dict[str, Any]:
    return {
        "lower": _item_ref(p.lower),
        "upper": _item_ref(p.upper),
        "score": p.score,
        "items": [
            {
                "lower": _item_ref(i.lower),
                "upper": _item_ref(i.upper),
                "score": i.score,
                "diff": i.diff,
            }
            for i in p.items
        ],
    }


def _task_ref(task: Task | None) -> dict[str, Any] | None:
    if task is None:
        return None
    return {"id": task.id, "heading": task.heading, "lines": list(task.lines), "path": task.path}


def _task_pair_dict(p: TaskPair) -> dict[str, Any]:
    return {
        "covering": [{**(_task_ref(t) or {}), "sentences": n} for t, n in p.covering],
        "explain": p.explain,
        "lower": _task_ref(p.lower),
        "upper": _task_ref(p.upper),
        "match": p.match,
        "score": p.score,
        "matched_by": p.matched_by,
        "lead_changed": p.lead_changed,
        "lower_lead": p.lower_lead,
        "upper_lead": p.upper_lead,
        "diff": p.diff,
    }
