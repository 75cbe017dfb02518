"""The fast paths of compare/similarity.py give exactly what the plain computations give.

The diff's scores are rounded and compared with thresholds, so "about the same" is not enough:
each fast path is checked against the straightforward computation it replaces, value for
value (and type for type: an empty text's cosine is the int 0, printed as 0 in JSON).
"""

from __future__ import annotations

import difflib
import random
import re
import unicodedata
from collections import Counter

import pytest

from planparse.compare import similarity
from planparse.compare.coverage import sentences
from planparse.compare.diff import task_text
from planparse.compare.similarity import (
    CONTEXT_FREE,
    IDEOGRAPHS,
    BigramIndex,
    NormalForms,
    bigrams,
    longest_match,
    normalize,
    normalize_all,
    shared_runs,
)
from planparse.model import Plan


def plain_cosine(index: BigramIndex, i: int, j: int) -> float:
    """The dot product as first written: every bigram of the shorter vector, 0.0 for those
    the other lacks."""
    a, b = index.vectors[i], index.vectors[j]
    if len(a) > len(b):
        a, b = b, a
    return sum(x * b.get(k, 0.0) for k, x in a.items())


def difflib_runs(a: str, b: str, shortest: int) -> list[tuple[int, int]]:
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return [(m.a, m.size) for m in matcher.get_matching_blocks() if m.size >= shortest]


@pytest.fixture(scope="module")
def task_texts(county_plan: Plan, city_plan: Plan) -> list[str]:
    return [task_text(t) for t in county_plan.tasks] + [task_text(t) for t in city_plan.tasks]


def test_normal_forms_and_bigrams_are_normalize_and_bigrams() -> None:
    forms = NormalForms()
    texts = ["加强（残疾）预防，", "ＡＢＣ１２３。", "", "十四五", "e，\u0301", "ｅ\u0301"]
    for text in texts + texts:
        assert forms[text] == normalize(text)
        assert forms.bigrams(text) == bigrams(text)
        assert list(forms.bigrams(text)) == list(bigrams(text))  # same order, same vectors
    assert forms["（一）"] == "一"


@pytest.mark.parametrize("pairs_per_text", [0, 10**9], ids=["inverted-index", "pair-by-pair"])
@pytest.mark.parametrize("part", ["heading", "text"])
def test_cosine_and_matrix_are_the_plain_dot_product(
    county_plan: Plan,
    city_plan: Plan,
    pairs_per_text: int,
    part: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(similarity, "PAIRS_PER_TEXT", pairs_per_text)
    monkeypatch.setattr(similarity, "LONG_TEXT", 0)
    text = (lambda t: t.heading) if part == "heading" else task_text
    # empty texts (no bigram) score the int 0; the city's tasks twice over make ties of length
    lower = [text(t) for t in county_plan.tasks] + ["", "。"]
    upper = [text(t) for t in city_plan.tasks] * 2 + ["，"]
    index = BigramIndex(lower + upper)
    rows, columns = range(len(lower)), range(len(lower), len(lower) + len(upper))
    matrix = index.matrix(rows, columns)
    zeros = 0
    for i in rows:
        for c, j in enumerate(columns):
            expected = plain_cosine(index, i, j)
            assert index.cosine(i, j) == expected
            assert matrix[i][c] == expected and type(matrix[i][c]) is type(expected)
            zeros += expected == 0.0
    if part == "heading":
        assert zeros > len(rows)  # headings sharing no bigram: 0.0, with no dot product
    assert type(matrix[len(lower) - 1][0]) is int and type(matrix[0][len(upper) - 1]) is int


def test_matrix_adds_in_the_order_of_the_shorter_vector(monkeypatch: pytest.MonkeyPatch) -> None:
    """Random texts over a few characters: many pairs of one length with their bigrams in
    different orders, where another order of the same terms gives another last bit."""
    monkeypatch.setattr(similarity, "PAIRS_PER_TEXT", 0)
    rng = random.Random(2023)
    texts = [
        "".join(rng.choice("残疾人服务保障康复") for _ in range(rng.randrange(3, 25)))
        for _ in range(120)
    ]
    index = BigramIndex(texts)
    rows, columns = range(60), range(60, 120)
    matrix = index.matrix(rows, columns)
    assert all(
        matrix[i][c] == plain_cosine(index, i, j) for i in rows for c, j in enumerate(columns)
    )


def test_reaching_keeps_every_sentence_that_reaches(task_texts: list[str]) -> None:
    forms = NormalForms()
    flat = [s for text in task_texts for s in sentences(text, forms)]
    half = len(flat) // 2
    index = BigramIndex(flat, forms)
    rows, among = range(0, half, 3), range(half, len(flat))
    pruned = 0
    for at_least in (0.3, 0.5, 0.8):
        for i, reaching in zip(rows, index.reaching(rows, among, at_least), strict=True):
            sharing = [j for j in among if plain_cosine(index, i, j) != 0.0]
            assert reaching == sorted(reaching) and set(reaching) <= set(sharing)
            assert {j for j in among if index.cosine(i, j) >= at_least} <= set(reaching)
            pruned += len(sharing) - len(reaching)
    assert pruned > 0


def test_shared_runs_are_difflibs_on_task_texts(task_texts: list[str]) -> None:
    forms = NormalForms()
    texts = [forms[t] for t in task_texts]
    half = len(texts) // 2
    for a in texts[:half:4]:
        for b in texts[half::3]:
            assert shared_runs(a, b, 3) == difflib_runs(a, b, 3)
    for a, b in zip(texts[:half], texts[half:], strict=False):
        assert shared_runs(a, b, 3) == difflib_runs(a, b, 3)


def test_shared_runs_and_longest_match_are_difflibs_on_random_strings() -> None:
    """Small alphabets make many ties and repeats, where the earliest-longest rule matters."""
    rng = random.Random(15)
    for _ in range(2000):
        alphabet = rng.choice(["ab", "abc", "aab", "abcdefgh", "残疾人服务"])
        a = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 40)))
        b = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 40)))
        for shortest in (1, 2, 3, 5):
            assert shared_runs(a, b, shortest) == difflib_runs(a, b, shortest), (a, b)
        matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
        for _ in range(4):
            alo = rng.randrange(len(a) + 1)
            ahi = rng.randrange(alo, len(a) + 1)
            blo = rng.randrange(len(b) + 1)
            bhi = rng.randrange(blo, len(b) + 1)
            expected = tuple(matcher.find_longest_match(alo, ahi, blo, bhi))
            assert longest_match(a, b, alo, ahi, blo, bhi) == expected, (a, b, alo, ahi, blo, bhi)


def test_counts_of_repeated_text() -> None:
    assert NormalForms().bigrams("残疾人残疾人") == Counter({"残疾": 2, "疾人": 2, "人残": 1})


def nfkc_normalize(text: str) -> str:
    """normalize as first written: NFKC of the whole text, then no punctuation or space."""
    noise = r"[\s，。、；：“”‘’（）()《》〈〉【】〔〕,.;:!?！？\-—…·]"
    return re.sub(noise, "", unicodedata.normalize("NFKC", text))


def test_context_free_characters_normalize_one_by_one() -> None:
    """The characters normalize maps one at a time: no combining mark, and no character that
    composes with the one before it (the second of a canonical pair), in them or their
    decompositions; ideographs are left as they are."""
    seconds = set()
    for code in range(0x110000):
        decomposition = unicodedata.decomposition(chr(code))
        if decomposition and not decomposition.startswith("<"):
            parts = decomposition.split()
            if len(parts) == 2:
                seconds.add(chr(int(parts[1], 16)))
    # Hangul syllables compose by rule, not by table: vowel and final jamo are seconds too
    seconds.update(map(chr, [*range(0x1161, 0x1176), *range(0x11A8, 0x11C3)]))
    assert "\u0301" in seconds and "\u1161" in seconds  # a combining accent, a Hangul vowel
    for lo, hi in CONTEXT_FREE + IDEOGRAPHS:
        for c in map(chr, range(lo, hi + 1)):
            for d in unicodedata.normalize("NFKD", c):
                assert unicodedata.combining(d) == 0 and d not in seconds, hex(ord(c))
    for lo, hi in IDEOGRAPHS:
        for c in map(chr, range(lo, hi + 1)):
            assert nfkc_normalize(c) == c, hex(ord(c))


def test_normalize_is_nfkc_of_the_whole_text(county_plan: Plan) -> None:
    rng = random.Random(9704)
    pool = [chr(c) for lo, hi in CONTEXT_FREE for c in range(lo, hi + 1)]
    pool += [*"残疾人服务十四五", "e\u0301", "\u1100\u1161", "ā", "①", "㎡", "\u3099", "\x0b"]
    for _ in range(3000):
        text = "".join(rng.choice(pool) for _ in range(rng.randrange(12)))
        assert normalize(text) == nfkc_normalize(text), ascii(text)
    for element in county_plan.elements:
        assert normalize(element.text) == nfkc_normalize(element.text)


def test_normalize_all_is_normalize_of_each(county_plan: Plan) -> None:
    """Joined by newlines, normalized in one pass, split again: the joints must survive, so no
    context-free character may turn into a newline."""
    for lo, hi in CONTEXT_FREE:
        for c in map(chr, range(lo, hi + 1)):
            assert "\n" not in unicodedata.normalize("NFKC", c) or c == "\n", hex(ord(c))
    pieces = [s for e in county_plan.elements for s in re.split("[。；]", e.text)]
    assert normalize_all(pieces) == [normalize(p) for p in pieces]
    rng = random.Random(17)
    pool = ["残", "疾", "（", "）", "，", "１", "Ａ", " ", "\t", "\r", "…", "ā", "\n", "\u3000"]
    for _ in range(500):
        texts = ["".join(rng.choice(pool) for _ in range(rng.randrange(6))) for _ in range(4)]
        assert normalize_all(texts) == [normalize(t) for t in texts], ascii(texts)
    assert normalize_all([]) == [] and normalize_all([""]) == [""]
