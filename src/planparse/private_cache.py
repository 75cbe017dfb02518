"""Files of the start-up caches (compiled regexes, generated dataclass code, parsed data files):
named by the Python that wrote them, readable only if this user's alone, written atomically.

os.path rather than pathlib, and no hashlib: these run before anything else is imported.
"""

from __future__ import annotations

import os
import stat
import sys
import zlib
from collections.abc import Callable

TYPE_CHECKING = False  # typing is not imported at run time: start-up (see cli/launch)
if TYPE_CHECKING:
    from typing import Any, TypeVar

    T = TypeVar("T")


def cache_folder() -> str:
    """Where planparse keeps caches it can rebuild: $PLANPARSE_CACHE/planparse, else
    $XDG_CACHE_HOME/planparse, else ~/.cache/planparse. Nothing in it is needed for correctness."""
    base = os.environ.get("PLANPARSE_CACHE") or os.environ.get("XDG_CACHE_HOME")
    return os.path.join(base or os.path.join(os.path.expanduser("~"), ".cache"), "planparse")


def cache_file(kind: str, key: str) -> str:
    """A file of the cache folder, named by ``kind``, ``key`` and the Python version."""
    key = f"{sys.version}|{key}"
    return os.path.join(cache_folder(), f"{kind}-{zlib.crc32(key.encode()):08x}.marshal")


def read_private(path: str) -> bytes | None:
    """The file's bytes if it is a regular file of this user's that nobody else can write
    (what it holds is turned into code or matcher programs), else None."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
            return None
        if hasattr(os, "geteuid") and st.st_uid != os.geteuid():
            return None
        with os.fdopen(fd, "rb") as handle:
            fd = -1
            return handle.read()
    except OSError:
        return None
    finally:
        if fd >= 0:
            os.close(fd)


def write_private(path: str, data: bytes) -> None:
    """Replace the file atomically with a private one; an unwritable folder costs speed only."""
    try:
        os.makedirs(os.path.dirname(path), mode=0o700, exist_ok=True)
        partial = f"{path}.{os.getpid()}.tmp"
        with open(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb") as out:
            out.write(data)
        os.replace(partial, path)  # a concurrent run reads the old file or the new one
    except OSError:
        pass


def derived(kind: str, source: bytes, build: Callable[[], T], valid: Callable[[Any], bool]) -> T:
    """``build()``, the data derived from ``source`` (a data file's bytes), kept as marshal
    and read back while the source has the same length and checksums and ``valid`` accepts
    it. Data marshal cannot hold is built each time."""
    import marshal

    key = f"{len(source)}:{zlib.crc32(source):08x}:{zlib.adler32(source):08x}"
    path = cache_file(kind, "1")
    data = read_private(path)
    if data is not None:
        try:
            kept_key, value = marshal.loads(data)
            if kept_key == key and valid(value):
                return value
        except (EOFError, ValueError, TypeError):
            pass  # a corrupt file: build it again
    value = build()
    try:
        packed = marshal.dumps((key, value))
    except ValueError:
        return value
    write_private(path, packed)
    return value
