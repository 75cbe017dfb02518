"""`planparse serve`: a thin wrapper that starts the web application (planparse.serve)."""

from __future__ import annotations

import ipaddress
from typing import Annotated

import typer

from planparse.cli.errors import fail


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def serve(
    host: Annotated[str, typer.Option("--host", help="Address to bind.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help="Port to bind.")] = 8765,
    open_browser: Annotated[
        bool, typer.Option("--open", help="Open the page in the default browser.")
    ] = False,
    allow_remote: Annotated[
        bool,
        typer.Option(
            "--allow-remote",
            help="Allow a --host other than localhost: anyone who can reach it can upload files.",
        ),
    ] = False,
    jobs: Annotated[
        int, typer.Option("--jobs", "-j", min=1, help="Worker processes for parsing.")
    ] = 2,
    queue: Annotated[
        int, typer.Option("--queue", min=1, help="Jobs running or waiting before 'busy'.")
    ] = 8,
) -> None:
    """A local web page for people who don't use a terminal: drop one plan to parse it, or a
    lower and an upper plan to compare them (report, check findings, downloads of the 对照表,
    Markdown and JSON), or several lower plans against one upper plan. Scripts can POST to
    /parse (field `file`) and /diff (fields `lower`, `upper`) with `Accept: application/json`."""
    if not is_loopback(host) and not allow_remote:
        raise fail(f"--host {host} is not localhost: add --allow-remote if you mean it")
    try:
        import uvicorn

        from planparse.serve.app import ServeSettings, create_app
    except ImportError as exc:
        raise fail(
            f"planparse serve needs the serve extra: pip install 'planparse[serve]' ({exc.name})"
        ) from None
    if not is_loopback(host):
        typer.echo(
            f"planparse: warning: serving on {host}: anyone who can reach it can upload files",
            err=True,
        )
    url = f"http://{'127.0.0.1' if host in ('0.0.0.0', '::') else host}:{port}/"
    typer.echo(f"planparse serve: open {url} (Ctrl+C stops)", err=True)
    if open_browser:
        import threading
        import webbrowser

        threading.Timer(1.0, webbrowser.open, args=(url,)).start()
    uvicorn.run(
        create_app(ServeSettings(jobs=jobs, queue=queue, own_process=True)),
        host=host,
        port=port,
        log_level="warning",
    )
