"""Readers: radicals mapped to ideographs, coded notes, per-part .docx size caps."""

from __future__ import annotations

import io
import random
import struct
import zipfile
from pathlib import Path

import pytest

from planparse import readers
from planparse.model import PlanParseError
from planparse.readers import limits, read_bytes

DATA = Path(__file__).resolve().parent / "data"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


# -- builders ----------------------------------------------------------------------------
def to_unicode_cmap(mapping: dict[str, str]) -> bytes:
    """A ToUnicode CMap giving each one-byte code (an ASCII letter) the character shown."""
    chars = "".join(
        f"<{ord(code):02X}> <{ord(char):04X}>\n" for code, char in mapping.items()
    ).encode()
    return (
        b"/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        b"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
        b"1 begincodespacerange\n<00> <FF>\nendcodespacerange\n"
        + b"%d beginbfchar\n" % len(mapping)
        + chars
        + b"endbfchar\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend"
    )


def pdf_with_unicode_map(pages: list[bytes], mapping: dict[str, str]) -> bytes:
    """A PDF whose font's ToUnicode map says what each letter of the content streams is,
    the way a PDF printed by Chromium says U+2F00 for the glyph of 一."""
    n = len(pages)
    font, cmap = 3 + 2 * n, 4 + 2 * n
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(n)).encode()
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [%s] /Count %d >>"]
    objects[1] = objects[1] % (kids, n)
    for i, content in enumerate(pages):
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>" % (font, 4 + 2 * i)
        )
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content))
    objects.append(
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode %d 0 R >>" % cmap
    )
    stream = to_unicode_cmap(mapping)
    objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (i, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def text_at(y: int, codes: str) -> bytes:
    return b"BT /F1 20 Tf 72 %d Td (%s) Tj ET\n" % (y, codes.encode())


# A: ⼀ (U+2F00, KANGXI RADICAL ONE), F: ⾏ (U+2F8F), H: ⻓ (U+2ED3, CJK RADICAL
# C-SIMPLIFIED LONG), J: ⺠ (U+2EA0); the punctuation is full-width and must stay so.
RADICAL_FONT = {
    "A": "\u2f00", "B": "、", "C": "总", "D": "则", "E": "（", "F": "\u2f8f", "G": "）",
    "H": "\u2ed3", "I": "江", "J": "\u2ea0", "K": "生", "L": "：",
}  # fmt: skip


def docx_zip(parts: dict[str, bytes | str]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return buf.getvalue()


def document(paragraphs: str) -> str:
    return f'<w:document xmlns:w="{W}"><w:body>{paragraphs}</w:body></w:document>'


def para(text: str, style: str | None = None) -> str:
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f"<w:p>{ppr}<w:r><w:t>{text}</w:t></w:r></w:p>"


STYLES = (
    f'<w:styles xmlns:w="{W}"><w:style w:type="paragraph" w:styleId="H1">'
    '<w:name w:val="heading 1"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style></w:styles>'
)


def declare_size(data: bytes, name: str, size: int) -> bytes:
    """The zip with `name`'s uncompressed size in the central directory set to `size`."""
    out = bytearray(data)
    at = 0
    while True:
        at = out.index(b"PK\x01\x02", at)
        name_len = struct.unpack_from("<H", out, at + 28)[0]
        if out[at + 46 : at + 46 + name_len] == name.encode():
            struct.pack_into("<I", out, at + 24, size)
            return bytes(out)
        at += 4


# -- 1: radicals -------------------------------------------------------------------------
def test_pdf_kangxi_and_supplement_radicals_become_ideographs() -> None:
    data = pdf_with_unicode_map([text_at(700, "ABCD") + text_at(650, "EFGLHIJK")], RADICAL_FONT)
    src = read_bytes(data, "chromium.pdf")
    assert src.lines == ["一、总则", "（行）：长江民生"]  # full-width punctuation kept
    coded = [n for n in src.notes if n.startswith("kangxi-mapped: ")]
    assert len(coded) == 1
    assert coded[0].startswith("kangxi-mapped: 4 radical character(s) mapped")
    assert "⼀ U+2F00→一 x1" in coded[0]
    assert src.notes[0].startswith("pdf pages=1 ")  # the page-start note stays first


@pytest.mark.parametrize(
    ("data", "name"),
    [
        ("⼀、总则\n（⼆）⻓江⼤保护：⺠⽣".encode(), "copied.txt"),
        (
            "<html><body><div id='zoom'><p>⼀、总则</p><p>（⼆）⻓江⼤保护：⺠⽣</p></div>".encode(),
            "p.html",
        ),
    ],
    ids=["txt", "html"],
)
def test_txt_and_html_radicals_are_mapped_with_a_note(data: bytes, name: str) -> None:
    src = read_bytes(data, name)
    assert src.lines[-2:] == ["一、总则", "（二）长江大保护：民生"]
    assert any(n.startswith("kangxi-mapped: 6 radical character(s)") for n in src.notes)


def test_docx_radicals_are_mapped() -> None:
    data = docx_zip({"word/document.xml": document(para("⼀、总则（⾏）"))})
    src = read_bytes(data, "copied.docx")
    assert src.lines == ["一、总则（行）"]
    assert any(n.startswith("kangxi-mapped: 2 ") for n in src.notes)


def test_radical_table_covers_both_blocks_and_nothing_else() -> None:
    from planparse.readers.radicals import TABLE, map_radicals

    assert all(0x2E80 <= c <= 0x2EF3 or 0x2F00 <= c <= 0x2FD5 for c in TABLE)
    # Every Kangxi radical, and every assigned supplement radical but U+2E80 (REPEAT).
    assert sum(0x2F00 <= c <= 0x2FD5 for c in TABLE) == 214
    assert sum(0x2E80 <= c <= 0x2EF3 for c in TABLE) == 0x2EF3 - 0x2E80 + 1 - 2
    for target in TABLE.values():
        assert len(target) == 1 and ord(target) >= 0x3400 and ord(target) != 0xFFFD
    assert TABLE[0x2EF3] == "龟" and TABLE[0x2E9F] == "母"
    lines, counts = map_radicals(["无部首（全角）：，。", "⺀ stays"])
    assert lines == ["无部首（全角）：，。", "⺀ stays"] and counts == {}


def test_text_without_radicals_has_no_note() -> None:
    src = read_bytes("一、总则（试行）：民生".encode(), "plain.txt")
    assert src.lines == ["一、总则（试行）：民生"]
    assert src.notes == []


# -- 2: coded notes ----------------------------------------------------------------------
def coded(src_notes: list[str]) -> dict[str, str]:
    found = {}
    for note in src_notes:
        split = readers.note_code(note)
        if split:
            found[split[0]] = split[1]
    return found


def test_txt_undecodable_bytes_note_has_a_code() -> None:
    src = read_bytes("一、总则\n正文".encode() + b"\n\xe6\xb3", "cut.txt")
    assert src.notes == [
        "txt-undecodable-bytes: 1 undecodable byte sequence(s) replaced with U+FFFD"
    ]


def test_pdf_notes_have_codes() -> None:
    data = (DATA / "seed-plan.pdf").read_bytes()
    truncated = read_bytes(data[: data.rindex(b"%%EOF")], "cut.pdf")
    assert "pdf-maybe-truncated" in coded(truncated.notes)
    assert readers.note_code(truncated.notes[0]) is None  # pdf pages=... is informational

    damaged = bytearray(data)
    start = damaged.index(b"stream\n") + len(b"stream\n")
    damaged[start + 900 : start + 1100] = bytes(200)
    src = read_bytes(bytes(damaged), "damaged.pdf")
    assert coded(src.notes)["pdf-parser-problems"].startswith("the PDF parser reported 1 problem")

    two = pdf_with_unicode_map([text_at(700, "CD"), b""], RADICAL_FONT)
    src = read_bytes(two, "scanned-page.pdf")
    assert coded(src.notes) == {
        "pdf-no-text-layer-pages": "pages without a text layer (scanned?): 2"
    }


def test_html_notes_have_codes() -> None:
    page = "<html><head><meta charset='utf-8'></head><body><div id='zoom'>{}</div></body></html>"
    body = "<p>一、总体要求。坚持以人民为中心，推动高质量发展。</p>" * 3
    src = read_bytes(page.format(body).encode("gb18030"), "gbk.html")
    assert "html-charset-mismatch" in coded(src.notes)

    with_nav = (
        "<html><body><div class='nav'><a href='/'>首页</a> <a href='/x'>政务公开</a></div>"
        f"<div id='zoom'>{body}</div><div class='footer'>主办单位：某某市人民政府办公室</div>"
        "</body></html>"
    )
    src = read_bytes(with_nav.encode(), "page.html")
    assert coded(src.notes)["html-container"].startswith('article body: <div id="zoom">')

    only_article = f"<html><body><div id='zoom'>{body}</div></body></html>"
    src = read_bytes(only_article.encode(), "clean.html")
    assert coded(src.notes) == {}  # nothing was left out: informational
    assert any(n.startswith('article body: <div id="zoom">') for n in src.notes)


def test_docx_damaged_part_has_a_code_and_heading_notes_keep_their_format() -> None:
    data = docx_zip(
        {
            "word/document.xml": document(para("一、总则", "H1") + para("正文")),
            "word/styles.xml": STYLES,
        }
    )
    src = read_bytes(data, "ok.docx")
    assert src.notes == ["heading paragraph=1 outline_level=1 style=heading 1"]
    assert coded(src.notes) == {}

    broken = docx_zip({"word/document.xml": document(para("正文")), "word/styles.xml": "<w:st"})
    src = read_bytes(broken, "broken.docx")
    assert coded(src.notes)["docx-part-damaged"].startswith("word/styles.xml ignored: ")


def test_note_codes_are_documented() -> None:
    doc = readers.__doc__ or ""
    assert "heading paragraph=N outline_level=L style=S" in doc
    assert "NOTE_CODES" in doc
    for code in readers.NOTE_CODES:
        assert code == code.lower() and " " not in code
    assert readers.note_code("pdf-maybe-truncated: x") == ("pdf-maybe-truncated", "x")
    assert readers.note_code("heading paragraph=1 outline_level=1 style=-") is None
    assert readers.note_code("unknown-code: x") is None


# -- 7: .docx part caps ------------------------------------------------------------------
def test_docx_other_parts_are_capped_at_10_mb() -> None:
    rng = random.Random(7)
    names = "".join(
        f'<w:style w:type="paragraph" w:styleId="s{rng.getrandbits(64):x}"/>'
        for _ in range(200_000)
    )
    styles = f'<w:styles xmlns:w="{W}">{names}</w:styles>'
    assert 10 * limits.MB < len(styles) < 20 * limits.MB
    data = docx_zip({"word/document.xml": document(para("正文")), "word/styles.xml": styles})
    with pytest.raises(PlanParseError, match=r"word/styles.xml would expand beyond 10 MB"):
        read_bytes(data, "big-styles.docx")


def test_docx_document_part_is_capped_at_50_mb() -> None:
    data = docx_zip({"word/document.xml": document(para("正文"))})
    data = declare_size(data, "word/document.xml", 60 * limits.MB)
    with pytest.raises(PlanParseError) as err:
        read_bytes(data, "big.docx")
    assert err.value.message == "zip entry word/document.xml would expand beyond 50 MB (zip bomb?)"


def test_docx_document_part_may_exceed_the_other_parts_cap() -> None:
    rng = random.Random(3)
    hanzi = [chr(c) for c in range(0x4E00, 0x4E00 + 3000)]
    text = "".join(para("".join(rng.choices(hanzi, k=4000))) for _ in range(1000))
    xml = document(text)
    assert len(xml.encode()) > 11 * limits.MB
    src = read_bytes(docx_zip({"word/document.xml": xml}), "long.docx")
    assert len(src.lines) == 1000


def test_docx_total_budget_is_proportionate() -> None:
    assert limits.MAX_PART_BYTES == 10 * limits.MB
    assert limits.MAX_DOCUMENT_PART_BYTES == 50 * limits.MB
    assert limits.MAX_DOCUMENT_PART_BYTES < limits.MAX_TOTAL_PART_BYTES <= 100 * limits.MB
