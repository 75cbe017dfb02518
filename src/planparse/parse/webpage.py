"""What a portal or an aggregator printed around a document copied from a web page.

Government portals print a metadata block before the document (索引号 / 发布机构 / 文号 /
成文日期 / 发布日期 …) as ``key:value`` lines, ``key value`` pairs, ``| key: | value |`` table
rows, ``[key]`` or numbered ``1.[key]`` fields, or a key on one line and its value on the next,
sometimes twice; around it come bread-crumbs (当前位置：首页 > …), navigation bars and
print/share buttons. None of it is the document's text: the metadata fields are kept as
evidence (a 文号 or 成文日期 the document itself does not print), everything is listed as
dropped with its reason, and nothing of it is ever read as a title or an issuer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from planparse.model import Block, Dropped
from planparse.parse.grammar import load_toml
from planparse.parse.textview import view

# How far into the document a page frame is looked for (blocks).
_HEAD_BLOCKS = 60


@dataclass(frozen=True)
class _Vocabulary:
    first: re.Pattern[str]  # a field key opening a line
    later: re.Pattern[str]  # any further field key
    role_of: dict[str, str]  # squeezed key -> role (doc_number, issuer, date, …)
    chrome: tuple[re.Pattern[str], ...]
    nav_separators: int
    nav_item_chars: int


@cache
def _vocabulary() -> _Vocabulary:
    web = load_toml("grammar.toml")["web"]
    role_of = {key: role for role, keys in web["fields"].items() for key in keys}
    spaced = sorted(role_of, key=len, reverse=True)
    # A key is printed with inner spaces (文  号), in brackets ([文号]) or numbered (1.[文号]);
    # the first opens the line. Later keys follow at once (cleaning removed the spaces
    # between them): with a colon where the first has one, else bare.
    alternatives = "|".join(r"\s*".join(map(re.escape, key)) for key in spaced)
    first = re.compile(
        rf"^(?:\d{{1,2}}\s*[.．、]\s*)?[【\[]?\s*(?P<key>{alternatives})\s*[】\]]?\s*(?P<sep>[：|｜]|\s|$)?"
    )
    later = re.compile(
        rf"(?:\d{{1,2}}\s*[.．、]\s*)?[【\[]?(?P<key>{alternatives})\s*[】\]]?\s*(?P<sep>[：|｜])?"
    )
    # Searched one by one: each keeps its own literal prefix, which an alternation of them
    # would lose (twice the time, measured).
    chrome = tuple(re.compile(p) for p in web["chrome"]["patterns"])
    return _Vocabulary(
        first,
        later,
        role_of,
        chrome,
        int(web["chrome"]["nav_separators"]),
        int(web["chrome"]["nav_item_chars"]),
    )


@dataclass
class WebHead:
    kept: list[Block]
    dropped: list[Dropped] = field(default_factory=list)
    fields: dict[str, str] = field(default_factory=dict)  # role -> first value printed


def read_fields(text: str) -> list[tuple[str, str]] | None:
    """The (role, value) pairs of a metadata line, or None when the line is not one.

    The line must open with a field key; each value runs to the next key.
    """
    voc = _vocabulary()
    seen = view(text).strip().lstrip("•·|｜-*－ ")
    opening = voc.first.match(seen)
    if opening is None:
        return None
    sep = opening.group("sep")
    colon = bool(sep) and not sep.isspace()
    keys = [(opening.start("key"), opening.end(), opening.group("key"))]
    pos = opening.end()
    while (found := voc.later.search(seen, pos)) is not None:
        if colon == bool(found.group("sep")):
            keys.append((found.start(), found.end(), found.group("key")))
        pos = found.end()
    if not colon and (len(keys) < 2 or re.search(r"[，。；]", seen)):
        return None  # a sentence that happens to open with a key word
    pairs: list[tuple[str, str]] = []
    for i, (_start, end, key) in enumerate(keys):
        stop = keys[i + 1][0] if i + 1 < len(keys) else len(seen)
        value = seen[end:stop].strip(" \t|｜：:•·-")
        pairs.append((voc.role_of[re.sub(r"\s+", "", key)], _as_printed(text, seen, value)))
    return pairs


def _as_printed(text: str, seen: str, value: str) -> str:
    """``value`` found in the view, as printed in ``text`` (the view keeps positions)."""
    if not value:
        return ""
    offset = len(text) - len(text.lstrip().lstrip("•·|｜-*－ "))
    start = seen.find(value)
    return text[offset + start : offset + start + len(value)].strip()


def is_chrome(text: str) -> bool:
    """A line of the page frame: bread-crumb, navigation bar, buttons."""
    voc = _vocabulary()
    seen = view(text).strip()
    if any(p.search(seen) for p in voc.chrome):
        return True
    cells = [c.strip() for c in re.split(r"[|｜]", seen)]
    return len(cells) > voc.nav_separators and all(
        len(c) <= voc.nav_item_chars and not re.search(r"[。，；]", c) for c in cells
    )


_DATE_LIKE = re.compile(r"^\d{4}\s*[-./年]\s*\d{1,2}")
_NAME_LIKE = re.compile(r"(人民政府|办公厅|办公室|委员会|局|厅|委|部|办)$")


def _is_value(text: str, role: str) -> bool:
    """A line that can be the value of a key printed alone on the line before: short, no
    sentence, and of the key's kind (a date for a date key; a body's name only where the key
    names a body or a title), so an empty field never swallows the document's first line."""
    seen = view(text).strip()
    if len(seen) > 60 or seen.endswith("：") or re.search(r"[，。；]", seen) or is_chrome(text):
        return False
    if role in ("date", "published"):
        return bool(_DATE_LIKE.match(seen))
    if role in ("issuer", "source", "title"):
        return True
    return not _NAME_LIKE.search(seen) and "关于" not in seen


def strip_web_head(blocks: list[Block]) -> WebHead:
    """Separate the page frame and metadata block from the document's own lines."""
    voc = _vocabulary()
    head = WebHead(kept=[])
    kinds: list[str | None] = [None] * len(blocks)
    limit = min(len(blocks), _HEAD_BLOCKS)
    pending_role: str | None = None  # a key printed alone: its value is the next line
    cells = {i for i in range(limit) if blocks[i].kind == "tablecell"}  # a task table's
    for i in range(limit):
        if i in cells:
            continue
        text = blocks[i].text
        pairs = read_fields(text)
        if pairs is not None:
            kinds[i] = "meta"
            for role, value in pairs:
                if value and role not in head.fields:
                    head.fields[role] = value
            pending_role = pairs[-1][0] if not pairs[-1][1] else None
            continue
        if pending_role is not None and _is_value(text, pending_role):
            kinds[i] = "meta"
            head.fields.setdefault(pending_role, text.strip())
            pending_role = None
            continue
        pending_role = None
        if is_chrome(text):
            kinds[i] = "chrome"
    # A short line that is a whole step of a bread-crumb is the page's section name (诚信规章);
    # a name only contained in a step (太湖县人民政府 in 太湖县人民政府办公室信息公开) is not.
    crumbs = {
        part.strip()
        for i in range(limit)
        if kinds[i] == "chrome"
        for part in re.split(r"[>＞»›|｜]", view(blocks[i].text))
    }
    for i in range(limit):
        text = blocks[i].text.strip()
        if (
            kinds[i] is None
            and i not in cells
            and len(text) <= voc.nav_item_chars
            and view(text) in crumbs
        ):
            kinds[i] = "chrome"
    # A short item between two frame lines is a navigation entry (党建工作 between bars).
    for i in range(1, limit - 1):
        if (
            kinds[i] is None
            and i not in cells
            and kinds[i - 1] == "chrome"
            and kinds[i + 1] == "chrome"
            and len(blocks[i].text.strip()) <= voc.nav_item_chars
        ):
            kinds[i] = "chrome"
    reasons = {
        "meta": "web page metadata block (索引号/文号/发布机构…), kept as evidence",
        "chrome": "web page frame (bread-crumb, navigation, buttons)",
    }
    for block, kind in zip(blocks, kinds, strict=True):
        if kind is None:
            head.kept.append(block)
        else:
            head.dropped.append(Dropped(block.text, reasons[kind], block.lines))
    return head
