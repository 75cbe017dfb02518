"""The work behind each page of `planparse serve`, run in worker processes.

Each job is a pure function of the uploaded bytes (and the original file name, of which only
the extension is used to pick a reader): nothing from the client is ever opened as a path.
It returns the rendered artifacts, so the server process only stores and sends bytes.
"""

from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass, field
from typing import Any

from planparse.i18n import set_lang
from planparse.model import Plan, PlanParseError


@dataclass
class Artifact:
    """One downloadable result: its bytes, media type and a file name to offer."""

    name: str
    media_type: str
    data: bytes


@dataclass
class JobResult:
    ok: bool
    error: str = ""
    html: str = ""  # the page to show
    data: dict[str, Any] = field(default_factory=dict)  # the JSON answer for scripts
    artifacts: list[Artifact] = field(default_factory=list)


def safe_name(name: str) -> str:
    """A display-safe stand-in for a client's file name: its base name only, no directories
    (the name is only shown and used for its extension, never opened)."""
    base = os.path.basename((name or "upload").replace("\\", "/")).strip() or "upload"
    return base[:120]


def _plan(data: bytes, name: str) -> Plan:
    from planparse.parse.pipeline import parse_source
    from planparse.readers import read_bytes

    return parse_source(read_bytes(data, safe_name(name)))


def tasks_csv(plan: Plan) -> bytes:
    """One row per task with its responsibility, for Excel/WPS (UTF-8 with BOM)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(
        [
            "id",
            "number",
            "heading",
            "path",
            "line_start",
            "line_end",
            "lead",
            "participating",
            "responsible",
        ]
    )
    for t in plan.tasks:
        r = t.responsibility
        writer.writerow(
            [
                t.id,
                t.number or "",
                t.heading,
                " > ".join(t.path),
                t.lines[0],
                t.lines[1],
                "、".join(r.lead) if r else "",
                "、".join(r.participating) if r else "",
                "、".join(r.responsible) if r else "",
            ]
        )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def parse_job(data: bytes, name: str, lang: str) -> JobResult:
    """Parse one uploaded plan into its page, its JSON and a tasks CSV."""
    from planparse.render.jsonout import to_json
    from planparse.serve.pages import plan_page

    set_lang(lang)  # each job runs in a worker process, in the language of its request
    try:
        plan = _plan(data, name)
    except PlanParseError as exc:
        return JobResult(False, error=str(exc))
    doc = plan.to_dict()
    stem = os.path.splitext(safe_name(name))[0]
    return JobResult(
        True,
        html=plan_page(plan, lang),
        data=doc,
        artifacts=[
            Artifact(f"{stem}.json", "application/json", to_json(doc).encode("utf-8")),
            Artifact(f"{stem}-tasks.csv", "text/csv; charset=utf-8", tasks_csv(plan)),
        ],
    )


def diff_job(lower: bytes, lower_name: str, upper: bytes, upper_name: str, lang: str) -> JobResult:
    """Diff and check a lower plan against an upper plan: the report and every download."""
    from planparse.compare.check import run_check
    from planparse.compare.diff import diff_plans
    from planparse.render.diff_md import diff_markdown
    from planparse.render.html_report import check_html, diff_html
    from planparse.render.jsonout import to_json

    set_lang(lang)  # each job runs in a worker process, in the language of its request
    try:
        lower_plan = _plan(lower, lower_name)
        upper_plan = _plan(upper, upper_name)
    except PlanParseError as exc:
        return JobResult(False, error=str(exc))
    result = diff_plans(lower_plan, upper_plan)
    report = run_check(lower_plan, upper_plan)
    diff_json = result.to_dict()
    stem = os.path.splitext(safe_name(lower_name))[0]
    artifacts = [
        Artifact(f"{stem}-diff.json", "application/json", to_json(diff_json).encode("utf-8")),
        Artifact(
            f"{stem}-diff.md", "text/markdown; charset=utf-8", diff_markdown(result).encode("utf-8")
        ),
        Artifact(
            f"{stem}-check.html", "text/html; charset=utf-8", check_html(report).encode("utf-8")
        ),
    ]
    artifacts.insert(0, Artifact(f"{stem}-对照表.xlsx", XLSX_TYPE, _xlsx(result, report)))
    findings = [f.__dict__ for f in report.findings]
    return JobResult(
        True,
        html=diff_html(result),
        data={"diff": diff_json, "check": {"findings": findings}},
        artifacts=artifacts,
    )


XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _xlsx(result: Any, report: Any) -> bytes:
    """The .xlsx 对照表: the check findings, then the comparison sheets, as `check -f xlsx`."""
    from planparse.render.xlsx import write_check_xlsx

    buffer = io.BytesIO()
    write_check_xlsx(report, buffer, result)
    return buffer.getvalue()
