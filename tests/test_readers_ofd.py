"""OFD (GB/T 33190) packages: text in reading order, boxes, multi-document, hostile input.

Fixtures: tests/data/make_ofd_fixture.py lays the sample plans' PDF pages out again as OFD
(seed-plan.ofd holds two documents); public-ofdrw-n.ofd is a real OFD from the ofdrw
project (see tests/data/formats/SOURCES.md).
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import pytest

from planparse.model import PlanParseError
from planparse.readers import read_bytes, read_path, sniff
from planparse.readers.ofd import deltas

DATA = Path(__file__).resolve().parent / "data"
FORMATS = DATA / "formats"
NS = "http://www.ofdspec.org/2016"
CITY = Path(__file__).resolve().parent.parent / "corpus" / "linfen-city-draft.txt"


def shape(path: Path) -> dict[str, Any]:
    from planparse.parse.pipeline import parse_path

    plan = parse_path(path)
    return {
        "headings": [(h.level, h.title) for h in plan.headings],
        "columns": [(c.number, c.title, [i.text for i in c.items]) for c in plan.columns],
        "indicators": [
            (i.number, i.category, i.name, i.target.raw, i.unit, i.attribute)
            for i in plan.indicators
        ],
        "tasks": [(t.heading, t.responsibility and t.responsibility.lead) for t in plan.tasks],
        "brackets": [
            (t.responsibility.lead, t.responsibility.participating)
            for t in plan.tasks
            if t.responsibility
        ],
    }


@pytest.mark.parametrize(
    ("fixture", "reference"),
    [
        ("seed-plan.ofd", DATA / "seed-plan.docx"),
        ("linfen-city.ofd", CITY),
        ("linfen-city.pdf", CITY),
        ("linfen-city-chromium.pdf", CITY),
    ],
)
def test_fixed_layout_versions_parse_like_the_text(fixture: str, reference: Path) -> None:
    """The OFD, the LibreOffice PDF and the Chromium PDF of a plan with real tables (indicator
    table with merged 类别 cells, wrapped cells, 专栏 boxes) give the structure of the text."""
    got, ref = shape(FORMATS / fixture), shape(reference)
    assert ref["indicators"] and ref["columns"] and ref["brackets"]
    if fixture == "linfen-city-chromium.pdf":
        # Chromium's font maps ～ to 〜 (WAVE DASH), and a 专栏 item broken by the page after
        # "（街道）" comes out as two paragraphs of the same item.
        got["columns"] = [
            (n, t, [i.replace("〜", "～").replace("\n", "") for i in items])
            for n, t, items in got["columns"]
        ]
    assert got == ref


def test_two_documents_are_read_in_order_with_their_pages() -> None:
    src = read_path(FORMATS / "seed-plan.ofd")  # one page per document
    assert src.format == "ofd"
    assert src.notes[0] == "ofd pages=2 page_starts=1,39"
    assert src.lines[0] == "临汾市“十四五”残疾人保障和发展规划"
    assert src.lines[38] == "二、实施机制"


@pytest.mark.parametrize("name", ["seed-plan", "linfen-city"])
def test_ofd_lines_and_boxes_match_the_pdf_they_were_laid_out_from(name: str) -> None:
    pdf = DATA / "seed-plan.pdf" if name == "seed-plan" else FORMATS / "linfen-city.pdf"
    a, b = read_path(FORMATS / f"{name}.ofd"), read_path(pdf)
    # Spaces may differ: OFD gives glyph advances, not glyph widths, so letter-spacing
    # inside a cell ("类  别") is not told from a gap the way the PDF's glyph boxes tell it.
    assert [t.replace(" ", "") for t in a.lines] == [t.replace(" ", "") for t in b.lines]
    assert a.boxed == b.boxed
    assert any(a.boxed or []) and not all(a.boxed or [])


def test_real_public_ofd_reads_in_reading_order() -> None:
    src = read_path(FORMATS / "public-ofdrw-n.ofd")
    assert src.notes[0] == "ofd pages=2 page_starts=1,15"
    assert src.lines[:6] == [
        "测试符路桥区卫生局文件",
        "路卫发〔2011〕76号",
        "\u3000\u3000关于同意张阿三同志辞职的批复",  # starts 2 em or more right of the margin
        "区中医院：",
        "\u3000\u3000你院《关于给张阿三同志辞职的请示》（路中医发",  # first-line indent
        "〔2011〕10号）收悉。",
    ]
    assert src.lines[13] == "— 1 —"
    assert "测试符路桥区卫生局办公室 2011年3月10日印发" in src.lines


def test_real_public_ofd_gives_its_footer() -> None:
    from planparse.parse.pipeline import parse_path

    plan = parse_path(FORMATS / "public-ofdrw-n.ofd")  # 版记: 测试符路桥区卫生局办公室 …印发
    assert plan.meta.published == "2011-03-10"
    assert plan.meta.printed_by == "测试符路桥区卫生局办公室"


def test_sniff_tells_ofd_from_docx() -> None:
    assert sniff((FORMATS / "seed-plan.ofd").read_bytes(), "x.docx") == "ofd"
    src = read_bytes((FORMATS / "seed-plan.ofd").read_bytes(), "plan.docx")
    assert src.notes[0] == "named .docx but the content is ofd; read as ofd"


# -- hand-made packages: the parts of the format one by one -------------------------------
def package(pages: list[str], *, doc_root: str = "/Doc_0/Document.xml", extra: Any = None) -> bytes:
    page_list = "".join(
        f'<ofd:Page ID="{k}" BaseLoc="Pages/Page_{k}/Content.xml"/>' for k in range(len(pages))
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr(
            "OFD.xml",
            f'<ofd:OFD xmlns:ofd="{NS}"><ofd:DocBody><ofd:DocRoot>{doc_root}</ofd:DocRoot>'
            "</ofd:DocBody></ofd:OFD>",
        )
        zf.writestr(
            "Doc_0/Document.xml",
            f'<ofd:Document xmlns:ofd="{NS}"><ofd:CommonData><ofd:PageArea><ofd:PhysicalBox>'
            "0 0 210 297</ofd:PhysicalBox></ofd:PageArea>"
            '<ofd:TemplatePage ID="9" BaseLoc="Tpls/T.xml"/></ofd:CommonData>'
            f"<ofd:Pages>{page_list}</ofd:Pages></ofd:Document>",
        )
        for k, body in enumerate(pages):
            zf.writestr(f"Doc_0/Pages/Page_{k}/Content.xml", body)
        for name, data in (extra or {}).items():
            zf.writestr(name, data)
    return buf.getvalue()


def page(objects: str, template: bool = False) -> str:
    tpl = '<ofd:Template TemplateID="9"/>' if template else ""
    return (
        f'<ofd:Page xmlns:ofd="{NS}">{tpl}<ofd:Content><ofd:Layer ID="1">{objects}'
        "</ofd:Layer></ofd:Content></ofd:Page>"
    )


def text(x: float, y: float, s: str, delta: str = "", extra: str = "", size: float = 5) -> str:
    d = f' DeltaX="{delta}"' if delta else ""
    return (
        f'<ofd:TextObject ID="2" Size="{size}" Boundary="{x} {y} 150 8" {extra}>'
        f'<ofd:TextCode X="0" Y="5"{d}>{s}</ofd:TextCode></ofd:TextObject>'
    )


def test_deltas_expand_g_runs() -> None:
    assert deltas("g 3 5.5 2 g 2 1") == [5.5, 5.5, 5.5, 2.0, 1.0, 1.0]
    assert deltas("1 x 2") == [1.0, 2.0]
    assert deltas(None) == []


def test_lines_sorted_by_position_not_by_object_order() -> None:
    body = page(text(30, 60, "第二行") + text(30, 40, "第一行") + text(100, 40, "右边"))
    src = read_bytes(package([body]), "p.ofd")
    assert src.lines == ["第一行 右边", "第二行"]


def test_a_gap_inside_one_textcode_is_a_cell_boundary() -> None:
    # 类别 then a 30 mm jump to 指标: two table cells in one TextCode.
    src = read_bytes(package([page(text(30, 40, "类别指标", "5 30 5"))]), "p.ofd")
    assert src.lines == ["类别 指标"]


def test_ctm_scales_and_moves_glyphs() -> None:
    scaled = text(0, 0, "下方", extra='CTM="1 0 0 1 30 80"') + text(30, 40, "上方")
    assert read_bytes(package([page(scaled)]), "p.ofd").lines == ["上方", "下方"]


def test_template_text_is_read_with_the_page_and_paths_are_case_insensitive() -> None:
    tpl = page(text(90, 280, "— 1 —"))
    data = package([page(text(30, 40, "正文"), template=True)], extra={"Doc_0/tpls/t.xml": tpl})
    src = read_bytes(data, "p.ofd")
    assert src.lines == ["正文", "— 1 —"]


def test_relative_doc_root_and_no_namespace() -> None:
    body = '<Page><Content><Layer><TextObject Size="5" Boundary="30 40 100 8"><TextCode X="0" Y="5">无命名空间</TextCode></TextObject></Layer></Content></Page>'
    assert read_bytes(package([body], doc_root="Doc_0/Document.xml"), "p.ofd").lines == [
        "无命名空间"
    ]


def test_composite_object_draws_its_unit_from_the_document_resources() -> None:
    """Some producers (CNKI) put the text in CompositeGraphicUnits of DocumentRes.xml."""
    unit = (
        f'<ofd:Res xmlns:ofd="{NS}"><ofd:CompositeGraphicUnits>'
        '<ofd:CompositeGraphicUnit ID="7" Width="100" Height="50"><ofd:Content>'
        '<ofd:TextObject ID="8" Size="1" CTM="5 0 0 5 0 0" Boundary="0 0 100 10">'
        '<ofd:TextCode X="0" Y="1" DeltaX="g 3 1">组合文字</ofd:TextCode></ofd:TextObject>'
        "</ofd:Content></ofd:CompositeGraphicUnit></ofd:CompositeGraphicUnits></ofd:Res>"
    )
    placed = '<ofd:CompositeObject ID="9" ResourceID="7" Boundary="30 80 100 50"/>'
    body = page(placed + text(30, 40, "页面文字"))
    data = package([body], extra={"Doc_0/DocumentRes.xml": unit})
    buf = io.BytesIO(data)
    with zipfile.ZipFile(buf) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    parts["Doc_0/Document.xml"] = parts["Doc_0/Document.xml"].replace(
        b"</ofd:PageArea>", b"</ofd:PageArea><ofd:DocumentRes>DocumentRes.xml</ofd:DocumentRes>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for name, part in parts.items():
            zf.writestr(name, part)
    src = read_bytes(out.getvalue(), "p.ofd")
    assert src.lines == ["页面文字", "组合文字"]


def test_bordered_box_marks_its_lines_boxed() -> None:
    frame = (
        '<ofd:PathObject ID="3" Boundary="20 30 170 30"><ofd:AbbreviatedData>'
        "M 0 0 L 170 0 L 170 30 L 0 30 C</ofd:AbbreviatedData></ofd:PathObject>"
    )
    body = page(text(30, 35, "专栏1 重点项目") + frame + text(30, 100, "正文在框外"))
    src = read_bytes(package([body]), "p.ofd")
    assert src.lines == ["专栏1 重点项目", "正文在框外"]
    assert src.boxed == [True, False]


def test_image_only_ofd_is_a_clear_error() -> None:
    body = page('<ofd:ImageObject ID="5" ResourceID="1" Boundary="0 0 210 297"/>')
    with pytest.raises(PlanParseError, match="no text"):
        read_bytes(package([body]), "scan.ofd")


def test_entities_are_not_expanded_and_external_ones_not_fetched() -> None:
    evil = (
        '<?xml version="1.0"?><!DOCTYPE p [<!ENTITY x SYSTEM "file:///etc/passwd">'
        '<!ENTITY y "秘密">]>' + page(text(30, 40, "&x;&y;正文"))
    )
    src = read_bytes(package([evil]), "p.ofd")
    assert "root:" not in "\n".join(src.lines) and "秘密" not in "\n".join(src.lines)


def test_zip_bomb_part_is_refused() -> None:
    huge = page(text(30, 40, "正文")) + " " * (12 * 1024 * 1024)  # over the 10 MB part cap
    with pytest.raises(PlanParseError, match="zip bomb"):
        read_bytes(package([huge]), "bomb.ofd")


def test_missing_page_and_missing_document_are_named() -> None:
    bad = package([page(text(30, 40, "x"))], doc_root="/Doc_9/Document.xml")
    with pytest.raises(PlanParseError, match="names no document"):
        read_bytes(bad, "p.ofd")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("OFD.xml", f'<ofd:OFD xmlns:ofd="{NS}"><ofd:DocBody/></ofd:OFD>')
    with pytest.raises(PlanParseError, match="names no document"):
        read_bytes(buf.getvalue(), "p.ofd")
