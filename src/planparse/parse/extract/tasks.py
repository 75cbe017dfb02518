"""任务: the units of work in a plan.

Some plans number them (``1．完善救助制度。…``); others write unnumbered
paragraphs that open with a lead sentence (``加强队伍建设，提升服务能力。…``). A paragraph is a
task when it has a responsibility bracket, or when it opens with a lead sentence in a section
where a sibling carries one (a bracket at the end of a section may cover all its paragraphs).

A heading with headings below it is a section, not a task, even when a sentence follows its
title (``（一）产业提升人才行动计划。…实施如下重点项目：`` introduces the items below it) —
unless it carries a responsibility bracket of its own. Items numbered through the whole
document (1–45 across all sections) are one sequence: where any of them carries a bracket,
all of them are tasks, also those in a section without brackets (``1.目标。…``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from planparse.model import Block, Heading, Responsibility, Task
from planparse.parse.extract.responsibility import (
    extract_responsibility,
    merge,
    responsibility_line,
)
from planparse.parse.grammar import grammar
from planparse.parse.numbering import continuous_levels
from planparse.parse.segment import split_lead


@dataclass
class Candidate:
    index: int  # body block index
    block: Block
    heading: str
    body: str  # text after the lead sentence, bracket removed
    number: str | None
    responsibility: Responsibility | None
    section: Heading | None  # the heading that encloses it (or that it opens)
    path: list[Heading]
    label_blocks: list[tuple[int, Block]] = field(default_factory=list)  # 牵头单位：… lines
    container: bool = False  # a heading candidate with headings below it

    @property
    def chapter(self) -> str:
        """The top-level heading (一、 / 第一章) the candidate sits in."""
        return self.path[0].id if self.path else "root"

    @property
    def last_index(self) -> int:
        return self.label_blocks[-1][0] if self.label_blocks else self.index

    @property
    def group(self) -> str:
        """Siblings share the heading above them (for a numbered task: above its own)."""
        above = self.path[:-1] if self.number is not None else self.path
        return above[-1].id if above else "root"


def lead_sentence(text: str) -> tuple[str, str] | None:
    """The lead phrase and the rest, when ``text`` opens with a short sentence ending in 。."""
    vocab = grammar()
    cut = text.find("。")
    if cut < vocab.lead_min_chars or cut > vocab.lead_max_chars or cut == len(text) - 1:
        return None
    return split_lead(text, vocab.lead_max_chars)


def find_candidates(
    body: list[Block], heading_of: dict[int, Heading], path_of: dict[int, list[Heading]]
) -> list[Candidate]:
    found: list[Candidate] = []
    parents = {id(h) for path in path_of.values() for h in path[:-1]}
    for index, block in enumerate(body):
        if block.kind != "para":
            continue
        heading = heading_of.get(index)
        path = path_of.get(index, [])
        label_line = responsibility_line(block.text) if heading is None else None
        if label_line is not None and found and found[-1].last_index == index - 1:
            _attach(found[-1], label_line, index, block)
            continue
        resp, text = extract_responsibility(block.text)
        if heading is not None:
            if not heading.body:
                continue
            _, rest = split_lead(_without_marker(text, heading.marker), grammar().lead_max_chars)
            found.append(
                Candidate(index, block, heading.title, rest, heading.marker, resp, heading, path)
            )
            found[-1].container = id(heading) in parents
            continue
        lead = lead_sentence(text)
        if lead is None and resp is None:
            continue
        title, rest = lead if lead else ("", text)
        section = path[-1] if path else None
        found.append(Candidate(index, block, title, rest, None, resp, section, path))
    return found


def _attach(cand: Candidate, resp: Responsibility, index: int, block: Block) -> None:
    """A responsibility line below a task belongs to it."""
    if cand.responsibility is None:
        cand.responsibility = resp
    else:
        merge(cand.responsibility, resp)
    cand.label_blocks.append((index, block))


def _without_marker(text: str, marker: str) -> str:
    stripped = text.lstrip()
    return stripped[len(marker) :] if stripped.startswith(marker) else stripped


def select_tasks(
    candidates: list[Candidate], headings: list[Heading] | None = None
) -> list[Candidate]:
    """Keep candidates with a bracket; unnumbered lead-sentence paragraphs whose siblings carry
    one; numbered ones that are not sections, in a chapter where any task carries one, or in a
    document-wide numbered sequence where any item carries one (or anywhere, when the plan has
    no brackets at all)."""
    any_bracket = any(c.responsibility for c in candidates)
    bracketed_groups = {c.group for c in candidates if c.responsibility is not None}
    bracketed_chapters = {c.chapter for c in candidates if c.responsibility is not None}
    through = continuous_levels(headings or [])
    bracketed_levels = {
        c.section.level
        for c in candidates
        if c.responsibility is not None and c.number is not None and c.section is not None
    }
    chosen: list[Candidate] = []
    for cand in candidates:
        if cand.responsibility is not None:
            chosen.append(cand)
        elif not cand.heading or cand.container:
            continue
        elif cand.number is not None:
            level = cand.section.level if cand.section is not None else None
            if (
                not any_bracket
                or cand.chapter in bracketed_chapters
                or (level in through and level in bracketed_levels)
            ):
                chosen.append(cand)
        elif cand.group in bracketed_groups:
            chosen.append(cand)
    return chosen


def make_tasks(chosen: list[Candidate]) -> list[Task]:
    tasks: list[Task] = []
    counters: dict[str, int] = {}
    for cand in chosen:
        if cand.number is not None and cand.section is not None:
            task_id = "t-" + cand.section.id.removeprefix("h-")
        else:
            section_id = cand.section.id.removeprefix("h-") if cand.section else "0"
            counters[section_id] = counters.get(section_id, 0) + 1
            task_id = f"t-{section_id}.p{counters[section_id]}"
        resp = cand.responsibility
        if resp is not None:
            last = cand.label_blocks[-1][1].lines if cand.label_blocks else cand.block.lines
            resp.lines = (cand.block.lines[0], last[1])
        tasks.append(
            Task(
                id=task_id,
                heading=cand.heading,
                text=cand.block.text,
                path=[h.title for h in cand.path],
                lines=cand.block.lines,
                number=cand.number,
                responsibility=resp,
                section_id=cand.section.id if cand.section else "",
                body=cand.body,
            )
        )
    return tasks
