"""The same plan as .txt, GB18030 .txt, .docx and .html parses to the same structure.

The .docx and .html are built here from corpus/linfen-city-draft.txt (a .docx exported to
text): each line becomes a paragraph, each run of TAB-convention rows a real table, with
the empty first-column cells as vertical merges (w:vMerge / rowspan) and the one-cell
rows (专栏 titles and boxes) spanning the grid (w:gridSpan / colspan).
"""

from __future__ import annotations

import html as htmlesc
import io
import re
import zipfile
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import pytest

from planparse.readers import read_bytes, read_path

CITY = Path(__file__).resolve().parent.parent / "corpus" / "linfen-city-draft.txt"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

Row = list[list[str]]  # cells, each a list of lines


def city_lines() -> list[str]:
    text = CITY.read_text(encoding="utf-8")
    return (text[:-1] if text.endswith("\n") else text).split("\n")


def blocks(lines: list[str]) -> list[tuple[str, Any]]:
    """("p", line) or ("table", rows) from lines in the TAB convention."""
    out: list[tuple[str, Any]] = []
    i = 0
    while i < len(lines):
        if not lines[i].startswith("\t"):
            out.append(("p", lines[i]))
            i += 1
            continue
        rows: list[Row] = []
        while i < len(lines) and lines[i].startswith("\t"):
            row: Row = []
            while i < len(lines) and lines[i] != "":
                if lines[i].startswith("\t"):
                    row.append([lines[i][1:]])
                else:
                    row[-1].append(lines[i])
                i += 1
            rows.append(row)
            i += 1  # the empty line closing the row
        out.append(("table", rows))
    return out


def merges(rows: list[Row]) -> list[list[str]]:
    """Per cell: "restart", "continue" or "" (vertical merges down the first column)."""
    marks = [["" for _ in row] for row in rows]
    for r, row in enumerate(rows):
        if r and len(row) > 1 and row[0] == [""] and len(rows[r - 1]) == len(row):
            marks[r][0] = "continue"
            k = r - 1
            while marks[k][0] == "continue":
                k -= 1
            marks[k][0] = "restart"
    return marks


def to_docx(lines: list[str]) -> bytes:
    def para(text: str) -> str:
        if not text:
            return "<w:p/>"
        return f'<w:p><w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'

    body: list[str] = []
    for kind, value in blocks(lines):
        if kind == "p":
            body.append(para(value))
            continue
        width = max(len(row) for row in value)
        body.append("<w:tbl><w:tblGrid>" + "<w:gridCol/>" * width + "</w:tblGrid>")
        for row, marks in zip(value, merges(value), strict=True):
            body.append("<w:tr>")
            for c, (cell, mark) in enumerate(zip(row, marks, strict=True)):
                props = ""
                if c == len(row) - 1 and len(row) < width:
                    props += f'<w:gridSpan w:val="{width - len(row) + 1}"/>'
                if mark:
                    props += '<w:vMerge w:val="restart"/>' if mark == "restart" else "<w:vMerge/>"
                content = "<w:p/>" if mark == "continue" else "".join(para(t) for t in cell)
                body.append(f"<w:tc><w:tcPr>{props}</w:tcPr>{content}</w:tc>")
            body.append("</w:tr>")
        body.append("</w:tbl>")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(
            "word/document.xml",
            f'<w:document xmlns:w="{W}"><w:body>{"".join(body)}</w:body></w:document>',
        )
    return buf.getvalue()


def to_html(lines: list[str]) -> bytes:
    out = ['<html><head><meta charset="gbk"><title>临汾市</title></head><body>']
    out.append('<div class="nav"><a href="/">首页</a> <a href="/zc">政策文件</a></div>')
    out.append('<div class="TRS_Editor">')
    for kind, value in blocks(lines):
        if kind == "p":
            out.append(f"<p>{htmlesc.escape(value)}</p>")
            continue
        width = max(len(row) for row in value)
        marks = merges(value)
        out.append('<table border="1">')
        for r, row in enumerate(value):
            out.append("<tr>")
            for c, cell in enumerate(row):
                if marks[r][c] == "continue":
                    continue
                attrs = ""
                if c == len(row) - 1 and len(row) < width:
                    attrs += f' colspan="{width - len(row) + 1}"'
                if marks[r][c] == "restart":
                    span = 1
                    while r + span < len(value) and marks[r + span][c] == "continue":
                        span += 1
                    attrs += f' rowspan="{span}"'
                out.append(f"<td{attrs}>" + "<br>".join(htmlesc.escape(t) for t in cell) + "</td>")
            out.append("</tr>")
        out.append("</table>")
    out.append('</div><div class="footer">版权所有：临汾市人民政府</div></body></html>')
    return "\n".join(out).encode("gb18030")


# -- the readers reproduce the text export -----------------------------------------------
def test_docx_of_the_city_plan_reads_back_as_its_text_export() -> None:
    lines = city_lines()
    src = read_bytes(to_docx(lines), "linfen.docx")
    assert src.lines == lines
    assert src.boxed == [b for kind, v in blocks(lines) for b in _boxed_flags(kind, v)]


def _boxed_flags(kind: str, value: Any) -> list[bool]:
    if kind == "p":
        return [False]
    return [True] * sum(sum(len(cell) for cell in row) + 1 for row in value)


def test_html_of_the_city_plan_reads_back_as_its_text_export() -> None:
    lines = city_lines()
    src = read_bytes(to_html(lines), "linfen.html")
    assert src.encoding == "gb18030"
    # HTML collapses runs of spaces and trims them at line ends; all else is line for line.
    assert src.lines == [re.sub(" +", " ", line).strip(" ") for line in lines]
    assert "首页" not in "\n".join(src.lines)


def test_gb18030_text_reads_as_the_utf8_text() -> None:
    src = read_bytes(CITY.read_text(encoding="utf-8").encode("gb18030"), "linfen.txt")
    assert src.encoding == "gb18030"
    assert src.lines == read_path(CITY).lines


# -- and parse to the same plan ----------------------------------------------------------
def _summary(plan: dict[str, Any]) -> dict[str, Any]:
    def resp(task: dict[str, Any]) -> tuple[Any, ...] | None:
        r = task.get("responsibility")
        if not r:
            return None
        return tuple(tuple(r.get(k) or ()) for k in ("lead", "participating", "responsible"))

    return {
        "columns": [(c["title"], len(c["items"])) for c in plan["columns"]],
        "indicators": [
            (i["number"], i["name"], i["target"]["raw"], i["attribute"]) for i in plan["indicators"]
        ],
        "headings": [h["title"] for h in plan["headings"]],
        "tasks": [(t["heading"], resp(t)) for t in plan["tasks"]],
    }


@pytest.fixture(scope="module")
def reference() -> dict[str, Any]:
    from planparse.parse.pipeline import parse_source

    return _summary(parse_source(read_path(CITY)).to_dict())


@pytest.mark.parametrize("fmt", ["docx", "html", "gb18030"])
def test_formats_parse_to_the_same_plan(
    fmt: str, reference: dict[str, Any], tmp_path: Path
) -> None:
    from planparse.parse.pipeline import parse_source

    lines = city_lines()
    data = {
        "docx": lambda: to_docx(lines),
        "html": lambda: to_html(lines),
        "gb18030": lambda: CITY.read_text(encoding="utf-8").encode("gb18030"),
    }[fmt]()
    path = tmp_path / f"linfen.{'txt' if fmt == 'gb18030' else fmt}"
    path.write_bytes(data)
    got = _summary(parse_source(read_path(path)).to_dict())
    assert reference["tasks"] and reference["indicators"] and reference["columns"]
    assert got == reference


def test_pdf_fixture_parses_like_its_docx_twin() -> None:
    """seed-plan.pdf and seed-plan.docx were made from one source (tests/data/make_pdf_fixture.sh):
    the PDF path (wrapped lines, boxes, a flattened table) must give the same structure."""
    from planparse.parse.pipeline import parse_path

    data = Path(__file__).resolve().parent / "data"
    pdf = parse_path(data / "seed-plan.pdf")
    docx = parse_path(data / "seed-plan.docx")

    def shape(plan: Any) -> dict[str, Any]:
        return {
            "headings": [(h.level, h.title) for h in plan.headings],
            "tasks": [
                (t.heading, t.responsibility.lead, t.responsibility.participating)
                for t in plan.tasks
                if t.responsibility
            ],
            "columns": [(c.number, c.title, len(c.items)) for c in plan.columns],
            "indicators": [
                (i.number, i.category, i.name, i.target.raw, i.attribute) for i in plan.indicators
            ],
        }

    assert shape(pdf) == shape(docx)
    assert len(pdf.tasks) == 2 and len(pdf.indicators) == 3
