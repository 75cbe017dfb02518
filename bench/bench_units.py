"""Time the unit normalizer: first call per name (uncached) over every name in the corpus."""

from __future__ import annotations

import re
import time
from pathlib import Path

from planparse.units import normalize as units

ROOT = Path(__file__).resolve().parent.parent


def corpus_names() -> list[str]:
    names: list[str] = []
    for path in sorted((ROOT / "corpus").glob("*.txt")):
        lines = path.read_text(encoding="utf-8").splitlines()
        text = "".join(line.strip() for line in lines if line.strip())
        for bracket in re.findall(r"[（(]([^（）()]*单位[:：][^（）()]*)[）)]", text):
            for listed in re.findall(r"单位[:：]([^；;，,]*)", bracket):
                names += [n.strip() for n in listed.split("、") if n.strip()]
    return names


def main() -> None:
    started = time.perf_counter()
    schema = units.load_schema()
    loaded = time.perf_counter() - started
    names = [*sorted(set(corpus_names())), "县人力资源和社保局", "市火星局", "县民政局局长"]
    started = time.perf_counter()
    for name in names:
        units.normalize_unit(name, schema)
    elapsed = time.perf_counter() - started
    print(
        f"schema: {len(schema.units)} units, {len(schema.index)} names, loaded in {loaded * 1e3:.1f} ms"
    )
    print(
        f"normalize: {len(names)} distinct names in {elapsed * 1e3:.1f} ms ({elapsed / len(names) * 1e6:.0f} µs/name, uncached)"
    )


if __name__ == "__main__":
    main()
