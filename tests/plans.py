"""Synthetic plan texts for tests, in the docx-export style of ``corpus/linfen-city-draft.txt``.

One paragraph per line; the indicator table and 专栏 boxes are tab-prefixed cells (a cell that
runs over several lines continues without a tab) with one blank line after each table row::

    text = make_plan(
        place="临汾市",
        tasks=[
            T("加强残疾预防", "实施残疾预防行动。", leads=["市卫健委"], partners=["市残联"]),
            T("完善特殊教育保障机制", "……", section="发展特殊教育", leads=["市教育局"]),
        ],
        indicators=[Ind("残疾人基本康复服务覆盖率（%）", "≥95", "约束性")],
        columns=[Col("残疾人康复重点项目", [("精准康复服务行动", "为有需求的残疾人…")])],
    )
    line_of(text, "加强残疾预防")  # 1-based line number in ``text``

Tasks are numbered ``1．`` within their section (sections ``（一）``, ``（二）``… in order of first
appearance, all under ``二、主要任务``); the indicator table is 专栏1 under ``一、总体要求``.
Nothing here imports planparse: the texts are what a drafter would type.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

CN_NUMBERS = "一二三四五六七八九十"


@dataclass
class T:
    """A task: ``1．{lead}。{body}（牵头单位：…；参与单位：…）``."""

    lead: str
    body: str = ""
    section: str = "提高残疾人民生保障水平"
    leads: Sequence[str] = ()
    partners: Sequence[str] = ()
    responsible: Sequence[str] = ()  # 责任单位 (instead of 牵头/参与)
    bracket: str | None = None  # the bracket exactly as printed; "" for no bracket at all

    def paragraph(self, number: int) -> str:
        return f"{number}．{self.lead}。{self.body}{self.printed_bracket()}"

    def printed_bracket(self) -> str:
        if self.bracket is not None:
            return self.bracket
        parts = []
        if self.leads:
            parts.append("牵头单位：" + "、".join(self.leads))
        if self.partners:
            parts.append("参与单位：" + "、".join(self.partners))
        if self.responsible:
            parts.append("责任单位：" + "、".join(self.responsible))
        return "（" + "；".join(parts) + "）" if parts else ""


@dataclass
class Ind:
    """A row of the main-indicator table (name with its unit, e.g. ``…覆盖率（%）``)."""

    name: str
    target: str
    attribute: str = "预期性"
    category: str = "社会保障"


@dataclass
class Col:
    """A 专栏 of project items: ``[(item title, item text), …]``, after the tasks of ``section``."""

    title: str
    items: Sequence[tuple[str, str]] = field(default_factory=list)
    section: str | None = None  # default: after the last section


def plan_title(place: str, topic: str = "“十四五”残疾人保障和发展规划") -> str:
    return f"{place}{topic}"


def make_plan(
    place: str = "临汾市",
    tasks: Sequence[T] = (),
    indicators: Sequence[Ind] = (),
    columns: Sequence[Col] = (),
    *,
    title: str | None = None,
    basis: Sequence[str] | None = None,
    preamble: str | None = None,
) -> str:
    """The text of a small plan; lines end with ``\\n`` like a saved file."""
    title = title if title is not None else plan_title(place)
    basis = list(basis) if basis is not None else [f"{place}国民经济和社会发展第十四个五年规划"]
    lines: list[str] = [title]
    cites = "、".join(f"《{b}》" for b in basis)
    if preamble is None:
        preamble = (
            f"为促进残疾人全面发展，依据{cites}，编制本规划。" if basis else "为促进残疾人发展。"
        )
    lines.append(preamble)
    lines.append("一、总体要求")
    lines.append(f"到2025年，{place}残疾人民生福祉达到新水平，残疾人生活品质得到新改善。")
    column_number = 1
    if indicators:
        lines += _indicator_table(place, indicators)
        column_number = 2
    lines.append("二、主要任务")
    sections: list[str] = []
    for task in tasks:
        if task.section not in sections:
            sections.append(task.section)
    for col in columns:
        if col.section is not None and col.section not in sections:
            sections.append(col.section)
    for s_index, section in enumerate(sections):
        lines.append(f"（{CN_NUMBERS[s_index]}）{section}")
        number = 0
        for task in tasks:
            if task.section == section:
                number += 1
                lines.append(task.paragraph(number))
        last = s_index == len(sections) - 1
        for col in columns:
            if col.section == section or (col.section is None and last):
                lines += _project_column(column_number, col)
                column_number += 1
    if not sections:
        for col in columns:
            lines += _project_column(column_number, col)
            column_number += 1
    lines.append("三、实施机制")
    lines.append("实施好本规划是各级政府的责任和全社会的义务。")
    return "\n".join(lines) + "\n"


def _indicator_table(place: str, indicators: Sequence[Ind]) -> list[str]:
    lines = [f"\t专栏1 “十四五”{place}残疾人保障和发展主要指标", ""]
    lines += ["\t类  别", "\t指    标", "\t2025年", "\t指标属性", ""]
    category = None
    for number, ind in enumerate(indicators, start=1):
        cell = ind.category if ind.category != category else ""
        category = ind.category
        lines += [
            f"\t{cell}",
            f"\t{number}.{ind.name}",
            f"\t{ind.target}",
            f"\t{ind.attribute}",
            "",
        ]
    lines.append("")
    return lines


def _project_column(number: int, col: Col) -> list[str]:
    lines = [f"\t专栏{number}  {col.title}", ""]
    for index, (item, text) in enumerate(col.items, start=1):
        prefix = "\t" if index == 1 else ""
        lines.append(f"{prefix}{index}.{item}。{text}")
    lines += ["", ""]
    return lines


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    """The 1-based line number of the ``occurrence``-th line of ``text`` containing ``needle``."""
    found = [n for n, line in enumerate(text.split("\n"), start=1) if needle in line]
    if len(found) < occurrence:
        raise AssertionError(f"{needle!r} occurs on {len(found)} lines, wanted #{occurrence}")
    return found[occurrence - 1]


# ------------------------------------------------------------------------------ sample content

CITY_TASKS: tuple[T, ...] = (
    T(
        "巩固拓展残疾人脱贫攻坚成果",
        "健全易返贫致贫人口动态监测预警和帮扶机制，做到早发现、早干预、早帮扶，坚决守住不发生"
        "规模性返贫底线。持续做好农村低收入残疾人家庭帮扶工作，动员社会力量参与残疾人帮扶。",
        leads=["市乡村振兴局"],
        partners=["市民政局", "市财政局", "市残联"],
    ),
    T(
        "加快发展残疾人托养和照护服务",
        "推动开展残疾人长期照护服务，为符合条件的重度残疾人提供集中照护、日间照料、居家服务、"
        "邻里互助等多种形式的社会化照护服务，落实好残疾人托养服务机构扶持政策。",
        leads=["市民政局"],
        partners=["市财政局", "市残联"],
    ),
    T(
        "多渠道、多形式促进残疾人就业创业",
        "落实残疾人集中就业单位税费优惠、政府优先采购等扶持政策，统筹现有公益性岗位安排符合"
        "条件的残疾人就业，扶持和规范盲人按摩行业发展，扶持残疾人亲属就业创业。",
        section="促进残疾人就业创业",
        leads=["市人社局"],
        partners=["市财政局", "市税务局", "市残联"],
    ),
    T(
        "健全残疾预防工作机制",
        "加强婚前、孕前、孕期保健，做好产前筛查、诊断，加强0-6岁儿童残疾早期筛查，预防和减少"
        "出生缺陷和发育障碍致残，强化防盲治盲、防聋治聋工作。",
        section="提升残疾人公共服务质量",
        leads=["市卫健委"],
        partners=["市教育局", "市残联"],
    ),
    T(
        "推动残疾人体育全面发展",
        "发展残疾人竞技体育，加大残疾人运动员选拔力度，实施残疾人康复健身体育行动，推动公共"
        "文化体育场所免费或低收费向残疾人开放。",
        section="提升残疾人公共服务质量",
        leads=["市残联"],
        partners=["市体育局", "市教育局"],
    ),
)
