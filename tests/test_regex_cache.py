"""The command's regex cache gives the very patterns `re` would, and is only ever a shortcut.

Each test runs in a fresh interpreter: the cache replaces a step of `re` for the whole process,
which the test process itself must not have."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import CORPUS_DIR, COUNTY_FILE, run_probe

# Compiles the patterns given as JSON [[pattern, flags], ...] through the cache, and prints
# what each compiled pattern is and what it finds in the sample texts.
_PROBE = r"""
import json, re, sys
from planparse.cli import regex_cache
installed = regex_cache.install()
patterns = json.loads(sys.argv[1])
samples = json.loads(sys.argv[2])
out = []
for source, flags in patterns:
    p = re.compile(source, flags)
    out.append({
        "pattern": p.pattern, "flags": p.flags, "groups": p.groups,
        "groupindex": dict(p.groupindex),
        "found": [[m.span(), m.groups()] for s in samples for m in p.finditer(s)],
    })
print(json.dumps({"installed": installed, "patterns": out}, ensure_ascii=False))
"""

PATTERNS = [
    [r"^(?P<num>[一二三四五六七八九十]+)、\s*(?P<title>.+)$", 0],
    [r"（(?P<who>[^（）]{2,40}?)(?:牵头|负责)[，,、]?(?P<with>[^（）]*)?）", 0],
    [r"(?<=[\u3400-\u9fff])\s+(?=[\u3400-\u9fff])", 0],
    [r"(\d+(?:\.\d+)?)\s*(%|％|个百分点|万人|亿元)", re.IGNORECASE],
    [r"(?i)planparse|规划(?=纲要)", 0],
    [r"^\s*第[一二三四五六七八九十百零〇\d]+[章节篇]\b", re.MULTILINE],
    [r"(a)(b)?(?P<c>c)\2?", 0],
]
SAMPLES = [
    "一、总体要求",
    "（三）完善残疾人就业保障政策（县人社局牵头，县残联、县财政局配合）",
    "残疾人 就业 比例达到 85.5% ，提高2个百分点",
    "第二章 发展目标\n第十节 实施保障\nPlanParse 规划纲要",
    "abc ac abcc",
]


def _run(cache: Path) -> dict:
    return run_probe(_PROBE, cache, json.dumps(PATTERNS), json.dumps(SAMPLES))


def _plain() -> list[dict]:
    """The same, compiled by `re` alone, in this process."""
    out = []
    for source, flags in PATTERNS:
        p = re.compile(source, flags)
        out.append(
            {
                "pattern": p.pattern,
                "flags": p.flags,
                "groups": p.groups,
                "groupindex": dict(p.groupindex),
                "found": [
                    [list(m.span()), list(m.groups())] for s in SAMPLES for m in p.finditer(s)
                ],
            }
        )
    return out


def _cache_files(cache: Path) -> list[Path]:
    return list((cache / "planparse").glob("regex-*.marshal"))


def test_patterns_from_the_cache_are_the_ones_re_compiles(tmp_path: Path) -> None:
    first = _run(tmp_path)  # compiles and saves
    assert first["installed"]
    assert len(_cache_files(tmp_path)) == 1
    second = _run(tmp_path)  # builds every pattern from the saved data
    expected = json.loads(json.dumps(_plain(), ensure_ascii=False))
    assert first["patterns"] == expected
    assert second["patterns"] == expected


@pytest.mark.parametrize(
    "content",
    [b"", b"garbage", b"\xe3\x00\x00\x00\x00", None],  # None: valid marshal, wrong entries
)
def test_a_corrupt_cache_is_compiled_afresh(tmp_path: Path, content: bytes | None) -> None:
    import marshal

    _run(tmp_path)
    (path,) = _cache_files(tmp_path)
    if content is None:
        source = PATTERNS[0][0]
        content = marshal.dumps(
            [(source, 0, 0, b"\x01\x00\x00\x00\x02", 2, {"num": 1}, (None, "num")), ("x", "y"), 42]
        )
    path.write_bytes(content)
    again = _run(tmp_path)
    assert again["patterns"] == json.loads(json.dumps(_plain(), ensure_ascii=False))


def test_the_cache_file_is_private_and_bounded(tmp_path: Path) -> None:
    _run(tmp_path)
    (path,) = _cache_files(tmp_path)
    assert path.stat().st_mode & 0o077 == 0
    probe = (
        "import re; from planparse.cli import regex_cache as r; r.MAX_ENTRIES = 5; r.install()\n"
        "for k in range(20): re.compile('x{%d}' % k)"
    )
    env = {**os.environ, "PLANPARSE_CACHE": str(tmp_path)}
    subprocess.run([sys.executable, "-c", probe], env=env, check=True, timeout=60)
    import marshal

    kept = {entry[0] for entry in marshal.loads(path.read_bytes())}
    # this run's patterns are all kept (more than the limit), older ones only up to it
    assert {f"x{{{k}}}" for k in range(20)} <= kept
    assert PATTERNS[0][0] not in kept


def test_a_whole_parse_reads_the_same_through_the_cache(tmp_path: Path) -> None:
    county = str(CORPUS_DIR / COUNTY_FILE)
    probe = (
        "import sys; from planparse.cli import regex_cache; regex_cache.install()\n"
        "from planparse.parse.pipeline import load_plan\n"
        "from planparse.render.jsonout import to_json\n"
        "print(to_json(load_plan(sys.argv[1]).to_dict()))"
    )
    env = {**os.environ, "PLANPARSE_CACHE": str(tmp_path)}
    runs = [
        subprocess.run(
            [sys.executable, "-c", probe, county],
            capture_output=True,
            text=True,
            env=env,
            check=True,
            timeout=120,
        ).stdout
        for _ in range(2)
    ]
    from planparse.parse.pipeline import load_plan
    from planparse.render.jsonout import to_json

    assert runs[0] == runs[1] == to_json(load_plan(county).to_dict()) + "\n"
