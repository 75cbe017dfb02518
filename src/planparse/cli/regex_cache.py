"""Compiled regular expressions kept between runs of the `planparse` command.

Parsing a plan compiles some 160 patterns (the document grammar, web metadata labels, unit
shapes, policy-tool cues), and CPython compiles each in pure Python: about 55 ms, four times a
bare interpreter's start-up, spent again by every run. What CPython hands to its C matcher in
the end is plain data (an int list of matcher code, the group names), so the command keeps that
data in the user cache folder and builds each pattern straight from it on the next run.

Installed only by the command-line entry point, in a process planparse owns: it replaces
``re``'s internal compile step (``re._compiler.compile``, ``sre_compile.compile`` before 3.11),
which a library must not do to its host program. It is a cache and nothing more:
- the file is named by the Python version and the matcher's code format, so another Python
  never reads it;
- an entry is the exact data CPython's own compile step would produce for the pattern; the C
  constructor validates the code, and an entry that fails is compiled afresh;
- a missing, unreadable or foreign file (marshal data only, no pickle: loading never runs code)
  means compiling as usual, and an unwritable folder means not saving.
On a Python whose internals differ from the ones this was written against, nothing is installed.
"""

from __future__ import annotations

import atexit
import marshal
import sys
from array import array

from planparse.private_cache import cache_file, read_private, write_private

TYPE_CHECKING = False  # typing itself is one more import on this path
if TYPE_CHECKING:
    from typing import Any

MAX_ENTRIES = 1000  # patterns built from document text (escaped names) must not grow it forever
_CODE_TYPE = "I"  # the matcher's code units (SRE_CODE, CODESIZE bytes: checked at install)
_DEBUG = 128  # re.DEBUG: printing the code is the point of that flag, so it bypasses the cache

# (flags, matcher code packed as unsigned ints, groups - 1, group names -> numbers, numbers ->
# names): the arguments of _sre.compile after the pattern, with the code kept as bytes so that
# loading the file builds no int objects for the patterns a run does not use
Entry = tuple[int, bytes, int, dict[str, int], tuple[str | None, ...]]


class _State:
    def __init__(self, path: str, entries: dict[tuple[str, int], Entry]) -> None:
        self.path = path
        self.entries = entries
        self.used: dict[tuple[str, int], Entry] = {}
        self.added = False


_state: _State | None = None


def _modules() -> tuple[Any, Any, Any] | None:
    """re's compiler and parser modules and _sre, if they have the shape this relies on."""
    try:
        import _sre

        if sys.version_info >= (3, 11):
            from re import _compiler as compiler
            from re import _parser as parser
        else:  # pragma: no cover - 3.10
            import sre_compile as compiler
            import sre_parse as parser
        if not (callable(compiler.compile) and callable(compiler._code)):
            return None
        if array(_CODE_TYPE).itemsize != getattr(_sre, "CODESIZE", 0):
            return None
        if not callable(parser.parse):
            return None
        return compiler, parser, _sre
    except (ImportError, AttributeError):
        return None


def cache_path() -> str:
    """The cache file for this Python and this version of the matcher's code format."""
    import _sre

    key = f"{getattr(_sre, 'MAGIC', '')}|{getattr(_sre, 'CODESIZE', '')}"
    return cache_file("regex", key)


def _valid(item: Any) -> bool:
    if not (isinstance(item, tuple) and len(item) == 7):
        return False
    pattern, flags, final, code, groups, index, names = item
    return (
        isinstance(pattern, str)
        and isinstance(flags, int)
        and isinstance(final, int)
        and isinstance(code, bytes)
        and isinstance(groups, int)
        and isinstance(index, dict)
        and isinstance(names, tuple)
    )


def _load(path: str) -> dict[tuple[str, int], Entry]:
    data = read_private(path)
    if data is None:
        return {}
    try:
        items = marshal.loads(data)
    except (EOFError, ValueError, TypeError):
        return {}
    if not isinstance(items, list):
        return {}
    return {(item[0], item[1]): item[2:] for item in items if _valid(item)}


def _save() -> None:
    state = _state
    if state is None or not state.added:
        return
    kept = dict(state.used)  # this run's patterns first, then older ones up to the limit
    for key, entry in state.entries.items():
        if len(kept) >= MAX_ENTRIES:
            break
        kept.setdefault(key, entry)
    try:
        data = marshal.dumps([(key[0], key[1], *entry) for key, entry in kept.items()])
    except ValueError:
        return
    write_private(state.path, data)


def install() -> bool:
    """Route this process's regular-expression compiling through the cache; saved at exit.
    Returns whether it was installed."""
    global _state
    if _state is not None:
        return True
    found = _modules()
    if found is None:
        return False
    compiler, parser, sre = found
    original = compiler.compile
    state = _State(cache_path(), {})
    state.entries = _load(state.path)

    def compile_cached(p: Any, flags: int = 0) -> Any:
        if not isinstance(p, str) or flags & _DEBUG:
            return original(p, flags)
        key = (p, flags)
        entry = state.entries.get(key)
        if entry is not None:
            flags_out, packed, groups, groupindex, names = entry
            try:
                code = array(_CODE_TYPE, packed).tolist()
                pattern = sre.compile(p, flags_out, code, groups, groupindex, names)
                state.used[key] = entry
                return pattern
            except Exception:
                del state.entries[key]
        # CPython's own compile step (re._compiler.compile), keeping its intermediate data
        parsed = parser.parse(p, flags)
        code = [int(op) for op in compiler._code(parsed, flags)]  # opcodes are int subclasses
        groupindex = dict(parsed.state.groupdict)
        names: list[str | None] = [None] * parsed.state.groups
        for name, index in groupindex.items():
            names[index] = name
        final = flags | parsed.state.flags
        pattern = sre.compile(p, final, code, parsed.state.groups - 1, groupindex, tuple(names))
        try:
            packed = array(_CODE_TYPE, code).tobytes()
        except OverflowError:  # not representable in the packed form: compiled, not kept
            return pattern
        entry = (final, packed, parsed.state.groups - 1, groupindex, tuple(names))
        state.entries[key] = state.used[key] = entry
        state.added = True
        return pattern

    compiler.compile = compile_cached
    _state = state
    atexit.register(_save)
    return True
