"""Text similarity for Chinese plan text without word segmentation.

Character bigrams weighted by inverse document frequency: words every task shares (残疾人,
加强, 服务) weigh little, distinctive phrases weigh much. Fast, deterministic, and free of the
one-second jieba start-up, which is kept for the word-level diff only.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence

_NOISE = re.compile(r"[\s，。、；：“”‘’（）()《》〈〉【】〔〕,.;:!?！？\-—…·]")


def normalize(text: str) -> str:
    """Comparison form only: NFKC (full-width digits) and no punctuation; output keeps text as printed."""
    return _NOISE.sub("", unicodedata.normalize("NFKC", text))


def bigrams(text: str) -> Counter[str]:
    text = normalize(text)
    return Counter(text[i : i + 2] for i in range(len(text) - 1))


class BigramIndex:
    """TF-IDF vectors of character bigrams over a fixed set of texts (both plans' units)."""

    def __init__(self, texts: Sequence[str]) -> None:
        grams = [bigrams(t) for t in texts]
        df: Counter[str] = Counter()
        for counts in grams:
            df.update(counts.keys())
        n = max(1, len(texts))
        self.idf = {k: math.log((n + 1) / (v + 0.5)) for k, v in df.items()}
        self.vectors = [self._weigh(counts) for counts in grams]

    def _weigh(self, grams: Counter[str]) -> dict[str, float]:
        vec = {k: (1 + math.log(v)) * self.idf.get(k, 1.0) for k, v in grams.items()}
        norm = math.sqrt(sum(x * x for x in vec.values())) or 1.0
        return {k: x / norm for k, x in vec.items()}

    def cosine(self, i: int, j: int) -> float:
        a, b = self.vectors[i], self.vectors[j]
        if len(a) > len(b):
            a, b = b, a
        return sum(x * b.get(k, 0.0) for k, x in a.items())


def ratio(a: str, b: str) -> float:
    """Character-level similarity 0..1 (rapidfuzz's normalized Indel ratio)."""
    from rapidfuzz import fuzz

    return fuzz.ratio(normalize(a), normalize(b)) / 100.0


def name_similarity(a: str, b: str) -> float:
    """For short names (indicators, column titles): full ratio, or containment of one in the other."""
    from rapidfuzz import fuzz

    na, nb = normalize(a), normalize(b)
    if not na or not nb:
        return 0.0
    full = fuzz.ratio(na, nb) / 100.0
    partial = fuzz.partial_ratio(na, nb) / 100.0
    shorter = min(len(na), len(nb)) / max(len(na), len(nb))
    return max(full, partial * (0.75 + 0.2 * shorter))
