"""Check findings as linter lines, JSON, SARIF 2.1.0 and GitHub Actions annotations.

Text output is one finding per line, ``path:line:col: severity rule message``, at the
offending text, so that grep, editors' jump-to-line and CI log parsers can read it; it is
never wrapped, and colour and fix advice are added only on a terminal. SARIF is the format
GitHub code scanning, GitLab and Azure DevOps read natively: it carries rule metadata and help
text. ``github`` prints ``::warning file=…,line=…,col=…::`` workflow commands for a GitHub
Actions log.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import quote, unquote

from planparse import __version__
from planparse.compare.check import SEVERITIES, CheckReport, Finding, Rule
from planparse.i18n import t
from planparse.render.jsonout import to_json

_COLOUR = {"error": "\033[1;31m", "warning": "\033[33m", "info": "\033[36m"}
_DIM, _BOLD, _RESET = "\033[2m", "\033[1m", "\033[0m"
_SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
_GITHUB_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def rules_table(rules: tuple[Rule, ...]) -> str:
    lines = [t("check.rules_header")]
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


def counts(report: CheckReport) -> dict[str, int]:
    return {s: sum(1 for f in report.findings if f.severity == s) for s in SEVERITIES}


def summary_line(report: CheckReport) -> str:
    return t("check.summary", total=len(report.findings), **counts(report))


def findings_json(report: CheckReport) -> str:
    return to_json(report.to_dict())


def _one_line(text: str) -> str:
    return " ".join(text.split())


def finding_line(f: Finding, colour: bool = False) -> str:
    """``path:line:col: severity rule message`` on one line."""
    where = f.file
    if f.line is not None:
        where += f":{f.line}:{f.column or 1}"
    severity = f.severity
    if colour:
        severity = f"{_COLOUR[f.severity]}{severity}{_RESET}"
    return f"{where}: {severity} {f.rule} {_one_line(f.message)}"


def findings_text(report: CheckReport, terminal: bool = False) -> str:
    """Every finding, one a line. On a terminal each is followed by its fix advice (dimmed)."""
    lines: list[str] = []
    for f in report.findings:
        lines.append(finding_line(f, colour=terminal))
        if terminal:
            lines.append(f"    {_DIM}{_one_line(t('check.fix', fix=f.fix))}{_RESET}")
    return "\n".join(lines) + ("\n" if lines else "")


def write_findings(report: CheckReport, out: TextIO, err: TextIO) -> None:
    """Findings to ``out``; the summary (or 'no findings') to ``err``, so that a pipe gets
    nothing but finding lines."""
    terminal = out.isatty()
    out.write(findings_text(report, terminal))
    out.flush()
    if report.findings:
        summary = summary_line(report)
        err.write((f"{_BOLD}{summary}{_RESET}" if err.isatty() else summary) + "\n")
    else:
        err.write(t("check.no_findings", path=report.file) + "\n")


def _github_escape(text: str, property_value: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def findings_github(report: CheckReport, root: Path | None = None) -> str:
    """GitHub Actions workflow commands: one annotation per finding (paths relative to the
    working directory, which in a workflow is the repository's root)."""
    lines = []
    for f in report.findings:
        location = artifact_location(f.file, root)
        path = unquote(location["uri"]) if "uriBaseId" in location else f.file
        props = [f"file={_github_escape(path, True)}"]
        if f.line is not None:
            props += [f"line={f.line}", f"col={f.column or 1}"]
        props.append(f"title={_github_escape(f'{f.rule} {f.name}', True)}")
        message = _github_escape(f"{f.message}\n{t('check.fix', fix=f.fix)}")
        lines.append(f"::{_GITHUB_LEVEL[f.severity]} {','.join(props)}::{message}")
    return "\n".join(lines) + ("\n" if lines else "")


def artifact_location(path: str, root: Path | None = None) -> dict[str, str]:
    """A SARIF artifactLocation: relative to the working directory (uriBaseId SRCROOT) when
    the file is under it, else an absolute file:// URI; standard input stays '-'."""
    if path == "-":
        return {"uri": "stdin"}
    root = (root or Path.cwd()).resolve()
    absolute = Path(path).resolve()
    try:
        relative = absolute.relative_to(root)
    except ValueError:
        return {"uri": absolute.as_uri()}
    return {"uri": quote(relative.as_posix()), "uriBaseId": "SRCROOT"}


def findings_sarif(report: CheckReport, root: Path | None = None) -> str:
    from planparse.compare.check import RULE_BY_ID

    root = (root or Path.cwd()).resolve()
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
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    results = []
    for f in report.findings:
        location: dict[str, Any] = {"artifactLocation": artifact_location(f.file, root)}
        if f.line is not None:
            region: dict[str, int] = {"startLine": f.line, "startColumn": f.column or 1}
            if f.lines and f.lines[1] > f.line:
                region["endLine"] = f.lines[1]
            location["region"] = region
        results.append(
            {
                "ruleId": f.rule,
                "ruleIndex": index[f.rule],
                "level": _SARIF_LEVEL[f.severity],
                "message": {"text": f"{f.message} {t('check.fix', fix=f.fix)}"},
                "locations": [{"physicalLocation": location}],
            }
        )
    sarif = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "planparse",
                        "version": __version__,
                        "rules": rules,
                    }
                },
                "originalUriBaseIds": {"SRCROOT": {"uri": root.as_uri().rstrip("/") + "/"}},
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    return to_json(sarif)
