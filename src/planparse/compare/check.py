"""Consistency findings for drafting staff, like a linter: rule id, severity, line, fix.

Self-checks need only the plan; the X-rules compare it with an upper plan (via planparse.compare.diff).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from planparse.model import Plan, Task

if TYPE_CHECKING:
    from planparse.compare.diff import DiffResult
from planparse.parse.grammar import grammar
from planparse.parse.period import target_label

SEVERITIES = ("info", "warning", "error")


@dataclass(frozen=True)
class Rule:
    id: str
    name: str
    severity: str
    scope: str  # "self" | "upper"
    summary: str


RULES: tuple[Rule, ...] = (
    Rule(
        "S101",
        "numbering",
        "warning",
        "self",
        "Heading, 专栏 or item numbers skip or repeat (（一） followed by （三）).",
    ),
    Rule(
        "S201",
        "unbalanced-brackets",
        "warning",
        "self",
        "A paragraph opens a bracket or quotation mark it never closes, or closes one it never opened.",
    ),
    Rule(
        "S202",
        "bracket-empty-list",
        "warning",
        "self",
        "A responsibility bracket has a role label with no unit after it.",
    ),
    Rule(
        "S203",
        "bracket-irregular",
        "info",
        "self",
        "A responsibility bracket has an irregular form: units after ； with no label, a comma "
        "between labels, or a half-width parenthesis.",
    ),
    Rule(
        "S204",
        "task-without-bracket",
        "info",
        "self",
        "A task has no responsibility bracket although its sibling tasks have one.",
    ),
    Rule(
        "S205",
        "table-bracket-conflict",
        "warning",
        "self",
        "A task's responsibility bracket names other lead units than its row in the "
        "task-division table (任务分工表).",
    ),
    Rule(
        "S301",
        "unknown-unit",
        "warning",
        "self",
        "A unit name the unit schema (schemas/units.toml) does not know.",
    ),
    Rule(
        "S401",
        "indicator-no-attribute",
        "warning",
        "self",
        "An indicator has no attribute (预期性/约束性).",
    ),
    Rule(
        "S402",
        "indicator-bad-target",
        "warning",
        "self",
        "An indicator's target (for the last year of the plan period) cannot be read.",
    ),
    Rule(
        "X101",
        "binding-indicator-missing",
        "error",
        "upper",
        "An upper-plan 约束性 indicator is missing from this plan.",
    ),
    Rule(
        "X102",
        "binding-indicator-weaker",
        "error",
        "upper",
        "An upper-plan 约束性 indicator has a weaker target here.",
    ),
    Rule(
        "X103",
        "binding-indicator-downgraded",
        "error",
        "upper",
        "An upper-plan 约束性 indicator is downgraded to 预期性 here.",
    ),
    Rule(
        "X104",
        "indicator-looser",
        "warning",
        "upper",
        "A 预期性 indicator has a looser target than in the upper plan.",
    ),
    Rule(
        "X201",
        "upper-task-missing",
        "warning",
        "upper",
        "An upper-plan task has no counterpart in this plan.",
    ),
    Rule(
        "X202",
        "upper-column-missing",
        "warning",
        "upper",
        "An upper-plan 专栏 or one of its items has no counterpart in this plan.",
    ),
    Rule(
        "X203",
        "lower-task-extra",
        "info",
        "upper",
        "A task of this plan has no counterpart in the upper plan (local addition).",
    ),
    Rule(
        "X301",
        "lead-changed",
        "warning",
        "upper",
        "A matched task names a different lead unit than the upper plan (after normalisation).",
    ),
    Rule(
        "X401",
        "basis-mismatch",
        "warning",
        "upper",
        "The plan's stated basis documents do not include the compared upper plan.",
    ),
    # Input guards of the diff (planparse.compare.guards): the comparison itself is suspect.
    Rule(
        "X501",
        "same-document",
        "warning",
        "upper",
        "The plan and the compared upper plan are the same text, or nearly.",
    ),
    Rule(
        "X502",
        "levels-reversed",
        "error",
        "upper",
        "The plan's jurisdiction ranks above the compared upper plan's: the plans look swapped.",
    ),
    Rule(
        "X503",
        "unrelated-plans",
        "warning",
        "upper",
        "The plan shares too little content with the compared upper plan for the comparison "
        "to mean anything.",
    ),
    Rule(
        "X504",
        "different-places",
        "warning",
        "upper",
        "The plan's place is not inside the compared upper plan's place, as far as the texts tell.",
    ),
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


@dataclass
class CheckOptions:
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    severity: str = "info"  # the lowest severity reported

    def __post_init__(self) -> None:
        if self.severity not in SEVERITIES:
            raise ValueError(f"severity must be one of {', '.join(SEVERITIES)}")


@dataclass
class CheckReport:
    file: str
    against: str | None
    findings: list[Finding]
    rules_run: list[str]

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema_version": "1.0",
            "file": self.file,
            "against": self.against,
            "rules_run": self.rules_run,
            "findings": [asdict(f) for f in self.findings],
            "counts": {s: sum(1 for f in self.findings if f.severity == s) for s in SEVERITIES},
        }


def _matches(rule: Rule, patterns: list[str]) -> bool:
    return any(rule.id.startswith(p.upper()) or rule.name == p for p in patterns)


def selected_rules(options: CheckOptions, with_upper: bool) -> list[Rule]:
    for pattern in options.select + options.ignore:
        if not any(_matches(r, [pattern]) for r in RULES):
            raise ValueError(f"unknown rule '{pattern}' (see planparse check --list-rules)")
    if not with_upper:
        for pattern in options.select:
            matched = [r for r in RULES if _matches(r, [pattern])]
            if all(r.scope == "upper" for r in matched):
                raise ValueError(
                    f"rule(s) '{pattern}' compare with an upper plan: add --against UPPER"
                )
    rules = [r for r in RULES if with_upper or r.scope == "self"]
    if options.select:
        rules = [r for r in rules if _matches(r, options.select)]
    return [r for r in rules if not _matches(r, options.ignore)]


def run_check(
    plan: Plan, upper: Plan | None = None, options: CheckOptions | None = None
) -> CheckReport:
    options = options or CheckOptions()
    rules = selected_rules(options, upper is not None)
    wanted = {r.id for r in rules}
    threshold = SEVERITIES.index(options.severity)
    findings: list[Finding] = []
    for check in SELF_CHECKS:
        findings += [f for f in check(plan) if f.rule in wanted]
    if upper is not None and wanted & {r.id for r in RULES if r.scope == "upper"}:
        findings += [f for f in upper_checks(plan, upper) if f.rule in wanted]
    findings = [f for f in findings if SEVERITIES.index(f.severity) >= threshold]
    findings.sort(key=lambda f: (f.rule, f.file, f.lines or (0, 0)))
    return CheckReport(plan.meta.file, upper.meta.file if upper else None, findings, sorted(wanted))


def _finding(
    rule_id: str, message: str, fix: str, file: str, lines: Any = None, text: str = ""
) -> Finding:
    rule = RULE_BY_ID[rule_id]
    span = (int(lines[0]), int(lines[1])) if lines else None
    return Finding(rule_id, rule.severity, message, fix, file, span, text[:200], rule.name)


# ------------------------------------------------------------------------------- self-checks


def check_numbering(plan: Plan) -> Iterator[Finding]:
    for w in plan.warnings:
        if "numbering" in w.code:
            yield _finding(
                "S101",
                w.message,
                "Renumber the sequence so it runs 1, 2, 3, …",
                plan.meta.file,
                w.lines,
            )


_PAIRS = (("（(", "）)"), ("“", "”"), ("《", "》"), ("【", "】"), ("〔", "〕"))


# Enumerations written with a closing bracket only (1）…；2）…) are not unbalanced brackets.
_HALF_OPEN_ENUM = re.compile(
    r"(?:^|(?<=[；;。，,：:\s]))(?:\d{1,2}|[一二三四五六七八九十]{1,2})[）)]"
)


def _unbalanced(text: str) -> list[str]:
    """The bracket pairs (（）, “”, 《》 …) ``text`` opens without closing or closes unopened."""
    text = _HALF_OPEN_ENUM.sub("", text)
    found = []
    for opens, closes in _PAIRS:
        depth, broken = 0, False
        for char in text:
            if char in opens:
                depth += 1
            elif char in closes:
                depth -= 1
                broken = broken or depth < 0
        if depth != 0 or broken:
            found.append(opens[0] + closes[0])
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
            pairs = [p for p in pairs if p != "【】"]
        for pair in pairs:
            yield _finding(
                "S201",
                f"unbalanced {pair} in this paragraph",
                f"Close or remove the stray {pair} so every opening mark has its closing mark.",
                plan.meta.file,
                element.lines,
                element.text,
            )


def _sections(plan: Plan) -> dict[str, list[Task]]:
    groups: dict[str, list[Task]] = {}
    for task in plan.tasks:
        groups.setdefault(
            task.section_id if task.number is None else "/".join(task.path[:-1]), []
        ).append(task)
    return groups


_IRREGULAR_WORDS = {
    "unlabelled-list": "units after ；carry no role label",
    "comma-between-labels": "a comma, not ；, separates two role labels",
    "half-width-parenthesis": "a half-width parenthesis closes or opens the bracket",
    "mixed-parenthesis": "a half-width parenthesis pairs with a full-width one",
    "other-field": "a field that names no unit (such as 完成时限：) sits among the role lists",
}

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
                    f"role label {label} has no unit after it",
                    f"Name the unit(s) after {label}, or delete the label.",
                    plan.meta.file,
                    task.lines,
                    resp.raw,
                )
        for aspect, form in bracket_forms(task).items():
            code = _FORM_CODE.get((aspect, form))
            # A form is irregular where it departs from the document's own usual form; a
            # mismatched pair of parentheses is a slip whatever the document's style.
            if code is None or (form == dominant.get(aspect) and form != "mixed"):
                continue
            usual = dominant.get(aspect, _STANDARD_FORM[aspect])
            yield _finding(
                "S203",
                f"irregular responsibility bracket: {_IRREGULAR_WORDS[code]}",
                f"Write it like the document's other brackets ({aspect}: {usual}).",
                plan.meta.file,
                task.lines,
                resp.raw,
            )
    for tasks in _sections(plan).values():
        if any(t.responsibility for t in tasks):
            for task in tasks:
                if task.responsibility is None:
                    yield _finding(
                        "S204",
                        f"task 「{task.heading}」 has no responsibility bracket",
                        "Add （牵头单位：…；参与单位：…） naming who carries it out.",
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
        for unit in task.responsibility.units:
            if unit.match == "unknown":
                yield _finding(
                    "S301",
                    f"unknown unit 「{unit.name}」",
                    "Use the unit's official name or add it to schemas/units.toml.",
                    plan.meta.file,
                    task.lines,
                    unit.name,
                )


def check_indicators(plan: Plan) -> Iterator[Finding]:
    target = target_label(plan)
    for ind in plan.indicators:
        if not ind.attribute:
            yield _finding(
                "S401",
                f"indicator 「{ind.name}」 has no attribute",
                f"State the indicator's attribute: {' or '.join(grammar().attributes)}.",
                plan.meta.file,
                ind.lines,
                ind.name,
            )
        if ind.target.op is None:
            yield _finding(
                "S402",
                f"indicator 「{ind.name}」 has no readable {target}",
                "Give the target as a number with its unit, or as a clear qualitative goal.",
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
                "Make the bracket and the task table name the same lead unit.",
                plan.meta.file,
                w.lines,
            )


SELF_CHECKS: tuple[Callable[[Plan], Iterator[Finding]], ...] = (
    check_numbering,
    check_task_table,
    check_brackets,
    check_responsibility,
    check_units,
    check_indicators,
)


# ------------------------------------------------------------------------------ upper checks


def upper_checks(plan: Plan, upper: Plan) -> list[Finding]:
    from planparse.compare.diff import DiffOptions, diff_plans

    result = diff_plans(plan, upper, DiffOptions(text_diff=False))
    guards = [
        _finding(
            GUARD_RULES[w.code],
            w.message,
            "Check that the plan is compared with its own upper plan (--against UPPER).",
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
    up_name = result.upper.place or "the upper plan"
    binding = grammar().binding
    out: list[Finding] = []
    for p in result.indicators:
        u, lo = p.upper, p.lower
        if u is not None and lo is None and u.attribute == binding:
            out.append(
                _finding(
                    "X101",
                    f"{up_name} {binding} indicator 「{u.name}」 ({u.target.raw}) is missing",
                    "Add the indicator with a target at least as strict as the upper plan's.",
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
                    f"target for 「{lo.name}」 is {lo.target.raw}, looser than "
                    f"{up_name}'s {u.target.raw}",
                    "Raise the target to at least the upper plan's.",
                    low,
                    lo.lines,
                    lo.name,
                )
            )
        if p.downgraded:
            out.append(
                _finding(
                    "X103",
                    f"「{lo.name}」 is {binding} in {up_name} but {lo.attribute} here",
                    f"Mark the indicator {binding}, as in the upper plan.",
                    low,
                    lo.lines,
                    lo.name,
                )
            )
    for c in result.columns:
        if c.lower is None and c.upper is not None:
            out.append(
                _finding(
                    "X202",
                    f"{up_name} 专栏{c.upper.number} 「{c.upper.title}」 has no counterpart",
                    "Add a matching 专栏, or state why it does not apply locally.",
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
                        f"{up_name} 专栏{c.upper.number if c.upper else ''} item "
                        f"「{item.upper.title}」 is missing from 专栏{c.lower.number}",
                        "Add the project item, or state why it does not apply locally.",
                        up,
                        item.upper.lines,
                        item.upper.title,
                    )
                )
    for t in result.tasks:
        if t.match == "only_upper" and t.upper is not None:
            out.append(
                _finding(
                    "X201",
                    f"{up_name} task 「{t.upper.heading}」 has no counterpart",
                    "Add a task implementing it, or state why it does not apply locally.",
                    up,
                    t.upper.lines,
                    t.upper.heading,
                )
            )
        elif t.match == "only_lower" and t.lower is not None:
            out.append(
                _finding(
                    "X203",
                    f"task 「{t.lower.heading}」 has no {up_name} counterpart",
                    "Nothing to fix if this is a deliberate local addition.",
                    low,
                    t.lower.lines,
                    t.lower.heading,
                )
            )
        elif t.lead_changed and t.lower is not None:
            out.append(
                _finding(
                    "X301",
                    f"lead unit of 「{t.lower.heading}」 is {'、'.join(t.lower_lead)}; "
                    f"{up_name} names {'、'.join(t.upper_lead)}",
                    "Check that the lead unit matches the upper plan's division of labour.",
                    low,
                    t.lower.lines,
                    t.lower.heading,
                )
            )
    if result.basis.consistent is False:
        out.append(
            _finding(
                "X401",
                result.basis.message,
                "Cite the compared upper plan among the basis documents (依据《…》).",
                low,
                _basis_lines(plan),
                "；".join(result.basis.lower_cites),
            )
        )
    return out


def _basis_lines(plan: Plan) -> tuple[int, int] | None:
    for element in plan.elements:
        if any(f"《{t}》" in element.text for t in plan.meta.basis):
            return element.lines
    return None
