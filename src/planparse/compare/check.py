"""Consistency findings for drafting staff, like a linter: rule id, severity, line, fix.

Self-checks need only the plan; the X-rules compare it with an upper plan (via planparse.compare.diff).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from planparse.i18n import catalogue, t
from planparse.model import Plan, SourceText, Task
from planparse.parse.grammar import grammar
from planparse.parse.period import target_year

if TYPE_CHECKING:
    from planparse.compare.diff import DiffResult

SEVERITIES = ("info", "warning", "error")


@dataclass(frozen=True)
class Rule:
    id: str
    name: str
    severity: str
    scope: str  # "self" | "upper"

    @property
    def summary(self) -> str:
        """What the rule finds, in the user's language (schemas/messages.toml, rule.<id>)."""
        return t(f"rule.{self.id}")


RULES: tuple[Rule, ...] = (
    Rule("S101", "numbering", "warning", "self"),
    Rule("S201", "unbalanced-brackets", "warning", "self"),
    Rule("S202", "bracket-empty-list", "warning", "self"),
    Rule("S203", "bracket-irregular", "info", "self"),
    Rule("S204", "task-without-bracket", "info", "self"),
    Rule("S205", "table-bracket-conflict", "warning", "self"),
    Rule("S301", "unknown-unit", "warning", "self"),
    Rule("S401", "indicator-no-attribute", "warning", "self"),
    Rule("S402", "indicator-bad-target", "warning", "self"),
    Rule("X101", "binding-indicator-missing", "error", "upper"),
    Rule("X102", "binding-indicator-weaker", "error", "upper"),
    Rule("X103", "binding-indicator-downgraded", "error", "upper"),
    Rule("X104", "indicator-looser", "warning", "upper"),
    Rule("X201", "upper-task-missing", "warning", "upper"),
    Rule("X202", "upper-column-missing", "warning", "upper"),
    Rule("X203", "lower-task-extra", "info", "upper"),
    Rule("X301", "lead-changed", "warning", "upper"),
    Rule("X401", "basis-mismatch", "warning", "upper"),
    # Input guards of the diff (planparse.compare.guards): the comparison itself is suspect.
    Rule("X501", "same-document", "warning", "upper"),
    Rule("X502", "levels-reversed", "error", "upper"),
    Rule("X503", "unrelated-plans", "warning", "upper"),
    Rule("X504", "different-places", "warning", "upper"),
)
GUARD_RULES = {
    "same-document": "X501",
    "levels-reversed": "X502",
    "unrelated-plans": "X503",
    "different-places": "X504",
}
RULE_BY_ID = {r.id: r for r in RULES}


@dataclass
class Finding:
    rule: str
    severity: str
    message: str
    fix: str
    file: str
    lines: tuple[int, int] | None = None
    text: str = ""
    name: str = ""
    # Where the offending text itself is (1-based line of the original file, column in
    # characters); filled in by `locate_findings` from the source, else the span's first line.
    line: int | None = None
    column: int | None = None
    # What to look for to find that place: the offending text, or a context with the index of
    # the offending character in it. Not part of the JSON output.
    at: str = field(default="", repr=False)
    at_index: int = field(default=0, repr=False)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        del data["at"], data["at_index"]
        return data


@dataclass
class CheckOptions:
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    severity: str = "info"  # the lowest severity reported

    def __post_init__(self) -> None:
        if self.severity not in SEVERITIES:
            raise ValueError(t("cli.bad_severity", choices=", ".join(SEVERITIES)))


@dataclass
class CheckReport:
    file: str
    against: str | None  # the first upper plan (the nearest), as before several were allowed
    findings: list[Finding]
    rules_run: list[str]
    uppers: list[str] = field(default_factory=list)  # every upper plan checked against

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema_version": "1.0",
            "file": self.file,
            "against": self.against,
            "uppers": self.uppers,
            "rules_run": self.rules_run,
            "findings": [f.to_dict() for f in self.findings],
            "counts": {s: sum(1 for f in self.findings if f.severity == s) for s in SEVERITIES},
        }


def _matches(rule: Rule, patterns: list[str]) -> bool:
    return any(rule.id.startswith(p.upper()) or rule.name == p for p in patterns)


def selected_rules(options: CheckOptions, with_upper: bool) -> list[Rule]:
    for pattern in options.select + options.ignore:
        if not any(_matches(r, [pattern]) for r in RULES):
            raise ValueError(t("error.unknown_rule", rule=pattern))
    if not with_upper:
        for pattern in options.select:
            matched = [r for r in RULES if _matches(r, [pattern])]
            if all(r.scope == "upper" for r in matched):
                raise ValueError(t("error.rule_needs_upper", rule=pattern))
    rules = [r for r in RULES if with_upper or r.scope == "self"]
    if options.select:
        rules = [r for r in rules if _matches(r, options.select)]
    return [r for r in rules if not _matches(r, options.ignore)]


def run_check(
    plan: Plan,
    upper: Plan | Sequence[Plan] | None = None,
    options: CheckOptions | None = None,
    sources: list[SourceText] | None = None,
) -> CheckReport:
    """Run the selected rules, the upper-plan rules once against each upper plan given. With
    the plans' ``sources`` (as read, before cleaning), each finding gets the line and column of
    the offending text in its original file."""
    options = options or CheckOptions()
    uppers = [] if upper is None else [upper] if isinstance(upper, Plan) else list(upper)
    rules = selected_rules(options, bool(uppers))
    wanted = {r.id for r in rules}
    threshold = SEVERITIES.index(options.severity)
    findings: list[Finding] = []
    for check in SELF_CHECKS:
        findings += [f for f in check(plan) if f.rule in wanted]
    if wanted & {r.id for r in RULES if r.scope == "upper"}:
        for one in uppers:
            findings += [f for f in upper_checks(plan, one) if f.rule in wanted]
    findings = [f for f in findings if SEVERITIES.index(f.severity) >= threshold]
    locate_findings(findings, sources or [])
    findings.sort(key=lambda f: (f.file, f.line or 0, f.column or 0, f.rule))
    files = [u.meta.file for u in uppers]
    return CheckReport(plan.meta.file, files[0] if files else None, findings, sorted(wanted), files)


def locate_findings(findings: list[Finding], sources: list[SourceText]) -> None:
    """Set each finding's line and column: at its offending text when the source is known."""
    from planparse.compare.locate import locate, origin_lines

    by_file = {s.path: origin_lines(s) for s in sources}
    for f in findings:
        place = None
        if f.file in by_file:
            place = locate(by_file[f.file], f.lines, f.at or f.text, f.at_index)
        f.line, f.column = place or ((f.lines[0], 1) if f.lines else (None, None))


def _finding(
    rule_id: str,
    message: str,
    fix: str,
    file: str,
    lines: Any = None,
    text: str = "",
    at: str = "",
    at_index: int = 0,
) -> Finding:
    """A finding of ``rule_id``; ``at``/``at_index`` say where its offending text is (see
    `Finding`), defaulting to ``text``."""
    rule = RULE_BY_ID[rule_id]
    span = (int(lines[0]), int(lines[1])) if lines else None
    return Finding(
        rule_id, rule.severity, message, fix, file, span, text[:200], rule.name,
        at=at or text, at_index=at_index,
    )  # fmt: skip


# ------------------------------------------------------------------------------- self-checks

_NUMBERING = re.compile(
    r"number (?P<number>\S+) (?:repeats|follows (?P<prev>\d+), expected (?P<exp>\d+))"
)


def check_numbering(plan: Plan) -> Iterator[Finding]:
    for w in plan.warnings:
        if "numbering" in w.code:
            what = t(f"check.S101.what.{w.code.rsplit('-numbering', 1)[0]}")
            m = _NUMBERING.search(w.message)
            if m is None:
                detail, number = w.message, ""
            elif m.group("prev") is None:
                number = m.group("number")
                detail = t("check.S101.duplicate", what=what, number=number)
            else:
                number = m.group("number")
                detail = t(
                    "check.S101.gap",
                    what=what,
                    number=number,
                    previous=m.group("prev"),
                    expected=m.group("exp"),
                )
            yield _finding(
                "S101",
                t("check.S101.message", detail=detail),
                t("check.S101.fix"),
                plan.meta.file,
                w.lines,
                at=number,
            )


_PAIRS = (("（(", "）)"), ("“", "”"), ("《", "》"), ("【", "】"), ("〔", "〕"))


# Enumerations written with a closing bracket only (1）…；2）…) are not unbalanced brackets.
_HALF_OPEN_ENUM = re.compile(
    r"(?:^|(?<=[；;。，,：:\s]))(?:\d{1,2}|[一二三四五六七八九十]{1,2})[）)]"
)


def unbalanced_at(text: str, opens: str, closes: str) -> int | None:
    """Index of the first closing mark without an opening one, else of the last opening mark
    left unclosed, else None. Closing marks of 1）2） enumerations are not counted."""
    skip = {m.end() - 1 for m in _HALF_OPEN_ENUM.finditer(text)}
    stack: list[int] = []
    for index, char in enumerate(text):
        if index in skip:
            continue
        if char in opens:
            stack.append(index)
        elif char in closes:
            if not stack:
                return index
            stack.pop()
    return stack[-1] if stack else None


def _unbalanced(text: str) -> list[tuple[str, int]]:
    """The bracket pairs (（）, “”, 《》 …) ``text`` opens without closing or closes unopened,
    each with the index of its offending mark."""
    found = []
    for opens, closes in _PAIRS:
        index = unbalanced_at(text, opens, closes)
        if index is not None:
            found.append((opens[0] + closes[0], index))
    return found


# Where a text stops at the end of a sentence or clause; a file ending elsewhere is cut off.
_ENDS = "。！？；：…”’）)》】」』.!?;:"


def check_brackets(plan: Plan) -> Iterator[Finding]:
    """Unbalanced pairs in the document's own text. Not reported: the page furniture before
    the notice or title, and a web page's 【字体：大 中 小】【打印】 controls in the front matter;
    a title wrapped over two lines (``关于印发《…`` / ``…》的通知``: the pair closes on the
    next line); a paragraph elided with … and the last paragraph of a file that stops
    mid-sentence (an excerpt: its pairs close in text the file does not have)."""
    # Page furniture: front-matter lines before the notice's or the plan's title.
    opening = next(
        (k for k, e in enumerate(plan.elements) if e.kind in ("notice", "title")),
        len(plan.elements),
    )
    elements = [e for k, e in enumerate(plan.elements) if k >= opening or e.kind != "front"]
    last_text = max(
        (k for k, e in enumerate(elements) if e.kind != "footer" and e.text.strip()), default=-1
    )
    skip: set[int] = set()
    for k, element in enumerate(elements):
        if k in skip:
            continue
        pairs = _unbalanced(element.text)
        if not pairs:
            continue
        nxt = elements[k + 1] if k + 1 < len(elements) else None
        if (
            nxt is not None
            and nxt.kind == element.kind
            and not _unbalanced(element.text + nxt.text)
        ):
            skip.add(k + 1)
            continue
        if k == last_text and not element.text.rstrip().endswith(tuple(_ENDS)):
            continue
        if element.text.rstrip().endswith(("…", "...")):
            continue
        if element.kind == "front":
            pairs = [(p, i) for p, i in pairs if p != "【】"]
        for pair, index in pairs:
            yield _finding(
                "S201",
                t("check.S201.message", pair=pair),
                t("check.S201.fix", pair=pair),
                plan.meta.file,
                element.lines,
                element.text,
                at=element.text,
                at_index=index,
            )


def _sections(plan: Plan) -> dict[str, list[Task]]:
    groups: dict[str, list[Task]] = {}
    for task in plan.tasks:
        groups.setdefault(
            task.section_id if task.number is None else "/".join(task.path[:-1]), []
        ).append(task)
    return groups


def _irregular_index(raw: str, code: str) -> int:
    """Where in the bracket an irregular form shows: the half-width parenthesis, the comma or
    semicolon between lists; the bracket's start when unsure."""
    marks = {
        "half-width-parenthesis": "()",
        "mixed-parenthesis": "()",
        "comma-between-labels": ",，",
        "unlabelled-list": "；;",
    }
    found = [raw.find(c) for c in marks.get(code, "") if c in raw]
    return min(found) if found else 0


# For each way a bracket can be written, the form GB/T 9704 practice prefers: it wins a tie.
_STANDARD_FORM = {
    "label-separator": "；",
    "parenthesis": "full-width",
    "list-labels": "labelled",
    "fields": "roles only",
}


def bracket_forms(task: Task) -> dict[str, str]:
    """How a task's bracket is written, per aspect a document may choose as its own style:
    the separator between role labels, the width of the parentheses, whether a list after ；
    carries a label, and whether other fields (完成时限：) sit among the roles."""
    resp = task.responsibility
    if resp is None:
        return {}
    raw = resp.raw.strip()
    forms: dict[str, str] = {}
    if raw[:1] in "（(" and raw[-1:] in "）)":
        half = (raw[0] == "(", raw[-1] == ")")
        forms["parenthesis"] = "half-width" if all(half) else "mixed" if any(half) else "full-width"
    roles = [r for r in _roles_of(resp.labels) if r]
    if len(roles) >= 2 and len(roles) == len(resp.labels):
        forms["label-separator"] = "，" if "comma-between-labels" in resp.irregular else "；"
    if roles and ("；" in raw or ";" in raw):
        forms["list-labels"] = "unlabelled" if "unlabelled-list" in resp.irregular else "labelled"
    if roles:
        forms["fields"] = "with other fields" if "other-field" in resp.irregular else "roles only"
    return forms


def dominant_forms(tasks: list[Task]) -> dict[str, str]:
    """The form each aspect takes in most of the document's brackets (the standard form on a
    tie): a document's consistent style is not an irregularity."""
    counts: dict[str, Counter[str]] = {}
    for task in tasks:
        for aspect, form in bracket_forms(task).items():
            if form != "mixed":
                counts.setdefault(aspect, Counter())[form] += 1
    dominant: dict[str, str] = {}
    for aspect, counter in counts.items():
        best = max(counter.values())
        tied = [f for f, n in counter.items() if n == best]
        dominant[aspect] = _STANDARD_FORM[aspect] if _STANDARD_FORM[aspect] in tied else tied[0]
    return dominant


_FORM_CODE = {
    ("label-separator", "，"): "comma-between-labels",
    ("parenthesis", "half-width"): "half-width-parenthesis",
    ("parenthesis", "mixed"): "mixed-parenthesis",
    ("list-labels", "unlabelled"): "unlabelled-list",
    ("fields", "with other fields"): "other-field",
}


# How each form is named in the fix advice (messages.toml check.S203.form.*); the
# separators are shown as printed.
_FORM_KEY = {
    "full-width": "full_width",
    "half-width": "half_width",
    "labelled": "labelled",
    "unlabelled": "unlabelled",
    "roles only": "roles_only",
    "with other fields": "with_other_fields",
}


def _form_words(aspect: str, form: str) -> tuple[str, str]:
    key = _FORM_KEY.get(form)
    return t(f"check.S203.aspect.{aspect}"), t(f"check.S203.form.{key}") if key else form


def check_responsibility(plan: Plan) -> Iterator[Finding]:
    dominant = dominant_forms(plan.tasks)
    for task in plan.tasks:
        resp = task.responsibility
        if resp is None:
            continue
        for label, role in zip(resp.labels, _roles_of(resp.labels), strict=True):
            if role and not getattr(resp, role):
                yield _finding(
                    "S202",
                    t("check.S202.message", label=label),
                    t("check.S202.fix", label=label),
                    plan.meta.file,
                    task.lines,
                    resp.raw,
                    at=resp.raw,
                    at_index=max(resp.raw.find(label), 0),
                )
        for aspect, form in bracket_forms(task).items():
            code = _FORM_CODE.get((aspect, form))
            # A form is irregular where it departs from the document's own usual form; a
            # mismatched pair of parentheses is a slip whatever the document's style.
            if code is None or (form == dominant.get(aspect) and form != "mixed"):
                continue
            usual = dominant.get(aspect, _STANDARD_FORM[aspect])
            key = f"check.S203.{code}"
            detail = t(key) if key in catalogue() else code
            aspect_words, usual_words = _form_words(aspect, usual)
            yield _finding(
                "S203",
                t("check.S203.message", detail=detail),
                t("check.S203.fix", aspect=aspect_words, usual=usual_words),
                plan.meta.file,
                task.lines,
                resp.raw,
                at=resp.raw,
                at_index=_irregular_index(resp.raw, code),
            )
    for tasks in _sections(plan).values():
        if any(task.responsibility for task in tasks):
            for task in tasks:
                if task.responsibility is None:
                    yield _finding(
                        "S204",
                        t("check.S204.message", heading=task.heading),
                        t("check.S204.fix"),
                        plan.meta.file,
                        task.lines,
                        task.heading,
                    )


def _roles_of(labels: list[str]) -> list[str | None]:
    from planparse.parse.grammar import grammar

    return [grammar().role_labels.get(label) for label in labels]


def check_units(plan: Plan) -> Iterator[Finding]:
    for task in plan.tasks:
        if task.responsibility is None:
            continue
        raw = task.responsibility.raw
        for unit in task.responsibility.units:
            if unit.match == "unknown":
                inside = raw.find(unit.name)
                yield _finding(
                    "S301",
                    t("check.S301.message", name=unit.name),
                    t("check.S301.fix"),
                    plan.meta.file,
                    task.lines,
                    unit.name,
                    at=raw if inside >= 0 else unit.name,
                    at_index=max(inside, 0),
                )


def check_indicators(plan: Plan) -> Iterator[Finding]:
    year = target_year(plan)
    target = t("check.target_of_year", year=year) if year else t("check.target")
    attributes = "/".join(grammar().attributes)
    for ind in plan.indicators:
        if not ind.attribute:
            yield _finding(
                "S401",
                t("check.S401.message", name=ind.name),
                t("check.S401.fix", attributes=attributes),
                plan.meta.file,
                ind.lines,
                ind.name,
            )
        if ind.target.op is None:
            yield _finding(
                "S402",
                t("check.S402.message", name=ind.name, target=target),
                t("check.S402.fix"),
                plan.meta.file,
                ind.lines,
                ind.target.raw or ind.name,
            )


def check_task_table(plan: Plan) -> Iterator[Finding]:
    for w in plan.warnings:
        if w.code == "table-bracket-conflict":
            yield _finding(
                "S205",
                w.message,
                t("check.S205.fix"),
                plan.meta.file,
                w.lines,
            )


SELF_CHECKS: tuple[Callable[[Plan], Iterator[Finding]], ...] = (
    check_numbering,
    check_brackets,
    check_responsibility,
    check_units,
    check_indicators,
    check_task_table,
)


# ------------------------------------------------------------------------------ upper checks


def upper_checks(plan: Plan, upper: Plan) -> list[Finding]:
    from planparse.compare.diff import DiffOptions, diff_plans

    result = diff_plans(plan, upper, DiffOptions(text_diff=False))
    guards = [
        _finding(
            GUARD_RULES[w.code],
            w.message,
            t("check.guard_fix"),
            plan.meta.file,
            _title_lines(plan),
        )
        for w in result.warnings
        # the basis rule X401 already names the other place the plan cites
        if not (w.code == "different-places" and result.basis.other_place)
    ]
    if any(f.rule == GUARD_RULES["unrelated-plans"] for f in guards):
        # Between unrelated plans every upper task and indicator is "missing": the item
        # findings would bury the one that matters.
        basis = [f for f in _content_checks(plan, upper, result) if f.rule == "X401"]
        return guards + basis
    return guards + _content_checks(plan, upper, result)


def _title_lines(plan: Plan) -> tuple[int, int] | None:
    """Where a finding about the plan as a whole points: its title, else its first line."""
    for element in plan.elements:
        if element.kind == "title":
            return element.lines
    return plan.elements[0].lines if plan.elements else None


def _content_checks(plan: Plan, upper: Plan, result: DiffResult) -> list[Finding]:
    low, up = plan.meta.file, upper.meta.file
    up_name = result.upper.place or t("check.upper_plan")
    binding = grammar().binding
    out: list[Finding] = []
    for p in result.indicators:
        u, lo = p.upper, p.lower
        if u is not None and lo is None and u.attribute == binding:
            out.append(
                _finding(
                    "X101",
                    t(
                        "check.X101.message",
                        up=up_name,
                        binding=binding,
                        name=u.name,
                        target=u.target.raw,
                    ),
                    t("check.X101.fix"),
                    up,
                    u.lines,
                    u.name,
                )
            )
        if u is None or lo is None:
            continue
        if p.relation == "lower_looser":
            rule = "X102" if u.attribute == binding else "X104"
            out.append(
                _finding(
                    rule,
                    t(
                        "check.X102.message",
                        name=lo.name,
                        target=lo.target.raw,
                        up=up_name,
                        upper_target=u.target.raw,
                    ),
                    t("check.X102.fix"),
                    low,
                    lo.lines,
                    lo.name,
                    at=lo.target.raw,
                )
            )
        if p.downgraded:
            out.append(
                _finding(
                    "X103",
                    t(
                        "check.X103.message",
                        name=lo.name,
                        binding=binding,
                        up=up_name,
                        attribute=lo.attribute,
                    ),
                    t("check.X103.fix", binding=binding),
                    low,
                    lo.lines,
                    lo.name,
                    at=lo.attribute or lo.name,
                )
            )
    for c in result.columns:
        if c.lower is None and c.upper is not None:
            out.append(
                _finding(
                    "X202",
                    t("check.X202.column", up=up_name, number=c.upper.number, title=c.upper.title),
                    t("check.X202.column_fix"),
                    up,
                    c.upper.lines,
                    c.upper.title,
                )
            )
        if c.upper is not None and c.upper.kind == "indicators":
            continue  # indicator rows are judged by the X10x rules
        for item in c.items:
            if item.lower is None and item.upper is not None and c.lower is not None:
                out.append(
                    _finding(
                        "X202",
                        t(
                            "check.X202.item",
                            up=up_name,
                            number=c.upper.number if c.upper else "",
                            title=item.upper.title,
                            lower_number=c.lower.number,
                        ),
                        t("check.X202.item_fix"),
                        up,
                        item.upper.lines,
                        item.upper.title,
                    )
                )
    for tp in result.tasks:
        if tp.match == "only_upper" and tp.upper is not None:
            out.append(
                _finding(
                    "X201",
                    t("check.X201.message", up=up_name, heading=tp.upper.heading),
                    t("check.X201.fix"),
                    up,
                    tp.upper.lines,
                    tp.upper.heading,
                )
            )
        elif tp.match == "only_lower" and tp.lower is not None:
            out.append(
                _finding(
                    "X203",
                    t("check.X203.message", heading=tp.lower.heading, up=up_name),
                    t("check.X203.fix"),
                    low,
                    tp.lower.lines,
                    tp.lower.heading,
                )
            )
        elif tp.lead_changed and tp.lower is not None:
            raw = tp.lower.responsibility.raw if tp.lower.responsibility else ""
            lead = tp.lower_lead[0] if tp.lower_lead else ""
            out.append(
                _finding(
                    "X301",
                    t(
                        "check.X301.message",
                        heading=tp.lower.heading,
                        lower_lead="、".join(tp.lower_lead),
                        up=up_name,
                        upper_lead="、".join(tp.upper_lead),
                    ),
                    t("check.X301.fix"),
                    low,
                    tp.lower.lines,
                    tp.lower.heading,
                    at=raw if lead and lead in raw else tp.lower.heading,
                    at_index=raw.find(lead) if lead and lead in raw else 0,
                )
            )
    if result.basis.consistent is False:
        cites = result.basis.lower_cites
        other = result.basis.other_place
        who = result.lower.place or t("check.this_plan")
        if other:
            message = t("check.X401.other_place", low=who, other=other, up=up_name)
            cites = sorted(cites, key=lambda c: other not in c)  # point at the other's plan
        else:
            message = t("check.X401.not_among", low=who)
        out.append(
            _finding(
                "X401",
                message,
                t("check.X401.fix"),
                low,
                _basis_lines(plan),
                "；".join(cites),
                at=f"《{cites[0]}》" if cites else "",
            )
        )
    return out


def _basis_lines(plan: Plan) -> tuple[int, int] | None:
    for element in plan.elements:
        if any(f"《{t}》" in element.text for t in plan.meta.basis):
            return element.lines
    return None
