"""How a document numbers its headings, read before any gap is reported.

Two house styles are common and both are correct: items numbered afresh in every section
(（一） 1. 2. 3. （二） 1. 2.) and items numbered through the whole document (（一） 1.–8.,
（二） 9.–15., … up to 45.). A sibling group therefore may start at 1 or continue the previous
group of the same level; only a start that is neither, or a step inside a group other than +1,
is a numbering fault. The scheme the document uses mostly decides what the message expects.
A text whose very first heading is numbered above 1 (20、…) starts on a later page or is an
excerpt: numbering runs on from there.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from planparse.model import Heading, PlanWarning

CONTINUOUS = "continuous"
PER_SECTION = "per-section"


@dataclass
class SiblingGroup:
    """Headings of one level under one parent, in document order."""

    level: int
    parent: Heading | None
    items: list[Heading] = field(default_factory=list)


def sibling_groups(headings: list[Heading]) -> list[SiblingGroup]:
    """The printed-number sibling groups, ordered by their first heading.

    Headings whose level came from a .docx style carry no printed number and form no group;
    they still enclose the headings below them.
    """
    groups: dict[tuple[int, int], SiblingGroup] = {}
    stack: list[Heading] = []
    for heading in headings:
        while stack and stack[-1].level >= heading.level:
            stack.pop()
        parent = stack[-1] if stack else None
        if heading.signal == "marker":
            key = (id(parent), heading.level)
            group = groups.setdefault(key, SiblingGroup(heading.level, parent))
            group.items.append(heading)
        stack.append(heading)
    return list(groups.values())


def by_level(groups: list[SiblingGroup]) -> dict[int, list[SiblingGroup]]:
    found: dict[int, list[SiblingGroup]] = {}
    for group in groups:
        found.setdefault(group.level, []).append(group)
    return found


def scheme(groups: list[SiblingGroup]) -> str:
    """``continuous`` when later groups mostly carry on from the previous group's last number,
    ``per-section`` when they mostly restart at 1 (or when there is a single group)."""
    carried = restarted = 0
    previous: int | None = None
    for group in groups:
        first = group.items[0].ordinal
        if previous is not None:
            if first == previous + 1 and first != 1:
                carried += 1
            elif first == 1:
                restarted += 1
        previous = max(h.ordinal for h in group.items)
    return CONTINUOUS if carried > restarted else PER_SECTION


def continuous_levels(headings: list[Heading]) -> set[int]:
    """Levels whose items are numbered through the document rather than per section."""
    return {
        level
        for level, groups in by_level(sibling_groups(headings)).items()
        if scheme(groups) == CONTINUOUS
    }


def heading_numbering_warnings(headings: list[Heading]) -> list[PlanWarning]:
    """Gaps and repeats in heading numbers, judged against the document's own scheme."""
    found: list[tuple[Heading, PlanWarning]] = []
    for groups in by_level(sibling_groups(headings)).values():
        continuous = scheme(groups) == CONTINUOUS
        previous = 0  # the last number of the previous group of this level
        seen_in_level: set[int] = set()
        for group in groups:
            expected = 1
            seen: set[int] = set()
            for index, heading in enumerate(group.items):
                n = heading.ordinal
                if index == 0 and (n in (1, previous + 1) or heading is headings[0]):
                    expected = n
                elif index == 0 and continuous and n in seen_in_level:
                    seen.add(n)  # reported below as a repeat
                elif index == 0:
                    expected = previous + 1 if continuous else 1
                if n in seen:
                    found.append((heading, _repeat(heading)))
                elif n != expected:
                    found.append((heading, _gap(heading, expected)))
                seen.add(n)
                seen_in_level.add(n)
                expected = max(expected, n + 1)
            previous = max(h.ordinal for h in group.items)
    found.sort(key=lambda pair: pair[0].lines)
    return [w for _, w in found]


def _repeat(heading: Heading) -> PlanWarning:
    return PlanWarning(
        "heading-numbering-duplicate", f"heading number {heading.marker} repeats", heading.lines
    )


def _gap(heading: Heading, expected: int) -> PlanWarning:
    return PlanWarning(
        "heading-numbering-gap",
        f"heading number {heading.marker} follows {expected - 1}, expected {expected}",
        heading.lines,
    )
