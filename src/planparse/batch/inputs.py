"""Which files a batch reads: paths, folders and globs to plan files, and their content hash.

The hash (`file_sha256`) is a file's identity for `--resume`: a document already in the
output under the same hash is skipped, wherever the file now lives.
"""

from __future__ import annotations

import glob
import hashlib
import os
from collections.abc import Iterable, Iterator

from planparse.dataset.records import BatchInputError

EXTENSIONS = (".txt", ".docx", ".html", ".htm", ".pdf", ".ofd")
"""The formats the readers parse."""
CONVERT_EXTENSIONS = (".doc", ".wps", ".rtf", ".odt")
"""Office files read by converting them with LibreOffice; without LibreOffice each becomes
an error row telling the user to convert it (`libreoffice --headless --convert-to docx`)
instead of silently missing from the dataset. (A .doc that is really HTML is read as HTML.)"""


def find_inputs(
    patterns: Iterable[str],
    extensions: tuple[str, ...] = EXTENSIONS,
    convert: tuple[str, ...] = CONVERT_EXTENSIONS,
) -> list[str]:
    """Plan files named by paths, directories (searched recursively) and glob patterns.

    A file named explicitly is taken whatever its extension: the user meant it. Walking a
    directory or expanding a glob takes `extensions` and the office files in `convert`
    (the readers reject those with a conversion hint, so they become error rows); hidden
    entries and Word's lock files (~$name.docx) are skipped.
    """
    wanted = extensions + convert
    found: dict[str, str] = {}
    for pattern in patterns:
        if glob.has_magic(pattern):
            matches = sorted(glob.glob(pattern, recursive=True))
            names = [m for m in matches if os.path.isdir(m) or _wanted(m, wanted)]
        elif os.path.exists(pattern):
            names = [pattern]
        else:
            raise BatchInputError(f"{pattern}: no such file or directory")
        for name in names:
            walked = _walk(name, wanted) if os.path.isdir(name) else [name]
            for path in walked:
                found.setdefault(os.path.realpath(path), path)
    if not found:
        shown = " ".join(patterns) or "(no inputs)"
        raise BatchInputError(f"no plan files ({' '.join(extensions)}) found in {shown}")
    return list(found.values())


def _wanted(name: str, extensions: tuple[str, ...]) -> bool:
    base = os.path.basename(name)
    return not base.startswith((".", "~$")) and base.lower().endswith(extensions)


def _walk(top: str, extensions: tuple[str, ...]) -> Iterator[str]:
    for root, dirs, files in os.walk(top):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if _wanted(name, extensions):
                yield os.path.join(root, name)


def file_sha256(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
