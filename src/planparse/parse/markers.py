"""The printed numbering of Chinese official documents (GB/T 9704): one grammar for every stage.

第X部分 > 第X章 > 第X节 > 一、 > （一） > 1． > （1）, plus the ——dash items of target lists.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from planparse.parse.numerals import cn_to_int

_CN = "一二三四五六七八九十百零〇两"
MARKER_TYPES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("part", re.compile(rf"^第(?P<n>[{_CN}\d]+)(?:部分|篇)\s*")),
    ("chapter", re.compile(rf"^第(?P<n>[{_CN}\d]+)章\s*")),
    ("section", re.compile(rf"^第(?P<n>[{_CN}\d]+)节\s*")),
    ("cn", re.compile(rf"^(?P<n>[{_CN}]+)、\s*")),
    ("paren_cn", re.compile(rf"^[（(]\s*(?P<n>[{_CN}]+)\s*[）)]\s*")),
    ("arabic", re.compile(r"^(?P<n>\d{1,3})\s*[．.、](?!\d)\s*")),
    ("paren_arabic", re.compile(r"^[（(]\s*(?P<n>\d{1,3})\s*[）)]\s*")),
)
RANK = {name: i for i, (name, _) in enumerate(MARKER_TYPES)}
SECTION_TYPES = ("part", "chapter", "section", "cn", "paren_cn")
# A numbered item (heading, task, 专栏 item or indicator): number, then the rest of the text.
NUMBERED = re.compile(r"^(?P<num>\d{1,3})\s*[．.、](?!\d)\s*(?P<rest>.*)$", re.S)
_DASH_ITEM = re.compile(r"^——")


@dataclass
class Marker:
    type: str
    printed: str
    ordinal: int
    rest: str


# The characters a marker can open with (besides a digit, \d, which is str.isdecimal): most
# lines open with none of them, and are answered without trying the seven patterns.
_OPENERS = frozenset("第（(" + _CN)


def read_marker(text: str) -> Marker | None:
    first = text[:1]
    if first not in _OPENERS and not first.isdecimal():
        return None
    for name, pattern in MARKER_TYPES:
        match = pattern.match(text)
        if match:
            ordinal = cn_to_int(match.group("n"))
            if ordinal is None:
                continue
            return Marker(name, match.group(0).strip(), ordinal, text[match.end() :])
    return None


def starts_with_number(text: str) -> bool:
    """A heading or list marker, or a ——dash item, at the start of ``text``."""
    return read_marker(text) is not None or bool(_DASH_ITEM.match(text))


def starts_section(text: str) -> bool:
    """A marker of a part, chapter, section, 一、 or （一）: never inside a table or box."""
    marker = read_marker(text)
    return marker is not None and marker.type in SECTION_TYPES


def item_number(text: str) -> int | None:
    """The number of a numbered item (1． / 1. / 1、), else None."""
    match = NUMBERED.match(text)
    return int(match.group("num")) if match else None
