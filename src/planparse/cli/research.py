"""`planparse network` and `planparse tools`: thin wrappers over planparse.research.

Imported at every start-up, so nothing heavy at module level: networkx, rich and the parser are
imported inside the commands.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer

from planparse.cli.errors import fail


class NetworkFormat(str, Enum):
    table = "table"
    csv = "csv"
    graphml = "graphml"
    gexf = "gexf"
    json = "json"
    png = "png"


class ToolsFormat(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"


InputsArg = Annotated[
    list[str],
    typer.Argument(help="Plan files, folders (searched recursively) or glob patterns."),
]


def register(app: typer.Typer) -> None:
    app.command("network")(network)
    app.command("tools")(tools)


def load_records(
    inputs: list[str], tools_file: Path | None = None
) -> tuple[list[dict[str, Any]], int]:
    """Parse every plan named by `inputs` into its JSON record; a file that cannot be read is
    reported on stderr and skipped; the second value counts them (the command then exits 1)."""
    from planparse.batch.inputs import find_inputs
    from planparse.dataset.records import BatchInputError
    from planparse.model import PlanParseError
    from planparse.parse.extract.policy_tools import (
        ToolDictionaryError,
        code_plan,
        load_dictionary,
    )
    from planparse.parse.pipeline import parse_path

    try:
        dictionary = load_dictionary(str(tools_file)) if tools_file else None
    except ToolDictionaryError as exc:
        raise fail(str(exc)) from None
    try:
        paths = find_inputs(inputs)
    except BatchInputError as exc:  # names the pattern that found nothing
        raise fail(str(exc)) from None
    records: list[dict[str, Any]] = []
    failed = 0
    for path in paths:
        try:
            plan = parse_path(path)
        except (PlanParseError, OSError) as exc:
            typer.echo(f"planparse: error: {exc}", err=True)
            failed += 1
            continue
        if dictionary is not None:
            code_plan(plan, dictionary)
        records.append(plan.to_dict())
    if not records:
        raise fail("no plan could be read from the inputs")
    if failed:
        typer.echo(f"planparse: {failed} of {len(paths)} files could not be read", err=True)
    return records, failed


def _emit(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise fail(f"{output}: cannot write: {exc.strerror or exc}") from None
    typer.echo(f"wrote {output}", err=True)


def _csv(rows: list[dict[str, Any]], columns: tuple[str, ...]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def network(
    inputs: InputsArg,
    fmt: Annotated[
        NetworkFormat,
        typer.Option(
            "--format",
            "-f",
            help="table: the most central units, tasks per unit, units that lead nothing; "
            "csv: nodes and edges tables (needs -o PREFIX: PREFIX.nodes.csv, "
            "PREFIX.edges.csv); graphml / gexf: for Gephi, Cytoscape, networkx; json; "
            "png: a picture (needs -o and the plot extra: pip install 'planparse[plot]').",
        ),
    ] = NetworkFormat.table,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
    ] = None,
    top: Annotated[
        int, typer.Option("--top", min=1, help="Rows of the table summary; units in the picture.")
    ] = 15,
) -> None:
    """The department network (部门协作网络) of one plan or many: canonical units as nodes,
    lead→participant and co-occurrence edges within tasks, weighted by the number of tasks,
    each edge listing its tasks and their source lines. Collectives (各有关单位) are kept apart
    from named units."""
    from planparse.research.network import (
        EDGE_COLUMNS,
        NODE_COLUMNS,
        build_network,
        edge_rows,
        network_json,
        node_rows,
    )

    records, failed = load_records(inputs)
    net = build_network(records)
    if fmt is NetworkFormat.json:
        _emit(json.dumps(network_json(net), ensure_ascii=False, indent=2), output)
    elif fmt is NetworkFormat.csv:
        if output is None:
            raise fail("-f csv writes two tables: give -o PREFIX (PREFIX.nodes.csv, .edges.csv)")
        _emit(_csv(node_rows(net), NODE_COLUMNS), output.with_name(output.name + ".nodes.csv"))
        _emit(_csv(edge_rows(net), EDGE_COLUMNS), output.with_name(output.name + ".edges.csv"))
    elif fmt is NetworkFormat.png:
        if output is None:
            raise fail("-f png writes a picture: give -o FILE.png")
        try:
            from planparse.research.network import network_png

            data = network_png(net, top)
        except ImportError as exc:
            raise fail(
                f"-f png needs the plot extra: pip install 'planparse[plot]' ({exc.name})"
            ) from None
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_bytes(data)
        typer.echo(f"wrote {output}", err=True)
    elif fmt in (NetworkFormat.graphml, NetworkFormat.gexf):
        from planparse.research.network import graph_xml

        _emit(graph_xml(net, fmt.value), output)
    else:
        from planparse.render.research_terminal import network_summary

        _print(network_summary(net, top), output)
    if failed:
        raise typer.Exit(1)


def tools(
    inputs: InputsArg,
    fmt: Annotated[
        ToolsFormat,
        typer.Option(
            "--format",
            "-f",
            help="table: counts and shares by family and sub-tool per plan; csv / json: the "
            "same rows, or one row per task and tool with --per-task.",
        ),
    ] = ToolsFormat.table,
    tools_file: Annotated[
        Path | None,
        typer.Option(
            "--tools",
            help="A coding dictionary in the shape of schemas/policy_tools.toml that extends "
            '(default) or replaces ([meta] mode = "replace") the shipped one.',
        ),
    ] = None,
    per_task: Annotated[
        bool, typer.Option("--per-task", help="One row per task (or 专栏 item) and tool.")
    ] = False,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
    ] = None,
) -> None:
    """Policy-tool coding (政策工具): the supply / environment / demand tools (供给型 / 环境型 /
    需求型, Rothwell & Zegveld) each task and 专栏 item uses, with the sentence that shows it,
    and their distribution per plan."""
    from planparse.research.tools import task_tool_rows, tool_distribution

    records, failed = load_records(inputs, tools_file)
    if per_task:
        rows = [
            {"document": (r.get("meta") or {}).get("file"), **row}
            for r in records
            for row in task_tool_rows(r)
        ]
    else:
        rows = [share.__dict__ for share in tool_distribution(records)]
    if fmt is ToolsFormat.json:
        _emit(json.dumps(rows, ensure_ascii=False, indent=2), output)
    elif fmt is ToolsFormat.csv:
        columns = tuple(rows[0]) if rows else ("document",)
        _emit(_csv(rows, columns), output)
    else:
        from planparse.render.research_terminal import tools_table

        _print(tools_table(rows, per_task), output)
    if failed:
        raise typer.Exit(1)


def _print(renderable: Any, output: Path | None) -> None:
    from rich.console import Console

    if output is None:
        Console(width=None if sys.stdout.isatty() else 120).print(renderable)
        return
    buffer = io.StringIO()
    Console(file=buffer, width=120).print(renderable)
    _emit(buffer.getvalue(), output)
