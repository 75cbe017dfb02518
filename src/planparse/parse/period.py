"""The year a plan's period ends, which its targets are set for (“到2025年”).

Read from the plan itself, never assumed: the range printed after the title
（2023—2025年）, else the five-year plan the title names (“十四五” -> 2025), else the
five-year plan the text refers to most (a draft without a title page still speaks of its
own period more often than of the previous one it reviews).
"""

from __future__ import annotations

import re
from collections import Counter

from planparse.model import Plan
from planparse.parse.grammar import grammar

_YEAR = re.compile(r"\d{4}")


def target_year(plan: Plan) -> int | None:
    """The last year of the plan's period, or None when the plan does not say."""
    vocab = grammar()
    title = re.sub(r"\s+", "", plan.meta.title or "")
    printed = vocab.title_period.search(title)
    if printed:
        return int(_YEAR.findall(printed.group(0))[-1])
    named = [year for word, year in vocab.five_year_plans.items() if word in title]
    if named:
        return max(named)
    mentions: Counter[int] = Counter()
    for element in plan.elements:
        for word, year in vocab.five_year_plans.items():
            mentions[year] += element.text.count(word)
    if not mentions or max(mentions.values()) == 0:
        return None
    # the most mentioned period; on a tie the later one (a plan looks back less than ahead)
    return max(mentions, key=lambda year: (mentions[year], year))


def target_label(plan: Plan) -> str:
    """``2025 target``, or ``target`` when the plan's period is unknown."""
    year = target_year(plan)
    return f"{year} target" if year else "target"
