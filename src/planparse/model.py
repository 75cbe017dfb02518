"""Data model shared by every stage. Plain dataclasses, no I/O.

Line numbers are always 1-based and refer to the ORIGINAL input (a text file's lines,
a .docx's paragraph numbers, a PDF's extracted lines), so that every element can be
traced back to the source.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from functools import cache

TYPE_CHECKING = False  # typing is not imported at run time: start-up (see cli/launch)
if TYPE_CHECKING:
    from typing import Any

LineSpan = tuple[int, int]
"""First and last original line, inclusive."""


class PlanParseError(Exception):
    """An input problem the user can act on (bad file, unsupported format, limits)."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


@dataclass
class SourceText:
    """What a reader produces: the document as text lines plus where each came from."""

    path: str
    format: str  # "txt" | "docx" | "html" | "pdf" | "ofd" | "doc" | "wps" | "rtf" | "odt"
    encoding: str
    lines: list[str]
    origins: list[int]  # original line (or paragraph) number of each line, 1-based
    boxed: list[bool] | None = None  # reader's evidence that a line sits in a frame/table
    notes: list[str] = field(default_factory=list)


@dataclass
class Block:
    """A cleaned paragraph-level unit of text (the output of the clean stage)."""

    text: str
    lines: LineSpan
    kind: str = "para"  # "para" | "box" (text typeset in a 专栏 frame) | "row" (table row)
    cells: list[str] | None = None  # for kind == "row": the cells in order


@dataclass
class PlanWarning:
    """Something the parser noticed but could not settle (a numbering gap, an unread table)."""

    code: str
    message: str
    lines: LineSpan | None = None


@dataclass
class Dropped:
    """Text the parser discarded, with the reason: nothing is dropped silently."""

    text: str
    reason: str
    lines: LineSpan


@dataclass
class Heading:
    """章节标题: a numbered heading such as 一、 / （一） / 1． / （1）."""

    level: int
    marker: str  # the printed number, e.g. "（三）"
    ordinal: int  # the marker's value (三 -> 3)
    title: str
    lines: LineSpan
    path: list[str] = field(default_factory=list)  # titles of the ancestors and itself
    id: str = ""
    body: str = ""  # text following the title in the same paragraph (inline headings)
    signal: str = "marker"  # what decided the level: the printed "marker" or a .docx "style"


@dataclass
class UnitRef:
    """One unit (department) named in a responsibility bracket."""

    name: str
    role: str  # "lead" | "participating" | "responsible"
    id: str | None = None
    level: str | None = None
    place: str | None = None
    match: str = "unknown"  # exact | alias | fuzzy | collective | unknown
    score: float | None = None
    branch: str | None = None
    era: str | None = None  # a name from before an institutional reform: "pre-2018" …


@dataclass
class Responsibility:
    """责任括注: the bracket closing a task, e.g. （牵头单位：…；参与单位：…）."""

    lead: list[str] = field(default_factory=list)
    participating: list[str] = field(default_factory=list)
    responsible: list[str] = field(default_factory=list)
    raw: str = ""
    labels: list[str] = field(default_factory=list)  # role labels as printed
    irregular: list[str] = field(default_factory=list)  # irregular forms noticed while parsing
    units: list[UnitRef] = field(default_factory=list)
    lines: LineSpan | None = None
    source: str = "text"  # "text" (a bracket or label lines of the task) | "table" (分工表 row)
    lead_offices: list[str] = field(default_factory=list)  # 牵头处室 of a task table
    participating_offices: list[str] = field(default_factory=list)  # 配合处室


@dataclass
class PolicyTool:
    """政策工具: one tool of the supply / environment / demand typology a text shows evidence of."""

    tool: str  # the sub-tool's id in schemas/policy_tools.toml, e.g. "funding"
    name: str  # its Chinese name, e.g. 资金投入
    family: str  # "supply" (供给型) | "environment" (环境型) | "demand" (需求型)
    evidence: str  # the first sentence that shows it
    cues: list[str] = field(default_factory=list)
    score: float = 0.0  # 1 - 0.5**(sentences with evidence): 0.5, 0.75, 0.875 ...


@dataclass
class Task:
    """任务: one unit of work, a paragraph opening with a lead sentence."""

    id: str
    heading: str
    text: str
    path: list[str]
    lines: LineSpan
    number: str | None = None  # printed number for numbered tasks ("1．")
    responsibility: Responsibility | None = None
    section_id: str = ""
    body: str = ""  # the text after the lead sentence, without the bracket
    tools: list[PolicyTool] = field(default_factory=list)
    deadline: str | None = None  # 完成时限 as printed in a task table
    source: str = "body"  # "body" | "table" (a task-table row no body task matches)


@dataclass
class ColumnItem:
    number: str
    title: str
    text: str
    lines: LineSpan
    segments: list[LineSpan] = field(default_factory=list)
    tools: list[PolicyTool] = field(default_factory=list)


@dataclass
class Column:
    """专栏: a boxed list of projects, or the main-indicator table."""

    number: str
    title: str
    kind: str  # "indicators" | "projects"
    lines: LineSpan
    items: list[ColumnItem] = field(default_factory=list)
    path: list[str] = field(default_factory=list)


@dataclass
class Target:
    """A 2025 target as printed and as a structured comparison."""

    raw: str
    op: str | None  # "=", ">=", ">", "<=", "<", "qualitative", or None when unparseable
    value: float | None = None
    unit: str | None = None


@dataclass
class Indicator:
    """指标: one row of the main-indicator table."""

    number: str
    category: str
    name: str
    unit: str | None
    target: Target
    attribute: str | None  # "预期性" | "约束性"
    lines: LineSpan
    base: str | None = None  # base-year value as printed (2020年 column), if the table has one


@dataclass
class Meta:
    title: str | None = None
    issuer: str | None = None
    doc_number: str | None = None
    date: str | None = None  # the date the issuer signed (成文日期)
    published: str | None = None  # the date printed in the footer (印发日期)
    printed_by: str | None = None
    draft: bool = False
    basis: list[str] = field(default_factory=list)
    cited: list[str] = field(default_factory=list)
    encoding: str = "utf-8"
    format: str = "txt"
    recipients: list[str] = field(default_factory=list)
    place: str | None = None
    place_source: str | None = None  # "title" | "issuer" | "body"
    level: str | None = None  # national | province | city | county: the issuer's tier
    doc_type: str | None = None
    cover_letter: LineSpan | None = None
    footer: LineSpan | None = None
    file: str = ""


@dataclass
class Element:
    """Every element of the body in reading order, for the no-loss guarantee and renderers."""

    kind: str  # heading | task | text | column | column_item | indicator | table_row | ...
    lines: LineSpan
    text: str
    ref: str | None = None


@dataclass
class Plan:
    meta: Meta
    headings: list[Heading] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    columns: list[Column] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    elements: list[Element] = field(default_factory=list)
    dropped: list[Dropped] = field(default_factory=list)
    warnings: list[PlanWarning] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The JSON document described by schemas/plan.schema.json."""
        return plain(self.json_fields())

    def json_fields(self) -> dict[str, Any]:
        """The top level of ``to_dict()`` with the values as they are (dataclasses, tuples):
        for an encoder that converts dataclasses itself the way `plain` does (orjson)."""
        data = {name: getattr(self, name) for name in _field_names(Plan)}
        data["schema_version"] = SCHEMA_VERSION
        return data


SCHEMA_VERSION = "1.0"


@cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


def plain(value: Any) -> Any:
    """Dataclasses as dicts and tuples as lists, for JSON.

    Three times faster than dataclasses.asdict, which deep-copies every leaf (40% of a batch
    run's time per document).
    """
    if isinstance(value, _LEAVES):  # most values: tested first
        return value
    # Leaves inside are taken as they are, without a call each (most of a document's values).
    if isinstance(value, (list, tuple)):
        return [v if isinstance(v, _LEAVES) else plain(v) for v in value]
    if hasattr(value, "__dataclass_fields__"):
        return {
            name: v if isinstance(v := getattr(value, name), _LEAVES) else plain(v)
            for name in _field_names(type(value))
        }
    if isinstance(value, dict):
        return {k: v if isinstance(v, _LEAVES) else plain(v) for k, v in value.items()}
    return value


_LEAVES = (str, int, float, type(None))
