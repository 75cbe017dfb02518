"""The parsed unit schema kept as a pickle in the user cache folder, so that a run need not
parse the TOML and rebuild the index each time it starts.

The file is named by a hash of everything the parsed form depends on (the schema file's bytes,
the code that builds it, the Python version), so an edit to either is picked up at once. The
cache is only ever a shortcut: a file that is missing, corrupt, of another shape, or not this
user's alone is ignored (and rewritten), and a folder that cannot be written is skipped.
"""

from __future__ import annotations

import os
import pickle
import stat
import sys
import zlib
from collections.abc import Callable
from pathlib import Path

from planparse.resources import user_cache_dir

TYPE_CHECKING = False  # typing is not imported at run time: start-up (see cli/launch)
if TYPE_CHECKING:
    from typing import TypeVar

    T = TypeVar("T")


def cache_file(source: bytes, builder_file: str, kind: str) -> Path:
    # Two 32-bit checksums and the lengths name the inputs (not a cryptographic hash: the file
    # is private, so the name only has to change when an input does; hashlib is one more
    # import on every start-up)
    with open(builder_file, "rb") as handle:
        builder = handle.read()
    parts = [sys.version.encode(), pickle.format_version.encode(), builder, source]
    name = "-".join(f"{len(p):x}{zlib.crc32(p):08x}{zlib.adler32(p):08x}" for p in parts[2:])
    head = zlib.crc32(b"|".join(parts[:2]))
    return user_cache_dir() / f"{kind}-{head:08x}-{name}.pickle"


def _trusted(path: Path) -> bool:
    """A regular file of this user's that nobody else can write: a pickle runs code on load."""
    st = path.lstat()
    return (
        stat.S_ISREG(st.st_mode)
        and st.st_uid == os.geteuid()
        and not st.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
    )


def cached(source: bytes, builder_file: str, kind: type[T], build: Callable[[], T]) -> T:
    """``build()``, or the pickle of an earlier ``build()`` of the same ``source`` by the same
    code (``builder_file``)."""
    try:
        path = cache_file(source, builder_file, kind.__name__)
    except OSError:
        return build()
    try:
        if _trusted(path):
            with path.open("rb") as handle:
                value = pickle.load(handle)
            if isinstance(value, kind):
                return value
    except Exception:  # a corrupt pickle can raise almost anything
        pass
    value = build()
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        partial = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        with partial.open("wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        partial.chmod(0o600)
        partial.replace(path)  # atomic: parallel workers never read half a file
    except (OSError, pickle.PicklingError):
        pass
    return value
