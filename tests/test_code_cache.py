"""The command's cache of dataclass methods gives the classes `dataclasses` alone would.

Each probe runs in a fresh interpreter (the cache hooks the dataclasses module of the whole
process), once to fill the cache and once reading from it, and prints what the classes do."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import run_probe

# Classes of every kind dataclasses generates code for; the probe prints their behaviour.
_CLASSES = """
import dataclasses, inspect, json, sys
from dataclasses import InitVar, dataclass, field

@dataclass
class Span:
    first: int
    last: int = 0
    notes: list[str] = field(default_factory=list)

@dataclass(frozen=True, order=True)
class Marker:
    level: int
    text: str = "一、"

@dataclass(kw_only=True)
class Options:
    threshold: float = 0.5
    scale: InitVar[int] = 1
    def __post_init__(self, scale: int) -> None:
        self.threshold *= scale

def behaviour() -> dict:
    out = {}
    for cls in (Span, Marker, Options):
        out[cls.__name__] = {
            "signature": str(inspect.signature(cls)),
            "init_annotations": {k: str(v) for k, v in cls.__init__.__annotations__.items()},
            "doc": cls.__doc__,
        }
    out["repr"] = [repr(Span(1)), repr(Marker(2)), repr(Options(threshold=0.25, scale=2))]
    out["eq"] = [Span(1, 2) == Span(1, 2), Span(1) == Span(2), Marker(1) < Marker(2, "（一）")]
    out["hash"] = hash(Marker(1, "x")) == hash(Marker(1, "x"))
    try:
        Marker(1).level = 3
        out["frozen"] = "assigned"
    except dataclasses.FrozenInstanceError:
        out["frozen"] = "refused"
    out["factory"] = Span(1).notes is not Span(1).notes
    return out
"""

_PROBE = (
    "import sys\n"
    "if sys.argv[1] == 'cache':\n"
    "    from planparse.cli import code_cache\n"
    "    assert code_cache.install()\n"
    + _CLASSES
    + "print(json.dumps(behaviour(), ensure_ascii=False))\n"
)


def _run(cache: Path, mode: str) -> dict:
    return run_probe(_PROBE, cache, mode)


def _cache_files(cache: Path) -> list[Path]:
    return list((cache / "planparse").glob("dataclass-code-*.marshal"))


def test_classes_from_the_cache_behave_as_without_it(tmp_path: Path) -> None:
    plain = _run(tmp_path / "unused", "plain")
    assert plain["repr"][0] == "Span(first=1, last=0, notes=[])"
    assert plain["frozen"] == "refused" and plain["eq"] == [True, False, True]
    filling = _run(tmp_path, "cache")
    assert len(_cache_files(tmp_path)) == 1
    reading = _run(tmp_path, "cache")
    assert filling == plain
    assert reading == plain


@pytest.mark.parametrize("content", [b"", b"not marshal", None])
def test_a_corrupt_or_foreign_cache_is_ignored(tmp_path: Path, content: bytes | None) -> None:
    import marshal

    plain = _run(tmp_path / "unused", "plain")
    _run(tmp_path, "cache")
    (path,) = _cache_files(tmp_path)
    if content is None:  # well-formed, but the code for one text is another text's
        table = marshal.loads(path.read_bytes())
        codes = list(table.values())
        content = marshal.dumps({"not generated": codes[0], 42: codes[0], "x": "not code"})
    path.write_bytes(content)
    assert _run(tmp_path, "cache") == plain


def test_a_cache_others_can_write_is_not_read(tmp_path: Path) -> None:
    import marshal

    plain = _run(tmp_path / "unused", "plain")
    _run(tmp_path, "cache")
    (path,) = _cache_files(tmp_path)
    table = marshal.loads(path.read_bytes())
    swapped = dict(zip(table, reversed(list(table.values())), strict=True))  # wrong code
    path.write_bytes(marshal.dumps(swapped))
    path.chmod(0o666)
    assert _run(tmp_path, "cache") == plain  # not read: nothing generated from the wrong code
    assert path.stat().st_mode & 0o077 == 0  # and replaced by a private file
