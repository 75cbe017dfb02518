"""Command-line interface. Every command is a thin wrapper over a public library function.

Heavy modules (jieba, lxml, pdfplumber) are imported inside the commands that need them, so
that ``planparse --help`` starts fast.
"""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from planparse.cli.errors import fail, user_errors

app = typer.Typer(
    name="planparse",
    help=(
        "Read Chinese government plan documents (规划 / 实施方案 / 行动计划) into traceable "
        "structure, and compare a lower-level plan (county) against its upper-level plan (city).\n\n"
        "Inputs may be .txt (any Chinese encoding), .docx, .html or .pdf; '-' reads stdin."
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


class PlanFormat(str, Enum):
    text = "text"
    json = "json"
    md = "md"


class DiffFormat(str, Enum):
    text = "text"
    json = "json"
    md = "md"
    html = "html"


class CheckFormat(str, Enum):
    text = "text"
    json = "json"
    sarif = "sarif"
    html = "html"


class UnitsFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


def _write(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise fail(f"{output}: cannot write: {exc.strerror or exc}") from None
    typer.echo(f"wrote {output}", err=True)


def _console():
    from rich.console import Console

    return Console(width=None if sys.stdout.isatty() else 100)


def _load(path: str):
    from planparse.parse.pipeline import load_plan

    return load_plan(path)


OutputOpt = Annotated[
    Path | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")
]


@app.command()
def parse(
    file: Annotated[
        str, typer.Argument(help="Plan file (.txt/.docx/.html/.pdf) or '-' for stdin.")
    ],
    fmt: Annotated[
        PlanFormat,
        typer.Option(
            "--format", "-f", help="text: readable summary; json: full document; md: Markdown."
        ),
    ] = PlanFormat.text,
    output: OutputOpt = None,
) -> None:
    """Parse one plan: metadata, heading tree, tasks with responsibilities, 专栏, indicators.

    Every element carries the line range it came from in the original file; text the parser
    discards is listed under 'dropped' with a reason.
    """
    with user_errors():
        plan = _load(file)
    if fmt is PlanFormat.json:
        from planparse.render.jsonout import to_json

        _write(to_json(plan.to_dict()), output)
    elif fmt is PlanFormat.md:
        from planparse.render.plan_md import plan_markdown

        _write(plan_markdown(plan), output)
    else:
        from planparse.render.plan_terminal import plan_summary

        if output is None:
            _console().print(plan_summary(plan))
        else:
            import io

            from rich.console import Console

            buffer = io.StringIO()
            Console(file=buffer, width=100).print(plan_summary(plan))
            _write(buffer.getvalue(), output)


@app.command()
def units(
    files: Annotated[list[str], typer.Argument(help="One or more plan files.")],
    unknown: Annotated[
        bool,
        typer.Option(
            "--unknown", help="List only names the unit schema does not know; exit 1 if any."
        ),
    ] = False,
    fmt: Annotated[
        UnitsFormat, typer.Option("--format", "-f", help="table, json or csv.")
    ] = UnitsFormat.table,
    output: OutputOpt = None,
) -> None:
    """Every unit (department) the plans name, with its canonical id and how often it leads.

    Names are normalised against schemas/units.toml (level and place stripped, aliases and
    abbreviations resolved); anything unmatched is reported as unknown, never guessed.
    """
    from planparse.cli.units import units_rows, write_units

    with user_errors():
        plans = [_load(f) for f in files]
    rows = units_rows(plans)
    if unknown:
        rows = [r for r in rows if r.match == "unknown"]
    _write(write_units(rows, fmt.value), output)
    if unknown and rows:
        raise typer.Exit(1)


@app.command()
def diff(
    lower: Annotated[str, typer.Argument(help="The plan being checked (e.g. the county plan).")],
    upper: Annotated[str, typer.Argument(help="The reference plan (e.g. the city plan).")],
    more_uppers: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[UPPER]...",
            help="Further upper plans (province, national…): a lineage view follows each "
            "target and task down the levels.",
        ),
    ] = None,
    fmt: Annotated[
        DiffFormat, typer.Option("--format", "-f", help="text, json, md or html.")
    ] = DiffFormat.text,
    output: OutputOpt = None,
    explain: Annotated[
        bool,
        typer.Option(
            "--explain",
            help="Show why each pair was matched: the pass, the score's parts, the shared words.",
        ),
    ] = False,
    only_differences: Annotated[
        bool,
        typer.Option(
            "--only-differences",
            help="Leave out same targets, one-to-one tasks with the same lead and fully matched 专栏.",
        ),
    ] = False,
    task_threshold: Annotated[
        float,
        typer.Option(
            min=0.0, max=1.0, help="Minimum similarity (0-1) for a task pair to count as a match."
        ),
    ] = 0.2,
    indicator_threshold: Annotated[
        float,
        typer.Option(min=0.0, max=1.0, help="Minimum similarity (0-1) for an indicator pair."),
    ] = 0.5,
) -> None:
    """Align a lower plan against its upper plan and show what differs.

    Indicators (targets compared as numbers with units: stricter / looser / incomparable),
    专栏 columns and items, tasks (matched by content, order-aware, one-to-many), lead units
    after normalisation, and the stated basis documents.
    """
    from planparse.compare.diff import DiffOptions, diff_plans

    if more_uppers:
        _lineage(lower, [upper, *more_uppers], fmt, output, only_differences)
        return
    with user_errors():
        lower_plan, upper_plan = _load(lower), _load(upper)
    result = diff_plans(
        lower_plan,
        upper_plan,
        DiffOptions(
            task_threshold=task_threshold,
            indicator_threshold=indicator_threshold,
            # the terminal view shows no word-level diff: skip it (and jieba's start-up)
            text_diff=fmt is not DiffFormat.text,
        ),
    )
    if fmt is DiffFormat.json:
        from planparse.render.jsonout import to_json

        _write(to_json(result.to_dict()), output)
    elif fmt is DiffFormat.md:
        from planparse.render.diff_md import diff_markdown

        _write(diff_markdown(result, explain=explain, only_differences=only_differences), output)
    elif fmt is DiffFormat.html:
        from planparse.render.html_report import diff_html

        _write(diff_html(result, only_differences=only_differences), output)
    else:
        from planparse.render.diff_terminal import print_diff

        print_diff(result, _console(), explain=explain, only_differences=only_differences)


def _lineage(
    lower: str, uppers: list[str], fmt: DiffFormat, output: Path | None, only_differences: bool
) -> None:
    """`diff LOWER UPPER UPPER...`: one alignment per pair, joined level by level."""
    from planparse.compare.lineage import build_lineage

    with user_errors():
        lower_plan = _load(lower)
        upper_plans = [_load(u) for u in uppers]
    lineage = build_lineage(lower_plan, upper_plans)
    if fmt is DiffFormat.json:
        from planparse.render.jsonout import to_json

        _write(to_json(lineage.to_dict()), output)
    elif fmt is DiffFormat.html:
        from planparse.render.lineage_out import lineage_html

        _write(lineage_html(lineage), output)
    else:
        from planparse.render.lineage_out import lineage_markdown

        _write(lineage_markdown(lineage, only_differences=only_differences), output)


@app.command()
def check(
    file: Annotated[
        str | None, typer.Argument(help="The plan to check (e.g. a county draft).")
    ] = None,
    against: Annotated[
        str | None, typer.Option("--against", "-a", help="Reference plan (e.g. the city plan).")
    ] = None,
    select: Annotated[
        str | None, typer.Option(help="Comma-separated rule ids (or prefixes) to run only.")
    ] = None,
    ignore: Annotated[
        str | None, typer.Option(help="Comma-separated rule ids (or prefixes) to skip.")
    ] = None,
    severity: Annotated[
        str, typer.Option(help="Report findings at or above: info, warning or error.")
    ] = "info",
    fmt: Annotated[
        CheckFormat, typer.Option("--format", "-f", help="text, json, sarif (for CI) or html.")
    ] = CheckFormat.text,
    output: OutputOpt = None,
    list_rules: Annotated[
        bool, typer.Option("--list-rules", help="List the rules and exit.")
    ] = False,
) -> None:
    """Lint a plan like code: numbering, brackets, units, indicators; and, with --against,
    consistency with the upper plan. Exit 0 when clean, 1 with findings, 2 on input errors."""
    from planparse.compare.check import RULES, CheckOptions, run_check

    if list_rules:
        from planparse.render.check_out import rules_json, rules_table

        _write(rules_json(RULES) if fmt is CheckFormat.json else rules_table(RULES), output)
        return
    if file is None:
        raise fail("missing FILE (or use --list-rules)")
    try:  # bad options are reported before any file is read
        options = CheckOptions(select=_csv(select), ignore=_csv(ignore), severity=severity)
    except ValueError as exc:
        raise fail(f"--{exc}") from None
    with user_errors():
        plan = _load(file)
        upper_plan = _load(against) if against else None
    try:
        report = run_check(plan, upper_plan, options)
    except ValueError as exc:
        raise fail(str(exc)) from None
    from planparse.render import check_out

    if fmt is CheckFormat.json:
        _write(check_out.findings_json(report), output)
    elif fmt is CheckFormat.sarif:
        _write(check_out.findings_sarif(report), output)
    elif fmt is CheckFormat.html:
        from planparse.render.html_report import check_html

        _write(check_html(report), output)
    else:
        check_out.print_findings(report, _console())
    if report.findings:
        raise typer.Exit(1)


def _csv(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split(",") if v.strip()]


def _register_batch_commands() -> None:
    """`batch` and `batch-diff` live in planparse.cli.batch (light to import, like this module)."""
    from planparse.cli.batch import register

    register(app)


def _register_research_commands() -> None:
    """`network` and `tools` live in planparse.cli.research (light to import)."""
    from planparse.cli.research import register

    register(app)


def _register_serve_command() -> None:
    """`serve` lives in planparse.cli.serve; Starlette and uvicorn load only when it runs."""
    from planparse.cli.serve import register

    register(app)


_register_batch_commands()
_register_research_commands()
_register_serve_command()


def main() -> None:
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
