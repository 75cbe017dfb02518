"""Task-division tables (任务分工表): responsibility given row by row, in every format.

The real table is the opening of a city's 重点工作任务分工 (tests/fixtures/task_tables/
SOURCES.md), read from the text the page store gave and laid out again as a .docx table and
as a portal page's HTML table; its expected units are hand-read from the page. The other
tables are hand-made in the shapes such tables take (merged 序号 and 工作事项 cells over
sub-rows, 牵头处室 columns, `/` for none, a header wrapped over two lines, tab-separated cells).
"""

from __future__ import annotations

import html
import shutil
from pathlib import Path

import pytest

from planparse.model import Plan, Task
from planparse.parse.extract.task_tables import cell_units, header_role, looks_like_units
from planparse.parse.pipeline import parse_path, parse_source, parse_text
from planparse.readers import read_bytes
from test_readers_docx import build_docx, p, tc

FIXTURES = Path(__file__).parent / "fixtures" / "task_tables"
HANGZHOU = FIXTURES / "hangzhou-city-work-report-2020-flat.txt"

# Hand-read from the page: (start of 重点工作任务, 责任单位 as listed, group row above it).
HANGZHOU_ROWS: list[tuple[str, list[str], str]] = [
    ("学懂弄通做实", ["市政府各直属单位"], "(一)刘忻市长牵头重点工作"),
    ("扛起全面从严治党", ["市政府各直属单位"], "(一)刘忻市长牵头重点工作"),
    (
        "加快建设城西科创大走廊",
        [
            "杭州城西科创产业集聚区管委会", "市科技局", "市发改委", "市经信局",
            "市规划和自然资源局", "市人力社保局", "市地方金融监管局", "市教育局", "市建委",
        ],
        "(二)戴建平常务副市长牵头重点工作",
    ),
    ("推进人才创新创业服务综合体", ["市发改委", "市人力社保局", "市科技局", "团市委"], ""),
    (
        "全面推进开发区",
        ["市发改委", "市经信局", "市商务局", "市投资促进局", "各区、县(市)政府(管委会)"],
        "",
    ),
    ("大力发展金融服务", ["市发改委"], ""),
    ("实施金融强基工程", ["市地方金融监管局", "市科技局"], ""),
    ("加快钱塘江金融港湾建设", ["市地方金融监管局"], ""),
    ("加大项目建设力度", ["市发改委"], ""),
    ("鼓励上市公司募集资金回投杭州", ["市地方金融监管局"], ""),
    ("加强项目谋划", ["市财政局", "市发改委"], ""),
]  # fmt: skip


def _units(task: Task) -> list[str]:
    resp = task.responsibility
    assert resp is not None
    return resp.lead + resp.participating + resp.responsible


def _exact_share(plan: Plan, expected: list[tuple[str, list[str], str]]) -> float:
    """Share of the expected rows whose task carries exactly the row's units."""
    hits = 0
    for start, units, _ in expected:
        task = next((t for t in plan.tasks if t.heading.startswith(start)), None)
        if task is not None and task.responsibility and sorted(_units(task)) == sorted(units):
            hits += 1
    return hits / len(expected)


def _hangzhou_cells() -> list[tuple[str, str, str] | str]:
    """The fixture's rows (number, task, units) and group titles, read by hand-written rules
    independent of the parser: cells are the lines between the `|` lines."""
    cells = [c for c in HANGZHOU.read_text("utf-8").split("\n|\n")]
    rows: list[tuple[str, str, str] | str] = []
    k = 3  # after 序号 / 重点工作任务 / 责任单位
    while k < len(cells):
        if cells[k].isdigit():
            if k + 2 >= len(cells):
                break
            rows.append((cells[k], cells[k + 1], cells[k + 2]))
            k += 3
        else:
            rows.append(cells[k])
            k += 1
    return rows


def test_real_flattened_table_gives_each_task_its_units() -> None:
    plan = parse_text(HANGZHOU.read_text("utf-8"), str(HANGZHOU))
    assert _exact_share(plan, HANGZHOU_ROWS) == 1.0
    first = next(t for t in plan.tasks if t.heading.startswith("学懂弄通做实"))
    assert first.source == "table" and first.number == "1"
    assert first.responsibility is not None and first.responsibility.source == "table"
    assert first.path == ["(一)刘忻市长牵头重点工作"]
    third = next(t for t in plan.tasks if t.heading.startswith("加快建设城西科创大走廊"))
    assert third.path == ["(二)戴建平常务副市长牵头重点工作"]
    # 配合落实 after the list: the units cooperate.
    fourth = next(t for t in plan.tasks if t.heading.startswith("推进人才创新创业"))
    assert fourth.responsibility and fourth.responsibility.participating == [
        "市发改委", "市人力社保局", "市科技局", "团市委",
    ]  # fmt: skip
    # The table's lines are not headings, and every line is still accounted for.
    assert not plan.headings
    assert all(e.kind == "table_row" for e in plan.elements)


def _hangzhou_html_table() -> str:
    rows = ["<tr><td>序号</td><td>重点工作任务</td><td>责任单位</td></tr>"]
    for row in _hangzhou_cells():
        if isinstance(row, str):
            rows.append(f'<tr><td colspan="3"><p>{html.escape(row)}</p></td></tr>')
        else:
            rows.append(
                "<tr>" + "".join(f"<td><p>{html.escape(c)}</p></td>" for c in row) + "</tr>"
            )
    return '<table border="1" cellspacing="0">' + "".join(rows) + "</table>"


PORTAL = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{title}_政府信息公开</title>
<script>var _hmt = _hmt || [];</script></head>
<body>
<div class="header"><div class="top-nav"><a href="/">首页</a><a href="/zwgk/">政务公开</a>
<a href="/hdjl/">互动交流</a><a href="/bsfw/">办事服务</a></div></div>
<div class="container"><div class="position">当前位置：<a href="/">首页</a> &gt;
<a href="/zwgk/">政府信息公开</a> &gt; <a href="/zcwj/">政策文件</a></div>
<div class="main-box"><div class="xxgk-table">
<table class="table-info"><tr><td>索引号：</td><td>{index}</td><td>发布机构：</td><td>{issuer}</td></tr>
<tr><td>成文日期：</td><td>{date}</td><td>发布日期：</td><td>{date}</td></tr>
<tr><td>文号：</td><td>{docno}</td><td>主题分类：</td><td>综合政务</td></tr></table></div>
<div class="article-wrap"><div class="article-title"><h2>{title}</h2></div>
<div class="article-info"><span>来源：{issuer}</span><span>字号：<a>大</a><a>中</a><a>小</a></span></div>
<div class="article-con"><div class="view-box"><div class="inner">
{body}
</div></div></div>
<div class="share"><span>分享到：</span><a>微信</a><a>微博</a></div>
<div class="print"><a>打印本页</a><a>关闭窗口</a></div></div></div></div>
<div class="footer"><p>主办：{issuer}办公室　地址：人民路1号　电话：0000-0000000</p>
<p>网站标识码：0000000000　ICP备00000000号</p></div>
</body></html>"""


def _portal(body: str, **kw: str) -> bytes:
    values = {
        "title": "关于印发2020年重点工作任务分工的通知",
        "index": "000000000/2020-00001",
        "issuer": "市人民政府办公厅",
        "date": "2020-02-20",
        "docno": "市政办〔2020〕1号",
    } | kw
    return PORTAL.format(body=body, **values).encode("utf-8")


def test_real_table_as_html_page_gives_each_task_its_units() -> None:
    notice = (
        "<p>各区、县（市）人民政府，市政府各部门、各直属单位：</p>"
        "<p>现将2020年市政府重点工作任务分工印发给你们，请认真抓好落实。</p>"
        '<p style="text-align:right">市人民政府办公厅</p><p style="text-align:right">2020年2月20日</p>'
    )
    page = _portal(
        notice + "<p>附件</p><p>2020年市政府重点工作任务分工</p>" + _hangzhou_html_table()
    )
    plan = parse_source(read_bytes(page, "hangzhou.html"))
    assert _exact_share(plan, HANGZHOU_ROWS) == 1.0
    assert next(t for t in plan.tasks if t.heading.startswith("加快建设城西")).path == [
        "(二)戴建平常务副市长牵头重点工作"
    ]


def _docx_table(rows: list[list[str | tuple[str, str]]], widths: int) -> str:
    """A w:tbl; a cell given as (text, props) carries its tcPr (vMerge, gridSpan)."""
    grid = "<w:tblGrid>" + '<w:gridCol w:w="1300"/>' * widths + "</w:tblGrid>"
    borders = "".join(
        f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    out = [f"<w:tbl><w:tblPr><w:tblBorders>{borders}</w:tblBorders></w:tblPr>", grid]
    for row in rows:
        cells = "".join(tc(c[0], props=c[1]) if isinstance(c, tuple) else tc(c) for c in row)
        out.append(f"<w:tr>{cells}</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def test_real_table_as_docx_gives_each_task_its_units() -> None:
    rows: list[list[str | tuple[str, str]]] = [["序号", "重点工作任务", "责任单位"]]
    for row in _hangzhou_cells():
        if isinstance(row, str):
            rows.append([(row, '<w:gridSpan w:val="3"/>')])
        else:
            rows.append(list(row))
    body = p("2020年市政府重点工作任务分工") + _docx_table(rows, 3)
    plan = parse_source(read_bytes(build_docx(body), "hangzhou.docx"))
    assert _exact_share(plan, HANGZHOU_ROWS) == 1.0


# ------------------------------------------------------------ a plan with its table


BODY_TASKS = [
    ("一、", "强化基层医疗服务能力", None),
    ("（一）", "推进紧密型县域医共体建设。", "以县级医院为龙头，整合县乡村三级医疗资源，2024年底前实现全覆盖。"),
    ("（二）", "加强乡镇卫生院标准化建设。", "按照服务能力标准改造业务用房，配齐基本设备。"),
    ("二、", "提升公共卫生应急能力", None),
    ("（三）", "完善传染病监测预警体系。", "建立多点触发的监测预警机制，健全信息报告制度。"),
    ("（四）", "加强疾控机构能力建设。", "推进实验室标准化建设，提升检验检测能力。（牵头单位：区疾控中心；配合单位：区财政局）"),
]  # fmt: skip

# 序号 / 重点任务 / 具体措施 / 牵头单位 / 配合单位 / 牵头处室 / 完成时限, with task 2 spread over
# two sub-rows (序号 and 重点任务 merged) and an extra row the body does not have.
TABLE_ROWS = [
    ["1", "推进紧密型县域医共体建设", "整合县乡村三级医疗资源", "区卫生健康局", "区医保局、区财政局", "基层卫生科", "2024年12月底前"],
    ["2", "加强乡镇卫生院标准化建设", "改造业务用房", "区卫生健康局", "区发展改革局", "规划财务科", "2025年6月底前"],
    ["", "", "配齐基本设备", "区卫生健康局", "区财政局", "/", "2025年12月底前"],
    ["3", "完善传染病监测预警体系", "建立多点触发的监测预警机制", "区疾控中心", "/", "疾病预防控制科", "长期坚持"],
    ["4", "加强疾控机构能力建设", "推进实验室标准化建设", "区卫生健康局", "区财政局", "疾病预防控制科", "2025年底前"],
    ["5", "开展爱国卫生运动", "推进卫生城镇创建", "区爱卫办", "各镇（街道）", "—", "每年"],
]  # fmt: skip
HEADER = ["序号", "重点任务", "具体措施", "牵头单位", "配合单位", "牵头处室", "完成时限"]


def _body_text() -> str:
    lines = ["某区卫生健康事业发展行动方案", ""]
    for marker, title, rest in BODY_TASKS:
        lines.append(marker + title + (rest or ""))
    return "\n".join(lines)


def _check_linked(plan: Plan, sub_row: bool = True) -> None:
    by_heading = {t.heading.rstrip("。"): t for t in plan.tasks}
    one = by_heading["推进紧密型县域医共体建设"]
    assert one.source == "body" and one.responsibility is not None
    assert one.responsibility.source == "table"
    assert one.responsibility.lead == ["区卫生健康局"]
    assert one.responsibility.participating == ["区医保局", "区财政局"]
    assert one.responsibility.lead_offices == ["基层卫生科"]
    assert one.deadline == "2024年12月底前"
    two = by_heading["加强乡镇卫生院标准化建设"]
    if sub_row:
        assert two.responsibility
        assert two.responsibility.participating == ["区发展改革局", "区财政局"]
        assert two.deadline == "2025年6月底前；2025年12月底前"
    else:
        assert two.responsibility and two.responsibility.participating == ["区发展改革局"]
        assert two.deadline == "2025年6月底前"
    three = by_heading["完善传染病监测预警体系"]
    assert three.responsibility and three.responsibility.participating == []
    assert three.responsibility.lead == ["区疾控中心"] and three.deadline == "长期坚持"
    # The bracket stays; the table names another lead: a warning (check rule S205).
    four = by_heading["加强疾控机构能力建设"]
    assert four.responsibility and four.responsibility.source == "text"
    assert four.responsibility.lead == ["区疾控中心"]
    assert [w.code for w in plan.warnings if w.lines == four.lines] == ["table-bracket-conflict"]
    # A row the body has no task for becomes a task of its own.
    five = by_heading["开展爱国卫生运动"]
    assert five.source == "table" and five.number == "5" and five.deadline == "每年"
    assert five.responsibility and five.responsibility.lead == ["区爱卫办"]
    assert five.responsibility.participating == ["各镇（街道）"]
    assert five.responsibility.lead_offices == []
    assert [t.heading.rstrip("。") for t in plan.tasks if t.source == "table"] == [
        "开展爱国卫生运动"
    ]


def test_flattened_one_cell_per_line_table_links_to_body_tasks() -> None:
    lines = [_body_text(), "", "附件", "重点任务分工表"]
    # The header as a PDF copy gives it: 具体措施 and 完成时限 wrapped over two lines.
    lines += [
        "序号",
        "重点任务",
        "具体",
        "措施",
        "牵头单位",
        "配合单位",
        "牵头处室",
        "完成",
        "时限",
    ]
    for row in TABLE_ROWS:
        lines += [c for c in row if c]  # merged cells leave nothing in the copy
    plan = parse_text("\n".join(lines))
    _check_linked(plan)


def test_tab_separated_table_links_to_body_tasks() -> None:
    lines = [_body_text(), "", "附件", "重点任务分工表", "\t".join(HEADER)]
    lines += ["\t".join(row) for row in TABLE_ROWS]  # the sub-row's line opens with TABs
    plan = parse_text("\n".join(lines))
    _check_linked(plan)


def task_table_docx() -> bytes:
    """The plan with its task table as a .docx (merged 序号 and 重点任务 over a sub-row); also
    the source of the .odt and .pdf fixtures (tests/fixtures/task_tables/make_fixtures.py)."""
    merged = '<w:vMerge w:val="restart"/>'
    rows: list[list[str | tuple[str, str]]] = [list(HEADER)]
    for k, row in enumerate(TABLE_ROWS):
        cells: list[str | tuple[str, str]] = list(row)
        if k == 1:
            cells[0], cells[1] = (row[0], merged), (row[1], merged)
        if k == 2:
            cells[0], cells[1] = ("", "<w:vMerge/>"), ("", "<w:vMerge/>")
        rows.append(cells)
    paras = "".join(p(line) for line in _body_text().split("\n"))
    body = paras + p("附件") + p("重点任务分工表") + _docx_table(rows, 7)
    return build_docx(body)


def test_docx_table_with_merged_cells_links_to_body_tasks() -> None:
    plan = parse_source(read_bytes(task_table_docx(), "plan.docx"))
    _check_linked(plan)


def test_html_table_with_rowspan_and_two_header_rows_links_to_body_tasks() -> None:
    head = (
        '<tr><td rowspan="2">序号</td><td rowspan="2">重点任务</td><td rowspan="2">具体措施</td>'
        '<td colspan="2">责任单位</td><td rowspan="2">牵头处室</td><td rowspan="2">完成时限</td></tr>'
        "<tr><td>牵头单位</td><td>配合单位</td></tr>"
    )
    body_rows = []
    for k, row in enumerate(TABLE_ROWS):
        cells = [f"<td>{html.escape(c)}</td>" for c in row]
        if k == 1:
            cells[0] = f'<td rowspan="2">{row[0]}</td>'
            cells[1] = f'<td rowspan="2">{row[1]}</td>'
        if k == 2:
            cells = cells[2:]
        body_rows.append("<tr>" + "".join(cells) + "</tr>")
    paras = "".join(f"<p>{html.escape(line)}</p>" for line in _body_text().split("\n") if line)
    table = "<table>" + head + "".join(body_rows) + "</table>"
    page = _portal(paras + "<p>附件</p><p>重点任务分工表</p>" + table)
    plan = parse_source(read_bytes(page, "plan.html"))
    _check_linked(plan)


def test_header_words_decide_roles_by_the_longest_word() -> None:
    assert header_role("牵头处室") == "lead_office"
    assert header_role("牵头 单位") == "lead"
    assert header_role("配合处室") == "participating_office"
    assert header_role("完成时限") == "deadline"
    assert header_role("重点工作任务") == "item"
    assert header_role("加快建设城西科创大走廊") is None


def test_unit_cells_in_the_forms_tables_use() -> None:
    assert cell_units("县发展改革局（牵头）、县财政局", "responsible") == {
        "lead": ["县发展改革局"],
        "responsible": ["县财政局"],
    }
    assert cell_units("市商务局牵头，市财政局配合", "responsible") == {
        "lead": ["市商务局"],
        "participating": ["市财政局"],
    }
    assert cell_units("省教育厅等", "lead") == {"lead": ["省教育厅"]}
    assert looks_like_units("市税务局等,各县、市、区政府,咸宁高新区管委会")
    assert not looks_like_units("加快建设城西科创大走廊。")


def test_real_gazette_table_measures_carry_their_units() -> None:
    """The Xianning gazette's flattened 责任分工 table: measures 2.–4. sit under the merged
    主要任务 cell （一）, so they fold into that one task, with every measure's units."""
    path = Path(__file__).parent.parent / "corpus/public/hubei-xianning-city-economy-2020.txt"
    plan = parse_text(path.read_text("utf-8"), str(path))
    table_tasks = [t for t in plan.tasks if t.source == "table"]
    assert len(table_tasks) == 1
    task = table_tasks[0]
    assert task.heading == "(一)加强对防疫重点企业财税支持"
    assert task.path == ["一、加大财政金融支持力度"]
    assert task.deadline == "2020年12月"
    names = _units(task)
    for unit in ("市税务局", "市经信局", "市财政局", "咸宁高新区管委会"):
        assert unit in names


needs_soffice = pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"
)


@needs_soffice
def test_odt_table_read_through_libreoffice_links_to_body_tasks() -> None:
    """The same plan as written by LibreOffice (.odt, converted back to .docx to be read)."""
    _check_linked(parse_path(FIXTURES / "plan-with-task-table.odt"))


def test_pdf_table_rows_give_their_tasks_units_and_deadlines() -> None:
    """The same plan printed to PDF by LibreOffice: the ruled table is read as rows. (The
    body's short unpunctuated lines run together in the PDF text, so tasks are found by the
    end of their heading.)"""
    plan = parse_path(FIXTURES / "plan-with-task-table.pdf")
    expected = {
        "推进紧密型县域医共体建设": (["区卫生健康局"], ["区医保局", "区财政局"], "2024年12月底前"),
        "加强乡镇卫生院标准化建设": (
            ["区卫生健康局"], ["区发展改革局", "区财政局"], "2025年6月底前；2025年12月底前",
        ),
        "完善传染病监测预警体系": (["区疾控中心"], [], "长期坚持"),
        "开展爱国卫生运动": (["区爱卫办"], ["各镇（街道）"], "每年"),
    }  # fmt: skip
    for title, (lead, participating, deadline) in expected.items():
        task = next(t for t in plan.tasks if t.heading.rstrip("。").endswith(title))
        assert task.responsibility is not None and task.responsibility.source == "table"
        assert (task.responsibility.lead, task.responsibility.participating) == (
            lead,
            participating,
        )
        assert task.deadline == deadline
    assert [t.heading for t in plan.tasks if t.source == "table"] == ["开展爱国卫生运动"]


def test_sqlite_tasks_keep_table_source_deadline_and_offices(tmp_path: Path) -> None:
    import sqlite3

    from test_batch import run

    folder = tmp_path / "plans"
    folder.mkdir()
    (folder / "plan.docx").write_bytes(task_table_docx())
    out = tmp_path / "plans.sqlite"
    code, _, stderr = run("batch", str(folder), "--out", str(out), "--jobs", "1")
    assert code == 0, stderr
    rows = sqlite3.connect(out).execute(
        "SELECT heading, source, responsibility_source, deadline, lead_offices, "
        "participating_offices FROM tasks ORDER BY seq"
    )
    found = {r[0].rstrip("。"): r[1:] for r in rows}
    assert found["推进紧密型县域医共体建设"] == (
        "body",
        "table",
        "2024年12月底前",
        "基层卫生科",
        None,
    )
    assert found["加强疾控机构能力建设"] == ("body", "text", "2025年底前", None, None)
    assert found["开展爱国卫生运动"] == ("table", "table", "每年", None, None)


def test_a_box_after_the_table_stays_a_column() -> None:
    """A one-cell frame (专栏) printed right after the task table is not a group row of it."""
    header = "<tr>" + "".join(f"<td>{h}</td>" for h in HEADER) + "</tr>"
    rows = "".join(
        "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>"
        for row in TABLE_ROWS
        if row[0]
    )
    box = (
        "<table><tr><td><p>专栏1 重点项目</p><p>1.区域医疗中心建设项目。新建业务用房。</p>"
        "<p>2.乡镇卫生院提升项目。改造业务用房。</p></td></tr></table>"
    )
    paras = "".join(f"<p>{html.escape(line)}</p>" for line in _body_text().split("\n") if line)
    page = _portal(paras + "<p>重点任务分工表</p><table>" + header + rows + "</table>" + box)
    plan = parse_source(read_bytes(page, "plan.html"))
    assert [c.title for c in plan.columns] == ["重点项目"]
    assert [i.title for i in plan.columns[0].items] == [
        "区域医疗中心建设项目",
        "乡镇卫生院提升项目",
    ]
    assert all(t.path != ["专栏1 重点项目"] for t in plan.tasks)
