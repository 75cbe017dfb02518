"""Text similarity for Chinese plan text without word segmentation.

Character bigrams weighted by inverse document frequency: words every task shares (残疾人,
加强, 服务) weigh little, distinctive phrases weigh much. Fast, deterministic, and free of the
one-second jieba start-up, which is kept for the word-level diff only.
"""

from __future__ import annotations

import math
import operator
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence

_NOISE = re.compile(r"[\s，。、；：“”‘’（）()《》〈〉【】〔〕,.;:!?！？\-—…·]")


def normalize(text: str) -> str:
    """Comparison form only: NFKC (full-width digits) and no punctuation; output keeps text as printed."""
    return _NOISE.sub("", unicodedata.normalize("NFKC", text))


class NormalForms(dict[str, str]):
    """``normalize`` of each text met during one comparison, and its bigram counts, each
    computed once: a plan's task texts and sentences are compared many times over (whole
    tasks, sentences, explanations). Made per comparison, so it lives and dies with it."""

    def __init__(self) -> None:
        super().__init__()
        self._bigrams: dict[str, Counter[str]] = {}

    def __missing__(self, text: str) -> str:
        form = self[text] = normalize(text)
        return form

    def bigrams(self, text: str) -> Counter[str]:
        """``bigrams(text)``, shared: not to be changed."""
        counts = self._bigrams.get(text)
        if counts is None:
            form = self[text]
            counts = self._bigrams[text] = Counter(map(operator.add, form, form[1:]))
        return counts


def bigrams(text: str) -> Counter[str]:
    text = normalize(text)
    return Counter(text[i : i + 2] for i in range(len(text) - 1))


class BigramIndex:
    """TF-IDF vectors of character bigrams over a fixed set of texts (both plans' units)."""

    def __init__(self, texts: Sequence[str], forms: NormalForms | None = None) -> None:
        forms = NormalForms() if forms is None else forms
        grams = [forms.bigrams(t) for t in texts]
        df: Counter[str] = Counter()
        for counts in grams:
            df.update(counts.keys())
        n = max(1, len(texts))
        # most bigrams share a handful of document frequencies: one logarithm for each
        logs = {v: math.log((n + 1) / (v + 0.5)) for v in set(df.values())}
        self.idf = {k: logs[v] for k, v in df.items()}
        self.vectors = [self._weigh(counts) for counts in grams]
        self._postings_of: dict[range, dict[str, list[int]]] = {}

    def _weigh(self, grams: Counter[str]) -> dict[str, float]:
        idf = self.idf
        # a bigram seen once weighs (1 + log 1) * idf, which is exactly idf
        vec = {k: idf[k] if v == 1 else (1 + math.log(v)) * idf[k] for k, v in grams.items()}
        norm = math.sqrt(sum([x * x for x in vec.values()])) or 1.0
        return {k: x / norm for k, x in vec.items()}

    def cosine(self, i: int, j: int) -> float:
        """The dot product summed in the shorter vector's order, as it always was, so that the
        rounded scores and the threshold decisions never move; a bigram the other vector lacks
        only added 0.0, which changes no sum, so it is skipped."""
        a, b = self.vectors[i], self.vectors[j]
        if len(a) > len(b):
            a, b = b, a
        if not a:
            return 0  # an empty text: the empty sum, an int, as before (JSON prints 0, not 0.0)
        return sum([x * b[k] for k, x in a.items() if k in b], 0.0)

    def _postings(self, among: range) -> dict[str, list[int]]:
        """For each bigram, the texts of ``among`` that have it, in order."""
        postings = self._postings_of.get(among)
        if postings is None:
            postings = self._postings_of[among] = {}
            for j in among:
                for k in self.vectors[j]:
                    if k in postings:
                        postings[k].append(j)
                    else:
                        postings[k] = [j]
        return postings

    def sharing(self, i: int, among: range) -> list[int]:
        """The texts of ``among`` that share a bigram with text ``i``, in order: any other
        has a cosine of exactly 0.0 with it."""
        postings = self._postings(among)
        found: set[int] = set()
        for k in self.vectors[i]:
            if k in postings:
                found.update(postings[k])
        return sorted(found)

    def reaching(self, i: int, among: range, at_least: float) -> list[int]:
        """The texts of ``among`` whose cosine with text ``i`` may reach ``at_least``, in
        order; every other one's is below it.

        The cosine over bigrams text ``i`` weighs little is at most the norm of that part of
        its vector (the other vector's norm is 1), so when that norm is below ``at_least``
        a text reaches it only by sharing one of the others (prefix filtering, as in
        all-pairs similarity search). A margin covers rounding.
        """
        postings = self._postings(among)
        vector = self.vectors[i]
        light = sorted(vector, key=vector.__getitem__)
        limit = (at_least - 1e-9) ** 2 if at_least > 1e-9 else -1.0
        rest = 0.0
        heavy = len(light)
        for n, k in enumerate(light):
            rest += vector[k] * vector[k]
            if rest >= limit:
                heavy = n
                break
        found: set[int] = set()
        for k in light[heavy:]:
            if k in postings:
                found.update(postings[k])
        return sorted(found)

    def matrix(self, rows: range, columns: range) -> list[list[float]]:
        """``cosine(i, j)`` for every i of ``rows`` and j of ``columns``, the dot product only
        for the pairs that share a bigram."""
        empty = [c for c, j in enumerate(columns) if not self.vectors[j]]
        out: list[list[float]] = []
        for i in rows:
            row: list[float] = [0] * len(columns)  # with an empty text: the int 0 of cosine
            if self.vectors[i]:
                row = [0.0] * len(columns)
                for c in empty:
                    row[c] = 0
                for j in self.sharing(i, columns):
                    row[j - columns.start] = self.cosine(i, j)
            out.append(row)
        return out


def ratio(a: str, b: str, forms: NormalForms | None = None) -> float:
    """Character-level similarity 0..1 (rapidfuzz's normalized Indel ratio)."""
    from rapidfuzz import fuzz

    forms = NormalForms() if forms is None else forms
    return fuzz.ratio(forms[a], forms[b]) / 100.0


def name_similarity(a: str, b: str, forms: NormalForms | None = None) -> float:
    """For short names (indicators, column titles): full ratio, or containment of one in the other."""
    from rapidfuzz import fuzz

    forms = NormalForms() if forms is None else forms
    na, nb = forms[a], forms[b]
    if not na or not nb:
        return 0.0
    full = fuzz.ratio(na, nb) / 100.0
    partial = fuzz.partial_ratio(na, nb) / 100.0
    shorter = min(len(na), len(nb)) / max(len(na), len(nb))
    return max(full, partial * (0.75 + 0.2 * shorter))


def longest_match(
    a: str, b: str, alo: int, ahi: int, blo: int, bhi: int, reach: Sequence[int] | None = None
) -> tuple[int, int, int]:
    """``difflib.SequenceMatcher(None, a, b, autojunk=False).find_longest_match(alo, ahi, blo,
    bhi)``: (i, j, size) of the longest run of ``a[alo:ahi]`` found in ``b[blo:bhi]``, the
    earliest in ``a`` of the longest, then the earliest in ``b``.

    For each start in ``a`` one question is asked: does a run longer than the best so far
    start here? ``str.find`` answers it, so the work is a substring search per start instead
    of difflib's walk over every occurrence of every character. ``reach[i]``, when given,
    bounds the length of any run starting at ``i`` (0: none worth having): starts it rules
    out are not searched.
    """
    best_i, best_j, best = alo, blo, 0
    i = alo
    while i + best < ahi:
        if reach is not None and reach[i] <= best:
            i += 1
            continue
        size = best + 1
        j = b.find(a[i : i + size], blo, bhi)
        if j >= 0:
            while True:
                # the first occurrence of a prefix that extends there is the first of the
                # longer run too; a longer run may still start here and occur later in b
                while i + size < ahi and j + size < bhi and a[i + size] == b[j + size]:
                    size += 1
                if i + size == ahi:
                    break
                longer = b.find(a[i : i + size + 1], j + 1, bhi)
                if longer < 0:
                    break
                j, size = longer, size + 1
            best_i, best_j, best = i, j, size
        i += 1
    return best_i, best_j, best


def shared_runs(a: str, b: str, shortest: int) -> list[tuple[int, int]]:
    """(start in ``a``, length) of the runs ``difflib.SequenceMatcher(None, a, b,
    autojunk=False).get_matching_blocks()`` finds that are at least ``shortest`` (>= 1) long,
    in its order.

    difflib takes the longest run of a range, then searches the ranges left and right of it,
    down to single characters. Without junk no run inside a range is longer than the range's
    longest, so a range whose longest run is too short is not searched further: the same runs,
    without the many searches for the short ones. Nor is a start in ``a`` searched from which
    no run of ``shortest`` characters occurs anywhere in ``b``.
    """
    grams = {b[j : j + shortest] for j in range(len(b) - shortest + 1)}
    # reach[i]: the longest run from i whose every ``shortest``-gram occurs in b; 0 when the
    # first does not (shorter runs are not wanted)
    reach = [0] * (len(a) + 1)
    for i in range(len(a) - shortest, -1, -1):
        if a[i : i + shortest] in grams:
            reach[i] = reach[i + 1] + 1 if reach[i + 1] else shortest
    found: list[tuple[int, int]] = []
    ranges = [(0, len(a), 0, len(b))]
    while ranges:
        alo, ahi, blo, bhi = ranges.pop()
        i, j, size = longest_match(a, b, alo, ahi, blo, bhi, reach)
        if size < shortest:
            continue
        found.append((i, size))
        if alo < i and blo < j:
            ranges.append((alo, i, blo, j))
        if i + size < ahi and j + size < bhi:
            ranges.append((i + size, ahi, j + size, bhi))
    # difflib sorts its runs by their start in a, then in b; they never overlap in a
    return sorted(found)
