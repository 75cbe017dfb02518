"""The `planparse` entry point: `planparse --help` answered from a cache of typer's own text.

Importing typer alone costs several times a bare Python start, and `--help` is the commonest
first command. Its text depends only on the CLI's sources, typer, the terminal width and the
locale, so it is rendered by typer once, stored under the user cache folder keyed by all of
those, and printed from there afterwards. Everything else goes straight to planparse.cli.main.
A missing, unreadable or unwritable cache only means rendering the help the slow way.
Other commands compile their regular expressions through planparse.cli.regex_cache and
their dataclasses' methods through planparse.cli.code_cache, and
`parse`, `diff` and `check` go through planparse.cli.fastpath, which can run them without
typer.
"""

from __future__ import annotations

import os
import sys
import zlib

from planparse.private_cache import cache_folder, write_private

HELP_ARGS = ("--help",)
# Environment that can change the rendered text (width, language, colour).
_ENV = ("COLUMNS", "LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "NO_COLOR", "TERM")


def _sources_stamp() -> list[str]:
    """The identity (path, size, mtime) of every file the help text is built from."""
    import importlib.util

    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    typer_spec = importlib.util.find_spec("typer")
    roots = [package]
    if typer_spec is not None and typer_spec.origin:
        roots.append(os.path.dirname(typer_spec.origin))
    stamp = []
    for root in roots:
        for folder, dirs, files in os.walk(root):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            for name in sorted(files):
                if name.endswith((".py", ".toml", ".json", ".po", ".mo")):
                    st = os.stat(os.path.join(folder, name))
                    stamp.append(f"{folder}/{name}:{st.st_size}:{st.st_mtime_ns}")
    return stamp


def _terminal_size() -> tuple[int, int]:
    try:
        size = os.get_terminal_size(sys.__stdout__.fileno() if sys.__stdout__ else 1)
        return size.columns, size.lines
    except (OSError, ValueError):
        return 0, 0


def help_cache_path(args: list[str]) -> str:
    """The cache file for this help request in this environment."""
    key = repr(
        (
            sys.version,
            os.path.basename(sys.argv[0]),
            args,
            _terminal_size(),
            [os.environ.get(k) for k in _ENV],
            _sources_stamp(),
        )
    ).encode()
    # two independent 32-bit checksums: a cheap key, and a clash only costs a wrong --help
    return os.path.join(cache_folder(), f"help-{zlib.crc32(key):08x}{zlib.adler32(key):08x}.txt")


def _render_help(args: list[str]) -> tuple[str, int]:
    """typer's help text for ``args`` and its exit code, captured instead of printed."""
    import contextlib
    import io

    from planparse.cli.main import app

    buffer = io.StringIO()
    code: int | str | None = 0
    with contextlib.redirect_stdout(buffer):
        try:
            app(args=args, prog_name=os.path.basename(sys.argv[0]) or "planparse")
        except SystemExit as exc:
            code = exc.code
    return buffer.getvalue(), code if isinstance(code, int) else 1


def print_help(args: list[str]) -> int:
    """Print the help for ``args`` (from the cache when it is there) and return the exit code."""
    path = help_cache_path(args)
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
        if not text:
            raise ValueError("empty cache file")
    except (OSError, ValueError):  # missing, unreadable, or not UTF-8 (a ValueError too)
        text, code = _render_help(args)
        if code != 0 or not text:
            sys.stdout.write(text)
            return code
        write_private(path, text.encode("utf-8"))  # unwritable: costs speed only
    sys.stdout.write(text)
    sys.stdout.flush()
    return 0


def main() -> None:
    if tuple(sys.argv[1:]) == HELP_ARGS:
        sys.exit(print_help(list(HELP_ARGS)))
    if sys.argv[1:] == ["--version"]:  # what typer's --version prints (cli.main._version)
        from planparse import __version__

        print(f"planparse {__version__}")
        return
    from planparse.cli import code_cache, regex_cache

    regex_cache.install()
    code_cache.install()
    _run_fast()
    from planparse.cli.main import main as run

    run()


def _run_fast() -> None:
    """`parse`, `diff` and `check` without typer when planparse.cli.fastpath can read the
    command line (it exits when it has run the command); otherwise back to typer."""
    from planparse.cli.fastpath import FAST_COMMANDS
    from planparse.cli.process import take_lang

    lang, args = take_lang(sys.argv[1:])
    if not args or args[0] not in FAST_COMMANDS:
        return
    from planparse.i18n import LANGUAGES, set_lang

    if lang is not None:
        if lang not in LANGUAGES:
            return  # typer's path reports it
        set_lang(lang)
    from planparse.cli import fastpath
    from planparse.cli.process import guard_stdout

    guard_stdout()
    fastpath.run(args)


if __name__ == "__main__":  # pragma: no cover
    main()
