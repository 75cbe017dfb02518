"""A synthetic corpus of N plans made by perturbing the two seeds, for `bench_batch`.

Each plan is a seed with its second-level sections reordered (and renumbered), some tasks
dropped, the 2025 targets changed, and the places renamed (泽州县 -> 阳城县, 县 -> 区 for a
district, 晋城/临汾 -> another city). The parser locates the sections, tasks and targets, so
the edits follow the document's structure. One plan in ten is written in GB18030 and one in
a hundred is corrupt, as in a real download folder.

    python bench/make_corpus.py [N] [OUT_DIR]
"""

from __future__ import annotations

import random
import re
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from planparse.parse.pipeline import parse_text
from planparse.readers.numbering import chinese_count

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ("zezhou-county-2023.txt", "linfen-city-draft.txt")
COUNTIES = [
    "泽州",
    "阳城",
    "高平",
    "陵川",
    "沁水",
    "襄垣",
    "平顺",
    "黎城",
    "壶关",
    "武乡",
    "沁源",
    "洪洞",
    "浮山",
    "翼城",
    "曲沃",
    "古县",
    "安泽",
]
CITIES = ["晋城", "临汾", "长治", "运城", "吕梁", "忻州", "大同", "朔州", "阳泉", "晋中"]
_TARGET = re.compile(r"^(\s*[≥≤><＞＜]?\s*)(\d+(?:\.\d+)?)(\s*[%％人户个次]*\s*)$")
_NUMERAL = re.compile(r"[一二三四五六七八九十]+")


@dataclass
class Seed:
    name: str
    lines: list[str]
    sections: list[list[tuple[int, int, str]]]  # sibling groups of (first, last, marker)
    tasks: list[tuple[int, int]]
    targets: list[int]  # lines holding a target cell


def load_seed(name: str) -> Seed:
    text = (ROOT / "corpus" / name).read_text(encoding="utf-8")
    lines = text.split("\n")
    plan = parse_text(text, name)
    starts = sorted((h.lines[0] - 1, h.level, h.marker) for h in plan.headings)
    groups: dict[int, list[tuple[int, int, str]]] = {}
    chapter = -1
    for index, (first, level, marker) in enumerate(starts):
        if level == 1:
            chapter = first
        following = [s for s, lv, _ in starts[index + 1 :] if lv <= 2]
        if level == 2 and following:  # the last section has no known end: it stays put
            groups.setdefault(chapter, []).append((first, following[0] - 1, marker))
    tasks = [(t.lines[0] - 1, t.lines[1] - 1) for t in plan.tasks]
    targets = [
        i
        for ind in plan.indicators
        for i in range(ind.lines[0] - 1, ind.lines[1])
        if _TARGET.match(lines[i])
    ]
    sections = [g for g in groups.values() if len(g) > 1]
    return Seed(name, lines, sections, tasks, targets)


def perturb(seed: Seed, rng: random.Random) -> str:
    order = list(range(len(seed.lines)))
    edits: dict[int, str] = {}
    for group in seed.sections:
        if rng.random() < 0.5:
            continue
        shuffled = group[:]
        rng.shuffle(shuffled)
        start, end = group[0][0], group[-1][1]
        moved = [i for first, last, _ in shuffled for i in range(first, last + 1)]
        order[start : end + 1] = moved
        for ordinal, (first, _, marker) in enumerate(shuffled, 1):
            new = _NUMERAL.sub(chinese_count(ordinal), marker, count=1)
            edits[first] = seed.lines[first].replace(marker, new, 1)
    dropped = {
        i
        for first, last in rng.sample(seed.tasks, k=min(len(seed.tasks), rng.randint(0, 3)))
        for i in range(first, last + 1)
    }
    for i in seed.targets:
        if rng.random() < 0.4:
            edits[i] = _TARGET.sub(lambda m: _changed(m, rng), seed.lines[i])
    text = "\n".join(edits.get(i, seed.lines[i]) for i in order if i not in dropped)
    return _rename(text, seed.name, rng)


def _changed(match: re.Match[str], rng: random.Random) -> str:
    value = float(match.group(2))
    new = value * rng.uniform(0.8, 1.15)
    new = min(new, 100.0) if value <= 100 else new
    return f"{match.group(1)}{round(new)}{match.group(3)}"


def _rename(text: str, seed: str, rng: random.Random) -> str:
    city = rng.choice(CITIES)
    if seed.startswith("zezhou"):
        text = text.replace("泽州", rng.choice(COUNTIES)).replace("晋城", city)
        if rng.random() < 0.3:  # a district of the city rather than a county
            text = text.replace("县", "区")
    else:
        text = text.replace("临汾", city)
    return text


def make_corpus(n: int = 1000, out_dir: str | Path | None = None, seed: int = 0) -> Path:
    """Write `n` plans into `out_dir` (a new temporary folder by default) and return it."""
    rng = random.Random(seed)
    out = Path(out_dir) if out_dir else Path(tempfile.mkdtemp(prefix="planparse-corpus-"))
    out.mkdir(parents=True, exist_ok=True)
    seeds = [load_seed(name) for name in SEEDS]
    for index in range(n):
        folder = out / f"batch-{index // 100:03d}"  # nested, as a crawl would be
        folder.mkdir(exist_ok=True)
        path = folder / f"plan-{index:05d}.txt"
        if index % 100 == 99:
            path.with_suffix(".docx").write_bytes(rng.randbytes(2048))
            continue
        text = perturb(seeds[index % len(seeds)], rng)
        encoding = "gb18030" if index % 10 == 3 else "utf-8"
        path.write_bytes(text.encode(encoding))
    return out


if __name__ == "__main__":
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    target = sys.argv[2] if len(sys.argv) > 2 else None
    print(make_corpus(count, target))
