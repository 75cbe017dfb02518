"""任务: the units of work in a plan.

Some plans number them (``1．完善救助制度。…``); others write unnumbered
paragraphs that open with a lead sentence (``加强队伍建设，提升服务能力。…``). A paragraph is a
task when it has a responsibility bracket, or when it opens with a lead sentence in a section
where a sibling carries one (a bracket at the end of a section may cover all its paragraphs).

A heading with headings below it is a section, not a task, even when a sentence follows its
title (``（一）产业提升人才行动计划。…实施如下重点项目：`` introduces the items below it) —
unless it carries a responsibility bracket of its own. A measure printed as a heading line of
its own (``（一）健全国家职业教育制度框架。``) followed by its paragraphs is one task made of
them all. Numbered items in a chapter without any bracket (``1.目标。``, ``（一）指导思想。``)
frame the plan rather than assign work, where other chapters carry brackets. In a plan
without brackets, the items under a heading naming the tasks (三、试点任务) are its tasks, or,
without one, every numbered item that does not frame the plan.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from planparse.model import Block, Heading, Responsibility, Task
from planparse.parse.extract.responsibility import (
    apply_reading_notes,
    extract_responsibility,
    merge,
    responsibility_line,
)
from planparse.parse.grammar import grammar
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
    body_blocks: list[tuple[int, Block]] = field(default_factory=list)  # below a heading line
    container: bool = False  # a heading candidate with headings below it

    @property
    def chapter(self) -> str:
        """The top-level heading (一、 / 第一章) the candidate sits in."""
        return self.path[0].id if self.path else "root"

    @property
    def last_index(self) -> int:
        blocks = self.label_blocks or self.body_blocks
        return blocks[-1][0] if blocks else self.index

    @property
    def group(self) -> str:
        """Siblings share the heading above them (for a numbered task: above its own)."""
        above = self.path[:-1] if self.number is not None else self.path
        return above[-1].id if above else "root"


def lead_sentence(text: str) -> tuple[str, str] | None:
    """The lead phrase and the rest, when ``text`` opens with a short sentence ending in 。."""
    g = grammar()
    cut = text.find("。")
    if cut < g.lead_min_chars or cut > g.lead_max_chars or cut == len(text) - 1:
        return None
    return split_lead(text, g.lead_max_chars)


def find_candidates(
    body: list[Block], heading_of: dict[int, Heading], path_of: dict[int, list[Heading]]
) -> list[Candidate]:
    found: list[Candidate] = []
    parents = {id(h) for path in path_of.values() for h in path[:-1]}
    consumed: set[int] = set()
    for index, block in enumerate(body):
        if block.kind != "para" or index in consumed:
            continue
        heading = heading_of.get(index)
        path = path_of.get(index, [])
        # The bracket is read once: the label line, if the paragraph is one, is that same
        # bracket, and only one of the two is kept.
        resp, text = extracted = extract_responsibility(block.text)
        label_line = responsibility_line(block.text, extracted) if heading is None else None
        if label_line is not None and found and found[-1].last_index == index - 1:
            _attach(found[-1], label_line, index, block)
            continue
        if heading is not None:
            if not heading.body:
                cand = _heading_line_task(body, index, heading, path, heading_of, path_of)
                if cand is not None and id(heading) not in parents:
                    consumed.update(i for i, _ in cand.body_blocks + cand.label_blocks)
                    found.append(cand)
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


def _heading_line_task(
    body: list[Block],
    index: int,
    heading: Heading,
    path: list[Heading],
    heading_of: dict[int, Heading],
    path_of: dict[int, list[Heading]],
) -> Candidate | None:
    """A measure printed as a heading line closed by 。 (``（一）健全…制度框架。``) and the plain
    paragraphs below it, up to the next heading: one task. Not when one of those paragraphs
    other than the last carries a bracket of its own: then they are tasks themselves."""
    if not body[index].text.rstrip().endswith("。"):
        return None
    follow: list[tuple[int, Block]] = []
    for k in range(index + 1, len(body)):
        block = body[k]
        if block.kind != "para" or k in heading_of or not path_of.get(k):
            break
        if path_of[k][-1] is not heading:
            break
        follow.append((k, block))
    labels: list[tuple[int, Block]] = []
    while follow and responsibility_line(follow[-1][1].text) is not None:
        labels.insert(0, follow.pop())
    if not follow and not labels:
        # A one-sentence item with nothing below it (7.其他主要经济指标不低于全市平均水平。).
        return Candidate(index, body[index], heading.title, "", heading.marker, None, heading, path)
    if any(extract_responsibility(b.text)[0] for _, b in follow[:-1]):
        return None
    # An item whose only paragraphs below are 牵头单位：… lines is a task of one sentence.
    resp, last = extract_responsibility(follow[-1][1].text) if follow else (None, "")
    text = "".join(b.text for _, b in follow[:-1]) + last
    cand = Candidate(index, body[index], heading.title, text, heading.marker, resp, heading, path)
    cand.body_blocks = follow
    for k, block in labels:
        line = responsibility_line(block.text)
        if line is not None:
            _attach(cand, line, k, block)
    return cand


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
    one; numbered ones that are not sections, in a chapter where any task carries one. In a
    plan without brackets: numbered items under a heading naming the tasks, else every
    numbered item that does not frame the plan."""
    if not any(c.responsibility for c in candidates):
        return _tasks_without_brackets(candidates, headings or [])
    bracketed_groups = {c.group for c in candidates if c.responsibility is not None}
    bracketed_chapters = {c.chapter for c in candidates if c.responsibility is not None}
    chosen: list[Candidate] = []
    for cand in candidates:
        if cand.responsibility is not None:
            chosen.append(cand)
        elif not cand.heading or cand.container:
            continue
        elif cand.number is not None:
            if cand.chapter in bracketed_chapters:
                chosen.append(cand)
        elif cand.group in bracketed_groups:
            chosen.append(cand)
    return chosen


def _tasks_without_brackets(
    candidates: list[Candidate], headings: list[Heading]
) -> list[Candidate]:
    vocab = grammar()
    numbered = [c for c in candidates if c.number is not None and c.heading and not c.container]
    task_sections = {
        id(h) for h in headings if any(word in h.title for word in vocab.task_section_words)
    }
    under_task_section = [c for c in numbered if any(id(h) in task_sections for h in c.path[:-1])]
    if under_task_section:
        return under_task_section
    return [c for c in numbered if not any(h.title in vocab.framing_titles for h in c.path)]


def make_tasks(chosen: list[Candidate]) -> list[Task]:
    apply_reading_notes([c.responsibility for c in chosen if c.responsibility is not None])
    tasks: list[Task] = []
    counters: dict[str, int] = {}
    for cand in chosen:
        if cand.number is not None and cand.section is not None:
            task_id = "t-" + cand.section.id.removeprefix("h-")
        else:
            section_id = cand.section.id.removeprefix("h-") if cand.section else "0"
            counters[section_id] = counters.get(section_id, 0) + 1
            task_id = f"t-{section_id}.p{counters[section_id]}"
        own = [cand.block, *(b for _, b in cand.body_blocks)]  # the task's own paragraphs
        resp = cand.responsibility
        if resp is not None:
            last = cand.label_blocks[-1][1] if cand.label_blocks else own[-1]
            resp.lines = (cand.block.lines[0], last.lines[1])
        tasks.append(
            Task(
                id=task_id,
                heading=cand.heading,
                text="\n".join(b.text for b in own),
                path=[h.title for h in cand.path],
                lines=(own[0].lines[0], own[-1].lines[1]),
                number=cand.number,
                responsibility=resp,
                section_id=cand.section.id if cand.section else "",
                body=cand.body,
            )
        )
    return tasks
