"""Text similarity for Chinese plan text without word segmentation.

Character bigrams weighted by inverse document frequency: words every task shares (残疾人,
加强, 服务) weigh little, distinctive phrases weigh much. Fast, deterministic, and free of the
one-second jieba start-up, which is kept for the word-level diff only.
"""

from __future__ import annotations

import functools
import math
import operator
import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Sequence
from itertools import chain
from types import ModuleType
from typing import NamedTuple

_NOISE = re.compile(r"[\s，。、；：“”‘’（）()《》〈〉【】〔〕,.;:!?！？\-—…·]")


# Characters whose NFKC form does not depend on their neighbours: neither they nor their
# decompositions hold a combining mark or a character that composes with the one before it.
# A text of only these is normalized one character at a time, the same as NFKC of the whole
# (tests/test_similarity.py checks this against Python's Unicode database): ASCII, CJK and
# general punctuation, full-width forms, CJK ideographs (which NFKC leaves alone).
CONTEXT_FREE = [
    (0x09, 0x0A),
    (0x0D, 0x0D),
    (0x20, 0x7E),
    (0xB0, 0xB0),  # °
    (0xB7, 0xB7),
    (0xD7, 0xD7),
    (0xF7, 0xF7),  # ÷
    (0x2010, 0x2016),  # not U+2017, a space and a combining double low line
    (0x2018, 0x2027),
    (0x2030, 0x2030),  # ‰
    (0x2103, 0x2103),  # ℃
    (0x2160, 0x217F),  # Roman numerals
    (0x2190, 0x2193),  # arrows
    (0x2264, 0x2265),  # ≤ ≥ (not ≠, an equals sign and a combining stroke)
    (0x2460, 0x24FF),  # ① ⑴ ⒈ and other enclosed numbers
    (0x25A0, 0x25FF),  # ○ □ ■ ● and other shapes
    (0x3000, 0x3011),
    (0x3014, 0x301F),
    (0x3220, 0x3243),  # ㈠ and other parenthesized ideographs
    (0x3280, 0x32B0),  # ㊀ and other circled ideographs
    (0x3380, 0x33DF),  # ㎡ ㎏ and other unit squares
    (0xFF01, 0xFF5E),
]
IDEOGRAPHS = [(0x3400, 0x4DBF), (0x4E00, 0x9FFF)]


def normalize(text: str) -> str:
    """Comparison form only: NFKC (full-width digits) and no punctuation; output keeps text as printed."""
    chars = _per_character()
    if chars.other.search(text) is None:  # the usual text: regex passes instead of NFKC
        text = chars.dropped.sub("", text)
        return text.translate(chars.images) if chars.changed.search(text) else text
    return _NOISE.sub("", unicodedata.normalize("NFKC", text))


def normalize_all(texts: Sequence[str]) -> list[str]:
    """``[normalize(t) for t in texts]``, the context-free texts in one pass, joined by
    newlines (no character's image holds a newline, so the joints stay where they were): a
    sentence is short, and the calls cost more than its characters."""
    chars = _per_character()
    joined = "\n".join(texts)
    if joined.count("\n") == len(texts) - 1 and chars.other.search(joined) is None:
        return _joined_forms(joined, chars) if texts else []
    out: list[str] = []
    plain: list[int] = []  # a few odd texts (a ≠, a newline) are normalized one by one
    for k, text in enumerate(texts):
        if "\n" in text or chars.other.search(text):
            out.append(normalize(text))
        else:
            out.append("")
            plain.append(k)
    if plain:
        forms = _joined_forms("\n".join(texts[k] for k in plain), chars)
        for k, form in zip(plain, forms, strict=True):
            out[k] = form
    return out


def _joined_forms(joined: str, chars: _PerCharacter) -> list[str]:
    joined = chars.dropped_but_newline.sub("", joined)
    if chars.changed.search(joined):
        joined = joined.translate(chars.images)
    return joined.split("\n")


class _PerCharacter(NamedTuple):
    """What ``normalize`` makes of each context-free character, as patterns."""

    other: re.Pattern[str]  # any character but those
    dropped: re.Pattern[str]  # those it drops
    dropped_but_newline: re.Pattern[str]
    changed: re.Pattern[str]  # those it changes
    images: dict[int, str]  # into what


@functools.cache
def _per_character() -> _PerCharacter:
    def ranges(spans: list[tuple[int, int]]) -> str:
        return "".join(f"{re.escape(chr(lo))}-{re.escape(chr(hi))}" for lo, hi in spans)

    images = {
        c: _NOISE.sub("", unicodedata.normalize("NFKC", c))
        for lo, hi in CONTEXT_FREE
        for c in map(chr, range(lo, hi + 1))
    }
    dropped = [re.escape(c) for c, image in images.items() if not image]
    changed = {ord(c): image for c, image in images.items() if image and image != c}
    return _PerCharacter(
        re.compile(f"[^{ranges(CONTEXT_FREE + IDEOGRAPHS)}]"),
        re.compile(f"[{''.join(dropped)}]"),
        re.compile(f"[{''.join(c for c in dropped if c != re.escape(chr(10)))}]"),
        re.compile("[" + "".join(re.escape(chr(c)) for c in changed) + "]"),
        changed,
    )


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

    def all(self, texts: Sequence[str]) -> list[str]:
        """``[self[t] for t in texts]``, those not yet known normalized in one pass."""
        missing = [t for t in dict.fromkeys(texts) if t not in self]
        self.update(zip(missing, normalize_all(missing), strict=True))
        return [self[t] for t in texts]

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


# BigramIndex.matrix takes the dot products pair by pair below this many pairs per text, for
# texts of this many bigrams on average; only speed depends on them, never a value.
PAIRS_PER_TEXT = 20
LONG_TEXT = 100


class BigramIndex:
    """TF-IDF vectors of character bigrams over a fixed set of texts (both plans' units).

    A text's vector is weighed when first needed: coverage asks for the vectors of a few
    sentences among hundreds."""

    def __init__(self, texts: Sequence[str], forms: NormalForms | None = None) -> None:
        self._forms = NormalForms() if forms is None else forms
        self._counts = [self._forms.bigrams(t) for t in texts]
        self._df: Counter[str] = Counter(chain.from_iterable(self._counts))  # keys
        n = max(1, len(texts))
        # most bigrams share a handful of document frequencies: one logarithm for each
        self._idf = {v: math.log((n + 1) / (v + 0.5)) for v in set(self._df.values())}
        self._vectors: list[dict[str, float] | None] = [None] * len(texts)

    @property
    def vectors(self) -> list[dict[str, float]]:
        return [self.vector(i) for i in range(len(self._vectors))]

    def vector(self, i: int) -> dict[str, float]:
        vector = self._vectors[i]
        if vector is None:
            vector = self._vectors[i] = self._weigh(i)
        return vector

    def _weigh(self, i: int) -> dict[str, float]:
        df, idf = self._df, self._idf
        # a bigram seen once weighs (1 + log 1) * idf, which is exactly idf
        vec = {
            k: idf[df[k]] if v == 1 else (1 + math.log(v)) * idf[df[k]]
            for k, v in self._counts[i].items()
        }
        norm = math.sqrt(sum([x * x for x in vec.values()])) or 1.0
        return {k: x / norm for k, x in vec.items()}

    def cosine(self, i: int, j: int) -> float:
        """The dot product summed in the shorter vector's order, as it always was, so that the
        rounded scores and the threshold decisions never move; a bigram the other vector lacks
        only added 0.0, which changes no sum, so it is skipped."""
        a, b = self.vector(i), self.vector(j)
        if len(a) > len(b):
            a, b = b, a
        if not a:
            return 0  # an empty text: the empty sum, an int, as before (JSON prints 0, not 0.0)
        return sum([x * b[k] for k, x in a.items() if k in b], 0.0)

    def reaching(self, rows: range, among: range, at_least: float) -> list[list[int]]:
        """For each text of ``rows``, the texts of ``among`` whose cosine with it may reach
        ``at_least`` (> 0), in order; every other one's is below it.

        The cosine over the bigrams a text weighs least is at most the norm of that part of
        its vector (the other vector's norm is 1), so while that norm stays below
        ``at_least`` a text reaches it only by sharing one of the other, heavier bigrams
        (prefix filtering, as in all-pairs similarity search). A margin covers rounding.
        """
        if at_least <= 1e-9:
            raise ValueError(f"reaching needs a positive cosine to reach, not {at_least}")
        limit = (at_least - 1e-9) ** 2
        heavies: list[list[str]] = []
        for i in rows:
            vector = self.vector(i)
            light = sorted(vector, key=vector.__getitem__)
            rest, heavy = 0.0, len(light)
            for n, k in enumerate(light):
                rest += vector[k] * vector[k]
                if rest >= limit:
                    heavy = n
                    break
            heavies.append(light[heavy:])
        wanted: set[str] = set().union(*heavies)
        postings: dict[str, list[int]] = {}  # for the heavy bigrams only: the texts having each
        for j in among:
            for k in wanted.intersection(self._counts[j]):
                if k in postings:
                    postings[k].append(j)
                else:
                    postings[k] = [j]
        out = []
        for heavy in heavies:
            found: set[int] = set()
            for k in heavy:
                if k in postings:
                    found.update(postings[k])
            out.append(sorted(found))
        return out

    def matrix(self, rows: range, columns: range) -> list[list[float]]:
        """``cosine(i, j)`` for every i of ``rows`` and j of ``columns``, the same values.

        The dot products are gathered bigram by bigram through an inverted index, so a pair
        costs the bigrams it shares, not all those of its shorter text. Each pair's terms are
        still added in the order of its shorter vector (the row's when they are as long), as
        ``cosine`` adds them: pairs whose row is not the longer are gathered row by row, the
        others column by column. The index costs a few times a text's bigrams, so for few
        pairs per text of long texts the products are taken pair by pair (measured on tasks
        of ~190 bigrams: pair by pair is faster for 31 × 31 tasks, the index for 62 × 62).
        """
        sizes = sum(len(self._counts[i]) for i in rows) + sum(len(self._counts[j]) for j in columns)
        pairs_per_text = len(rows) * len(columns) / max(1, len(rows) + len(columns))
        if pairs_per_text < PAIRS_PER_TEXT and sizes >= LONG_TEXT * (len(rows) + len(columns)):
            return self._pair_by_pair(rows, columns)
        out = self._gather(rows, columns, longer_only=False)
        by_column = self._gather(columns, rows, longer_only=True)
        lengths = [len(self._counts[i]) for i in rows]
        for c, j in enumerate(columns):
            size = len(self._counts[j])
            for r in range(len(rows)):
                if lengths[r] > size:
                    out[r][c] = by_column[c][r]
        for r, i in enumerate(rows):  # an empty text: cosine's empty sum, the int 0
            if not self._counts[i]:
                out[r] = [0] * len(columns)
        for c, j in enumerate(columns):
            if not self._counts[j]:
                for row in out:
                    row[c] = 0
        return out

    def _pair_by_pair(self, rows: range, columns: range) -> list[list[float]]:
        """``cosine(i, j)`` pair by pair, each vector first cut to the bigrams the other side
        has at all: the others only ever met a missing bigram (the order is kept)."""
        row_bigrams: set[str] = set().union(*(self._counts[i] for i in rows))
        column_bigrams: set[str] = set().union(*(self._counts[j] for j in columns))
        cut_rows = [
            [(k, x) for k, x in self.vector(i).items() if k in column_bigrams] for i in rows
        ]
        cut_columns = [
            [(k, x) for k, x in self.vector(j).items() if k in row_bigrams] for j in columns
        ]
        out: list[list[float]] = []
        for i, cut_a in zip(rows, cut_rows, strict=True):
            a = self.vector(i)
            row: list[float] = []
            for j, cut_b in zip(columns, cut_columns, strict=True):
                b = self.vector(j)
                if not a or not b:
                    row.append(0)  # as cosine: the empty sum of an empty text
                elif len(a) > len(b):
                    row.append(sum([x * a[k] for k, x in cut_b if k in a], 0.0))
                else:
                    row.append(sum([x * b[k] for k, x in cut_a if k in b], 0.0))
            out.append(row)
        return out

    def _gather(self, firsts: range, seconds: range, longer_only: bool) -> list[list[float]]:
        """For each text of ``firsts``, its dot products with the texts of ``seconds`` at least
        as long (``longer_only``: longer), summed in the first text's order; 0.0 for the
        others."""
        postings: dict[str, tuple[list[int], list[int], list[float]]] = {}
        mine: set[str] = set().union(*(self._counts[i] for i in firsts))
        for s in sorted(range(len(seconds)), key=lambda s: len(self._counts[seconds[s]])):
            size = len(self._counts[seconds[s]])
            for k, w in self.vector(seconds[s]).items():
                if k not in mine:
                    continue
                if k in postings:
                    sizes, which, weights = postings[k]
                    sizes.append(size)
                    which.append(s)
                    weights.append(w)
                else:
                    postings[k] = ([size], [s], [w])
        out = []
        for i in firsts:
            vector = self.vector(i)
            size = len(vector)
            sums = [0.0] * len(seconds)
            for k, x in vector.items():
                if k not in postings:
                    continue
                sizes, which, weights = postings[k]
                start = (bisect_right if longer_only else bisect_left)(sizes, size)
                if start == len(sizes):
                    continue
                for s, w in zip(which[start:], weights[start:], strict=True):
                    sums[s] += x * w  # 0.0 + the first term is the first term
            out.append(sums)
        return out


@functools.cache
def _fuzz() -> ModuleType:
    """rapidfuzz's scorers, imported on first use (an import statement per call costs more
    than the scorer on short names)."""
    from rapidfuzz import fuzz

    return fuzz


def ratio(a: str, b: str, forms: NormalForms | None = None) -> float:
    """Character-level similarity 0..1 (rapidfuzz's normalized Indel ratio)."""
    forms = NormalForms() if forms is None else forms
    return _fuzz().ratio(forms[a], forms[b]) / 100.0


def name_similarity(a: str, b: str, forms: NormalForms | None = None) -> float:
    """For short names (indicators, column titles): full ratio, or containment of one in the other."""
    forms = NormalForms() if forms is None else forms
    na, nb = forms[a], forms[b]
    if not na or not nb:
        return 0.0
    fuzz = _fuzz()
    full = fuzz.ratio(na, nb) / 100.0
    shorter = min(len(na), len(nb)) / max(len(na), len(nb))
    weight = 0.75 + 0.2 * shorter
    if full >= weight:  # the partial ratio is at most 1, so it cannot win: not computed
        return full
    partial = fuzz.partial_ratio(na, nb) / 100.0
    return max(full, partial * weight)


def longest_match(
    a: str,
    b: str,
    alo: int,
    ahi: int,
    blo: int,
    bhi: int,
    spans: Sequence[tuple[int, int]] | None = None,
    shortest: int = 1,
) -> tuple[int, int, int]:
    """``difflib.SequenceMatcher(None, a, b, autojunk=False).find_longest_match(alo, ahi, blo,
    bhi)``: (i, j, size) of the longest run of ``a[alo:ahi]`` found in ``b[blo:bhi]``, the
    earliest in ``a`` of the longest, then the earliest in ``b`` — when that run is at least
    ``shortest`` long; otherwise some shorter run.

    For each start in ``a`` one question is asked: does a run longer than the best so far
    start here? ``str.find`` answers it, so the work is a substring search per start instead
    of difflib's walk over every occurrence of every character. ``spans``, when given, are the
    stretches [p, q) of starts whose first ``shortest`` characters occur in ``b``, in order: a
    run from i in one is at most ``q - i + shortest - 1`` long, and none of ``shortest``
    starts elsewhere, so only the starts that could beat the best are searched.
    """
    if spans is None:
        spans, shortest = [(alo, ahi)], len(a) + 1  # no bound
    best_i, best_j, best = alo, blo, 0
    for p, q in spans[bisect_right(spans, alo, key=lambda span: span[1]) :]:
        for i in range(max(p, alo), q):
            if i + best >= ahi:
                return best_i, best_j, best
            if q - i + shortest - 1 <= best:
                break  # the later starts of this stretch reach still less far
            size = best + 1
            j = b.find(a[i : i + size], blo, bhi)
            if j < 0:
                continue
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
    found_at = bytes(map(grams.__contains__, [a[i : i + shortest] for i in range(len(a))]))
    spans = [m.span() for m in re.finditer(b"\x01+", found_at)]
    found: list[tuple[int, int]] = []
    ranges = [(0, len(a), 0, len(b))]
    while ranges:
        alo, ahi, blo, bhi = ranges.pop()
        i, j, size = longest_match(a, b, alo, ahi, blo, bhi, spans, shortest)
        if size < shortest:
            continue
        found.append((i, size))
        if alo < i and blo < j:
            ranges.append((alo, i, blo, j))
        if i + size < ahi and j + size < bhi:
            ranges.append((i + size, ahi, j + size, bhi))
    # difflib sorts its runs by their start in a, then in b; they never overlap in a
    return sorted(found)
