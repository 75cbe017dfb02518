"""The vocabulary of Chinese official documents, loaded from schemas/grammar.toml and roles.toml.

Code holds the shapes (heading markers, bracket structure); words live in the data files.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from planparse.resources import schema_toml

TYPE_CHECKING = False  # typing is not imported at run time: start-up (see cli/launch)
if TYPE_CHECKING:
    from typing import Any


def load_toml(name: str) -> dict[str, Any]:
    """A TOML data file from schemas/ (parsed once, and cached between runs)."""
    return schema_toml(name)


@dataclass(frozen=True)
class Grammar:
    # Asked of every line: each list as one alternation, so one search per line, not one per
    # pattern.
    template_lines: re.Pattern[str]
    page_numbers: re.Pattern[str]
    inline_markers: tuple[re.Pattern[str], ...]
    draft_markers: tuple[str, ...]
    notice_title: re.Pattern[str]
    public_notes: tuple[re.Pattern[str], ...]
    notice_suffixes: tuple[str, ...]
    issuer_suffixes: tuple[str, ...]
    doc_number: re.Pattern[str]
    footer_starts: tuple[str, ...]
    footer_printed: re.Pattern[str]
    doc_types: tuple[str, ...]
    title_period: re.Pattern[str]
    five_year_plans: dict[str, int]  # 十四五 -> 2025, the year the plan period ends
    place_suffixes: tuple[str, ...]  # longest first
    place_not_first: tuple[str, ...]
    place_not_inside: frozenset[str]
    basis_verbs: tuple[str, ...]
    basis_closers: tuple[str, ...]
    column_header: re.Pattern[str]
    indicator_title_words: tuple[str, ...]
    attributes: tuple[str, ...]
    binding: str
    expected: str
    header_words: tuple[str, ...]
    units: tuple[str, ...]  # longest first
    name_suffix_units: dict[str, str]
    op_prefixes: dict[str, str]
    op_suffixes: dict[str, str]
    lower_is_better: tuple[str, ...]
    reduction_words: tuple[str, ...]  # a name stating the size of a reduction (降低/下降)
    per_capita_words: tuple[str, ...]
    absolute_units: tuple[str, ...]
    place_words: tuple[str, ...]  # longest first (全县, 全市…)
    date_suffixes: tuple[str, ...]
    range_separators: tuple[str, ...]
    minus_signs: tuple[str, ...]
    scale_prefixes: dict[str, float]
    indicator_columns: dict[str, tuple[str, ...]]  # column role -> header words
    lead_max_chars: int
    lead_min_chars: int
    role_labels: dict[str, str]  # printed label -> role
    role_verbs: dict[str, str]  # verb closing a unit list (牵头 / 配合) -> role
    role_label_re: re.Pattern[str]  # any role label followed by its colon
    unit_separators: str  # between the units of one list (、，/)
    list_separators: re.Pattern[str]  # between labelled lists or verb segments (；，)
    first_listed_lead: re.Pattern[str]  # a bracket's note: the unit listed first leads
    organ_endings: tuple[str, ...]  # a unit name in a verb-form bracket ends in one of these
    same_below: tuple[str, ...]  # 下同: a bracket's note holds for the later brackets too
    task_section_words: tuple[str, ...]  # a heading naming the plan's tasks (主要任务)
    framing_titles: tuple[str, ...]  # items that frame a plan, not tasks (指导思想)


def _patterns(items: list[str]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for p in items)


def _any_of(items: list[str]) -> re.Pattern[str]:
    """One pattern that matches where any of `items` does (none: matches nothing)."""
    return re.compile("|".join(f"(?:{p})" for p in items) if items else "(?!)")


@cache
def grammar() -> Grammar:
    words: dict[str, Any] = load_toml("grammar.toml")
    roles: dict[str, Any] = load_toml("roles.toml")
    labels = {label: role for role, names in roles["labels"].items() for label in names}
    ind = words["indicator"]
    return Grammar(
        template_lines=_any_of(words["artifacts"]["template_lines"]),
        page_numbers=_any_of(words["artifacts"]["page_numbers"]),
        inline_markers=_patterns(words["artifacts"]["inline_markers"]),
        draft_markers=tuple(words["draft"]["markers"]),
        notice_title=re.compile(words["front"]["notice_title"]),
        public_notes=_patterns(words["front"]["public_notes"]),
        notice_suffixes=tuple(words["front"]["notice_suffixes"]),
        issuer_suffixes=tuple(words["front"]["issuer_suffixes"]),
        doc_number=re.compile(words["front"]["doc_number"]),
        footer_starts=tuple(words["front"]["footer_starts"]),
        footer_printed=re.compile(words["front"]["footer_printed"]),
        doc_types=tuple(words["front"]["doc_types"]),
        title_period=re.compile(words["front"]["title_period"]),
        five_year_plans={k: int(v) for k, v in words["front"]["five_year_plans"].items()},
        place_suffixes=tuple(sorted(words["place"]["level_suffixes"], key=len, reverse=True)),
        place_not_first=tuple(words["place"]["not_first"]),
        place_not_inside=frozenset(words["place"]["not_inside"]),
        basis_verbs=tuple(words["basis"]["verbs"]),
        basis_closers=tuple(words["basis"]["closers"]),
        column_header=re.compile(words["column"]["header"]),
        indicator_title_words=tuple(words["column"]["indicator_title_words"]),
        attributes=tuple(ind["attributes"]),
        binding=str(ind["binding"]),
        expected=str(ind["expected"]),
        header_words=tuple(ind["header_words"]),
        units=tuple(sorted(ind["units"], key=len, reverse=True)),
        name_suffix_units=dict(ind["name_suffix_units"]),
        op_prefixes=dict(sorted(ind["op_prefixes"].items(), key=lambda kv: -len(kv[0]))),
        op_suffixes=dict(ind["op_suffixes"]),
        lower_is_better=tuple(ind["lower_is_better"]),
        reduction_words=tuple(ind["reduction_words"]),
        per_capita_words=tuple(ind["per_capita_words"]),
        absolute_units=tuple(ind["absolute_units"]),
        place_words=tuple(sorted(ind["place_words"], key=len, reverse=True)),
        date_suffixes=tuple(ind["date_suffixes"]),
        range_separators=tuple(ind["range_separators"]),
        minus_signs=tuple(ind["minus_signs"]),
        scale_prefixes={k: float(v) for k, v in ind["scale_prefixes"].items()},
        indicator_columns={k: tuple(v) for k, v in ind["columns"].items()},
        lead_max_chars=int(words["task"]["lead_max_chars"]),
        lead_min_chars=int(words["task"]["lead_min_chars"]),
        role_labels=dict(sorted(labels.items(), key=lambda kv: -len(kv[0]))),
        role_label_re=re.compile(
            "(" + "|".join(re.escape(k) for k in sorted(labels, key=len, reverse=True)) + ")[：:]"
        ),
        unit_separators="".join(roles["separators"]["units"]),
        list_separators=re.compile(
            "[" + "".join(re.escape(s) for s in roles["separators"]["lists"]) + "]"
        ),
        first_listed_lead=re.compile(roles["notes"]["first_listed_lead"]),
        organ_endings=tuple(roles["units"]["organ_endings"]),
        same_below=tuple(roles["notes"]["same_below"]),
        task_section_words=tuple(words["task"]["section_words"]),
        framing_titles=tuple(words["task"]["framing_titles"]),
        role_verbs=dict(
            sorted(
                ((verb, role) for role, verbs in roles.get("verbs", {}).items() for verb in verbs),
                key=lambda kv: -len(kv[0]),
            )
        ),
    )
