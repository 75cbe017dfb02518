"""责任括注: the bracket that closes a task and names who is responsible for it.

Handles the irregular forms real plans contain: a comma instead of a semicolon between
labels, a semicolon with no second label, half-width parentheses, labels wrapped across lines,
a verb-form list broken by commas (（A牵头，B、C等部门，D配合）), a second lead label naming the
units that do the work (牵头单位：A；主办单位：B), and the note that the unit listed first
leads (（A、B负责，排在第一位的部门为牵头部门，下同）).
"""

from __future__ import annotations

import re

from planparse.model import Responsibility
from planparse.parse.grammar import grammar
from planparse.parse.textview import view

_OPEN = "（("
_CLOSE = "）)"


def find_bracket(text: str) -> tuple[int, int] | None:
    """Start and end of a responsibility bracket closing ``text`` (the last labelled one).
    Read on the matching view (traditional characters, half-width punctuation)."""
    stripped = view(text).rstrip("。；; \t")
    if not stripped or stripped[-1] not in _CLOSE:
        return None
    depth = 0
    for pos in range(len(stripped) - 1, -1, -1):
        char = stripped[pos]
        if char in _CLOSE:
            depth += 1
        elif char in _OPEN:
            depth -= 1
            if depth == 0:
                inner = stripped[pos + 1 : -1]
                fields = [f.strip() for f in re.split(r"[；;]", inner)]
                if any(_label_at(f, 0) for f in fields) or _verb_segments(inner):
                    return pos, len(stripped)
                return None
    return None


def _label_at(text: str, pos: int) -> tuple[str, int] | None:
    """The role label starting at ``pos`` and the index after its colon."""
    match = grammar().role_label_re.match(text, pos)
    return (match.group(1), match.end()) if match else None


def parse_bracket(raw: str) -> Responsibility:
    """Split ``（牵头单位：A、B；参与单位：C）`` into role lists, noting irregular forms.

    The verb form ``（A牵头，B、C配合）`` is read too. The bracket is read on the matching view
    (牽頭 reads as 牵头); the unit names are given as printed.
    """
    resp = Responsibility(raw=raw)
    if raw.strip()[:1] == "(" or raw.strip()[-1:] == ")":
        resp.irregular.append("half-width-parenthesis")
    seen = view(raw)
    inner = seen.strip()[1:-1]
    segments = _verb_segments(inner) if _label_at(inner, 0) is None else None
    if segments:
        for units, verb, role in segments:
            resp.labels.append(verb)
            getattr(resp, role).extend(split_units(units))
    else:
        _parse_labelled(inner, resp)
    return _as_printed(resp, raw, seen)


def _as_printed(resp: Responsibility, raw: str, seen: str) -> Responsibility:
    """Unit names read on the view, given back as the text prints them (same positions)."""
    if seen == raw:
        return resp
    for role in ("lead", "participating", "responsible"):
        names = getattr(resp, role)
        for k, name in enumerate(names):
            at = seen.find(name)
            if at >= 0:
                names[k] = raw[at : at + len(name)]
    return resp


def _clauses(inner: str) -> list[str]:
    """A bracket's inside cut at ；，。 (and their half-width forms)."""
    pieces = grammar().list_separators.split(inner)
    return [c.strip() for piece in pieces for c in re.split(r"[。.]", piece) if c.strip()]


def is_reading_note(clause: str) -> bool:
    """排在第一位的部门为牵头部门 / 下同: how to read the list, not a unit."""
    vocab = grammar()
    return bool(vocab.first_listed_lead.match(clause)) or clause in vocab.same_below


def _verb_segments(inner: str) -> list[tuple[str, str, str]] | None:
    """``A牵头，B、C配合`` -> [(A, 牵头, lead), (B、C, 配合, participating)], or None when the
    text does not end with a role verb after unit names (an ordinary parenthesis). A list the
    drafter broke with a comma (``B、C等部门，D配合``) runs on to the next verb."""
    verbs = grammar().role_verbs
    if not verbs:
        return None
    segments: list[tuple[str, str, str]] = []
    pending: list[str] = []
    for piece in _clauses(inner):
        if is_reading_note(piece):
            continue
        verb = next((v for v in verbs if piece.endswith(v)), None)
        if verb is None:
            pending.append(piece)
            continue
        own = piece[: -len(verb)].strip()
        units = "，".join([*pending, own])
        pending = []
        if not own or not _looks_like_units(units):
            return None
        segments.append((units, verb, verbs[verb]))
    if pending:
        return None
    return segments or None


def _looks_like_units(text: str) -> bool:
    """Unit names end in an organ word (局/委/办/厅/…, also followed by 等) or name a
    collective (各…/有关部门)."""
    endings = grammar().organ_endings
    return all(
        len(n) <= 30 and (n.removesuffix("等").endswith(endings) or n.startswith("各"))
        for n in split_units(text)
    )


def parse_label_line(text: str) -> Responsibility | None:
    """A responsibility written as its own line without brackets: ``牵头单位：县教育局``."""
    raw = text.strip()
    stripped = view(raw).rstrip("。")
    if _label_at(stripped, 0) is None:
        return None
    resp = _parse_labelled(stripped, Responsibility(raw=raw))
    return _as_printed(resp, raw, view(raw))


def _parse_labelled(inner: str, resp: Responsibility) -> Responsibility:
    vocab = grammar()
    # A label opens the bracket or follows a separator: only those positions are tried.
    starts: list[tuple[int, str, int]] = []
    pos = 0
    for at in [0, *(m.end() for m in re.finditer(r"[；;，,。 ]", inner))]:
        hit = _label_at(inner, at) if at >= pos else None
        if hit:
            starts.append((at, hit[0], hit[1]))
            pos = hit[1]
    lead_labels: set[str] = set()
    for k, (_start, label, body_start) in enumerate(starts):
        body_end = starts[k + 1][0] if k + 1 < len(starts) else len(inner)
        segment = inner[body_start:body_end].strip()
        if segment and segment[-1] in "，,":
            resp.irregular.append("comma-between-labels")
        segment = segment.rstrip("；;，,。 ")
        role = vocab.role_labels[label]
        if role == "lead":
            # 牵头单位：A；主办单位：B — a second, different lead label names the units doing
            # the work under the first.
            if lead_labels - {label}:
                role = "participating"
            lead_labels.add(label)
        resp.labels.append(label)
        # A semicolon with no label after it continues the same list — unless what follows is
        # another field such as 完成时限：2024年底, which names no unit.
        pieces = re.split(r"[；;]", segment)
        other = [p for p in pieces if _OTHER_FIELD.match(p.strip())]
        if other:
            resp.irregular.append("other-field")
            pieces = pieces[: pieces.index(other[0])]
        if len(pieces) > 1:
            resp.irregular.append("unlabelled-list")
        for piece in pieces:
            for name in split_units(piece):
                getattr(resp, role).append(name)
    if starts and inner[: starts[0][0]].strip("；;，, "):
        resp.irregular.append("other-field")  # e.g. 牵头领导：张三； before the role labels
    return resp


# A field label that is not a role (完成时限：, 牵头领导：): a short word and a colon.
_OTHER_FIELD = re.compile(r"^[\u4e00-\u9fff]{2,6}[：:]")


def responsibility_line(
    text: str, extracted: tuple[Responsibility | None, str] | None = None
) -> Responsibility | None:
    """A paragraph that is only a responsibility: ``牵头单位：…`` or a bracket on its own line
    (a .docx export often puts the bracket in a paragraph of its own). `extracted`: what
    `extract_responsibility(text)` gave, when the caller has it already."""
    resp, rest = extracted or extract_responsibility(text)
    if resp is not None and not rest.strip("。；; "):
        return resp
    return parse_label_line(text)


def merge(into: Responsibility, more: Responsibility) -> None:
    """Add a further responsibility line (``配合单位：…`` after ``牵头单位：…``)."""
    into.raw = f"{into.raw}\n{more.raw}"
    into.labels += more.labels
    into.irregular += [c for c in more.irregular if c not in into.irregular]
    for role in ("lead", "participating", "responsible"):
        getattr(into, role).extend(getattr(more, role))


def split_units(text: str) -> list[str]:
    """Unit names separated by 、 or commas, brackets such as 各县（市、区） kept whole, and a
    collective listing kinds of jurisdiction (各区、县级市; 各乡镇人民政府、街道办事处) kept as
    one entry."""
    from planparse.units.normalize import continues_collective

    separators = grammar().unit_separators
    names: list[str] = []

    def add(name: str, joined_by: str) -> None:
        if name and names and joined_by == "、" and continues_collective(names[-1], name):
            names[-1] += joined_by + name
        elif name:
            names.append(name)

    current = ""
    depth = 0
    joined_by = ""  # the separator before `current`
    for char in text:
        if char in _OPEN:
            depth += 1
        elif char in _CLOSE:
            depth = max(0, depth - 1)
        if depth == 0 and char in separators:
            add(current.strip(), joined_by)
            current, joined_by = "", char
        else:
            current += char
    add(current.strip(), joined_by)
    return names


def apply_reading_notes(brackets: list[Responsibility]) -> None:
    """The note 排在第一位的部门为牵头部门 (列第一位者为牵头单位) makes the first unit of a
    ``（A、B、C负责）`` bracket its lead and the others participants — in that bracket, and with
    下同 in every later one. ``A等有关部门和单位负责`` names A as lead and the collective as
    participating. ``brackets`` are in document order."""
    from planparse.units.normalize import normalize_unit

    carried = False
    for resp in brackets:
        raw = view(resp.raw).strip()
        clauses = _clauses(raw[1:-1]) if raw[:1] in _OPEN else []
        noted = any(grammar().first_listed_lead.match(c) for c in clauses)
        if (noted or carried) and resp.responsible and not resp.lead and not resp.participating:
            first, *rest = resp.responsible
            head, sep, tail = first.partition("等")
            if sep and head and tail and normalize_unit(tail).match == "collective":
                rest = [tail, *rest]
                first = head
            resp.lead, resp.participating, resp.responsible = [first], rest, []
        carried = carried or (noted and any(c in grammar().same_below for c in clauses))


def extract_responsibility(text: str) -> tuple[Responsibility | None, str]:
    """The bracket closing ``text`` (if any) and the text without it."""
    span = find_bracket(text)
    if span is None:
        return None, text
    start, end = span
    resp = parse_bracket(text[start:end])
    return resp, (text[:start] + text[end:]).strip()
