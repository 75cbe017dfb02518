"""The parsed unit schema kept as a pickle in the user cache folder, so that a run need not
parse the TOML and rebuild the index each time it starts.

The file is named by a hash of everything the parsed form depends on (the schema file's bytes,
the code that builds it, the Python version), so an edit to either is picked up at once. The
cache is only ever a shortcut: a file that is missing, corrupt, of another shape, or not this
user's alone is ignored (and rewritten), and a folder that cannot be written is skipped.
"""

from __future__ import annotations

import pickle
import sys
import zlib
from collections.abc import Callable
from pathlib import Path

from planparse.private_cache import read_private, write_private
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


def cached(source: bytes, builder_file: str, kind: type[T], build: Callable[[], T]) -> T:
    """``build()``, or the pickle of an earlier ``build()`` of the same ``source`` by the same
    code (``builder_file``)."""
    try:
        path = cache_file(source, builder_file, kind.__name__)
    except OSError:
        return build()
    data = read_private(str(path))  # a pickle runs code on load: this user's file alone
    if data is not None:
        try:
            value = pickle.loads(data)
            if isinstance(value, kind):
                return value
        except Exception:  # a corrupt pickle can raise almost anything
            pass
    value = build()
    try:
        packed = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    except pickle.PicklingError:
        return value
    write_private(str(path), packed)  # atomic: parallel workers never read half a file
    return value
