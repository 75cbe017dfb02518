"""One-to-many coverage from sentence-level evidence.

After the one-to-one assignment, a task left without a partner may still be implemented: two
city tasks merged into one county task, one city task split over two county tasks, or a city
task whose sentences the county spreads over parts of several tasks. Whole-task similarity
misses these (the partner holds much other text); sentence similarity finds them. A task is
covered when enough of its sentences each have a close sentence on the other side; the
covering tasks are listed, most sentences first.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from planparse.compare.similarity import BigramIndex, NormalForms

# Chosen on the evaluation set (bench/bench_alignment.py, `make bench`), not on one pair: a
# sentence counts when its closest sentence on the other side has a TF-IDF bigram cosine of
# 0.5 (0.45 finds no more merged or split parts, 0.4 starts pairing stock sentences in the
# shuffled pairs), and a quarter of the task's sentences must be found (a third loses merged
# parts of the sample pair; one shared stock sentence of a long task stays below it).
SENTENCE_MIN = 0.5
SHARE_MIN = 0.25
# One shared sentence is a quotation, not coverage, unless it is taken over nearly verbatim.
MIN_FOUND = 2
SENTENCE_VERBATIM = 0.8
MIN_CHARS = 8  # shorter fragments (“加强组织领导”) are stock phrases, not evidence

_SENTENCE_END = re.compile(r"[。；;！？!?]")


def sentences(text: str, forms: NormalForms | None = None) -> list[str]:
    forms = NormalForms() if forms is None else forms
    pieces = _SENTENCE_END.split(text)
    return [s for s, form in zip(pieces, forms.all(pieces), strict=True) if len(form) >= MIN_CHARS]


@dataclass(frozen=True)
class Coverage:
    covered: int  # index of the task without a one-to-one partner
    by: list[tuple[int, int]]  # (index of a covering task on the other side, sentences it covers)
    sentences: int  # sentences of the covered task
    found: int  # of which found on the other side
    evidence: list[tuple[str, str, float]]  # (sentence, closest sentence, cosine), best first
    score: float = 0.0  # whole-task similarity, when that (not sentences) is the evidence


def coverage(
    texts: list[str], others: list[str], candidates: list[int], forms: NormalForms | None = None
) -> dict[int, Coverage]:
    """For each ``texts[i]`` in ``candidates``: the ``others`` that cover enough of its sentences."""
    if not candidates or not others:
        return {}
    forms = NormalForms() if forms is None else forms
    forms.all([s for text in others for s in _SENTENCE_END.split(text)])  # in one pass
    mine = {i: sentences(texts[i], forms) for i in candidates}
    theirs = [(k, s) for k, text in enumerate(others) for s in sentences(text, forms)]
    flat = [s for i in candidates for s in mine[i]]
    index = BigramIndex(flat + [s for _k, s in theirs], forms)
    offset = len(flat)
    # A closest sentence below SENTENCE_MIN counts for nothing, so only the sentences that
    # may reach it are scored.
    reaching = index.reaching(range(offset), range(offset, offset + len(theirs)), SENTENCE_MIN)
    found: dict[int, Coverage] = {}
    position = 0
    for i in candidates:
        by: Counter[int] = Counter()
        evidence: list[tuple[str, str, float]] = []
        for sentence in mine[i]:
            best, best_k, best_s = 0.0, -1, ""
            for n in reaching[position]:  # in order: the first of equal bests wins
                score = index.cosine(position, n)
                if score > best:
                    best, best_k, best_s = score, *theirs[n - offset]
            position += 1
            if best >= SENTENCE_MIN:
                by[best_k] += 1
                evidence.append((sentence, best_s, round(best, 3)))
        total = len(mine[i])
        hits = sum(by.values())
        strong = any(score >= SENTENCE_VERBATIM for _a, _b, score in evidence)
        if (hits >= MIN_FOUND or strong) and hits / total >= SHARE_MIN:
            evidence.sort(key=lambda e: -e[2])
            found[i] = Coverage(i, by.most_common(), total, hits, evidence)
    return found
