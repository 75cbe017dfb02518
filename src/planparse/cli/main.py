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

from planparse.cli import commands, fastpath
from planparse.cli.errors import fail, user_errors
from planparse.cli.process import guard_stdout, take_lang
from planparse.i18n import LANGUAGES, set_lang, t

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
    commands.parse(file=file, fmt=fmt.value, output=output, ocr=ocr)


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
        plans = [commands.load(f) for f in files]
    rows = units_rows(plans)
    if unknown:
        rows = [r for r in rows if r.match == "unknown"]
    commands.write_output(write_units(rows, fmt.value), output)
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
    commands.diff(
        lower=lower,
        upper=upper,
        more_uppers=more_uppers,
        fmt=fmt.value,
        output=output,
        explain=explain,
        only_differences=only_differences,
        task_threshold=task_threshold,
        indicator_threshold=indicator_threshold,
    )


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
    commands.check(
        file=file,
        against=against,
        select=select,
        ignore=ignore,
        severity=severity,
        fmt=fmt.value,
        output=output,
        list_rules=list_rules,
    )


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
    guard_stdout()
    if _LANG_ARG is not None and _LANG_ARG not in LANGUAGES:
        raise fail(t("cli.bad_lang", choices=", ".join(LANGUAGES)))
    if _ARGS[:1] and _ARGS[0] in fastpath.FAST_COMMANDS:
        fastpath.store(app)  # so that the next run of it can skip typer
    app(args=_ARGS, prog_name="planparse")


if __name__ == "__main__":  # pragma: no cover
    main()
