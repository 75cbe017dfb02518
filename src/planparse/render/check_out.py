"""Check findings as text (rich), JSON, and SARIF 2.1.0.

SARIF is the format GitHub code scanning, GitLab and Azure DevOps read natively; unlike
GitHub's ::warning annotations it carries rule metadata and help text and works on any CI.
"""

from __future__ import annotations

import json
from typing import Any

from planparse import __version__
from planparse.compare.check import RULE_BY_ID, CheckReport, Rule

_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
_SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def rules_table(rules: tuple[Rule, ...]) -> str:
    lines = [f"{'id':6} {'severity':8} {'scope':6} name — summary"]
    for r in rules:
        lines.append(f"{r.id:6} {r.severity:8} {r.scope:6} {r.name} — {r.summary}")
    return "\n".join(lines)


def rules_json(rules: tuple[Rule, ...]) -> str:
    return json.dumps(
        [
            {
                "id": r.id,
                "name": r.name,
                "severity": r.severity,
                "scope": r.scope,
                "summary": r.summary,
            }
            for r in rules
        ],
        ensure_ascii=False,
        indent=2,
    )


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def summary_line(total: int, counts: dict[str, int]) -> str:
    return (
        f"{_plural(total, 'finding')}: {_plural(counts['error'], 'error')}, "
        f"{_plural(counts['warning'], 'warning')}, {counts['info']} info"
    )


def findings_json(report: CheckReport) -> str:
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=2)


def print_findings(report: CheckReport, console: Any) -> None:
    from rich.text import Text

    if not report.findings:
        console.print(Text(f"{report.file}: no findings", style="green"))
        return
    current = None
    for f in report.findings:
        if f.rule != current:
            current = f.rule
            rule = RULE_BY_ID[f.rule]
            console.print(Text(f"\n{rule.id} {rule.name} ({rule.severity})", style="bold"))
        where = f"{f.file}:{f.lines[0]}" if f.lines else f.file
        line = Text(f"  {where}: ")
        line.append(f.severity, style=_STYLE[f.severity])
        line.append(f" {f.message}")
        console.print(line)
        if f.text and f.text not in f.message:
            console.print(Text(f"      {f.text[:80]}", style="dim"))
        console.print(Text(f"      fix: {f.fix}", style="dim italic"))
    counts = report.to_dict()["counts"]
    console.print(Text("\n" + summary_line(len(report.findings), counts), style="bold"))


def findings_sarif(report: CheckReport) -> str:
    used = sorted({f.rule for f in report.findings} | set(report.rules_run))
    rules = [
        {
            "id": r.id,
            "name": r.name,
            "shortDescription": {"text": r.summary},
            "defaultConfiguration": {"level": _SARIF_LEVEL[r.severity]},
        }
        for r in (RULE_BY_ID[i] for i in used)
    ]
    results = []
    for f in report.findings:
        location: dict[str, Any] = {"artifactLocation": {"uri": f.file}}
        if f.lines:
            location["region"] = {"startLine": f.lines[0], "endLine": f.lines[1]}
        results.append(
            {
                "ruleId": f.rule,
                "level": _SARIF_LEVEL[f.severity],
                "message": {"text": f"{f.message} Fix: {f.fix}"},
                "locations": [{"physicalLocation": location}],
            }
        )
    sarif = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": {"name": "planparse", "version": __version__, "rules": rules}},
                "results": results,
            }
        ],
    }
    return json.dumps(sarif, ensure_ascii=False, indent=2)
