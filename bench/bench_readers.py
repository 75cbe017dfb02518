"""Time each reader on the committed fixtures and the corpus (best of N, milliseconds)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from timing import best_ms

from planparse.readers import read_bytes, read_path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
CORPUS = ROOT / "corpus"


def _best_ms(fn: Callable[[], object], repeat: int) -> float:
    fn()  # warm the lazy imports (lxml, pdfplumber, charset_normalizer)
    return best_ms(fn, repeat)


def run() -> list[tuple[str, float]]:
    city = (CORPUS / "linfen-city-draft.txt").read_text(encoding="utf-8")
    gb = city.encode("gb18030")
    county = CORPUS / "zezhou-county-2023.txt"
    cases: list[tuple[str, Callable[[], object], int]] = [
        ("read txt utf-8, county seed 1241 lines (ms)", lambda: read_path(county), 20),
        ("read txt gb18030, city seed (ms, detection)", lambda: read_bytes(gb, "city.txt"), 20),
        ("read docx fixture (ms)", lambda: read_path(DATA / "seed-plan.docx"), 20),
        ("read html fixture (ms)", lambda: read_path(DATA / "seed-plan.html"), 20),
        ("read pdf fixture, 2 pages (ms)", lambda: read_path(DATA / "seed-plan.pdf"), 5),
    ]
    return [(f"readers: {label}, best of {n}", _best_ms(fn, n)) for label, fn, n in cases]


if __name__ == "__main__":
    for label, ms in run():
        print(f"{label}: {ms:.1f}")
