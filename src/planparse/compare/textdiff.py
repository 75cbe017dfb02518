"""Word-level inline diff of two Chinese texts (jieba tokens, difflib without autojunk)."""

from __future__ import annotations

import difflib
import os
import shutil
import stat
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

# Words rarer than this in jieba's dictionary are left out of the one we load: the 66k most
# common words segment plan text the same way and load in ~0.1 s instead of ~1.3 s.
MIN_FREQUENCY = 30


def _cache_dir() -> Path:
    base = os.environ.get("PLANPARSE_CACHE") or os.environ.get("XDG_CACHE_HOME")
    return Path(base) / "planparse" if base else Path.home() / ".cache" / "planparse"


def _private_to_user(path: Path, *, directory: bool) -> bool:
    """Owned by this user, not writable by anyone else, and not a symlink: safe to trust.

    The shared temp folder is open to every local user; a dictionary planted there (or a
    folder of someone else's that they can swap files in) would decide how text is cut.
    """
    try:
        st = path.lstat()
    except OSError:
        return False
    kind_ok = stat.S_ISDIR(st.st_mode) if directory else stat.S_ISREG(st.st_mode)
    return kind_ok and st.st_uid == os.geteuid() and not st.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _write_dictionary(source: Path, target: Path) -> None:
    kept = [
        line
        for line in source.read_text(encoding="utf-8").splitlines()
        if len(parts := line.split(" ")) >= 2 and int(parts[1]) >= MIN_FREQUENCY
    ]
    partial = target.with_suffix(f".{os.getpid()}.tmp")
    partial.write_text("\n".join(kept) + "\n", encoding="utf-8")
    partial.chmod(0o644)  # whatever the umask: group-writable would not be trusted again
    partial.replace(target)  # atomic: parallel workers never read half a file


def _small_dictionary(jieba: Any) -> tuple[Path, bool] | None:
    """jieba's dictionary without its rare words, written once to a cache folder.

    (path, True) when the file is in a private temporary folder the caller should remove.
    The user's cache folder is created private (0o700); the shared temp folder is used only
    while it and the file in it are this user's alone, else a private folder is made.
    """
    source = Path(jieba.__file__).parent / "dict.txt"
    name = f"jieba-{jieba.__version__}-min{MIN_FREQUENCY}.txt"
    cache = _cache_dir()
    shared = Path(tempfile.gettempdir()) / "planparse"
    for folder in (cache, shared):
        target = folder / name
        try:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            if folder == shared and not _private_to_user(folder, directory=True):
                continue
            if _private_to_user(target, directory=False):
                return target, False
            _write_dictionary(source, target)
            return target, False
        except (OSError, ValueError):
            continue
    try:
        private = Path(tempfile.mkdtemp(prefix="planparse-"))
        _write_dictionary(source, private / name)
    except (OSError, ValueError):
        return None
    return private / name, True


@cache
def _tokenizer() -> Any:
    """A private jieba tokenizer (the global one is shared state), loaded once and quietly."""
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    small = _small_dictionary(jieba)
    tokenizer = jieba.Tokenizer(str(small[0])) if small else jieba.Tokenizer()
    if small:
        # jieba caches the loaded dictionary next to it, not in the shared temp folder
        # where anyone could leave a cache file for it to load.
        tokenizer.tmp_dir = str(small[0].parent)
    try:
        tokenizer.initialize()
    finally:
        if small and small[1]:
            shutil.rmtree(small[0].parent, ignore_errors=True)
    from planparse.resources import schema_path

    tokenizer.load_userdict(str(schema_path("plan_words.txt")))
    return tokenizer


def tokens(text: str) -> list[str]:
    return [t for t in _tokenizer().cut(text, HMM=False) if t]


def token_diff(lower: str, upper: str) -> list[dict[str, str]]:
    """Opcodes over tokens: equal / delete (only in lower) / insert (only in upper) / replace.

    autojunk is off: in Chinese the common characters would otherwise be thrown away as junk
    (cpython#90825).
    """
    a, b = tokens(lower), tokens(upper)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return [
        {"op": tag, "lower": "".join(a[i1:i2]), "upper": "".join(b[j1:j2])}
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
    ]
