"""Locating the data files under schemas/ (vocabulary, JSON Schemas)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

TYPE_CHECKING = False  # typing is not imported at run time: start-up (see cli/launch)
if TYPE_CHECKING:
    from typing import Any

# planparse/_schemas is a link to the repository's schemas/ in a checkout (so edits take effect
# at once) and a copy of it in a built wheel; nothing outside the package is searched, so an
# unrelated schemas/ folder in site-packages can never be picked up.
_SCHEMAS = Path(__file__).resolve().parent / "_schemas"


def schema_path(name: str) -> Path:
    """Path of schemas/<name> as shipped with the package."""
    candidate = _SCHEMAS / name
    if not candidate.is_file():
        raise FileNotFoundError(
            f"planparse data file schemas/{name} is missing: reinstall planparse"
        )
    return candidate


def user_cache_dir() -> Path:
    """The cache folder (planparse.private_cache.cache_folder) as a Path."""
    from planparse.private_cache import cache_folder

    return Path(cache_folder())


@cache
def simplified_characters() -> dict[int, int]:
    """Traditional -> simplified characters (schemas/hant.txt) as a str.translate table, so
    that 市政府辦公室 is recognised as 市政府办公室 (text is output as printed). Kept between
    runs like the TOML files."""
    from planparse.private_cache import derived

    source = schema_path("hant.txt").read_bytes()
    return derived("hant", source, lambda: _character_table(source), _is_character_table)


def _character_table(source: bytes) -> dict[int, int]:
    table: dict[int, int] = {}
    for line in source.decode("utf-8").splitlines():
        if not line.startswith("#") and "\t" in line:
            trad, simp = line.split("\t")[:2]
            table[ord(trad)] = ord(simp)
    return table


def _is_character_table(value: object) -> bool:
    # type sets built by map (C speed): this runs on every start
    return isinstance(value, dict) and set(map(type, value)) | set(map(type, value.values())) <= {
        int
    }


@cache
def schema_toml(name: str) -> dict[str, Any]:
    """schemas/<name> parsed as TOML, once per process.

    tomllib is pure Python: the vocabulary files cost several milliseconds to parse, each time
    the command starts. The parsed tables are kept (marshal, in the user cache folder) with the
    file's length and checksums, and read back while those match.
    """
    from planparse.private_cache import derived

    source = schema_path(name).read_bytes()
    kind = f"toml-{Path(name).stem}"
    return derived(kind, source, lambda: parse_toml(source), lambda v: isinstance(v, dict))


def parse_toml(source: bytes) -> dict[str, Any]:
    """TOML bytes (UTF-8) as tables; raises ValueError (tomllib.TOMLDecodeError is one)."""
    import sys

    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    return tomllib.loads(source.decode("utf-8"))
