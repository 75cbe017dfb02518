"""Self-contained HTML reports: a plan diff (``diff_html``) and check findings (``check_html``).

One file, no network: the stylesheet and the small script (``assets/report.css`` and
``assets/report.js``) are inline, and a Content-Security-Policy allows nothing but them (by
hash), so the page cannot load or run anything else even if a plan's text were to slip
through unescaped.

Every piece of document text goes through :func:`esc` (``html.escape(..., quote=True)``). HTML
is only ever built with :func:`el`, which escapes every child that is not already
:class:`Markup` and every attribute value, so text from a plan can never become markup. These
building blocks, the page skeleton and the source-line links are in ``html_parts``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from planparse.render.html_parts import (
    Ctx,
    Markup,
    absent,
    chip,
    el,
    esc,
    join_html,
    page,
    section,
    toolbar,
)

if TYPE_CHECKING:
    from planparse.compare.check import CheckReport
    from planparse.compare.diff import ColumnPair, DiffResult, IndicatorPair, ItemPair, TaskPair
    from planparse.model import Indicator

__all__ = ["Markup", "check_html", "diff_html", "el", "esc"]


# --------------------------------------------------------------------------------------- diff


def diff_html(result: DiffResult) -> str:
    """The whole diff as one self-contained HTML page (zh-CN, inline CSS/JS, no network)."""
    from planparse.render.diff_words import RELATION_WORDS, side_names

    low, up = side_names(result)
    ctx = Ctx(low, up, result.lower.file, result.upper.file, RELATION_WORDS)
    title = f"{low} vs {up} 规划对比报告"
    rows = {
        "ind": _indicator_section(result, ctx),
        "col": _column_section(result, ctx),
        "task": _task_section(result, ctx),
        "basis": _basis_section(result, ctx),
    }
    body = el(
        "main",
        _diff_header(result, ctx, title),
        toolbar(text_toggle=True),
        _summary_section(result, ctx),
        rows["ind"],
        rows["col"],
        rows["task"],
        rows["basis"],
        el("footer", "planparse · ", result.lower.file, " ↔ ", result.upper.file),
    )
    return page(title, body)


def _diff_header(result: DiffResult, ctx: Ctx, title: str) -> Markup:
    def side(role: str, key: str, place: str, doc: Any) -> Markup:
        return el(
            "div",
            el("div", role, class_="role"),
            el(
                "div",
                el("span", place, class_="place"),
                doc.title or el("span", "（无标题）", class_="muted"),
            ),
            el("div", doc.file, class_="file"),
            class_=f"side {key}",
        )

    toc = el(
        "nav",
        [
            el("a", label, href=f"#{target}")
            for label, target in [
                ("摘要 summary", "summary"),
                ("指标 indicators", "indicators"),
                ("专栏 columns", "columns"),
                ("任务 tasks", "tasks"),
                ("编制依据 basis", "basis"),
            ]
        ],
        class_="toc",
    )
    return el(
        "header",
        el("h1", title),
        el(
            "p",
            f"下级规划 {ctx.low} 对照上级规划 {ctx.up}：指标、专栏、任务与编制依据逐项比较；"
            "每行标注原文行号（▲ 上级 / ▼ 下级）。",
            class_="sub",
        ),
        el(
            "div",
            side("上级规划 upper", "upper", ctx.up, result.upper),
            side("下级规划 lower", "lower", ctx.low, result.lower),
            class_="sides",
        ),
        toc,
        class_="top",
    )


def _first(ids: dict[str, str], key: str) -> str | None:
    return f"#{ids[key]}" if key in ids else None


def _summary_section(result: DiffResult, ctx: Ctx) -> Markup:
    s = result.summary
    ind, cols, tasks = s.get("indicators", {}), s.get("columns", {}), s.get("tasks", {})
    low = ctx.low
    first_ind: dict[str, str] = {}
    for i, p in enumerate(result.indicators, 1):
        first_ind.setdefault(p.relation, f"ind-{i}")
        if p.attribute_changed:
            first_ind.setdefault("attribute_changed", f"ind-{i}")
    first_task: dict[str, str] = {}
    for i, tp in enumerate(result.tasks, 1):
        first_task.setdefault(tp.match, f"task-{i}")
        if tp.lead_changed:
            first_task.setdefault("lead_changed", f"task-{i}")
    first_col: dict[str, str] = {}
    for i, cp in enumerate(result.columns, 1):
        if cp.upper is None:
            first_col.setdefault("only_lower", f"col-{i}")
        if cp.lower is None:
            first_col.setdefault("only_upper", f"col-{i}")

    def rel(key: str) -> str:
        return ctx.rel(key)

    ind_chips = [
        chip(rel(k), int(ind.get(k, 0)), f"rel-{k}", _first(first_ind, k))
        for k in [
            "same",
            "lower_stricter",
            "lower_looser",
            "incomparable",
            "only_upper",
            "only_lower",
        ]
    ]
    ind_chips.append(
        chip(
            "属性变化 attribute changed",
            int(ind.get("attribute_changed", 0)),
            "",
            _first(first_ind, "attribute_changed"),
        )
    )
    ind_chips.append(
        chip(
            "约束性→预期性 downgraded",
            int(ind.get("downgraded", 0)),
            "rel-lower_looser" if ind.get("downgraded") else "",
            _first(first_ind, "attribute_changed"),
        )
    )
    col_chips = [
        chip("matched", int(cols.get("matched", 0)), "rel-same"),
        chip(
            f"missing in {low}",
            int(cols.get("only_upper", 0)),
            "rel-only_upper",
            _first(first_col, "only_upper"),
        ),
        chip(
            f"{low} only",
            int(cols.get("only_lower", 0)),
            "rel-only_lower",
            _first(first_col, "only_lower"),
        ),
        chip(f"项目 missing in {low}", int(cols.get("items_only_upper", 0)), "rel-only_upper"),
        chip(f"项目 {low} only", int(cols.get("items_only_lower", 0)), "rel-only_lower"),
    ]
    task_chips = [
        chip("full", int(tasks.get("full", 0)), "m-full", _first(first_task, "full")),
        chip("partial", int(tasks.get("partial", 0)), "m-partial", _first(first_task, "partial")),
        chip(
            f"missing in {low}",
            int(tasks.get("only_upper", 0)),
            "m-only_upper",
            _first(first_task, "only_upper"),
        ),
        chip(
            f"{low} only",
            int(tasks.get("only_lower", 0)),
            "m-only_lower",
            _first(first_task, "only_lower"),
        ),
        chip(
            "牵头单位变更 lead changed",
            int(tasks.get("lead_changed", 0)),
            "rel-lower_looser" if tasks.get("lead_changed") else "",
            _first(first_task, "lead_changed"),
        ),
    ]
    consistent = result.basis.consistent
    basis_word = {True: "一致 consistent", False: "不一致 inconsistent", None: "无法判断 unknown"}[
        consistent
    ]
    basis_cls = {True: "rel-same", False: "rel-lower_looser", None: "rel-incomparable"}[consistent]
    cards = [
        (f"指标 indicators · {len(result.indicators)}", ind_chips),
        (f"专栏 columns · {len(result.columns)}", col_chips),
        (f"任务 tasks · {len(result.tasks)}", task_chips),
        ("编制依据 basis", [el("a", basis_word, class_=f"chip {basis_cls}", href="#basis")]),
    ]
    stats = el(
        "div",
        [
            el("div", el("h3", title), el("div", chips, class_="chips"), class_="stat")
            for title, chips in cards
        ],
        class_="stats",
    )
    highlights = s.get("highlights") or []
    anchors = _highlight_anchors(result, len(highlights))
    items = [
        el("li", text, el("a", "查看 →", href=anchor) if anchor else None)
        for text, anchor in zip(highlights, anchors, strict=True)
    ]
    hl = (
        el("ol", items, class_="highlights")
        if items
        else el("p", "没有值得注意的差异 no notable differences", class_="muted")
    )
    return section(
        "summary",
        "摘要 summary",
        f"最重要的差异 {len(highlights)} 条",
        [
            el("h3", "最重要的差异 most important differences"),
            hl,
            Markup("<br>"),
            stats,
            _legend(ctx),
        ],
    )


_ROW_IDS = {"indicators": "ind", "tasks": "task", "columns": "col"}


def _highlight_anchors(result: DiffResult, count: int) -> list[str | None]:
    """Where each of the first `count` highlights points, from ``summary["highlight_refs"]``.

    A ref with an index links to that pair's row, one without (a whole category, the basis)
    to its section; a highlight without a usable ref gets no link.
    """
    refs = result.summary.get("highlight_refs") or []
    out: list[str | None] = []
    for n in range(count):
        ref = refs[n] if n < len(refs) and isinstance(refs[n], dict) else {}
        where, index = ref.get("section"), ref.get("index")
        anchor: str | None = None
        if where in _ROW_IDS and isinstance(index, int):
            if 0 <= index < len(getattr(result, where)):
                anchor = f"#{_ROW_IDS[where]}-{index + 1}"
        elif where in _ROW_IDS or where == "basis":
            anchor = f"#{where}"
        out.append(anchor)
    return out


def _legend(ctx: Ctx) -> Markup:
    def item(cls: str, label: str) -> Markup:
        return el("span", label, class_=f"badge {cls}")

    return el(
        "div",
        el("span", "图例 legend", class_="legend-title"),
        [item(f"rel-{k}", ctx.rel(k)) for k in ctx.words],
        el("span", "约束性→预期性 ↓", class_="flag"),
        el("span", f"仅{ctx.up}有的文字", class_="muted"),
        el("del", "删去"),
        el("span", f"仅{ctx.low}有的文字", class_="muted"),
        el("ins", "新增"),
        el("span", "▲ 上级原文行号 ▼ 下级原文行号", class_="muted"),
        class_="legend",
    )


# ------------------------------------------------------------------------------ indicators


def _attr_pill(attribute: str | None, extra: str = "") -> Markup:
    if not attribute:
        return Markup("")
    cls = "attr binding" if attribute == "约束性" else "attr"
    return el("span", attribute, class_=f"{cls} {extra}".strip())


def _target_cell(ind: Indicator | None, side: str, ctx: Ctx, pair: IndicatorPair) -> Markup:
    if ind is None:
        return absent(f"{ctx.name(side)} 无此指标")
    unit = ind.unit or ""
    raw = ind.target.raw or ""
    show_unit = unit and ind.target.op != "qualitative" and not raw.endswith(unit)
    changed = side == "lower" and pair.attribute_changed
    return join_html(
        [
            el(
                "div",
                el("span", raw or "—", class_="target"),
                el("span", unit, class_="unit") if show_unit else None,
                _attr_pill(ind.attribute, "changed" if changed else ""),
            ),
            el("div", ctx.src(side, ind.lines), class_="meta-line"),
        ]
    )


def _indicator_section(result: DiffResult, ctx: Ctx) -> Markup:
    low, up = ctx.low, ctx.up
    head = el(
        "thead",
        el(
            "tr",
            el("th", "#"),
            el("th", "指标 indicator"),
            el("th", f"{up} 目标"),
            el("th", f"{low} 目标"),
            el("th", "关系 relation"),
        ),
    )
    rows = []
    group: str | None = None
    for i, p in enumerate(result.indicators, 1):
        main_ind = p.upper or p.lower
        category = (main_ind.category if main_ind else "") or ""
        if category != group:
            group = category
            rows.append(el("tr", el("th", category or "（未分类）", colspan="5"), class_="group"))
        name_parts: list[object] = [el("div", main_ind.name if main_ind else "", class_="name")]
        if p.upper is not None and p.lower is not None and p.lower.name != p.upper.name:
            name_parts.append(el("div", f"{low}：{p.lower.name}", class_="alt-name"))
        relation = ctx.rel(p.relation)
        verdict: list[object] = [el("span", relation, class_=f"badge rel-{p.relation}")]
        if p.attribute_changed and p.lower is not None and p.upper is not None:
            verdict.append(
                el(
                    "div",
                    el(
                        "span",
                        f"{p.upper.attribute}→{p.lower.attribute}",
                        " ↓ 降级 downgraded" if p.downgraded else " 属性变化",
                        class_="flag" if p.downgraded else "flag warn",
                    ),
                )
            )
        if p.reason:
            verdict.append(el("span", p.reason, class_="reason"))
        classes = [p.relation] + (["downgraded"] if p.downgraded else [])
        rows.append(
            el(
                "tr",
                el("td", el("a", str(i), href=f"#ind-{i}"), class_="num"),
                el("td", name_parts, data_label="指标 indicator", class_="ind-name"),
                el("td", _target_cell(p.upper, "upper", ctx, p), data_label=f"{up} 目标"),
                el("td", _target_cell(p.lower, "lower", ctx, p), data_label=f"{low} 目标"),
                el("td", verdict, data_label="关系 relation", class_="verdict-cell"),
                id=f"ind-{i}",
                class_=" ".join(classes),
                data_relation=p.relation,
            )
        )
    table = (
        el("table", head, el("tbody", rows), class_="pairs stack indicators")
        if rows
        else el("p", "两份规划都没有指标表。", class_="empty")
    )
    s = result.summary.get("indicators", {})
    diff_count = len(result.indicators) - int(s.get("same", 0)) + int(s.get("attribute_changed", 0))
    return section(
        "indicators", "指标 indicators", f"{len(result.indicators)} 项 · {diff_count} 处差异", table
    )


# --------------------------------------------------------------------------------- text diff


def _diff_text(ops: Sequence[dict[str, str]], side: str) -> Markup:
    """One side of a word diff: text only on this side marked (upper: <del>, lower: <ins>)."""
    out: list[Markup] = []
    for op in ops:
        text = op.get(side, "")
        if not text:
            continue
        if op.get("op") == "equal":
            out.append(esc(text))
        elif side == "upper":
            out.append(el("del", text, title="仅上级有 only in upper"))
        else:
            out.append(el("ins", text, title="仅下级有 only in lower"))
    return Markup("".join(out))


def _diff_stats(ops: Sequence[dict[str, str]]) -> tuple[int, int]:
    removed = sum(len(op.get("upper", "")) for op in ops if op.get("op") != "equal")
    added = sum(len(op.get("lower", "")) for op in ops if op.get("op") != "equal")
    return removed, added


# ----------------------------------------------------------------------------------- columns


def _column_title(col: Any) -> str:
    return f"专栏{col.number} {col.title}"


def _item_cell(item: Any, side: str, ctx: Ctx, pair: ItemPair | None) -> Markup:
    if item is None:
        return absent(f"{ctx.name(side)} 无此项目")
    text = _diff_text(pair.diff, side) if pair is not None and pair.diff else esc(item.text)
    return join_html(
        [
            el("div", f"{item.number}. {item.title}", class_="name"),
            el("div", ctx.src(side, item.lines), class_="meta-line"),
            el("div", text, class_="text") if item.text else None,
        ]
    )


def _column_block(i: int, p: ColumnPair, ctx: Ctx) -> Markup:
    low, up = ctx.low, ctx.up
    if p.lower is not None and p.upper is not None:
        items: list[tuple[Any, Any, ItemPair | None]] = [(q.upper, q.lower, q) for q in p.items]
        state = "matched"
    elif p.lower is not None:
        items = [(None, it, None) for it in p.lower.items]
        state = "only_lower"
    else:
        assert p.upper is not None
        items = [(it, None, None) for it in p.upper.items]
        state = "only_upper"
    matched = sum(1 for u, lo, _ in items if u is not None and lo is not None)
    missing = sum(1 for u, lo, _ in items if lo is None)
    extra = sum(1 for u, lo, _ in items if u is None)
    counts = [f"{matched} matched"] if state == "matched" else []
    if missing:
        counts.append(f"{missing} missing in {low}")
    if extra:
        counts.append(f"{extra} {low} only")
    badge = None
    if state == "only_lower":
        badge = el("span", f"{low} only", class_="badge rel-only_lower")
    elif state == "only_upper":
        badge = el("span", f"missing in {low}", class_="badge rel-only_upper")
    titles = el(
        "span",
        el("h3", _column_title(p.upper))
        if p.upper
        else el("span", f"（{up} 无此专栏）", class_="absent"),
        el("span", "↔", class_="arrow"),
        el("h3", _column_title(p.lower))
        if p.lower
        else el("span", f"（{low} 无此专栏）", class_="absent"),
        badge,
        el("span", " · ".join(counts), class_="count"),
        class_="col-titles",
    )
    head = el(
        "thead",
        el(
            "tr",
            el("th", "#"),
            el("th", f"{up} 项目"),
            el("th", f"{low} 项目"),
            el("th", "状态 status"),
        ),
    )
    rows = []
    for j, (u, lo, q) in enumerate(items, 1):
        if u is not None and lo is not None:
            status = el("span", "matched", class_="badge rel-same")
            if q is not None and q.diff:
                removed, added = _diff_stats(q.diff)
                if removed or added:
                    status = join_html(
                        [status, el("span", f"−{removed} / +{added} 字", class_="reason")]
                    )
            cls = "matched"
        elif lo is None:
            status = el("span", f"missing in {low}", class_="badge rel-only_upper")
            cls = "only_upper"
        else:
            status = el("span", f"{low} only", class_="badge rel-only_lower")
            cls = "only_lower"
        rid = f"col-{i}-item-{j}"
        rows.append(
            el(
                "tr",
                el("td", el("a", str(j), href=f"#{rid}"), class_="num"),
                el("td", _item_cell(u, "upper", ctx, q), data_label=f"{up} 项目"),
                el("td", _item_cell(lo, "lower", ctx, q), data_label=f"{low} 项目"),
                el("td", status, data_label="状态 status"),
                id=rid,
                class_=cls,
            )
        )
    sources = el(
        "div",
        ctx.src("upper", p.upper.lines) if p.upper else None,
        ctx.src("lower", p.lower.lines) if p.lower else None,
        class_="meta-line",
    )
    table = (
        el("table", head, el("tbody", rows), class_="pairs stack items")
        if rows
        else el("p", "（无项目）", class_="empty")
    )
    return el(
        "details",
        el("summary", titles),
        el("div", sources, table, class_="section-body"),
        class_=f"column {state}",
        id=f"col-{i}",
        open=True,
    )


def _column_section(result: DiffResult, ctx: Ctx) -> Markup:
    blocks = [_column_block(i, p, ctx) for i, p in enumerate(result.columns, 1)]
    s = result.summary.get("columns", {})
    count = (
        f"{len(result.columns)} 个 · 缺 {s.get('only_upper', 0)} · {ctx.low}独有 {s.get('only_lower', 0)} · "
        f"项目缺 {s.get('items_only_upper', 0)} · 项目独有 {s.get('items_only_lower', 0)}"
    )
    body = blocks or el("p", "两份规划都没有专栏。", class_="empty")
    return section("columns", "专栏 columns", count, body)


# ------------------------------------------------------------------------------------- tasks


def _task_cell(task: Any, side: str, ctx: Ctx, pair: TaskPair) -> Markup:
    if task is None:
        return absent(f"{ctx.name(side)} 无对应任务")
    lead_names = pair.upper_lead if side == "upper" else pair.lower_lead
    if not lead_names and task.responsibility is not None:
        lead_names = [u.name for u in task.responsibility.units if u.role == "lead"] or list(
            task.responsibility.lead
        )
    lead = None
    if lead_names:
        lead = el(
            "div",
            "牵头 ",
            el("b", "、".join(lead_names)),
            class_="lead changed" if pair.lead_changed else "lead",
        )
    elif task.responsibility is not None and task.responsibility.responsible:
        lead = el(
            "div", "责任 ", el("b", "、".join(task.responsibility.responsible)), class_="lead"
        )
    body = _diff_text(pair.diff, side) if pair.diff else esc(task.body)
    number = f"{task.number} " if task.number else ""
    return join_html(
        [
            el("div", number, task.heading, class_="name"),
            el("div", ctx.src(side, task.lines), class_="meta-line"),
            lead,
            el("div", body, class_="text") if (pair.diff or task.body) else None,
        ]
    )


def _task_group(p: TaskPair, ctx: Ctx) -> str:
    if p.upper is not None:
        return " › ".join(p.upper.path[:-1]) or "（未分节）"
    if p.lower is not None:
        return f"{ctx.low} only · " + (" › ".join(p.lower.path[:-1]) or "（未分节）")
    return ""


def _task_section(result: DiffResult, ctx: Ctx) -> Markup:
    low, up = ctx.low, ctx.up
    head = el(
        "thead",
        el(
            "tr",
            el("th", "#"),
            el("th", f"{up} 任务"),
            el("th", f"{low} 任务"),
            el("th", "匹配 match"),
        ),
    )
    rows: list[Markup] = []
    group = None
    for i, p in enumerate(result.tasks, 1):
        g = _task_group(p, ctx)
        if g != group:
            group = g
            rows.append(el("tr", el("th", g, colspan="4"), class_="group"))
        word = {
            "full": "full",
            "partial": "partial",
            "only_upper": f"missing in {low}",
            "only_lower": f"{low} only",
        }.get(p.match, p.match)
        status: list[object] = [
            el("span", word + (f" {p.score:.2f}" if p.score else ""), class_=f"badge m-{p.match}")
        ]
        if p.lead_changed:
            status.append(el("div", el("span", "牵头单位变更 lead changed", class_="flag")))
            status.append(
                el(
                    "span",
                    f"{'、'.join(p.upper_lead)} → {'、'.join(p.lower_lead)}",
                    class_="reason",
                )
            )
        if p.matched_by and p.matched_by != "best mutual content similarity":
            status.append(el("span", p.matched_by, class_="reason"))
        if p.diff:
            removed, added = _diff_stats(p.diff)
            status.append(el("span", f"正文 −{removed} / +{added} 字", class_="reason"))
        classes = [p.match] + (["flagged"] if p.lead_changed else [])
        rows.append(
            el(
                "tr",
                el("td", el("a", str(i), href=f"#task-{i}"), class_="num"),
                el("td", _task_cell(p.upper, "upper", ctx, p), data_label=f"{up} 任务"),
                el("td", _task_cell(p.lower, "lower", ctx, p), data_label=f"{low} 任务"),
                el("td", status, data_label="匹配 match"),
                id=f"task-{i}",
                class_=" ".join(classes),
                data_match=p.match,
            )
        )
    table = (
        el("table", head, el("tbody", rows), class_="pairs stack tasks")
        if result.tasks
        else el("p", "两份规划都没有识别出任务。", class_="empty")
    )
    s = result.summary.get("tasks", {})
    count = (
        f"{len(result.tasks)} 对 · full {s.get('full', 0)} · partial {s.get('partial', 0)} · "
        f"缺 {s.get('only_upper', 0)} · 独有 {s.get('only_lower', 0)} · 牵头变更 {s.get('lead_changed', 0)}"
    )
    return section("tasks", "任务 tasks", count, table)


# ------------------------------------------------------------------------------------- basis


def _basis_section(result: DiffResult, ctx: Ctx) -> Markup:
    from planparse.parse.extract.meta import place_of

    b = result.basis
    verdict_cls = {True: "good", False: "bad", None: "unknown"}[b.consistent]
    verdict_word = {True: "编制依据一致", False: "编制依据不一致", None: "编制依据无法判断"}[
        b.consistent
    ]
    cites = []
    for title in b.lower_cites:
        place = place_of(title)
        mark = None
        if place and b.upper_place and place == b.upper_place:
            mark = el("span", f" ✓ {place}", class_="place-same")
        elif place and b.upper_place and place[-1] == b.upper_place[-1]:
            mark = el("span", f" ✗ {place}，不是 {b.upper_place}", class_="place-other")
        cites.append(el("li", f"《{title}》", mark))
    upper_desc = b.upper_title or f"（{ctx.up}规划，无标题）"
    body = el(
        "div",
        el("div", f"{verdict_word}：", b.message, class_=f"verdict {verdict_cls}"),
        el(
            "div",
            el("b", f"{ctx.low} 引用的编制依据 cited as basis"),
            el("ul", cites) if cites else el("p", "（未写明）", class_="muted"),
        ),
        el(
            "div",
            el("b", "对照的上级规划 compared upper plan："),
            upper_desc,
            el("span", f" · {b.upper_place}", class_="muted") if b.upper_place else None,
            " ",
            el("span", result.upper.file, class_="src"),
        ),
        class_="basis",
    )
    return section("basis", "编制依据 basis", verdict_word, body)


# -------------------------------------------------------------------------------------- check


_SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
_SEVERITY_WORDS = {"error": "错误 error", "warning": "警告 warning", "info": "提示 info"}


def _rule_titles() -> dict[str, tuple[str, str]]:
    """Rule id → (short name, one-sentence summary), as planparse.compare.check publishes them."""
    from planparse.compare.check import RULES

    return {rule.id: (rule.name, rule.summary) for rule in RULES}


def _basename(path: str | None) -> str:
    return (path or "").replace("\\", "/").rsplit("/", 1)[-1]


def check_html(report: CheckReport) -> str:
    """Check findings as one self-contained HTML page: grouped by rule, severity coloured."""
    findings = list(report.findings)
    against = getattr(report, "against", None)
    ctx = Ctx(
        _basename(report.file) or "本规划",
        _basename(against) or "上级规划",
        report.file,
        against or "",
    )
    titles = _rule_titles()
    by_rule: dict[str, list[Any]] = {}
    for f in findings:
        by_rule.setdefault(str(f.rule), []).append(f)

    def rule_key(rule: str) -> tuple[int, str]:
        worst = min(_SEVERITY_ORDER.get(f.severity, 3) for f in by_rule[rule])
        return worst, rule

    counts = {sev: sum(1 for f in findings if f.severity == sev) for sev in _SEVERITY_ORDER}
    title = f"{report.file} 检查报告"
    chips = [chip(_SEVERITY_WORDS[sev], counts[sev], f"sev-{sev}") for sev in _SEVERITY_ORDER]
    rule_chips = [
        el(
            "a",
            el("b", str(len(by_rule[r]))),
            r,
            el("span", titles[r][0], class_="muted") if r in titles else None,
            class_="chip",
            href=f"#rule-{n}",
        )
        for n, r in enumerate(sorted(by_rule, key=rule_key), 1)
    ]
    header = el(
        "header",
        el("h1", "规划检查报告 check report"),
        el(
            "p",
            "逐条列出检查发现的问题：规则、严重程度、原文行号、原文片段和修改建议。",
            class_="sub",
        ),
        el(
            "div",
            el(
                "div",
                el("div", "检查对象 checked", class_="role"),
                el("div", report.file, class_="file"),
                class_="side",
            ),
            el(
                "div",
                el("div", "对照 against", class_="role"),
                el("div", against or "（无 none）", class_="file"),
                class_="side",
            ),
            class_="sides",
        ),
        class_="top",
    )
    summary = section(
        "summary",
        "摘要 summary",
        f"{len(findings)} 条发现 · {len(by_rule)} 条规则",
        [
            el("div", chips, class_="chips"),
            Markup("<br>"),
            el("h3", "按规则 by rule") if rule_chips else None,
            el("div", rule_chips, class_="chips") if rule_chips else None,
            el(
                "div",
                el("span", "图例 legend", class_="legend-title"),
                [el("span", _SEVERITY_WORDS[s], class_=f"badge sev-{s}") for s in _SEVERITY_ORDER],
                el("span", "▼ 原文行号（点击得到永久链接）", class_="muted"),
                class_="legend",
            ),
        ],
    )
    sections: list[Markup] = []
    for n, rule in enumerate(sorted(by_rule, key=rule_key), 1):
        group = sorted(
            by_rule[rule],
            key=lambda f: (_SEVERITY_ORDER.get(f.severity, 3), (f.lines or (10**9,))[0]),
        )
        rows = []
        for j, f in enumerate(group, 1):
            sev = f.severity if f.severity in _SEVERITY_ORDER else "info"
            fid = f"rule-{n}-{j}"
            file = getattr(f, "file", None) or report.file
            side = "upper" if against and file == against and file != report.file else "lower"
            where: list[object] = [
                ctx.src(side, f.lines, file) if f.lines else el("span", "—", class_="absent")
            ]
            rows.append(
                el(
                    "tr",
                    el("td", el("a", str(j), href=f"#{fid}"), class_="num"),
                    el(
                        "td",
                        el("span", _SEVERITY_WORDS.get(sev, sev), class_=f"badge sev-{sev}"),
                        data_label="严重程度 severity",
                    ),
                    el("td", where, data_label="行号 lines"),
                    el(
                        "td",
                        el("div", f.message),
                        el("code", f.text, class_="offending") if getattr(f, "text", "") else None,
                        el("span", f.fix, class_="fix") if getattr(f, "fix", "") else None,
                        data_label="问题 finding",
                    ),
                    id=fid,
                    class_=f"sev-row-{sev}",
                    data_severity=sev,
                )
            )
        head = el(
            "thead",
            el(
                "tr",
                el("th", "#"),
                el("th", "严重程度"),
                el("th", "行号 lines"),
                el("th", "问题 · 原文 · 建议"),
            ),
        )
        worst = group[0].severity if group[0].severity in _SEVERITY_ORDER else "info"
        sections.append(
            el(
                "details",
                el(
                    "summary",
                    el("h2", rule, " ", titles[rule][0] if rule in titles else ""),
                    " ",
                    el("span", _SEVERITY_WORDS[worst], class_=f"badge sev-{worst}"),
                    el("span", f"{len(group)} 条", class_="count"),
                ),
                el(
                    "div",
                    el("p", titles[rule][1], class_="rule-summary") if rule in titles else None,
                    el("table", head, el("tbody", rows), class_="pairs stack findings"),
                    class_="section-body",
                ),
                class_="section",
                id=f"rule-{n}",
                open=True,
                data_rule=rule,
            )
        )
    if not sections:
        sections.append(el("section", el("p", "没有发现问题 no findings.", class_="empty")))
    body = el(
        "main",
        header,
        toolbar(text_toggle=False),
        summary,
        sections,
        el("footer", "planparse check · ", report.file),
    )
    return page(title, body)
