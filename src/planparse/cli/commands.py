"""The bodies of the everyday commands (`parse`, `diff`, `check`), free of typer.

planparse.cli.main declares these commands for typer (options, help, validation) and passes
its arguments straight on; planparse.cli.fastpath calls them directly when it can read the
command line itself, so that a run need not import typer at all. Formats arrive as the plain
strings of their choices. Each body is a thin wrapper over library functions.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from planparse.cli.errors import fail, user_errors
from planparse.i18n import t

TYPE_CHECKING = False  # typing is not imported at run time: start-up (see cli/launch)
if TYPE_CHECKING:
    from typing import Any


def write_output(text: str, output: Path | None) -> None:
    """``text`` to stdout, or to ``output`` (then a note on stderr says so)."""
    if output is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        sys.stdout.flush()
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise fail(t("error.cannot_write", path=output, reason=exc.strerror or exc)) from None
    _note(t("cli.wrote", path=output))


def _note(message: str) -> None:
    sys.stderr.write(message + "\n")
    sys.stderr.flush()


def _write_book(write: Callable[[Path], None], output: Path | None, fmt: str) -> None:
    """A binary file format (xlsx): needs -o, since a terminal cannot show it."""
    if output is None:
        raise fail(t("cli.needs_output", format=fmt))
    try:
        write(output)
    except ImportError:
        raise fail(t("error.needs_openpyxl")) from None
    except OSError as exc:
        raise fail(t("error.cannot_write", path=output, reason=exc.strerror or exc)) from None
    _note(t("cli.wrote", path=output))


def _rich(render: Callable[[Any], None], output: Path | None) -> None:
    """Rich output: on a terminal as wide as it is; to a pipe or a file without colour and
    without wrapping, so that every line can be grepped."""
    from rich.console import Console

    if output is None and sys.stdout.isatty():
        render(Console())
        return
    import io

    buffer = io.StringIO()
    render(Console(file=buffer, width=10_000, color_system=None, soft_wrap=True))
    text = "\n".join(line.rstrip() for line in buffer.getvalue().splitlines())
    write_output(text, output)


def load(path: str, ocr: bool | None = None) -> Any:
    from planparse.parse.pipeline import load_plan

    return load_plan(path, ocr=ocr)


def parse(file: str, fmt: str, output: Path | None, ocr: bool) -> None:
    """`planparse parse FILE`."""
    with user_errors():
        plan = load(file, ocr=True if ocr else None)
    if fmt == "json":
        from planparse.render.jsonout import to_json

        write_output(to_json(plan.json_fields()), output)
    elif fmt == "md":
        from planparse.render.plan_md import plan_markdown

        write_output(plan_markdown(plan), output)
    elif output is None and sys.stdout.isatty():
        from planparse.render.plan_terminal import plan_summary

        _rich(lambda console: console.print(plan_summary(plan)), output)
    else:  # rich's lines for a pipe or a file, without rich's console (see render.plan_text)
        from planparse.render.plan_text import plan_summary_text

        write_output(plan_summary_text(plan), output)


def diff(
    lower: str,
    upper: str,
    more_uppers: list[str] | None,
    fmt: str,
    output: Path | None,
    explain: bool,
    only_differences: bool,
    task_threshold: float,
    indicator_threshold: float,
) -> None:
    """`planparse diff LOWER UPPER [UPPER...]`."""
    from planparse.compare.diff import DiffOptions, diff_plans

    if fmt == "xlsx" and output is None:
        raise fail(t("cli.needs_output", format="xlsx"))
    if more_uppers:
        _lineage(lower, [upper, *more_uppers], fmt, output, only_differences)
        return
    with user_errors():
        lower_plan, upper_plan = load(lower), load(upper)
    result = diff_plans(
        lower_plan,
        upper_plan,
        DiffOptions(
            task_threshold=task_threshold,
            indicator_threshold=indicator_threshold,
            # the terminal view shows no word-level diff: skip it (and jieba's start-up)
            text_diff=fmt != "text",
        ),
    )
    if fmt == "json":
        from planparse.render.jsonout import to_json

        write_output(to_json(result.to_dict()), output)
    elif fmt == "md":
        from planparse.render.diff_md import diff_markdown

        write_output(
            diff_markdown(result, explain=explain, only_differences=only_differences), output
        )
    elif fmt == "html":
        from planparse.render.html_report import diff_html

        write_output(diff_html(result, only_differences=only_differences), output)
    elif fmt == "xlsx":
        from planparse.render.xlsx import write_diff_xlsx

        _write_book(lambda path: write_diff_xlsx(result, path), output, "xlsx")
    elif output is None and sys.stdout.isatty():
        from planparse.render.diff_terminal import print_diff

        _rich(
            lambda console: print_diff(
                result, console, explain=explain, only_differences=only_differences
            ),
            output,
        )
    else:  # rich's lines for a pipe or a file, without rich's console (see render.diff_text)
        from planparse.render.diff_screen import diff_screen
        from planparse.render.diff_text import diff_text

        screen = diff_screen(result, explain=explain, only_differences=only_differences)
        write_output(diff_text(screen), output)


def _lineage(
    lower: str, uppers: list[str], fmt: str, output: Path | None, only_differences: bool
) -> None:
    """`diff LOWER UPPER UPPER...`: one alignment per pair, joined level by level."""
    from planparse.compare.lineage import build_lineage

    with user_errors():
        lower_plan = load(lower)
        upper_plans = [load(u) for u in uppers]
    lineage = build_lineage(lower_plan, upper_plans)
    if fmt == "json":
        from planparse.render.jsonout import to_json

        write_output(to_json(lineage.to_dict()), output)
    elif fmt == "html":
        from planparse.render.lineage_out import lineage_html

        write_output(lineage_html(lineage), output)
    elif fmt == "xlsx":
        from planparse.render.lineage_out import write_lineage_xlsx

        _write_book(lambda path: write_lineage_xlsx(lineage, path), output, "xlsx")
    else:
        from planparse.render.lineage_out import lineage_markdown

        write_output(lineage_markdown(lineage, only_differences=only_differences), output)


def check(
    file: str | None,
    against: list[str] | None,
    select: str | None,
    ignore: str | None,
    severity: str,
    fmt: str,
    output: Path | None,
    list_rules: bool,
) -> None:
    """`planparse check FILE [--against UPPER]...`; exits 1 when there are findings."""
    from planparse.compare.check import RULES, CheckOptions, run_check

    if list_rules:
        from planparse.render.check_out import rules_json, rules_table

        write_output(rules_json(RULES) if fmt == "json" else rules_table(RULES), output)
        return
    if file is None:
        raise fail(t("cli.missing_file"))
    if fmt == "xlsx" and output is None:
        raise fail(t("cli.needs_output", format="xlsx"))
    try:  # bad options are reported before any file is read
        options = CheckOptions(select=_csv(select), ignore=_csv(ignore), severity=severity)
    except ValueError as exc:
        raise fail(str(exc)) from None
    from planparse.parse.pipeline import load_source, parse_source

    with user_errors():
        sources = [load_source(file)] + [load_source(a) for a in against or []]
        plan = parse_source(sources[0])
        upper_plans = [parse_source(s) for s in sources[1:]]
    try:
        report = run_check(plan, upper_plans, options, sources=sources)
    except ValueError as exc:
        raise fail(str(exc)) from None
    from planparse.render import check_out

    if fmt == "json":
        write_output(check_out.findings_json(report), output)
    elif fmt == "sarif":
        write_output(check_out.findings_sarif(report), output)
    elif fmt == "github":
        write_output(check_out.findings_github(report), output)
    elif fmt == "html":
        from planparse.render.html_report import check_html

        write_output(check_html(report), output)
    elif fmt == "xlsx":
        from planparse.render.xlsx import write_check_xlsx

        _write_book(
            lambda path: write_check_xlsx(report, path, _diff_for_sheets(plan, upper_plans)),
            output,
            "xlsx",
        )
    elif output is None:
        check_out.write_findings(report, sys.stdout, sys.stderr)
    else:
        write_output(check_out.findings_text(report), output)
    if report.findings:
        raise SystemExit(1)


def _diff_for_sheets(plan: Any, upper_plans: list[Any]) -> Any:
    """With --against, the check workbook carries the comparison sheets too: against the
    first upper plan named (the 对照表 is a comparison of two plans)."""
    if not upper_plans:
        return None
    from planparse.compare.diff import DiffOptions, diff_plans

    return diff_plans(plan, upper_plans[0], DiffOptions(text_diff=False))


def _csv(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split(",") if v.strip()]
