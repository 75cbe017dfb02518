"""A matching view of text: simplified characters and full-width punctuation, same length.

Documents reach us in traditional characters (關於印發) and with half-width punctuation
(``各县(市、区)人民政府,市直各部门:``) as often as in the GB/T 9704 forms. Recognisers run on
this view so one vocabulary covers all of them; because the view has exactly the length of the
text, a position found in the view slices the text as printed, which is what is output.
"""

from __future__ import annotations

import re
from functools import cache

from planparse.parse.grammar import load_toml
from planparse.resources import simplified_characters


@cache
def _table() -> dict[int, int]:
    table = dict(simplified_characters())
    for half, full in load_toml("grammar.toml")["script"]["halfwidth"].items():
        table[ord(half)] = ord(full)
    return table


@cache
def _mapped() -> re.Pattern[str]:
    """Any character the table changes. Most text has none and is its own view: one search
    (C speed) instead of a translate, which pays a failed dict lookup for every character."""
    return re.compile("[" + re.escape("".join(map(chr, sorted(_table())))) + "]")


@cache
def _pinyin() -> re.Pattern[str]:
    return re.compile("|".join(load_toml("grammar.toml")["artifacts"]["pinyin_annotations"]))


def view(text: str) -> str:
    """``text`` with traditional characters simplified and ``, : ; ( )`` made full-width; pinyin
    that a converter printed after a character (發(fā)) reads as spaces."""
    if "(" in text:
        text = _pinyin().sub(lambda m: " " * len(m.group(0)), text)
    if _mapped().search(text) is None:
        return text
    return text.translate(_table())


_SPACE = re.compile(r"\s+")


def squeeze(text: str) -> str:
    """The view without any whitespace (titles split by a space or over lines compare equal)."""
    return _SPACE.sub("", view(text))
