"""JSON output, schema-stable (see schemas/*.schema.json).

Indented output goes through orjson: the standard library's encoder runs in pure Python as
soon as ``indent`` is given, which made writing a plan's JSON cost as much as parsing it.
orjson writes the same text (two-space indent, `"key": value`, UTF-8 unescaped) with one
difference in numbers: it never uses an exponent below 1e-4 (``0.00001`` where Python writes
``1e-05``), which is the same number to every JSON reader. Values orjson refuses (integers
beyond 64 bits, keys that are not strings) fall back to the standard encoder. orjson also
writes dataclasses itself, as objects of all their fields in order, which is what
planparse.model.plain makes of them: a plan goes to JSON without that conversion.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing is not imported at run time: start-up (see cli/launch)
if TYPE_CHECKING:
    from typing import Any


def to_json(data: Any, *, indent: int | None = 2) -> str:
    """``data`` as JSON. Dataclasses and tuples inside are written as planparse.model.plain
    makes them (objects of all their fields, arrays): orjson does so itself."""
    if indent == 2:
        import orjson

        try:
            return orjson.dumps(data, option=orjson.OPT_INDENT_2).decode("utf-8")
        except TypeError:  # orjson.JSONEncodeError: a value it cannot write
            pass
    import json

    from planparse.model import plain

    return json.dumps(plain(data), ensure_ascii=False, indent=indent)
