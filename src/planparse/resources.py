"""Locating the data files under schemas/ (vocabulary, JSON Schemas)."""

from __future__ import annotations

from pathlib import Path

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
    """Where planparse keeps caches it can rebuild: $PLANPARSE_CACHE/planparse, else
    $XDG_CACHE_HOME/planparse, else ~/.cache/planparse. Nothing in it is needed for correctness."""
    import os

    base = os.environ.get("PLANPARSE_CACHE") or os.environ.get("XDG_CACHE_HOME")
    return Path(base) / "planparse" if base else Path.home() / ".cache" / "planparse"
