"""Word automatic numbering (numbering.xml) rendered as the text Word would print.

Chinese plans often number their headings (一、 / （一） / 1．) automatically; the number is
then absent from the paragraph's text, yet it is the main signal of level downstream.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

_DIGITS = "〇一二三四五六七八九"
_COUNT = "零一二三四五六七八九"
_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_LEGAL_TRAD = "零壹貳參肆伍陸柒捌玖"
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_PAREN = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇"
_FULLSTOP = "⒈⒉⒊⒋⒌⒍⒎⒏⒐⒑⒒⒓⒔⒕⒖⒗⒘⒙⒚⒛"


def chinese_count(
    n: int, digits: str = _COUNT, units: str = "十百千", short_ten: bool = True
) -> str:
    """Chinese counting: 11 -> 十一, 20 -> 二十, 105 -> 一百零五 (legal style: 壹拾壹)."""
    if n <= 0 or n >= 10000:
        return str(n)
    parts: list[str] = []
    values = [(1000, units[2]), (100, units[1]), (10, units[0])]
    rest = n
    zero = False
    for value, unit in values:
        d, rest = divmod(rest, value)
        if d:
            if zero:
                parts.append(digits[0])
                zero = False
            parts.append(("" if short_ten and value == 10 and n < 20 else digits[d]) + unit)
        elif parts:
            zero = True
    if rest:
        if zero:
            parts.append(digits[0])
        parts.append(digits[rest])
    return "".join(parts)


def _roman(n: int) -> str:
    if n <= 0 or n >= 4000:
        return str(n)
    out = []
    for value, sym in (
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    ):  # fmt: skip
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)


def _letters(n: int) -> str:
    # Word repeats the letter: 27 -> aa, 28 -> bb.
    if n <= 0 or n > 26 * 20:  # a hostile start value must not build a huge string
        return str(n)
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _table(symbols: str, n: int) -> str:
    return symbols[n - 1] if 1 <= n <= len(symbols) else str(n)


def format_number(n: int, fmt: str) -> str:
    if fmt in ("chineseCounting", "chineseCountingThousand", "taiwaneseCounting",
               "taiwaneseCountingThousand", "japaneseCounting", "koreanCounting"):  # fmt: skip
        return chinese_count(n)
    if fmt in ("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand"):
        return "".join(_DIGITS[int(d)] for d in str(n)) if n >= 0 else str(n)
    if fmt == "chineseLegalSimplified":
        return chinese_count(n, _LEGAL, "拾佰仟", short_ten=False)
    if fmt in ("ideographLegalTraditional", "japaneseLegal"):
        return chinese_count(n, _LEGAL_TRAD, "拾佰仟", short_ten=False)
    if fmt == "ideographTraditional":
        return _table(_STEMS, n)
    if fmt == "ideographZodiac":
        return _table(_BRANCHES, n)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese", "ideographEnclosedCircle"):
        return _table(_CIRCLED, n)
    if fmt == "decimalEnclosedParen":
        return _table(_PAREN, n)
    if fmt == "decimalEnclosedFullstop":
        return _table(_FULLSTOP, n)
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return "".join(chr(ord(d) + 0xFEE0) for d in str(n))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "none":
        return ""
    return str(n)


@dataclass
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    suffix: str = "tab"
    legal: bool = False


@dataclass
class Num:
    abstract: str
    levels: dict[int, Level] = field(default_factory=dict)
    restarts: dict[int, int] = field(default_factory=dict)


_PLACEHOLDER = re.compile(r"%([1-9])")
_CLOSES_ITSELF = tuple("、，,.．。:：)）] ")


class Numbering:
    """Counters across one document; call `label()` for every paragraph in document order."""

    def __init__(self, root: Any | None, w: str) -> None:
        self.abstracts: dict[str, dict[int, Level]] = {}
        self.nums: dict[str, Num] = {}
        self.counters: dict[str, list[int | None]] = {}
        self.used: set[str] = set()
        if root is None:
            return
        q = f"{{{w}}}"
        for an in root.iter(f"{q}abstractNum"):
            aid = an.get(f"{q}abstractNumId", "")
            self.abstracts[aid] = {
                _int(lvl.get(f"{q}ilvl"), 0): _level(lvl, q) for lvl in an.iter(f"{q}lvl")
            }
        for num in root.iter(f"{q}num"):
            ref = num.find(f"{q}abstractNumId")
            entry = Num(abstract=ref.get(f"{q}val", "") if ref is not None else "")
            for ov in num.iter(f"{q}lvlOverride"):
                ilvl = _int(ov.get(f"{q}ilvl"), 0)
                so = ov.find(f"{q}startOverride")
                if so is not None:
                    entry.restarts[ilvl] = _int(so.get(f"{q}val"), 1)
                lvl = ov.find(f"{q}lvl")
                if lvl is not None:
                    entry.levels[ilvl] = _level(lvl, q)
            self.nums[num.get(f"{q}numId", "")] = entry

    def label(self, num_id: str | None, ilvl: int) -> str:
        """The printed number for a paragraph in list `num_id` at level `ilvl`, with suffix."""
        if not num_id or num_id == "0" or num_id not in self.nums:
            return ""
        num = self.nums[num_id]
        levels = dict(self.abstracts.get(num.abstract, {}))
        levels.update(num.levels)
        if ilvl not in levels or not 0 <= ilvl < 9:
            return ""
        # All instances of an abstract list share its counters; an instance with a
        # startOverride restarts them where it is first used ("restart numbering" in Word).
        # This is what LibreOffice prints for such a document.
        counters = self.counters.setdefault(num.abstract, [None] * 9)
        if num_id not in self.used:
            self.used.add(num_id)
            for k in num.restarts:
                counters[k] = None
        for k in range(ilvl):
            if counters[k] is None:
                counters[k] = _start(levels, num, k)
        current = counters[ilvl]
        counters[ilvl] = _start(levels, num, ilvl) if current is None else current + 1
        for k in range(ilvl + 1, 9):
            counters[k] = None
        lvl = levels[ilvl]

        def value(match: re.Match[str]) -> str:
            k = int(match.group(1)) - 1
            n = counters[k] if counters[k] is not None else _start(levels, num, k)
            fmt = "decimal" if lvl.legal else levels.get(k, lvl).fmt
            return format_number(n or 0, fmt)

        if lvl.fmt == "bullet":
            text = "•" if not lvl.text or "\ue000" <= lvl.text[0] <= "\uf8ff" else lvl.text
        else:
            text = _PLACEHOLDER.sub(value, lvl.text)
        if not text:
            return ""
        if lvl.suffix == "space" or (lvl.suffix == "tab" and not text.endswith(_CLOSES_ITSELF)):
            text += " "
        return text


def _start(levels: dict[int, Level], num: Num, k: int) -> int:
    if k in num.restarts:
        return num.restarts[k]
    return levels[k].start if k in levels else 1


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _level(lvl: Any, q: str) -> Level:
    def val(tag: str) -> str | None:
        el = lvl.find(f"{q}{tag}")
        return el.get(f"{q}val") if el is not None else None

    legal = lvl.find(f"{q}isLgl")
    return Level(
        start=_int(val("start"), 1),
        fmt=val("numFmt") or "decimal",
        text=val("lvlText") if val("lvlText") is not None else "",
        suffix=val("suff") or "tab",
        legal=legal is not None and legal.get(f"{q}val", "1") not in ("0", "false"),
    )
