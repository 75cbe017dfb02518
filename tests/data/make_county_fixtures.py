"""Office, PDF and OFD versions of the county sample plan (corpus/zezhou-county-2023.txt).

    python tests/data/make_county_fixtures.py      (needs LibreOffice: soffice on PATH)

The county plan reached us only as text extracted from its PDF (wrapped lines). Its .docx is
rebuilt here: one Word paragraph per paragraph as planparse's clean stage joins the wrapped
lines (with the 2-character first-line indent of GB/T 9704), each 专栏 box as a bordered
one-cell table, and the main-indicator table as a real
Word table (类别 cells merged down) whose cells are the printed ones, read off the text by
hand (TABLE below). LibreOffice then writes the .doc, .odt, .rtf and .pdf; the .wps is the
.doc (WPS Office's older .wps files are that same OLE2 format); make_ofd_fixture.py lays the
PDF out as OFD. The tests check that every version parses like the text.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

HERE = Path(__file__).resolve().parent
OUT = HERE / "formats"
COUNTY = HERE.parent.parent / "corpus" / "zezhou-county-2023.txt"
sys.path.insert(0, str(HERE))

from make_ofd_fixture import from_pdf  # noqa: E402
from make_office_fixtures import _BORDERS, _CONTENT_TYPES, _RELS  # noqa: E402

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
HEADER = ["类别", "指标", "2025年", "属性"]
TABLE = [  # 类别 (None: merged with the cell above), 指标, 2025年, 属性 — as printed
    ("收入和就业", "1.残疾人家庭人均收入年均增速", "与全县生产总值增长同步", "预期性"),
    (None, "2.残疾人职业技能培训人数", "400人", "预期性"),
    ("社会保障和基本公共服务", "3.符合条件的残疾人纳入最低生活保障比例（%）", "100", "约束性"),
    (None, "4.困难残疾人生活补贴覆盖率（%）", "100", "约束性"),
    (None, "5.重度残疾人护理补贴覆盖率（%）", "100", "约束性"),
    (None, "6.残疾人城乡居民基本养老保险参保率（%）", "95", "预期性"),
    (None, "7.残疾人城乡居民基本医疗保险参保率（%）", "100", "预期性"),
    (None, "8.残疾儿童少年义务教育入学率（%）", "≥97", "预期性"),
    (None, "9.残疾人康复服务覆盖率（%）", "≥85", "约束性"),
    (None, "10.符合条件且有需求的残疾儿童和持证残疾人辅助器具适配率（%）", "≥85", "约束性"),
    (None, "11.困难重度残疾人家庭无障碍改造数（户）", "112户", "约束性"),
    (None, "12.残疾人意外伤害保险参保率（%）", "70", "预期性"),
]


def para(text: str, indent: bool = False) -> str:
    # Body paragraphs with the 2-character first-line indent of GB/T 9704 (首行缩进).
    props = '<w:pPr><w:ind w:firstLineChars="200" w:firstLine="420"/></w:pPr>' if indent else ""
    return f'<w:p>{props}<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'


def table(rows: list[str], widths: int) -> str:
    props = (
        f'<w:tblPr><w:tblW w:w="5000" w:type="pct"/><w:tblBorders>{_BORDERS}</w:tblBorders>'
        f"</w:tblPr><w:tblGrid>{'<w:gridCol/>' * widths}</w:tblGrid>"
    )
    return f"<w:tbl>{props}{''.join(rows)}</w:tbl>"


def cell(text: str, props: str = "") -> str:
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{para(text) if text else '<w:p/>'}</w:tc>"


def indicator_rows(title: str) -> list[str]:
    span = '<w:gridSpan w:val="4"/>'
    rows = [f"<w:tr>{cell(title, span)}</w:tr>"]
    rows.append("<w:tr>" + "".join(cell(h) for h in HEADER) + "</w:tr>")
    for k, (category, name, target, attribute) in enumerate(TABLE):
        following = k + 1 < len(TABLE) and TABLE[k + 1][0] is None
        if category is None:
            first = cell("", "<w:vMerge/>")
        else:
            first = cell(category, '<w:vMerge w:val="restart"/>' if following else "")
        rows.append(f"<w:tr>{first}{cell(name)}{cell(target)}{cell(attribute)}</w:tr>")
    return rows


def county_docx() -> bytes:
    from planparse.parse.clean import clean
    from planparse.readers import read_path

    body: list[str] = []
    box: list[str] = []

    def flush() -> None:
        if box:
            row = "<w:tr><w:tc><w:tcPr/>" + "".join(para(t) for t in box) + "</w:tc></w:tr>"
            body.append(table([row], 1))
            box.clear()

    in_table = False
    for block in clean(read_path(COUNTY)).blocks:
        if block.kind == "tableline":
            if not in_table:  # the table replaces its flattened lines, header box included
                title = box.pop() if box else ""
                flush()
                body.append(table(indicator_rows(title), 4))
                in_table = True
            continue
        in_table = False
        if block.kind == "box":
            box.append(block.text)
            continue
        flush()
        body.append(para(block.text, indent=True))
    flush()
    xml = f'<w:document xmlns:w="{W}"><w:body>{"".join(body)}</w:body></w:document>'
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", _CONTENT_TYPES)
        zf.writestr("_rels/.rels", _RELS)
        zf.writestr("word/document.xml", xml)
    return buf.getvalue()


def main() -> None:
    docx = OUT / "zezhou-county.docx"
    docx.write_bytes(county_docx())
    with tempfile.TemporaryDirectory() as tmp:
        for target in ("doc", "odt", "rtf", "pdf"):
            subprocess.run(
                ["soffice", f"-env:UserInstallation={(Path(tmp) / 'p').as_uri()}", "--headless",
                 "--convert-to", target, "--outdir", str(OUT), str(docx)],
                check=True, stdin=subprocess.DEVNULL, timeout=300,
            )  # fmt: skip
    shutil.copy(OUT / "zezhou-county.doc", OUT / "zezhou-county.wps")
    from_pdf(OUT / "zezhou-county.pdf", OUT / "zezhou-county.ofd", False)


if __name__ == "__main__":
    main()
