"""The fast paths of compare/similarity.py give exactly what the plain computations give.

The diff's scores are rounded and compared with thresholds, so "about the same" is not enough:
each fast path is checked against the straightforward computation it replaces, value for
value (and type for type: an empty text's cosine is the int 0, printed as 0 in JSON).
"""

from __future__ import annotations

import difflib
import random
from collections import Counter

import pytest

from planparse.compare.coverage import sentences
from planparse.compare.diff import task_text
from planparse.compare.similarity import (
    BigramIndex,
    NormalForms,
    bigrams,
    longest_match,
    normalize,
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


def test_cosine_and_matrix_are_the_plain_dot_product(county_plan: Plan, city_plan: Plan) -> None:
    lower = [t.heading for t in county_plan.tasks] + ["", "。"]  # empty texts score the int 0
    upper = [t.heading for t in city_plan.tasks] + ["，"]
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
    assert zeros > len(rows)  # headings sharing no bigram are skipped, and still 0.0
    assert type(matrix[len(lower) - 1][0]) is int and type(matrix[0][len(upper) - 1]) is int


def test_reaching_keeps_every_sentence_that_reaches(task_texts: list[str]) -> None:
    forms = NormalForms()
    flat = [s for text in task_texts for s in sentences(text, forms)]
    half = len(flat) // 2
    index = BigramIndex(flat, forms)
    among = range(half, len(flat))
    pruned = 0
    for i in range(0, half, 3):
        sharing = index.sharing(i, among)
        assert sharing == [j for j in among if plain_cosine(index, i, j) != 0.0]
        for at_least in (0.3, 0.5, 0.8):
            reaching = index.reaching(i, among, at_least)
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
