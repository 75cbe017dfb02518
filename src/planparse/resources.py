"""Locating the data files under schemas/ (vocabulary, JSON Schemas)."""

from __future__ import annotations

from pathlib import Path

# src/planparse -> src -> repository root. Walking further up could pick up an unrelated
# schemas/ folder when the package is installed into site-packages.
_MAX_PARENTS = 3


def schema_path(name: str) -> Path:
    """Path of schemas/<name>: the repository's folder, else the copy shipped in the package.

    An editable install or a source checkout reads the repository's schemas/ so that edits
    take effect at once; a wheel only has the package data planparse/_schemas/.
    """
    here = Path(__file__).resolve().parent
    for base in [here, *here.parents][:_MAX_PARENTS]:
        candidate = base / "schemas" / name
        if candidate.is_file():
            return candidate
    from importlib import resources  # only wheels need it; it costs ~10 ms to import

    packaged = resources.files("planparse") / "_schemas" / name
    if packaged.is_file():
        return Path(str(packaged))
    raise FileNotFoundError(f"schemas/{name} not found next to the planparse package")
