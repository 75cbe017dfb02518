"""Markdown rendering of a plan diff, for pasting into a report."""

from __future__ import annotations

from planparse.compare.diff import DiffResult
from planparse.i18n import t
from planparse.render.diff_words import (
    RELATION_WORDS,
    attribute_text,
    explain_text,
    indicator_names,
    is_difference,
    lead_text,
    side_names,
    target_text,
    task_sides,
)


def _c(text: object) -> str:
    return str(text if text is not None else "").replace("|", "\\|").replace("\n", " ")


def _span(lines: tuple[int, int] | list[int] | None) -> str:
    if not lines:
        return ""
    return f"L{lines[0]}" if lines[0] == lines[1] else f"L{lines[0]}–{lines[1]}"


def inline_diff(ops: list[dict[str, str]]) -> str:
    """Markdown inline diff: ~~removed from upper~~ **added by lower**."""
    out: list[str] = []
    for op in ops:
        if op["op"] == "equal":
            out.append(_c(op["lower"]))
            continue
        if op["upper"]:
            out.append(f"~~{_c(op['upper'])}~~")
        if op["lower"]:
            out.append(f"**{_c(op['lower'])}**")
    return "".join(out)


def diff_markdown(
    result: DiffResult, *, explain: bool = False, only_differences: bool = False
) -> str:
    only = only_differences
    low, up = side_names(result)
    s = result.summary
    out = [
        f"# {low} {t('diff.term.vs')} {up}",
        "",
        f"- {low}: `{result.lower.file}` {result.lower.title or ''}",
        f"- {up}: `{result.upper.file}` {result.upper.title or ''}",
        "",
    ]
    if result.warnings:
        out += [f"## {t('diff.md.warnings')}", ""]
        out += [f"- **{w.code}**: {_c(w.message)}" for w in result.warnings]
        out.append("")
    out += [
        f"## {t('diff.md.summary')}",
        "",
    ]
    out += [f"- {h}" for h in s["highlights"]] or [f"- {t('diff.md.no_differences')}"]
    out += [
        "",
        f"## {t('diff.md.indicators')}",
        "",
        f"| {t('diff.term.indicator_name', up=up, low=low)} | {t('xlsx.ind.target', side=up)} "
        f"| {t('xlsx.ind.target', side=low)} | {t('xlsx.ind.relation')} | {t('diff.term.attribute')} |",
        "|---|---|---|---|---|",
    ]
    for p in result.indicators:
        if only and not is_difference(p):
            continue
        name = indicator_names(p, low, up)
        attr = attribute_text(p)
        relation = RELATION_WORDS[p.relation].format(low=low, up=up)
        if explain and p.reason:
            relation += f" ({p.reason})"
        out.append(
            f"| {_c(name)} | {_c(target_text(p.upper))} "
            f"| {_c(target_text(p.lower))} | {relation} | {_c(attr)} |"
        )
    out += [
        "",
        f"## {t('diff.md.columns')}",
        "",
        f"| {up} | {low} | {t('diff.term.items')} |",
        "|---|---|---|",
    ]
    for p in result.columns:
        if only and not is_difference(p):
            continue
        missing = [i.upper.title for i in p.items if i.lower is None and i.upper]
        extra = [i.lower.title for i in p.items if i.upper is None and i.lower]
        note = "; ".join(
            filter(
                None,
                [
                    t("diff.md.missing", names="、".join(missing)) if missing else "",
                    t("diff.md.extra", low=low, names="、".join(extra)) if extra else "",
                ],
            )
        )
        out.append(
            f"| {_c(f'专栏{p.upper.number} {p.upper.title}' if p.upper else '—')} "
            f"| {_c(f'专栏{p.lower.number} {p.lower.title}' if p.lower else '—')} | {_c(note)} |"
        )
    out += [
        "",
        f"## {t('diff.md.tasks')}",
        "",
        f"| {t('xlsx.task.heading', side=up)} | {t('xlsx.task.heading', side=low)} "
        f"| {t('xlsx.task.match')} | {t('diff.term.lead', up=up, low=low)} |",
        "|---|---|---|---|",
    ]
    for p in result.tasks:
        if only and not is_difference(p):
            continue
        lead = lead_text(p)
        if p.lead_changed:
            lead = f"**{lead}**"
        up_t, low_t = task_sides(p, lambda task: f"{task.heading} ({_span(task.lines)})")
        match = f"{p.match} {p.score:.2f}" if p.score else p.match
        if explain:
            match += f" — {explain_text(p)}"
        out.append(
            f"| {_c(up_t)} | {_c(low_t)} | {_c(match)} | {_c(lead) if not p.lead_changed else lead} |"
        )
    changed = [
        p
        for p in result.tasks
        if p.diff and p.lower and p.upper and (not only or any(o["op"] != "equal" for o in p.diff))
    ]
    if changed:
        out += [
            "",
            f"## {t('diff.md.text_changes')}",
            "",
            t("diff.md.text_legend", up=up, low=low),
            "",
        ]
        for p in changed:
            assert p.lower is not None and p.upper is not None
            out += [f"### {p.lower.heading} ↔ {p.upper.heading}", "", inline_diff(p.diff), ""]
    basis = result.basis
    out += ["", f"## {t('diff.md.basis')}", "", f"- {basis.message}"]
    out += [f"- {t('diff.md.cites', low=low, title=title)}" for title in basis.lower_cites]
    return "\n".join(out).rstrip() + "\n"
