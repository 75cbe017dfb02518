"""Kangxi radicals and CJK radicals supplement characters back to unified ideographs.

Some PDF producers (Chromium's print to PDF among them, with fonts that draw 一 and the
radical ⼀ with one glyph) give the radical code point in the text layer: `⼀、总则` with
U+2F00, which looks right and matches nothing. Text copied out of such a PDF carries them
into .txt, .html and .docx files too.

Only these two blocks are mapped: NFKC would do the Kangxi block, but it would also turn the
full-width punctuation of the plan (（）：，) into ASCII, which the output must keep as printed.
The Kangxi block (U+2F00-U+2FD5) maps by its compatibility decomposition; the supplement
(U+2E80-U+2EF3) has one only for U+2E9F and U+2EF3, so the rest come from Unicode's
EquivalentUnifiedIdeograph.txt. U+2E80 (CJK RADICAL REPEAT) has no equivalent and stays.
"""

from __future__ import annotations

import re
import unicodedata

_SUPPLEMENT = {
    0x2E81: "厂", 0x2E82: "乛", 0x2E83: "乚", 0x2E84: "乙", 0x2E85: "亻", 0x2E86: "冂",
    0x2E87: "\U00020628", 0x2E88: "刀", 0x2E89: "刂", 0x2E8A: "卜", 0x2E8B: "㔾", 0x2E8C: "小",
    0x2E8D: "小", 0x2E8E: "兀", 0x2E8F: "尣", 0x2E90: "尢", 0x2E91: "\U00021bc2", 0x2E92: "巳",
    0x2E93: "幺", 0x2E94: "彑", 0x2E95: "\U0002b739", 0x2E96: "忄", 0x2E97: "心", 0x2E98: "扌",
    0x2E99: "攵", 0x2E9B: "旡", 0x2E9C: "日", 0x2E9D: "月", 0x2E9E: "歺", 0x2EA0: "民", 0x2EA1: "氵",
    0x2EA2: "氺", 0x2EA3: "灬", 0x2EA4: "爫", 0x2EA5: "爫", 0x2EA6: "丬", 0x2EA7: "牛", 0x2EA8: "犭",
    0x2EA9: "王", 0x2EAA: "\U00024d14", 0x2EAB: "目", 0x2EAC: "示", 0x2EAD: "礻", 0x2EAE: "\U00025ad7",
    0x2EAF: "糹", 0x2EB0: "纟", 0x2EB1: "罓", 0x2EB2: "罒", 0x2EB3: "㓁", 0x2EB4: "冗",
    0x2EB5: "\U0002626b", 0x2EB6: "羊", 0x2EB7: "\U0002634c", 0x2EB8: "\U0002634b", 0x2EB9: "耂",
    0x2EBA: "肀", 0x2EBB: "聿", 0x2EBC: "肉", 0x2EBD: "\U00026951", 0x2EBE: "艹", 0x2EBF: "艹",
    0x2EC0: "艹", 0x2EC1: "虎", 0x2EC2: "衤", 0x2EC3: "覀", 0x2EC4: "西", 0x2EC5: "见", 0x2EC6: "角",
    0x2EC7: "\U000278b2", 0x2EC8: "讠", 0x2EC9: "贝", 0x2ECA: "\U00027fb7", 0x2ECB: "车", 0x2ECC: "辶",
    0x2ECD: "辶", 0x2ECE: "辶", 0x2ECF: "邑", 0x2ED0: "钅", 0x2ED1: "長", 0x2ED2: "镸", 0x2ED3: "长",
    0x2ED4: "门", 0x2ED5: "\U00028e0f", 0x2ED6: "阝", 0x2ED7: "雨", 0x2ED8: "青", 0x2ED9: "韦",
    0x2EDA: "页", 0x2EDB: "风", 0x2EDC: "飞", 0x2EDD: "食", 0x2EDE: "\U0002967f", 0x2EDF: "飠",
    0x2EE0: "饣", 0x2EE1: "\U00029810", 0x2EE2: "马", 0x2EE3: "骨", 0x2EE4: "鬼", 0x2EE5: "鱼",
    0x2EE6: "鸟", 0x2EE7: "卤", 0x2EE8: "麦", 0x2EE9: "黄", 0x2EEA: "黾", 0x2EEB: "斉", 0x2EEC: "齐",
    0x2EED: "歯", 0x2EEE: "齿", 0x2EEF: "竜", 0x2EF0: "龙", 0x2EF1: "龜", 0x2EF2: "亀",
}  # fmt: skip

RADICALS = re.compile("[\u2e80-\u2ef3\u2f00-\u2fd5]")


def _table() -> dict[int, str]:
    table = {c: unicodedata.normalize("NFKC", chr(c)) for c in range(0x2F00, 0x2FD6)}
    for c in (0x2E9F, 0x2EF3):
        table[c] = unicodedata.normalize("NFKC", chr(c))
    table.update(_SUPPLEMENT)
    return table


TABLE = _table()


def map_radicals(lines: list[str]) -> tuple[list[str], dict[str, int]]:
    """The lines with every mappable radical replaced, and how often each radical was."""
    counts: dict[str, int] = {}
    out = []
    for line in lines:
        if RADICALS.search(line):
            for ch in RADICALS.findall(line):
                if ord(ch) in TABLE:
                    counts[ch] = counts.get(ch, 0) + 1
            line = line.translate(TABLE)
        out.append(line)
    return out, counts


def radicals_note(counts: dict[str, int]) -> str:
    """The `kangxi-mapped:` note for what `map_radicals` replaced."""
    total = sum(counts.values())
    common = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:5]
    shown = ", ".join(f"{ch} U+{ord(ch):04X}→{TABLE[ord(ch)]} x{n}" for ch, n in common)
    more = ", …" if len(counts) > len(common) else ""
    return (
        f"kangxi-mapped: {total} radical character(s) mapped to unified ideographs "
        f"(the font's Unicode map gives radicals for ideographs): {shown}{more}"
    )
