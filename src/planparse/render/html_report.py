"""Self-contained HTML reports: a plan diff (``diff_html``) and check findings (``check_html``).

One file, no network: the page is rendered from the Jinja2 templates in ``templates/``
(autoescaped), with the stylesheet and script of ``assets/`` inline and a
Content-Security-Policy allowing nothing but them (see ``html_parts``).

This module prepares what the templates show (counts, anchors, groups, which side a finding
is on); the templates only lay it out.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from planparse.render.html_parts import Markup, ReportSides, SourceLink, esc, render

if TYPE_CHECKING:
    from planparse.compare.check import CheckReport, Finding
    from planparse.compare.diff import ColumnPair, DiffResult, IndicatorPair, ItemPair, TaskPair

__all__ = ["Markup", "check_html", "diff_html", "esc"]


# --------------------------------------------------------------------------------------- diff


def diff_html(result: DiffResult, *, only_differences: bool = False) -> str:
    """The whole diff as one self-contained HTML page (zh-CN, inline CSS/JS, no network).

    The page has a “只看差异 differences only” switch; ``only_differences`` turns it on."""
    from planparse.parse.grammar import grammar
    from planparse.render.diff_words import (
        RELATION_WORDS,
        explain_text,
        is_difference,
        side_names,
    )

    low, up = side_names(result)
    sides = ReportSides(low, up, result.lower.file, result.upper.file, RELATION_WORDS)
    vocab = grammar()
    return render(
        "diff.html.j2",
        title=f"{low} vs {up} 规划对比报告",
        result=result,
        sides=sides,
        low=low,
        up=up,
        indicator_rows=_grouped(result.indicators, _indicator_group),
        task_rows=_grouped(result.tasks, lambda p: _task_group(p, low)),
        summary=_summary(result),
        columns=[_column(i, p, low) for i, p in enumerate(result.columns, 1)],
        binding=vocab.binding,
        downgrade=f"{vocab.binding}→{vocab.expected}",
        diff_stats=_diff_stats,
        task_lead=_task_lead,
        place_of=_place_of,
        is_difference=is_difference,
        differing_groups={
            "ind": {_indicator_group(p) for p in result.indicators if is_difference(p)},
            "task": {_task_group(p, low) for p in result.tasks if is_difference(p)},
        },
        explain_text=explain_text,
        only_differences=only_differences,
    )


T = TypeVar("T")


def _grouped(pairs: Sequence[T], group_of: Callable[[T], str]) -> list[tuple[str | None, T]]:
    """Each pair with the label of the group it opens, or None where the group goes on."""
    out: list[tuple[str | None, T]] = []
    current: str | None = None
    for pair in pairs:
        group = group_of(pair)
        out.append((group if group != current else None, pair))
        current = group
    return out


def _indicator_group(p: IndicatorPair) -> str:
    main = p.upper or p.lower
    return (main.category if main else "") or ""


@dataclass
class _Summary:
    """The summary's links: the first row of each kind, and where each highlight points."""

    first_indicator: dict[str, str] = field(default_factory=dict)
    first_task: dict[str, str] = field(default_factory=dict)
    first_column: dict[str, str] = field(default_factory=dict)
    highlights: list[tuple[str, str | None]] = field(default_factory=list)

    def first(self, kind: str, key: str) -> str | None:
        ids = {"ind": self.first_indicator, "task": self.first_task, "col": self.first_column}
        found = ids[kind].get(key)
        return f"#{found}" if found else None


def _summary(result: DiffResult) -> _Summary:
    summary = _Summary()
    for i, p in enumerate(result.indicators, 1):
        summary.first_indicator.setdefault(p.relation, f"ind-{i}")
        if p.attribute_changed:
            summary.first_indicator.setdefault("attribute_changed", f"ind-{i}")
    for i, tp in enumerate(result.tasks, 1):
        summary.first_task.setdefault(tp.match, f"task-{i}")
        if tp.lead_changed:
            summary.first_task.setdefault("lead_changed", f"task-{i}")
    for i, cp in enumerate(result.columns, 1):
        if cp.upper is None:
            summary.first_column.setdefault("only_lower", f"col-{i}")
        if cp.lower is None:
            summary.first_column.setdefault("only_upper", f"col-{i}")
    highlights = result.summary.get("highlights") or []
    anchors = _highlight_anchors(result, len(highlights))
    summary.highlights = list(zip(highlights, anchors, strict=True))
    return summary


_ROW_IDS = {"indicators": "ind", "tasks": "task", "columns": "col"}


def _highlight_anchors(result: DiffResult, count: int) -> list[str | None]:
    """Where each of the first `count` highlights points, from ``summary["highlight_refs"]``.

    A ref with an index links to that pair's row, one without (a whole category, the basis)
    to its section; a highlight without a usable ref gets no link.
    """
    refs = result.summary.get("highlight_refs") or []
    out: list[str | None] = []
    for n in range(count):
        ref = refs[n] if n < len(refs) and isinstance(refs[n], dict) else {}
        where, index = ref.get("section"), ref.get("index")
        anchor: str | None = None
        if where in _ROW_IDS and isinstance(index, int):
            if 0 <= index < len(getattr(result, where)):
                anchor = f"#{_ROW_IDS[where]}-{index + 1}"
        elif where in _ROW_IDS or where == "basis":
            anchor = f"#{where}"
        out.append(anchor)
    return out


def _diff_stats(ops: Sequence[dict[str, str]]) -> tuple[int, int]:
    """Characters only in the upper text, and only in the lower text."""
    removed = sum(len(op.get("upper", "")) for op in ops if op.get("op") != "equal")
    added = sum(len(op.get("lower", "")) for op in ops if op.get("op") != "equal")
    return removed, added


@dataclass
class _Column:
    """One 专栏 pair as shown: its item rows (upper item, lower item, their pair) and counts."""

    number: int
    pair: ColumnPair
    state: str  # matched | only_lower | only_upper
    items: list[tuple[Any, Any, ItemPair | None]]
    counts: str


def _column(i: int, p: ColumnPair, low: str) -> _Column:
    if p.lower is not None and p.upper is not None:
        items: list[tuple[Any, Any, ItemPair | None]] = [(q.upper, q.lower, q) for q in p.items]
        state = "matched"
    elif p.lower is not None:
        items = [(None, it, None) for it in p.lower.items]
        state = "only_lower"
    else:
        assert p.upper is not None
        items = [(it, None, None) for it in p.upper.items]
        state = "only_upper"
    matched = sum(1 for u, lo, _ in items if u is not None and lo is not None)
    missing = sum(1 for _, lo, _ in items if lo is None)
    extra = sum(1 for u, _, _ in items if u is None)
    counts = [f"{matched} matched"] if state == "matched" else []
    if missing:
        counts.append(f"{missing} missing in {low}")
    if extra:
        counts.append(f"{extra} {low} only")
    return _Column(i, p, state, items, " · ".join(counts))


def _task_group(p: TaskPair, low: str) -> str:
    """The group row a task pair sits under: the upper task's section, else the lower's."""
    if p.upper is not None:
        return " › ".join(p.upper.path[:-1]) or "（未分节）"
    if p.lower is not None:
        return f"{low} only · " + (" › ".join(p.lower.path[:-1]) or "（未分节）")
    return ""


def _task_lead(task: Any, side: str, pair: TaskPair) -> tuple[str, list[str]] | None:
    """("牵头", names) for the lead units, else ("责任", names) for the responsible units,
    else None: every task row names its units."""
    resp = task.responsibility
    names = [u.name for u in resp.units if u.role == "lead"] or list(resp.lead) if resp else []
    if names:
        return "牵头", names
    if resp is not None and resp.responsible:
        return "责任", list(resp.responsible)
    return None


def _place_of(title: str) -> str | None:
    from planparse.parse.extract.meta import place_of

    return place_of(title)


# -------------------------------------------------------------------------------------- check


SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
SEVERITY_WORDS = {"error": "错误 error", "warning": "警告 warning", "info": "提示 info"}


@dataclass
class _RuleGroup:
    """The findings of one rule, worst first, each with its severity and source link."""

    number: int
    rule: str
    name: str
    summary: str | None
    worst: str
    rows: list[tuple[Finding, str, SourceLink | None]]


def _basename(path: str | None) -> str:
    return (path or "").replace("\\", "/").rsplit("/", 1)[-1]


def check_html(report: CheckReport) -> str:
    """Check findings as one self-contained HTML page: grouped by rule, severity coloured."""
    from planparse.compare.check import RULES

    titles = {rule.id: (rule.name, rule.summary) for rule in RULES}
    against = report.against
    sides = ReportSides(
        _basename(report.file) or "本规划",
        _basename(against) or "上级规划",
        report.file,
        against or "",
    )
    by_rule: dict[str, list[Finding]] = {}
    for f in report.findings:
        by_rule.setdefault(str(f.rule), []).append(f)

    def rule_key(rule: str) -> tuple[int, str]:
        worst = min(SEVERITY_ORDER.get(f.severity, 3) for f in by_rule[rule])
        return worst, rule

    groups: list[_RuleGroup] = []
    for n, rule in enumerate(sorted(by_rule, key=rule_key), 1):
        found = sorted(
            by_rule[rule],
            key=lambda f: (SEVERITY_ORDER.get(f.severity, 3), (f.lines or (10**9,))[0]),
        )
        rows = []
        for f in found:
            file = f.file or report.file
            uppers = report.uppers or ([against] if against else [])
            side = "upper" if file in uppers and file != report.file else "lower"
            link = sides.link(side, f.lines, file) if f.lines else None
            rows.append((f, _known_severity(f.severity), link))
        name, summary = titles.get(rule, ("", None))
        groups.append(_RuleGroup(n, rule, name, summary, _known_severity(found[0].severity), rows))
    counts = {s: sum(1 for f in report.findings if f.severity == s) for s in SEVERITY_ORDER}
    return render(
        "check.html.j2",
        title=f"{report.file} 检查报告",
        report=report,
        groups=groups,
        counts=counts,
        words=SEVERITY_WORDS,
    )


def _known_severity(severity: str) -> str:
    return severity if severity in SEVERITY_ORDER else "info"
