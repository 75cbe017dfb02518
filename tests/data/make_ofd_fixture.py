"""Write OFD (GB/T 33190-2016) fixtures of the sample plans, from their PDF print.

    python tests/data/make_ofd_fixture.py

A minimal OFD writer: it lays each PDF page out again as an OFD page, so the OFD has the
same wrapped lines, page breaks, table rules and 专栏 frames as the PDF LibreOffice
printed (tests/data/seed-plan.pdf, tests/data/formats/linfen-city.pdf). What it writes:

* `OFD.xml`: `ofd:OFD` (Version 1.0, DocType OFD) with one `DocBody` per document, each
  with `DocInfo` (DocID, Creator, CreationDate) and `DocRoot` (an absolute path in the
  package, e.g. `/Doc_0/Document.xml`);
* `Doc_N/Document.xml`: `CommonData` (MaxUnitID, PageArea/PhysicalBox in mm, PublicRes,
  and a `TemplatePage` for the running footer) and `Pages` with one `Page` per page whose
  `BaseLoc` is relative to the document folder (`Pages/Page_0/Content.xml`);
* `Doc_N/PublicRes.xml`: the one font (`Fonts/Font`, FontName 宋体) every text refers to;
* `Doc_N/Pages/Page_K/Content.xml`: `Page/Area/PhysicalBox`, a `Template` reference, and
  `Content/Layer` holding a `TextObject` per printed line (`Boundary` x y w h in mm, `Font`,
  `Size` in mm, one `TextCode` with `X`/`Y` = the first glyph's origin on the baseline and
  `DeltaX` = the advances, runs of equal advances written `g N d`), and a `PathObject` per
  drawn rule or rectangle (`Boundary`, `AbbreviatedData` "M 0 0 L w h" / "… C");
* `Doc_N/Tpls/Tpl_0/Content.xml`: the template page (a footer line under the text block).

Units: the PDF's points become millimetres (× 25.4/72), y still grows downwards.
`seed-plan.ofd` puts each page in a document of its own (two `DocBody`s), to exercise
multi-document packages; `linfen-city.ofd` is one document.
CI does not run this: the generated files are committed next to this script.
"""

from __future__ import annotations

import io
import zipfile
from itertools import pairwise
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

HERE = Path(__file__).resolve().parent
NS = "http://www.ofdspec.org/2016"
MM_PER_PT = 25.4 / 72


def mm(value: float) -> str:
    return f"{value * MM_PER_PT:.2f}".rstrip("0").rstrip(".") or "0"


def delta_list(advances: list[str]) -> str:
    """DeltaX with runs of three or more equal advances compressed to `g N d`."""
    out: list[str] = []
    i = 0
    while i < len(advances):
        j = i
        while j < len(advances) and advances[j] == advances[i]:
            j += 1
        out.append(f"g {j - i} {advances[i]}" if j - i >= 3 else " ".join(advances[i:j]))
        i = j
    return " ".join(out)


class Ids:
    def __init__(self) -> None:
        self.last = 0

    def next(self) -> int:
        self.last += 1
        return self.last


def with_spaces(text: str, chars: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The line's glyphs with the spaces pdfplumber inferred from gaps put back as glyphs
    (OFD writers keep spaces in TextCode), each at the end of the glyph before it."""
    out: list[dict[str, Any]] = []
    queue = [c for c in chars if c["text"].strip()]
    for char in text:
        if char.isspace():
            if out:
                prev = out[-1]
                out.append({**prev, "text": " ", "x0": prev["x1"]})
            continue
        if queue:
            out.append(queue.pop(0))
    return out


def text_object(chars: list[dict[str, Any]], ids: Ids) -> str:
    size = max(c["size"] for c in chars)
    x0 = chars[0]["x0"]
    top = min(c["top"] for c in chars)
    x1 = max(c["x1"] for c in chars)
    bottom = max(c["bottom"] for c in chars)
    baseline = top + 0.88 * size  # the glyphs' origin line
    advances = [mm(b["x0"] - a["x0"]) for a, b in pairwise(chars)]
    text = "".join(c["text"] for c in chars)
    deltas = f" DeltaX={quoteattr(delta_list(advances))}" if advances else ""
    return (
        f'<ofd:TextObject ID="{ids.next()}" Font="1" Size="{mm(size)}" '
        f'Boundary="{mm(x0)} {mm(top)} {mm(x1 - x0)} {mm(bottom - top)}">'
        f'<ofd:FillColor Value="0 0 0"/>'
        f'<ofd:TextCode X="0" Y="{mm(baseline - top)}"{deltas}>{escape(text)}</ofd:TextCode>'
        f"</ofd:TextObject>"
    )


def path_object(x0: float, top: float, x1: float, bottom: float, ids: Ids, fill: bool) -> str:
    w, h = x1 - x0, bottom - top
    if fill:  # a filled rectangle (a thick rule or shaded box)
        data = f"M 0 0 L {mm(w)} 0 L {mm(w)} {mm(h)} L 0 {mm(h)} C"
        attrs = 'Stroke="false" Fill="true"'
        color = '<ofd:FillColor Value="0 0 0"/>'
    else:  # a stroked line
        data = f"M 0 0 L {mm(w)} {mm(h)}"
        attrs = 'LineWidth="0.18"'
        color = '<ofd:StrokeColor Value="0 0 0"/>'
    return (
        f'<ofd:PathObject ID="{ids.next()}" {attrs} '
        f'Boundary="{mm(x0)} {mm(top)} {mm(max(w, 0.01))} {mm(max(h, 0.01))}">'
        f"{color}<ofd:AbbreviatedData>{data}</ofd:AbbreviatedData></ofd:PathObject>"
    )


def page_objects(page: Any, ids: Ids) -> list[str]:
    objects: list[str] = []
    for line in page.extract_text_lines(strip=True, return_chars=True):
        chars = with_spaces(line["text"], line["chars"])
        if chars:
            objects.append(text_object(chars, ids))
    for r in page.rects:
        visible_fill = r.get("fill") and r.get("non_stroking_color") not in (None, 1, (1,))
        if r.get("stroke") or visible_fill:
            objects.append(path_object(r["x0"], r["top"], r["x1"], r["bottom"], ids, True))
    for ln in page.lines:
        objects.append(path_object(ln["x0"], ln["top"], ln["x1"], ln["bottom"], ids, False))
    return objects


def page_xml(objects: list[str], width: float, height: float, ids: Ids) -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="{NS}">'
        f"<ofd:Area><ofd:PhysicalBox>0 0 {mm(width)} {mm(height)}</ofd:PhysicalBox></ofd:Area>"
        f'<ofd:Template TemplateID="2" ZOrder="Background"/>'
        f'<ofd:Content><ofd:Layer ID="{ids.next()}">{"".join(objects)}</ofd:Layer></ofd:Content>'
        f"</ofd:Page>"
    )


def document(pages: list[Any]) -> dict[str, str]:
    """The parts of one document, named relative to its folder."""
    ids = Ids()
    ids.last = 10
    width, height = float(pages[0].width), float(pages[0].height)
    parts: dict[str, str] = {}
    for k, page in enumerate(pages):
        parts[f"Pages/Page_{k}/Content.xml"] = page_xml(page_objects(page, ids), width, height, ids)
    footer_rule = path_object(72, height - 50, width - 72, height - 50, ids, False)
    parts["Tpls/Tpl_0/Content.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="{NS}"><ofd:Content>'
        f'<ofd:Layer ID="{ids.next()}">{footer_rule}</ofd:Layer></ofd:Content></ofd:Page>'
    )
    parts["PublicRes.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8"?><ofd:Res xmlns:ofd="{NS}" BaseLoc="Res">'
        '<ofd:Fonts><ofd:Font ID="1" FontName="宋体" FamilyName="宋体"/></ofd:Fonts></ofd:Res>'
    )
    page_list = "".join(
        f'<ofd:Page ID="{1000 + k}" BaseLoc="Pages/Page_{k}/Content.xml"/>'
        for k in range(len(pages))
    )
    parts["Document.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document xmlns:ofd="{NS}">'
        f"<ofd:CommonData><ofd:MaxUnitID>{ids.last + 1000 + len(pages)}</ofd:MaxUnitID>"
        f"<ofd:PageArea><ofd:PhysicalBox>0 0 {mm(width)} {mm(height)}</ofd:PhysicalBox>"
        "</ofd:PageArea><ofd:PublicRes>PublicRes.xml</ofd:PublicRes>"
        '<ofd:TemplatePage ID="2" BaseLoc="Tpls/Tpl_0/Content.xml"/></ofd:CommonData>'
        f"<ofd:Pages>{page_list}</ofd:Pages></ofd:Document>"
    )
    return parts


def ofd_package(documents: list[list[Any]]) -> bytes:
    bodies = "".join(
        f"<ofd:DocBody><ofd:DocInfo><ofd:DocID>planparse-fixture-{n}</ofd:DocID>"
        "<ofd:Creator>planparse tests/data/make_ofd_fixture.py</ofd:Creator>"
        "<ofd:CreationDate>2026-11-30</ofd:CreationDate></ofd:DocInfo>"
        f"<ofd:DocRoot>/Doc_{n}/Document.xml</ofd:DocRoot></ofd:DocBody>"
        for n in range(len(documents))
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(
            "OFD.xml",
            f'<?xml version="1.0" encoding="UTF-8"?>'
            f'<ofd:OFD xmlns:ofd="{NS}" Version="1.0" DocType="OFD">{bodies}</ofd:OFD>',
        )
        for n, pages in enumerate(documents):
            for name, xml in document(pages).items():
                zf.writestr(f"Doc_{n}/{name}", xml)
    return buf.getvalue()


def from_pdf(pdf_path: Path, out: Path, one_document_per_page: bool) -> None:
    import pdfplumber

    with pdfplumber.open(pdf_path) as pdf:
        pages = list(pdf.pages)
        documents = [[p] for p in pages] if one_document_per_page else [pages]
        out.write_bytes(ofd_package(documents))
    print(f"{out.stat().st_size:>8}  {out.relative_to(HERE)}")


def main() -> None:
    from_pdf(HERE / "seed-plan.pdf", HERE / "formats" / "seed-plan.ofd", True)
    from_pdf(HERE / "formats" / "linfen-city.pdf", HERE / "formats" / "linfen-city.ofd", False)


if __name__ == "__main__":
    main()
