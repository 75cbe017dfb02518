"""How every command reports an input problem: one line on stderr naming the file, exit 2."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import typer


def fail(message: str, code: int = 2) -> typer.Exit:
    typer.echo(f"planparse: error: {message}", err=True)
    return typer.Exit(code)


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn input problems into one clear line on stderr and exit code 2, never a traceback."""
    from planparse.model import PlanParseError

    try:
        yield
    except PlanParseError as exc:
        raise fail(str(exc)) from None
    except FileNotFoundError as exc:
        raise fail(f"{exc.filename or exc}: no such file") from None
    except IsADirectoryError as exc:
        raise fail(f"{exc.filename}: is a directory, not a plan file") from None
    except PermissionError as exc:
        raise fail(f"{exc.filename}: permission denied") from None
    except OSError as exc:
        raise fail(f"{getattr(exc, 'filename', '') or 'input'}: {exc.strerror or exc}") from None
