"""Parse time against input size: 100 KB to 6.4 MB, doubling, in two shapes.

"paragraphs" is the seed plans repeated (many short lines, as a long plan or a merged file);
"one line" is the same text with every line break removed (a PDF or web page extracted as a
single line). For each shape it prints the time per size, the throughput at the largest size
and the growth exponent: the least-squares slope of log(time) against log(size), 1.0 for
linear time. Times are the process's CPU time (best of a few runs), which other load on a
shared machine disturbs far less than wall-clock time.

    python bench/bench_scaling.py
"""

from __future__ import annotations

import math
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ("zezhou-county-2023.txt", "linfen-city-draft.txt")
SIZES_KB = [100 * 2**k for k in range(7)]  # 100 KB … 6.4 MB


def _seed_text() -> str:
    return "\n".join((ROOT / "corpus" / name).read_text(encoding="utf-8") for name in SEEDS)


def _sized(text: str, size: int, *, one_line: bool) -> str:
    """About ``size`` bytes of UTF-8 from ``text`` repeated, cut at a line end unless one line."""
    if one_line:
        text = text.replace("\n", "")
    copies = size // len(text.encode("utf-8")) + 1
    whole = (text + ("" if one_line else "\n")) * copies
    chars = len(whole) * size // len(whole.encode("utf-8"))
    cut = whole[:chars]
    return cut if one_line else cut[: cut.rfind("\n") + 1]


def _seconds(text: str, repeat: int) -> float:
    from planparse.parse.pipeline import parse_text

    best = math.inf
    for _ in range(repeat):
        start = time.process_time()
        parse_text(text)
        best = min(best, time.process_time() - start)
    return best


def growth_exponent(sizes: list[float], times: list[float]) -> float:
    """Least-squares slope of log(time) on log(size)."""
    xs, ys = [math.log(s) for s in sizes], [math.log(t) for t in times]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mx) ** 2 for x in xs
    )


def run() -> list[tuple[str, float]]:
    from planparse.parse.pipeline import parse_text

    seed = _seed_text()
    parse_text(seed)  # warm imports and the compiled grammar
    rows: list[tuple[str, float]] = []
    for shape, one_line in (("paragraphs", False), ("one line", True)):
        sizes, times = [], []
        for kb in SIZES_KB:
            text = _sized(seed, kb * 1000, one_line=one_line)
            mb = len(text.encode("utf-8")) / 1e6
            seconds = _seconds(text, repeat=3 if kb < 3000 else 2)
            sizes.append(mb)
            times.append(seconds)
            rows.append((f"parse {mb:.1f} MB as {shape} (CPU s)", seconds))
        rows.append((f"{shape}: seconds per MB at {sizes[-1]:.1f} MB", times[-1] / sizes[-1]))
        rows.append((f"{shape}: MB/s at {sizes[-1]:.1f} MB (target >= 2)", sizes[-1] / times[-1]))
        rows.append(
            (f"{shape}: growth exponent 0.1-6.4 MB (target <= 1.1)", growth_exponent(sizes, times))
        )
    return rows


if __name__ == "__main__":
    for label, value in run():
        print(f"{label:60} {value:10.3f}")
    sys.exit(0)
