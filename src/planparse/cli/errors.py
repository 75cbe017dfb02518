"""How every command reports an input problem: one line on stderr naming the file, exit 2."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

from planparse.i18n import t


def fail(message: str, code: int = 2) -> SystemExit:
    """Print the message and return the exit to raise. A plain SystemExit, not typer's Exit,
    so that the commands run the same with typer or without it (planparse.cli.fastpath)."""
    sys.stderr.write(t("error.prefix", message=message) + "\n")
    sys.stderr.flush()
    return SystemExit(code)


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn input problems into one clear line on stderr and exit code 2, never a traceback."""
    from planparse.model import PlanParseError

    try:
        yield
    except PlanParseError as exc:
        raise fail(str(exc)) from None
    except FileNotFoundError as exc:
        raise fail(t("error.no_such_file", path=exc.filename or exc)) from None
    except IsADirectoryError as exc:
        raise fail(t("error.is_directory", path=exc.filename)) from None
    except PermissionError as exc:
        raise fail(t("error.permission", path=exc.filename)) from None
    except OSError as exc:
        path = getattr(exc, "filename", "") or "input"
        raise fail(t("error.os", path=path, reason=exc.strerror or exc)) from None
