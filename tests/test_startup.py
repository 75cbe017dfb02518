"""Start-up: what each command imports, and the caches that keep it fast (never timed here;
the figures are in `make bench`)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import CORPUS_DIR, COUNTY_FILE
from planparse.cli.launch import _render_help, help_cache_path
from planparse.units import normalize
from planparse.units.schema_cache import cache_file

COUNTY = str(CORPUS_DIR / COUNTY_FILE)
HEAVY = ["typer", "rich", "jieba", "lxml", "pdfplumber", "rapidfuzz", "docx", "openpyxl"]

# Runs the real entry point in a fresh interpreter, then reports which modules it imported.
_PROBE = """
import atexit, json, sys
watch = json.loads(sys.argv.pop(1))
atexit.register(lambda: print(json.dumps(
    sorted(m for m in watch if m in sys.modules)), file=sys.stderr))
sys.argv[0] = "planparse"
from planparse.cli.launch import main
main()
"""


def _imported(args: list[str], cache: Path, watch: list[str]) -> tuple[list[str], str]:
    env = {**os.environ, "PLANPARSE_CACHE": str(cache), "COLUMNS": "80"}
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, json.dumps(watch), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stderr.strip().splitlines()[-1]), done.stdout


def test_help_once_cached_imports_neither_typer_nor_the_parser(tmp_path: Path) -> None:
    watch = [*HEAVY, "planparse.cli.main", "planparse.parse.pipeline", "planparse.model"]
    first, first_text = _imported(["--help"], tmp_path, watch)
    assert "typer" in first  # rendered by typer the first time …
    second, second_text = _imported(["--help"], tmp_path, watch)
    assert second == []  # … and read back afterwards
    assert second_text == first_text
    assert "Usage: planparse [OPTIONS] COMMAND [ARGS]..." in second_text
    for command in ("parse", "diff", "check", "batch", "batch-diff", "units"):
        assert f" {command} " in second_text


def test_cached_help_is_typers_own_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _, cached = _imported(["--help"], tmp_path, [])
    _, again = _imported(["--help"], tmp_path, [])
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setattr(sys, "argv", ["planparse", "--help"])
    assert again == cached
    assert _render_help(["--help"]) == (cached, 0)


def test_a_corrupt_or_unreadable_help_cache_is_rendered_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, good = _imported(["--help"], tmp_path, [])
    monkeypatch.setenv("PLANPARSE_CACHE", str(tmp_path))
    monkeypatch.setattr(sys, "argv", ["planparse", "--help"])
    caches = list((tmp_path / "planparse").glob("help-*.txt"))
    assert len(caches) == 1
    for content in (b"\xff\xfe not utf-8", b""):
        caches[0].write_bytes(content)
        watch = ["typer"]
        imported, text = _imported(["--help"], tmp_path, watch)
        assert imported == ["typer"] and text == good
    assert help_cache_path(["--help"]).startswith(str(tmp_path))


def test_parsing_text_imports_no_reader_or_compare_library(tmp_path: Path) -> None:
    watch = [*HEAVY, "planparse.compare.diff"]
    imported, out = _imported(["parse", COUNTY, "-f", "json"], tmp_path, watch)
    assert imported == ["typer"]
    assert json.loads(out)["meta"]["place"] == "泽州县"


def test_second_runs_import_neither_typer_nor_rich_nor_typing(tmp_path: Path) -> None:
    watch = [*HEAVY, "typing", "planparse.compare.diff"]
    _imported(["parse", COUNTY, "-f", "json"], tmp_path, watch)  # fills the caches
    imported, out = _imported(["parse", COUNTY, "-f", "json"], tmp_path, watch)
    assert imported == []
    assert json.loads(out)["meta"]["place"] == "泽州县"
    imported, out = _imported(["parse", COUNTY], tmp_path, watch)  # to a pipe
    assert imported == []  # widths measured as rich does (render.cells), without rich
    assert "泽州县" in out
    city = str(CORPUS_DIR / "linfen-city-draft.txt")
    _imported(["diff", COUNTY, city], tmp_path, watch)
    imported, out = _imported(["diff", COUNTY, city], tmp_path, [*HEAVY])
    assert imported == ["rapidfuzz"]
    assert "泽州县" in out


def test_text_diff_skips_the_word_diff_and_jieba(tmp_path: Path) -> None:
    city = str(CORPUS_DIR / "linfen-city-draft.txt")
    imported, out = _imported(["diff", COUNTY, city], tmp_path, ["jieba", "lxml", "pdfplumber"])
    assert imported == []
    assert "泽州县" in out


# ----------------------------------------------------------------------- unit schema cache


@pytest.fixture
def fresh_schema(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty cache folder, and load_schema() forgetting what it loaded in this process."""
    monkeypatch.setenv("PLANPARSE_CACHE", str(tmp_path))
    normalize._load.cache_clear()
    normalize._default_schema.cache_clear()
    yield tmp_path
    normalize._load.cache_clear()
    normalize._default_schema.cache_clear()


def _schema_cache(source: Path) -> Path:
    return cache_file(source.read_bytes(), normalize.__file__, "UnitSchema")


def test_unit_schema_is_cached_and_read_back(fresh_schema: Path) -> None:
    built = normalize.load_schema()
    cached = _schema_cache(built.path)
    assert cached.is_file() and cached.parent == fresh_schema / "planparse"
    normalize._load.cache_clear()
    normalize._default_schema.cache_clear()
    again = normalize.load_schema()
    assert again is not built and again.index == built.index and again.path == built.path
    match = normalize.normalize_unit("县人社局", again)
    assert match.id == normalize.normalize_unit("县人社局", built).id is not None


@pytest.mark.parametrize(
    "content",
    [b"", b"not a pickle", b"\x80\x05\x95garbage", b"\x80\x04N."],  # the last: pickled None
)
def test_a_corrupt_unit_schema_cache_is_rebuilt(fresh_schema: Path, content: bytes) -> None:
    path = normalize.load_schema().path
    cached = _schema_cache(path)
    cached.write_bytes(content)
    normalize._load.cache_clear()
    normalize._default_schema.cache_clear()
    schema = normalize.load_schema()
    assert normalize.normalize_unit("市财政局", schema).match in ("exact", "alias")
    assert cached.read_bytes() != content  # rewritten with the good one


def test_a_cache_others_can_write_is_not_trusted(fresh_schema: Path) -> None:
    path = normalize.load_schema().path
    cached = _schema_cache(path)
    cached.chmod(0o666)
    normalize._load.cache_clear()
    normalize._default_schema.cache_clear()
    normalize.load_schema()
    assert cached.stat().st_mode & 0o077 == 0  # replaced by a private one


def test_an_unwritable_cache_folder_only_costs_speed(fresh_schema: Path) -> None:
    (fresh_schema / "planparse").write_text("a file where the folder should be")
    schema = normalize.load_schema()
    assert normalize.normalize_unit("县人社局", schema).id is not None


# ----------------------------------------------------------------------- TOML data cache


def test_schema_toml_is_parsed_once_then_read_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tomllib

    from planparse import resources

    monkeypatch.setenv("PLANPARSE_CACHE", str(tmp_path))
    resources.schema_toml.cache_clear()
    try:
        first = resources.schema_toml("task_tables.toml")
        with resources.schema_path("task_tables.toml").open("rb") as handle:
            assert first == tomllib.load(handle)
        (stored,) = (tmp_path / "planparse").glob("toml-task_tables-*.marshal")
        assert stored.stat().st_mode & 0o077 == 0
        resources.schema_toml.cache_clear()
        monkeypatch.setattr(resources, "parse_toml", lambda source: pytest.fail("parsed"))
        assert resources.schema_toml("task_tables.toml") == first  # from the cache
    finally:
        resources.schema_toml.cache_clear()


@pytest.mark.parametrize("content", [b"", b"garbage", None])
def test_a_corrupt_or_stale_toml_cache_is_parsed_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: bytes | None
) -> None:
    import marshal

    from planparse import resources

    monkeypatch.setenv("PLANPARSE_CACHE", str(tmp_path))
    resources.schema_toml.cache_clear()
    try:
        good = resources.schema_toml("unit_grammar.toml")
        (stored,) = (tmp_path / "planparse").glob("toml-unit_grammar-*.marshal")
        if content is None:  # another version of the file: its key no longer matches
            content = marshal.dumps(("0:00000000:00000000", {"bases": ["not the file"]}))
        stored.write_bytes(content)
        resources.schema_toml.cache_clear()
        assert resources.schema_toml("unit_grammar.toml") == good
    finally:
        resources.schema_toml.cache_clear()


def test_character_table_is_kept_and_read_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from planparse import resources

    monkeypatch.setenv("PLANPARSE_CACHE", str(tmp_path))
    resources.simplified_characters.cache_clear()
    try:
        built = resources.simplified_characters()
        assert built[ord("關")] == ord("关") and built[ord("辦")] == ord("办")
        (stored,) = (tmp_path / "planparse").glob("hant-*.marshal")
        resources.simplified_characters.cache_clear()
        monkeypatch.setattr(resources, "_character_table", lambda source: pytest.fail("built"))
        assert resources.simplified_characters() == built
        stored.write_bytes(b"not marshal")
        resources.simplified_characters.cache_clear()
        monkeypatch.undo()
        monkeypatch.setenv("PLANPARSE_CACHE", str(tmp_path))
        assert resources.simplified_characters() == built
    finally:
        resources.simplified_characters.cache_clear()
