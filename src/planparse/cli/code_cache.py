"""Compiled dataclass methods kept between runs of the `planparse` command.

The dataclasses module writes each class's ``__init__``, ``__eq__``, ``__repr__`` (and, when
frozen, ``__setattr__``) as source text and compiles it with ``exec`` when the class is
defined. Parsing a plan defines some fifty dataclasses, and compiling their two hundred
generated methods is a good part of its start-up. Python keeps the bytecode of modules in
``__pycache__`` but not of these strings, so the command keeps it: a marshal file of source
text → code object in the user cache folder, as ``__pycache__`` holds marshalled code.

Installed only by the command-line entry point, in a process planparse owns: it gives the
dataclasses module an ``exec`` of its own (a module global, which the builtin falls back to),
so nothing else in the process is touched. The code for a text is exactly what ``exec`` would
compile from it (same file name, no inherited ``__future__`` flags). The file is named by the
Python version, read only if this user's alone (it holds code, as ``__pycache__`` does), and
a missing, corrupt or foreign one means compiling as usual.
"""

from __future__ import annotations

import atexit
import builtins
import marshal

from planparse.private_cache import cache_file, read_private, write_private

TYPE_CHECKING = False  # typing itself is one more import on this path
if TYPE_CHECKING:
    from typing import Any

MAX_ENTRIES = 2000
_CODE = type(compile("", "<string>", "exec"))
_installed = False


def cache_path() -> str:
    return cache_file("dataclass-code", "1")


def _load(path: str) -> dict[str, Any]:
    data = read_private(path)
    if data is None:
        return {}
    try:
        table = marshal.loads(data)
    except (EOFError, ValueError, TypeError):
        return {}
    if not isinstance(table, dict):
        return {}
    return {k: v for k, v in table.items() if isinstance(k, str) and isinstance(v, _CODE)}


def install() -> bool:
    """Compile the dataclasses module's generated methods through the cache; saved at exit.
    Returns whether it was installed."""
    global _installed
    if _installed:
        return True
    import dataclasses

    if "exec" in vars(dataclasses):  # someone else's hook: leave it alone
        return False
    path = cache_path()
    known = _load(path)
    used: dict[str, Any] = {}
    added = False

    def cached_exec(source: Any, globals: Any = None, locals: Any = None, /) -> None:
        nonlocal added
        if isinstance(source, str):
            code = known.get(source)
            if code is None:
                # what exec(source) compiles: file "<string>", no __future__ flags inherited
                code = compile(source, "<string>", "exec", dont_inherit=True)
                known[source] = code
                added = True
            used[source] = code
            source = code
        builtins.exec(source, globals, locals)

    def save() -> None:
        if not added:
            return
        kept = dict(used)  # this run's first, then older ones up to the limit
        for text, code in known.items():
            if len(kept) >= MAX_ENTRIES:
                break
            kept.setdefault(text, code)
        write_private(path, marshal.dumps(kept))

    dataclasses.exec = cached_exec  # type: ignore[attr-defined]
    atexit.register(save)
    _installed = True
    return True
