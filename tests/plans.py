"""Synthetic plan texts for tests: ``make_plan`` in the docx-export style of
``corpus/linfen-city-draft.txt``, and ``variant_plan`` for plans of other provinces, levels,
topics, layouts and bracket styles (see the second half of this module).

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


# ------------------------------------------------------------------- variants beyond one city
#
# Plans of other provinces, levels, topics, layouts and bracket styles, for tests that must not
# be about one city. ``variant_plan(Variant(...))`` returns the text and, independently of
# planparse, what a reader sees in it: the tasks with their lead and other units as printed.

PLACES: tuple[tuple[str, str, str, str], ...] = (
    # province, city, county (or district), the county's short name
    ("河南省", "南阳市", "社旗县", "社旗"),
    ("江西省", "景德镇市", "浮梁县", "浮梁"),
    ("辽宁省", "本溪市", "桓仁满族自治县", "桓仁"),
    ("山东省", "青岛市", "城阳区", "城阳"),
    ("陕西省", "汉中市", "城固县", "城固"),
    ("安徽省", "滁州市", "全椒县", "全椒"),
    ("四川省", "成都市", "郫都区", "郫都"),
    ("广东省", "广州市", "越秀区", "越秀"),
)
LEVELS = ("province", "city", "county")
LAYOUTS = ("docx", "pdf", "web", "halfwidth", "chapters")
BRACKETS = ("semicolon", "comma", "verb", "lines", "responsible")

# Department keys -> how each level prints them (the county may print its own level word).
DEPARTMENTS: dict[str, tuple[str, str, str]] = {
    "教育": ("省教育厅", "市教育局", "{L}教育局"),
    "财政": ("省财政厅", "市财政局", "{L}财政局"),
    "发改": ("省发展改革委", "市发展改革委", "{L}发展和改革局"),
    "人社": ("省人力资源社会保障厅", "市人社局", "{L}人力资源和社会保障局"),
    "编办": ("省委编办", "市委编办", "{L}委编办"),
    "生态环境": ("省生态环境厅", "市生态环境局", "{city}生态环境局{short}分局"),
    "住建": ("省住房城乡建设厅", "市住建局", "{L}住房和城乡建设局"),
    "卫健": ("省卫生健康委", "市卫健委", "{L}卫生健康局"),
    "医保": ("省医保局", "市医保局", "{L}医疗保障局"),
    "交通": ("省交通运输厅", "市交通运输局", "{L}交通运输局"),
    "公安": ("省公安厅", "市公安局", "{L}公安局"),
    "农业农村": ("省农业农村厅", "市农业农村局", "{L}农业农村局"),
    "水利": ("省水利厅", "市水利局", "{L}水利局"),
    "自然资源": ("省自然资源厅", "市自然资源和规划局", "{L}自然资源局"),
    "组织部": ("省委组织部", "市委组织部", "{L}委组织部"),
    "团委": ("团省委", "团市委", "团{L}委"),
}

# Collective entries each level names: one entry each, never a unit list.
COLLECTIVES: dict[str, tuple[str, ...]] = {
    "province": ("各市、县人民政府", "各市（州）人民政府"),
    "city": ("各区、县级市人民政府", "各县（市、区）人民政府"),
    "county": ("各乡镇人民政府、街道办事处", "各乡（镇）人民政府"),
}

# topic -> (title words, sections of (lead phrase, body, lead key, partner keys))
TOPICS: dict[str, tuple[str, tuple[tuple[str, tuple[tuple[str, str, str, tuple[str, ...]], ...]], ...]]] = {
    "education": (
        "“十四五”教育事业发展规划",
        (
            ("扩大优质教育资源供给", (
                ("扩大普惠性学前教育资源", "新建改扩建公办幼儿园，提高普惠性幼儿园覆盖率。", "教育", ("发改", "财政")),
                ("推进义务教育优质均衡发展", "实施薄弱环节改善工程，推进集团化办学。", "教育", ("财政",)),
            )),
            ("建设高素质教师队伍", (
                ("完善教师补充机制", "落实教师编制标准，及时补充紧缺学科教师。", "编办", ("教育", "人社")),
            )),
        ),
    ),
    "environment": (
        "生态环境保护三年行动方案",
        (
            ("深入打好蓝天保卫战", (
                ("推进重点行业超低排放改造", "完成钢铁、水泥行业超低排放改造，淘汰落后产能。", "生态环境", ("发改",)),
                ("加强机动车污染治理", "推广新能源汽车，淘汰老旧柴油货车。", "公安", ("生态环境", "交通")),
            )),
            ("深入打好碧水保卫战", (
                ("推进城镇污水管网建设", "补齐污水收集管网短板，提高污水集中收集率。", "住建", ("水利", "财政")),
            )),
        ),
    ),
    "health": (
        "“十四五”卫生健康事业发展规划",
        (
            ("完善医疗服务体系", (
                ("推进紧密型医共体建设", "整合区域医疗资源，提升基层服务能力。", "卫健", ("医保", "财政")),
                ("加强公共卫生应急能力建设", "完善监测预警体系，建设传染病救治基地。", "卫健", ("发改",)),
            )),
            ("深化医药卫生体制改革", (
                ("推进医保支付方式改革", "全面推行按病种付费，控制医疗费用不合理增长。", "医保", ("卫健",)),
            )),
        ),
    ),
    "transport": (
        "综合交通运输发展实施方案",
        (
            ("构建现代综合交通网络", (
                ("推进高速公路建设", "加快续建项目进度，推动新开工项目落地。", "交通", ("发改", "自然资源")),
                ("提升农村公路通达水平", "实施农村公路提质改造，推进城乡客运一体化。", "交通", ("财政", "农业农村")),
            )),
            ("提升运输服务品质", (
                ("发展绿色交通", "推广新能源公交车，建设充电基础设施。", "交通", ("住建",)),
            )),
        ),
    ),
    "talent": (
        "人才集聚工程实施意见",
        (
            ("实施产业人才行动", (
                ("引进产业紧缺人才", "重点引进具有博士、硕士学位的企业紧缺人才，给予安家补助。", "组织部", ("人社", "财政")),
                ("培育高技能人才", "建设技能大师工作室，评选技能突出人才。", "人社", ("教育",)),
            )),
            ("实施青年人才行动", (
                ("支持青年人才创新创业", "扶持大学生创业项目，给予创业担保贷款贴息。", "团委", ("人社", "财政")),
            )),
        ),
    ),
    "agriculture": (
        "推进农业农村现代化实施方案",
        (
            ("提升粮食综合生产能力", (
                ("建设高标准农田", "新建和改造提升高标准农田，完善农田水利设施。", "农业农村", ("财政", "水利")),
                ("实施种业振兴行动", "建设良种繁育基地，推广优良品种。", "农业农村", ("发改",)),
            )),
            ("建设宜居宜业和美乡村", (
                ("推进农村人居环境整治", "推进农村厕所革命，治理农村生活污水。", "农业农村", ("住建", "生态环境")),
            )),
        ),
    ),
}  # fmt: skip


@dataclass
class Variant:
    place: int = 0  # index into PLACES
    level: str = "county"
    topic: str = "education"
    layout: str = "docx"
    bracket: str = "semicolon"

    @property
    def id(self) -> str:
        place = PLACES[self.place][LEVELS.index(self.level)]
        return f"{place}-{self.topic}-{self.layout}-{self.bracket}"


@dataclass
class SeenTask:
    """A task as a reader sees it: lead phrase, and the units as printed in each role."""

    heading: str
    lead: list[str]
    participating: list[str]
    responsible: list[str]


def _printed(key: str, variant: Variant) -> str:
    _province, city, county, short = PLACES[variant.place]
    pattern = DEPARTMENTS[key][LEVELS.index(variant.level)]
    level_word = county[-1]  # 县 or 区
    return pattern.format(L=level_word, city=city, short=short)


def _bracket(lead: str, others: list[str], style: str) -> tuple[str, list[str]]:
    """The bracket (or lines below the task) as printed, and the expected roles."""
    rest = "、".join(others)
    if style == "semicolon":
        return f"（牵头单位：{lead}；配合单位：{rest}）" if others else f"（牵头单位：{lead}）", []
    if style == "comma":
        return f"（牵头单位：{lead}，配合单位：{rest}）" if others else f"（牵头单位：{lead}）", []
    if style == "verb":
        return f"（{lead}牵头，{rest}配合）" if others else f"（{lead}负责）", []
    if style == "lines":
        lines = [f"牵头单位：{lead}"] + ([f"配合单位：{rest}"] if others else [])
        return "", lines
    return f"（责任单位：{'、'.join([lead, *others])}）", []


_HALF = str.maketrans({"，": ",", "：": ":", "（": "(", "）": ")", "；": ";"})


def variant_plan(variant: Variant) -> tuple[str, list[SeenTask]]:
    province, city, county, _short = PLACES[variant.place]
    place = {"province": province, "city": city, "county": county}[variant.level]
    words, sections = TOPICS[variant.topic]
    title = f"{place}{words}"
    collectives = COLLECTIVES[variant.level]
    lines: list[str] = []
    if variant.layout == "web":
        lines += [
            f"索引号：11{variant.place:02d}00/2023-00{len(words):03d}",
            f"发布机构：{place}人民政府办公室",
            "成文日期：2023年05月10日",
            f"标题：{title}",
            "发布日期：2023年05月12日",
        ]
    lines.append(title)
    lines.append(f"为推动{place}高质量发展，结合实际，制定本方案。")
    chapters = variant.layout == "chapters"
    lines.append("第一章 总体要求" if chapters else "一、总体要求")
    lines.append(f"到2025年，{place}各项工作取得明显成效，群众获得感显著增强。")
    lines.append("第二章 主要任务" if chapters else "二、主要任务")
    seen: list[SeenTask] = []
    for s_index, (section, tasks) in enumerate(sections):
        marker = f"第{CN_NUMBERS[s_index]}节 " if chapters else f"（{CN_NUMBERS[s_index]}）"
        lines.append(f"{marker}{section}")
        for t_index, (lead_phrase, body, lead_key, partner_keys) in enumerate(tasks, start=1):
            lead = _printed(lead_key, variant)
            others = [_printed(k, variant) for k in partner_keys]
            if t_index == len(tasks):  # the last task of a section names the level below too
                others.append(collectives[s_index % len(collectives)])
            bracket, label_lines = _bracket(lead, others, variant.bracket)
            if variant.layout == "pdf":  # typeset pages hold longer paragraphs than a list
                body = body + f"到2025年，{place}{body}"
            lines.append(f"{t_index}．{lead_phrase}。{body}{bracket}")
            lines += label_lines
            if variant.bracket == "responsible":
                seen.append(SeenTask(lead_phrase, [], [], [lead, *others]))
            elif variant.bracket == "verb" and not others:
                seen.append(SeenTask(lead_phrase, [], [], [lead]))
            else:
                seen.append(SeenTask(lead_phrase, [lead], others, []))
    lines.append("第三章 保障措施" if chapters else "三、保障措施")
    lines.append("各有关部门要加强协调配合，确保各项任务落到实处。")
    if variant.layout == "pdf":
        lines = _wrap(lines, 28)
    text = "\n".join(lines) + "\n"
    if variant.layout == "halfwidth":
        text = text.translate(_HALF)
        seen = [
            SeenTask(
                s.heading,
                [u.translate(_HALF) for u in s.lead],
                [u.translate(_HALF) for u in s.participating],
                [u.translate(_HALF) for u in s.responsible],
            )
            for s in seen
        ]
    return text, seen


def _wrap(lines: list[str], width: int) -> list[str]:
    """Each paragraph broken into lines of ``width`` em (a digit or Latin letter is half an
    em), as text taken from a PDF page with a fixed measure."""
    wrapped: list[str] = []
    for line in lines:
        current, used = "", 0.0
        for char in line:
            step = 0.5 if char.isascii() else 1.0
            if used + step > width:
                wrapped.append(current)
                current, used = "", 0.0
            current += char
            used += step
        wrapped.append(current)
    return wrapped


def variants() -> list[Variant]:
    """Every layout with every bracket style, places, levels and topics cycling through."""
    topics = list(TOPICS)
    found = []
    for k, (layout, bracket) in enumerate((a, b) for a in LAYOUTS for b in BRACKETS):
        found.append(
            Variant(
                place=k % len(PLACES),
                level=LEVELS[k % len(LEVELS)],
                topic=topics[k % len(topics)],
                layout=layout,
                bracket=bracket,
            )
        )
    return found
