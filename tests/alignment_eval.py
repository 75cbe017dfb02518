"""The alignment evaluation set: pairs of task lists with known truth.

Used by tests/test_alignment_eval.py (a small fast subset with floors) and by
bench/bench_alignment.py (every kind, several seeds, precision and recall printed).

- the sample pair (corpus/zezhou-county-2023.txt vs corpus/linfen-city-draft.txt) with the
  hand-checked pairs of tests/diff_truth.py;
- metamorphic pairs: a corpus plan (the upper side) against a transformed copy of itself (the
  lower side), where the transformation says which lower task implements which upper task:
  task order shuffled within sections and across sections, headings paraphrased, tasks removed,
  two neighbouring tasks merged into one, one task split in two, 市 renamed to 县 throughout
  (or 县 to 市), another place's name. Every corpus document with enough tasks is used, the
  complete public ones under corpus/public/ included.
"""

from __future__ import annotations

import random
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from planparse.compare.diff import DiffOptions, TaskPair, diff_tasks
from planparse.model import Plan, Task

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

DATA = Path(__file__).resolve().parent / "data"
KINDS = (
    "shuffle-within",
    "shuffle-across",
    "paraphrase",
    "removal",
    "rename",
    "other-place",
    "merge",
    "split",
)
MIN_TASKS = 8  # a plan with fewer tasks makes no meaningful alignment case


@dataclass
class Case:
    kind: str
    source: str
    lower: list[Task]
    upper: list[Task]
    truth: set[tuple[str, str]]  # (lower task id, upper task id) that should be linked
    # the links only one-to-many coverage can make (the merged-away or split-off part)
    many: set[tuple[str, str]] = field(default_factory=set)


@dataclass
class Score:
    claimed: int = 0
    correct: int = 0
    truth: int = 0
    found: int = 0
    many: int = 0
    many_found: int = 0

    def add(self, other: Score) -> None:
        for name in vars(self):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def precision(self) -> float:
        return self.correct / self.claimed if self.claimed else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.truth if self.truth else 1.0

    @property
    def many_recall(self) -> float:
        return self.many_found / self.many if self.many else 1.0


def links(pairs: list[TaskPair]) -> set[tuple[str, str]]:
    """Every (lower id, upper id) the diff claims, covering tasks of partial pairs included."""
    out: set[tuple[str, str]] = set()
    for p in pairs:
        if p.lower is None or p.upper is None:
            continue
        out.add((p.lower.id, p.upper.id))
        if p.match == "partial" and p.covering:
            if p.covering[0][0] is p.lower:
                out.update((t.id, p.upper.id) for t, _n in p.covering)
            else:
                out.update((p.lower.id, t.id) for t, _n in p.covering)
    return out


def score(case: Case, options: DiffOptions | None = None) -> Score:
    pairs = diff_tasks(case.lower, case.upper, options or DiffOptions(text_diff=False))
    claimed = links(pairs)
    return Score(
        claimed=len(claimed),
        correct=len(claimed & case.truth),
        truth=len(case.truth),
        found=len(case.truth & claimed),
        many=len(case.many),
        many_found=len(case.many & claimed),
    )


# ---------------------------------------------------------------------------- transformations


def _copy(task: Task, n: int, **changes: object) -> Task:
    return replace(task, id=f"m{n}-{task.id}", **changes)  # type: ignore[arg-type]


def _identity(tasks: list[Task]) -> tuple[list[Task], set[tuple[str, str]]]:
    lower = [_copy(t, k) for k, t in enumerate(tasks)]
    return lower, {(a.id, t.id) for a, t in zip(lower, tasks, strict=True)}


def shuffle_within(tasks: list[Task], rng: random.Random) -> Case:
    lower, truth = _identity(tasks)
    sections: dict[tuple[str, ...], list[int]] = {}
    for k, t in enumerate(tasks):
        sections.setdefault(tuple(t.path[:-1]), []).append(k)
    order: list[int] = []
    for members in sections.values():
        members = members[:]
        rng.shuffle(members)
        order += members
    return Case("shuffle-within", "", [lower[k] for k in order], tasks, truth)


def shuffle_across(tasks: list[Task], rng: random.Random) -> Case:
    lower, truth = _identity(tasks)
    rng.shuffle(lower)
    return Case("shuffle-across", "", lower, tasks, truth)


def _synonyms() -> dict[str, str]:
    with (DATA / "paraphrases.toml").open("rb") as handle:
        return dict(tomllib.load(handle)["synonyms"])


def paraphrase(tasks: list[Task], rng: random.Random) -> Case:
    synonyms = _synonyms()
    pattern = re.compile("|".join(sorted(map(re.escape, synonyms), key=len, reverse=True)))
    lower = [
        _copy(t, k, heading=pattern.sub(lambda m: synonyms[m.group(0)], t.heading))
        for k, t in enumerate(tasks)
    ]
    truth = {(a.id, t.id) for a, t in zip(lower, tasks, strict=True)}
    return Case("paraphrase", "", lower, tasks, truth)


def removal(tasks: list[Task], rng: random.Random) -> Case:
    lower, truth = _identity(tasks)
    gone = set(rng.sample(range(len(tasks)), max(1, len(tasks) // 4)))
    kept = [t for k, t in enumerate(lower) if k not in gone]
    ids = {t.id for t in kept}
    return Case("removal", "", kept, tasks, {(a, b) for a, b in truth if a in ids})


def _renamed(tasks: list[Task], old: str, new: str) -> list[Task]:
    return [
        _copy(
            t,
            k,
            heading=t.heading.replace(old, new),
            body=t.body.replace(old, new),
            text=t.text.replace(old, new),
        )
        for k, t in enumerate(tasks)
    ]


def rename(tasks: list[Task], rng: random.Random, place: str | None = None) -> Case:
    text = "".join(t.text for t in tasks)
    old, new = ("市", "县") if text.count("市") >= text.count("县") else ("县", "市")
    lower = _renamed(tasks, old, new)
    truth = {(a.id, t.id) for a, t in zip(lower, tasks, strict=True)}
    return Case("rename", "", lower, tasks, truth)


def other_place(tasks: list[Task], rng: random.Random, place: str | None = None) -> Case:
    # the full name first, then the short form (泽州县 -> 青松县, 泽州 -> 青松)
    lower = _renamed(_renamed(tasks, place, "青松县"), place[:-1], "青松") if place else tasks
    lower = [_copy(t, k) for k, t in enumerate(lower)]
    truth = {(a.id, t.id) for a, t in zip(lower, tasks, strict=True)}
    return Case("other-place", "", lower, tasks, truth)


def _sentences(text: str) -> list[str]:
    return [s + "。" for s in text.split("。") if s.strip()]


def merge(tasks: list[Task], rng: random.Random) -> Case:
    """Three pairs of neighbouring tasks of one section each become one task."""
    starts = [k for k in range(len(tasks) - 1) if tasks[k].path[:-1] == tasks[k + 1].path[:-1]]
    rng.shuffle(starts)
    chosen: list[int] = []
    for k in starts:
        if all(abs(k - c) > 1 for c in chosen):
            chosen.append(k)
        if len(chosen) == 3:
            break
    lower: list[Task] = []
    truth: set[tuple[str, str]] = set()
    many: set[tuple[str, str]] = set()
    skip = {k + 1 for k in chosen}
    for k, t in enumerate(tasks):
        if k in skip:
            continue
        if k in chosen:
            nxt = tasks[k + 1]
            merged = _copy(t, k, body=t.body + nxt.body, text=t.text + nxt.text)
            lower.append(merged)
            truth |= {(merged.id, t.id), (merged.id, nxt.id)}
            many.add((merged.id, nxt.id))
        else:
            lower.append(_copy(t, k))
            truth.add((lower[-1].id, t.id))
    return Case("merge", "", lower, tasks, truth, many)


def split(tasks: list[Task], rng: random.Random) -> Case:
    """Three tasks of four or more sentences each become two: the second half under its own
    lead sentence."""
    long = [k for k, t in enumerate(tasks) if len(_sentences(t.body)) >= 4]
    chosen = set(rng.sample(long, min(3, len(long))))
    lower: list[Task] = []
    truth: set[tuple[str, str]] = set()
    many: set[tuple[str, str]] = set()
    for k, t in enumerate(tasks):
        if k not in chosen:
            lower.append(_copy(t, k))
            truth.add((lower[-1].id, t.id))
            continue
        parts = _sentences(t.body)
        half = len(parts) // 2
        first = _copy(t, k, body="".join(parts[:half]), text=t.heading + "".join(parts[:half]))
        lead = parts[half].rstrip("。")
        second = replace(
            t,
            id=f"m{k}b-{t.id}",
            heading=lead,
            body="".join(parts[half + 1 :]),
            text="".join(parts[half:]),
        )
        lower += [first, second]
        truth |= {(first.id, t.id), (second.id, t.id)}
        many.add((second.id, t.id))
    return Case("split", "", lower, tasks, truth, many)


MAKERS: dict[str, Callable[..., Case]] = {
    "shuffle-within": shuffle_within,
    "shuffle-across": shuffle_across,
    "paraphrase": paraphrase,
    "removal": removal,
    "rename": rename,
    "other-place": other_place,
    "merge": merge,
    "split": split,
}


def transform(plan: Plan, kind: str, seed: int, name: str) -> Case:
    rng = random.Random(f"{name}:{kind}:{seed}")
    maker = MAKERS[kind]
    if kind in ("rename", "other-place"):
        case = maker(plan.tasks, rng, plan.meta.place)
    else:
        case = maker(plan.tasks, rng)
    case.source = name
    return case


def metamorphic(
    plans: dict[str, Plan], seeds: range, kinds: tuple[str, ...] = KINDS
) -> Iterator[Case]:
    """Each plan against transformed copies of itself."""
    for name, plan in plans.items():
        if len(plan.tasks) < MIN_TASKS:
            continue
        for seed in seeds:
            for kind in kinds:
                yield transform(plan, kind, seed, name)


def metamorphic_sample(
    lower: Plan,
    upper: Plan,
    truth: set[tuple[str, str]],
    seeds: range,
    kinds: tuple[str, ...] = KINDS,
) -> Iterator[Case]:
    """The sample pair with its lower plan transformed: the truth follows the hand-checked
    pairs through the transformation (a merged county task implements both city tasks its
    parts implemented; both halves of a split one implement its city task)."""
    partners: dict[str, set[str]] = {}
    for a, b in truth:
        partners.setdefault(a, set()).add(b)
    for seed in seeds:
        for kind in kinds:
            case = transform(lower, kind, seed, "sample")
            origin = {t.id: t.id for t in lower.tasks}
            mapped: set[tuple[str, str]] = set()
            many: set[tuple[str, str]] = set()
            for a, b in case.truth:  # (transformed id, original lower id)
                for c in partners.get(origin[b], ()):
                    mapped.add((a, c))
                    if (a, b) in case.many:
                        many.add((a, c))
            yield Case(f"sample-{kind}", "sample", case.lower, upper.tasks, mapped, many)
