"""Process-wide set-up shared by typer's path (planparse.cli.main) and the fast path: the
language option, read before anything is printed, and a stdout that a closed pipe cannot
turn into a traceback."""

from __future__ import annotations

import sys

TYPE_CHECKING = False  # typing is not imported at run time: start-up (see cli/launch)
if TYPE_CHECKING:
    from typing import Any, NoReturn


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


class PipeGuard:
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


def guard_stdout() -> None:
    """Wrap stdout in a PipeGuard, once."""
    if not isinstance(sys.stdout, PipeGuard):
        sys.stdout = PipeGuard(sys.stdout)  # type: ignore[assignment]
