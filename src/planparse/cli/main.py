"""Command-line interface. Every command is a thin wrapper over a public library function.

Heavy modules (jieba, lxml, pdfplumber) are imported inside the commands that need them, so
that ``planparse --help`` starts fast.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer

from planparse.cli.errors import fail, user_errors
from planparse.i18n import LANGUAGES, set_lang, t


def take_lang(args: list[str]) -> tuple[str | None, list[str]]:
    """Find ``--lang X`` / ``--lang=X`` anywhere on the command line (before or after the
    command) and remove it: help texts are built when this module is imported, so the
    language has to be known before the command line is parsed."""
    lang, rest, i = None, [], 0
    while i < len(args):
        arg = args[i]
        if arg == "--":
            rest += args[i:]
            break
        if arg == "--lang" and i + 1 < len(args):
            lang, i = args[i + 1], i + 2
            continue
        if arg.startswith("--lang="):
            lang, i = arg.split("=", 1)[1], i + 1
            continue
        rest.append(arg)
        i += 1
    return lang, rest


_LANG_ARG, _ARGS = take_lang(sys.argv[1:])
if _LANG_ARG in LANGUAGES:
    set_lang(_LANG_ARG)

app = typer.Typer(
    name="planparse",
    help=t("cli.app"),
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
    xlsx = "xlsx"


class CheckFormat(str, Enum):
    text = "text"
    json = "json"
    sarif = "sarif"
    github = "github"
    html = "html"
    xlsx = "xlsx"


class UnitsFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


def _version(value: bool) -> None:
    if value:
        from planparse import __version__

        typer.echo(f"planparse {__version__}")
        raise typer.Exit()


@app.callback()
def _options(
    lang: Annotated[
        str | None, typer.Option("--lang", metavar="zh|en", help=t("cli.opt.lang"))
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help=t("cli.opt.version")),
    ] = False,
) -> None:
    """Options for every command (--lang is also accepted after the command)."""
    if lang is not None:
        if lang not in LANGUAGES:
            raise fail(t("cli.bad_lang", choices=", ".join(LANGUAGES)))
        set_lang(lang)


def _write(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        sys.stdout.flush()
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise fail(t("error.cannot_write", path=output, reason=exc.strerror or exc)) from None
    typer.echo(t("cli.wrote", path=output), err=True)


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
    typer.echo(t("cli.wrote", path=output), err=True)


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
    _write(text, output)


def _load(path: str, ocr: bool | None = None):
    from planparse.parse.pipeline import load_plan

    return load_plan(path, ocr=ocr)


OutputOpt = Annotated[Path | None, typer.Option("--output", "-o", help=t("cli.opt.output"))]


@app.command(help=t("cli.parse.help"))
def parse(
    file: Annotated[str, typer.Argument(help=t("cli.parse.file"))],
    fmt: Annotated[
        PlanFormat, typer.Option("--format", "-f", help=t("cli.parse.format"))
    ] = PlanFormat.text,
    output: OutputOpt = None,
    ocr: Annotated[
        bool,
        typer.Option(
            "--ocr",
            help=t("cli.opt.ocr"),
        ),
    ] = False,
) -> None:
    with user_errors():
        plan = _load(file, ocr=True if ocr else None)
    if fmt is PlanFormat.json:
        from planparse.render.jsonout import to_json

        _write(to_json(plan.to_dict()), output)
    elif fmt is PlanFormat.md:
        from planparse.render.plan_md import plan_markdown

        _write(plan_markdown(plan), output)
    else:
        from planparse.render.plan_terminal import plan_summary

        _rich(lambda console: console.print(plan_summary(plan)), output)


@app.command(help=t("cli.units.help"))
def units(
    files: Annotated[list[str], typer.Argument(help=t("cli.units.files"))],
    unknown: Annotated[bool, typer.Option("--unknown", help=t("cli.units.unknown"))] = False,
    fmt: Annotated[
        UnitsFormat, typer.Option("--format", "-f", help=t("cli.units.format"))
    ] = UnitsFormat.table,
    output: OutputOpt = None,
) -> None:
    from planparse.cli.units import units_rows, write_units

    with user_errors():
        plans = [_load(f) for f in files]
    rows = units_rows(plans)
    if unknown:
        rows = [r for r in rows if r.match == "unknown"]
    _write(write_units(rows, fmt.value), output)
    if unknown and rows:
        raise typer.Exit(1)


@app.command(help=t("cli.diff.help"))
def diff(
    lower: Annotated[str, typer.Argument(help=t("cli.diff.lower"))],
    upper: Annotated[str, typer.Argument(help=t("cli.diff.upper"))],
    more_uppers: Annotated[
        list[str] | None, typer.Argument(metavar="[UPPER]...", help=t("cli.diff.more_uppers"))
    ] = None,
    fmt: Annotated[
        DiffFormat, typer.Option("--format", "-f", help=t("cli.diff.format"))
    ] = DiffFormat.text,
    output: OutputOpt = None,
    explain: Annotated[bool, typer.Option("--explain", help=t("cli.diff.explain"))] = False,
    only_differences: Annotated[
        bool, typer.Option("--only-differences", help=t("cli.diff.only_differences"))
    ] = False,
    task_threshold: Annotated[
        float, typer.Option(min=0.0, max=1.0, help=t("cli.diff.task_threshold"))
    ] = 0.2,
    indicator_threshold: Annotated[
        float, typer.Option(min=0.0, max=1.0, help=t("cli.diff.indicator_threshold"))
    ] = 0.5,
) -> None:
    from planparse.compare.diff import DiffOptions, diff_plans

    if fmt is DiffFormat.xlsx and output is None:
        raise fail(t("cli.needs_output", format="xlsx"))
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
    elif fmt is DiffFormat.xlsx:
        from planparse.render.xlsx import write_diff_xlsx

        _write_book(lambda path: write_diff_xlsx(result, path), output, "xlsx")
    else:
        from planparse.render.diff_terminal import print_diff

        _rich(
            lambda console: print_diff(
                result, console, explain=explain, only_differences=only_differences
            ),
            output,
        )


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
    elif fmt is DiffFormat.xlsx:
        from planparse.render.lineage_out import write_lineage_xlsx

        _write_book(lambda path: write_lineage_xlsx(lineage, path), output, "xlsx")
    else:
        from planparse.render.lineage_out import lineage_markdown

        _write(lineage_markdown(lineage, only_differences=only_differences), output)


@app.command(help=t("cli.check.help"))
def check(
    file: Annotated[str | None, typer.Argument(help=t("cli.check.file"))] = None,
    against: Annotated[
        list[str] | None, typer.Option("--against", "-a", help=t("cli.check.against"))
    ] = None,
    select: Annotated[str | None, typer.Option(help=t("cli.check.select"))] = None,
    ignore: Annotated[str | None, typer.Option(help=t("cli.check.ignore"))] = None,
    severity: Annotated[str, typer.Option(help=t("cli.check.severity"))] = "info",
    fmt: Annotated[
        CheckFormat, typer.Option("--format", "-f", help=t("cli.check.format"))
    ] = CheckFormat.text,
    output: OutputOpt = None,
    list_rules: Annotated[
        bool, typer.Option("--list-rules", help=t("cli.check.list_rules"))
    ] = False,
) -> None:
    from planparse.compare.check import RULES, CheckOptions, run_check

    if list_rules:
        from planparse.render.check_out import rules_json, rules_table

        _write(rules_json(RULES) if fmt is CheckFormat.json else rules_table(RULES), output)
        return
    if file is None:
        raise fail(t("cli.missing_file"))
    if fmt is CheckFormat.xlsx and output is None:
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

    if fmt is CheckFormat.json:
        _write(check_out.findings_json(report), output)
    elif fmt is CheckFormat.sarif:
        _write(check_out.findings_sarif(report), output)
    elif fmt is CheckFormat.github:
        _write(check_out.findings_github(report), output)
    elif fmt is CheckFormat.html:
        from planparse.render.html_report import check_html

        _write(check_html(report), output)
    elif fmt is CheckFormat.xlsx:
        from planparse.render.xlsx import write_check_xlsx

        _write_book(
            lambda path: write_check_xlsx(report, path, _diff_for_sheets(plan, upper_plans)),
            output,
            "xlsx",
        )
    elif output is None:
        check_out.write_findings(report, sys.stdout, sys.stderr)
    else:
        _write(check_out.findings_text(report), output)
    if report.findings:
        raise typer.Exit(1)


def _diff_for_sheets(plan: Any, upper_plans: list[Any]) -> Any:
    """With --against, the check workbook carries the comparison sheets too: against the
    first upper plan named (the 对照表 is a comparison of two plans)."""
    if not upper_plans:
        return None
    from planparse.compare.diff import DiffOptions, diff_plans

    return diff_plans(plan, upper_plans[0], DiffOptions(text_diff=False))


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


class _PipeGuard:
    """stdout that ends the program quietly (exit 0) when the reader goes away (``| head``):
    no BrokenPipeError traceback and no exit 1, as click would give."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream

    def _closed(self) -> NoReturn:
        import os

        # Point the descriptor at /dev/null so the interpreter's final flush cannot fail.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, self._stream.fileno())
        raise SystemExit(0)

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except BrokenPipeError:
            self._closed()

    def flush(self) -> None:
        try:
            self._stream.flush()
        except BrokenPipeError:
            self._closed()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def main() -> None:
    sys.stdout = _PipeGuard(sys.stdout)  # type: ignore[assignment]
    if _LANG_ARG is not None and _LANG_ARG not in LANGUAGES:
        raise SystemExit(fail(t("cli.bad_lang", choices=", ".join(LANGUAGES))).exit_code)
    app(args=_ARGS, prog_name="planparse")


if __name__ == "__main__":  # pragma: no cover
    main()
