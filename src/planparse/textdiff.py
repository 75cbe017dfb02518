"""Word-level inline diff of two Chinese texts (jieba tokens, difflib without autojunk)."""

from __future__ import annotations

import difflib
from functools import cache
from typing import Any


@cache
def _tokenizer() -> Any:
    """A private jieba tokenizer (the global one is shared state), loaded once and quietly."""
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
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
    ops: list[dict[str, str]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        ops.append({"op": tag, "lower": "".join(a[i1:i2]), "upper": "".join(b[j1:j2])})
    return ops
