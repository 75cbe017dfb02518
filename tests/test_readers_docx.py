"""The .docx reader on documents written here from XML strings, and on hostile zips/XML."""

from __future__ import annotations

import io
import struct
import time
import tracemalloc
import zipfile
import zlib

import pytest

from planparse.model import PlanParseError
from planparse.readers import limits, read_bytes

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = (
    f'xmlns:w="{W}" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
)
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def build_docx(
    body: str,
    *,
    numbering: str | None = None,
    footnotes: str | None = None,
    styles: str | None = None,
    prolog: str = "",
) -> bytes:
    parts = {"numbering": numbering, "footnotes": footnotes, "styles": styles}
    rels = "".join(
        f'<Relationship Id="r{k}" Type="{REL}/{kind}" Target="{kind}.xml"/>'
        for k, (kind, xml) in enumerate(parts.items())
        if xml is not None
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", content_types(parts))
        zf.writestr(
            "_rels/.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="word/document.xml"/>'
            "</Relationships>",
        )
        zf.writestr(
            "word/_rels/document.xml.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f"{rels}</Relationships>",
        )
        zf.writestr(
            "word/document.xml",
            f'<?xml version="1.0" encoding="UTF-8"?>{prolog}'
            f"<w:document {NS}><w:body>{body}<w:sectPr/></w:body></w:document>",
        )
        for kind, xml in parts.items():
            if xml is not None:
                zf.writestr(f"word/{kind}.xml", f"<w:{kind} {NS}>{xml}</w:{kind}>")
    return buf.getvalue()


def content_types(parts: dict[str, str | None]) -> str:
    """Enough for Word and LibreOffice to open the package (checked with LibreOffice)."""
    office = "application/vnd.openxmlformats-officedocument.wordprocessingml"
    overrides = "".join(
        f'<Override PartName="/word/{kind}.xml" ContentType="{office}.{kind}+xml"/>'
        for kind, xml in parts.items()
        if xml is not None
    )
    return (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/word/document.xml" ContentType="{office}.document.main+xml"/>'
        f"{overrides}</Types>"
    )


def p(text: str = "", ppr: str = "", extra: str = "") -> str:
    run = f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>' if text else ""
    return f"<w:p>{f'<w:pPr>{ppr}</w:pPr>' if ppr else ''}{run}{extra}</w:p>"


def num(level: int, num_id: int = 1) -> str:
    return f'<w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'


def tc(*paras: str, props: str = "") -> str:
    inner = "".join(p(t) for t in paras) or "<w:p/>"
    return f"<w:tc>{f'<w:tcPr>{props}</w:tcPr>' if props else ''}{inner}</w:tc>"


NUMBERING = """
<w:abstractNum w:abstractNumId="0">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>
    <w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>
    <w:lvlText w:val="（%2）"/><w:suff w:val="nothing"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="2">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>
    <w:lvlText w:val="（%1）"/><w:suff w:val="nothing"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="1">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
<w:num w:numId="4"><w:abstractNumId w:val="2"/></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="0"/>
  <w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>
"""

STYLES = """
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/>
  <w:pPr><w:numPr><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
"""

FOOTNOTES = """
<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>
<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> 依据《山西省“十四五”残疾人保障和发展规划》。</w:t></w:r></w:p></w:footnote>
<w:footnote w:id="2"><w:p><w:r><w:t>未被引用的脚注</w:t></w:r></w:p></w:footnote>
"""


def textbox(*paras: str) -> str:
    content = "".join(p(t) for t in paras)
    return (
        "<w:r><mc:AlternateContent>"
        '<mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData>'
        f"<wps:wsp><wps:txbx><w:txbxContent>{content}</w:txbxContent></wps:txbx></wps:wsp>"
        "</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
        "<mc:Fallback><w:pict><v:rect><v:textbox>"
        f"<w:txbxContent>{content}</w:txbxContent>"
        "</v:textbox></v:rect></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r>"
    )


BODY = "".join(
    [
        p(
            "临汾市残疾人保障和发展规划",
            extra="<w:del><w:r><w:delText>已删除的文字</w:delText></w:r></w:del>"
            '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
            "<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏文字</w:t></w:r>",
        ),
        p("总体要求", '<w:pStyle w:val="1"/>'),
        p("指导思想", num(1)),
        p("基本原则", num(1), '<w:r><w:footnoteReference w:id="1"/></w:r>'),
        "<w:tbl><w:tblPr/><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>",
        "<w:tr>" + tc("专栏1 主要指标", props='<w:gridSpan w:val="4"/>') + "</w:tr>",
        "<w:tr>" + tc("类别") + tc("指标") + tc("2025年") + tc("属性") + "</w:tr>",
        "<w:tr>"
        + tc("收入和", "就业", props='<w:vMerge w:val="restart"/>')
        + tc("1.残疾人家庭人均收入年均增长（%）")
        + tc("与全市地区生产总值增长同步")
        + tc("预期性")
        + "</w:tr>",
        "<w:tr>"
        + tc(props="<w:vMerge/>")
        + tc("2.城乡残疾人职业技能培训人次")
        + tc("6000")
        + tc("预期性")
        + "</w:tr>",
        "</w:tbl>",
        p("重点任务", num(0)),
        p("坚持以人民为中心。", extra=textbox("专栏2 重点项目", "1.最低生活保障。")),
        p(
            "1．强化残疾人社会救助保障。",
            extra="<w:r><w:br/></w:r>"
            "<w:r><w:t>（牵头单位：市民政局；</w:t></w:r><w:r><w:tab/></w:r>"
            "<w:r><w:t>参与单位：市残联）</w:t></w:r>",
        ),
    ]
)

EXPECTED = [
    # (line, origin, boxed)
    ("临汾市残疾人保障和发展规划", 1, False),
    ("一、总体要求", 2, False),
    ("（一）指导思想", 3, False),
    ("（二）基本原则", 4, False),
    ("\t专栏1 主要指标", 5, True),
    ("", 5, True),
    ("\t类别", 6, True),
    ("\t指标", 7, True),
    ("\t2025年", 8, True),
    ("\t属性", 9, True),
    ("", 9, True),
    ("\t收入和", 10, True),
    ("就业", 11, True),
    ("\t1.残疾人家庭人均收入年均增长（%）", 12, True),
    ("\t与全市地区生产总值增长同步", 13, True),
    ("\t预期性", 14, True),
    ("", 14, True),
    ("\t", 15, True),
    ("\t2.城乡残疾人职业技能培训人次", 16, True),
    ("\t6000", 17, True),
    ("\t预期性", 18, True),
    ("", 18, True),
    ("二、重点任务", 19, False),
    ("坚持以人民为中心。", 20, False),
    ("专栏2 重点项目", 21, True),
    ("1.最低生活保障。", 22, True),
    ("1．强化残疾人社会救助保障。", 23, False),
    ("（牵头单位：市民政局； 参与单位：市残联）", 23, False),
    ("[脚注1] 依据《山西省“十四五”残疾人保障和发展规划》。", 24, False),
]


def test_docx_paragraphs_tables_numbering_textbox_footnote() -> None:
    data = build_docx(BODY, numbering=NUMBERING, footnotes=FOOTNOTES, styles=STYLES)
    src = read_bytes(data, "plan.docx")
    assert (src.format, src.encoding) == ("docx", "n/a")
    assert list(zip(src.lines, src.origins, src.boxed or [], strict=True)) == EXPECTED
    text = "\n".join(src.lines)
    assert text.count("专栏2 重点项目") == 1  # Choice or Fallback, never both
    assert text.count("专栏1 主要指标") == 1  # a gridSpan cell appears once
    for hidden in ("已删除", "PAGE", "隐藏文字", "未被引用"):
        assert hidden not in text
    assert "heading paragraph=2 outline_level=1 style=heading 1" in src.notes


def test_docx_multilevel_decimal_and_restart() -> None:
    body = "".join(
        [
            p("甲", num(0, 2)),
            p("乙", num(1, 2)),
            p("丙", num(1, 2)),
            p("丁", num(0, 2)),
            p("戊", num(1, 2)),
            p("不编号", num(0, 0)),
            p("第五项", num(0, 3)),
            p("第六项", num(0, 3)),
            p("单独列表", num(0, 4)),
            p("单独列表", num(0, 4)),
            p("同一列表", num(0, 1)),
        ]
    )
    src = read_bytes(build_docx(body, numbering=NUMBERING), "n.docx")
    assert src.lines == [
        "1.甲",
        "1.1 乙",
        "1.2 丙",
        "2.丁",
        "2.1 戊",
        "不编号",
        "五、第五项",
        "六、第六项",
        "（一）单独列表",
        "（二）单独列表",
        "七、同一列表",  # numId 1 shares abstract list 0 with numId 3 (as LibreOffice prints)
    ]


def test_docx_fallback_is_used_when_there_is_no_choice() -> None:
    box = (
        textbox("框内文字").replace("<mc:Choice", "<mc:Unused").replace("mc:Choice>", "mc:Unused>")
    )
    src = read_bytes(build_docx(p("正文", extra=box)), "f.docx")
    assert src.lines == ["正文", "框内文字"]
    assert src.boxed == [False, True]


def test_docx_frame_around_a_table_is_spliced_into_rows() -> None:
    inner = (
        "<w:tbl><w:tr>" + tc("类别") + tc("指标") + "</w:tr>"
        "<w:tr>" + tc("收入") + tc("1.增长") + "</w:tr></w:tbl>"
    )
    frame = (
        "<w:tbl><w:tr><w:tc>"
        + p("专栏1 主要指标")
        + inner
        + p("注：数据为预计。")
        + "</w:tc></w:tr></w:tbl>"
    )
    src = read_bytes(build_docx(frame), "frame.docx")
    assert src.lines == [
        "\t专栏1 主要指标", "",
        "\t类别", "\t指标", "",
        "\t收入", "\t1.增长", "",
        "\t注：数据为预计。", "",
    ]  # fmt: skip


def test_docx_with_damaged_styles_keeps_the_text() -> None:
    data = build_docx(p("甲", num(0, 2)), numbering=NUMBERING, styles="<w:style>")
    src = read_bytes(data, "damaged.docx")
    assert src.lines == ["1.甲"]
    assert any(n.startswith("docx-part-damaged: word/styles.xml ignored: ") for n in src.notes)


def test_docx_without_text() -> None:
    with pytest.raises(PlanParseError, match="no text"):
        read_bytes(build_docx(p() + p()), "images-only.docx")


# -- hostile XML -------------------------------------------------------------------------
def test_xxe_entity_is_not_resolved(tmp_path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET-CONTENT")
    prolog = (
        "<!DOCTYPE w:document ["
        '<!ENTITY xxe SYSTEM "file:///etc/passwd">'
        f'<!ENTITY leak SYSTEM "file://{secret}">'
        "]>"
    )
    body = p("前文&xxe;后文") + p("&leak;") + p("第二段")
    src = read_bytes(build_docx(body, prolog=prolog), "xxe.docx")
    text = "\n".join(src.lines)
    assert "TOPSECRET" not in text
    assert "root:" not in text
    assert "&xxe;" not in text and "&leak;" not in text
    assert src.lines[0] == "前文后文"
    assert "第二段" in src.lines


def test_external_dtd_is_not_fetched() -> None:
    prolog = '<!DOCTYPE w:document SYSTEM "http://127.0.0.1:9/evil.dtd">'
    src = read_bytes(build_docx(p("正文"), prolog=prolog), "dtd.docx")
    assert src.lines == ["正文"]


def test_billion_laughs_is_bounded() -> None:
    entities = '<!ENTITY lol0 "哈哈哈哈哈哈哈哈哈哈">' + "".join(
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)
    )
    prolog = f"<!DOCTYPE w:document [{entities}]>"
    data = build_docx(p("开始&lol9;结束"), prolog=prolog)
    start = time.perf_counter()
    try:
        src = read_bytes(data, "lol.docx")
    except PlanParseError as exc:
        assert "entity expansion in word/document.xml exceeds safe limits" in exc.message
    else:
        assert sum(len(line) for line in src.lines) < 10_000
    assert time.perf_counter() - start < 5


# -- hostile zips ------------------------------------------------------------------------
def raw_zip(entries: list[tuple[str, bytes, int, int]]) -> bytes:
    """A zip written by hand, so the central directory can say what the test wants.

    entries: (name, deflated payload, crc32, declared uncompressed size)
    """
    out = bytearray()
    central = bytearray()
    for name, payload, crc, size in entries:
        raw_name = name.encode()
        offset = len(out)
        out += struct.pack(
            "<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, crc, len(payload), size, len(raw_name), 0
        )
        out += raw_name + payload
        central += struct.pack(
            "<IHHHHHHIIIHHHHHII",
            0x02014B50, 20, 20, 0, 8, 0, 0, crc, len(payload), size,
            len(raw_name), 0, 0, 0, 0, 0, offset,
        )  # fmt: skip
        central += raw_name
    cd_offset = len(out)
    out += central
    out += struct.pack(
        "<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(central), cd_offset, 0
    )
    return bytes(out)


def deflated(data: bytes) -> tuple[bytes, int, int]:
    c = zlib.compressobj(6, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush(), zlib.crc32(data), len(data)


def spaces_gib() -> tuple[bytes, int, int]:
    """1 GiB of spaces, deflated in well under a second.

    After Z_FULL_FLUSH the compressor forgets its history, so every further copy of the
    same chunk compresses to the same bytes: deflate one chunk twice and repeat the second.
    """
    chunk = b" " * (16 << 20)
    times = 64
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = c.compress(chunk) + c.flush(zlib.Z_FULL_FLUSH)
    again = c.compress(chunk) + c.flush(zlib.Z_FULL_FLUSH)
    payload = first + again * (times - 1) + c.flush()
    crc = 0
    for _ in range(times):
        crc = zlib.crc32(chunk, crc)
    return payload, crc, len(chunk) * times


@pytest.fixture(scope="module")
def gib() -> tuple[bytes, int, int]:
    return spaces_gib()


def _measure(data: bytes, name: str) -> tuple[PlanParseError, float, int]:
    tracemalloc.start()
    start = time.perf_counter()
    try:
        with pytest.raises(PlanParseError) as err:
            read_bytes(data, name)
        elapsed = time.perf_counter() - start
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return err.value, elapsed, peak


def test_zip_bomb_is_refused_from_the_central_directory(gib: tuple[bytes, int, int]) -> None:
    payload, crc, size = gib
    assert len(payload) < 2 * limits.MB and size == 1 << 30
    data = raw_zip([("word/document.xml", payload, crc, size)])
    err, elapsed, peak = _measure(data, "bomb.docx")
    assert err.message == "zip entry word/document.xml would expand beyond 50 MB (zip bomb?)"
    assert elapsed < 2
    assert peak < 100 * limits.MB


def test_zip_bomb_with_a_lying_size_is_bounded(gib: tuple[bytes, int, int]) -> None:
    payload, crc, _ = gib
    declared = 900 * 1024  # small enough to escape the ratio test; the stream is 1 GiB
    data = raw_zip([("word/document.xml", payload, crc, declared)])
    err, elapsed, peak = _measure(data, "liar.docx")
    assert "corrupt" in err.message or "zip bomb" in err.message
    assert elapsed < 2
    assert peak < 100 * limits.MB


def test_zip_ratio_cap() -> None:
    payload, crc, size = deflated(b" " * (20 * limits.MB))
    data = raw_zip([("word/document.xml", payload, crc, size)])
    with pytest.raises(PlanParseError, match=r"compression ratio of \d+:1 \(zip bomb\?\)"):
        read_bytes(data, "ratio.docx")


def test_zip_entry_count_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_ZIP_ENTRIES", 3)
    entries = [deflated(b"<x/>") for _ in range(4)]
    data = raw_zip([(f"word/p{i}.xml", *e) for i, e in enumerate(entries)])
    with pytest.raises(PlanParseError, match="4 entries, over the limit of 3"):
        read_bytes(data, "many.docx")


def test_zip_path_traversal_and_encryption() -> None:
    doc = deflated(f"<w:document {NS}><w:body>{p('x')}</w:body></w:document>".encode())
    evil = raw_zip([("word/document.xml", *doc), ("../../etc/cron.d/x", *deflated(b"x"))])
    with pytest.raises(PlanParseError, match="unsafe path"):
        read_bytes(evil, "evil.docx")
    encrypted = bytearray(raw_zip([("word/document.xml", *doc)]))
    cd = encrypted.rindex(b"PK\x01\x02")
    encrypted[cd + 8] |= 0x1  # general purpose flag bit 0 in the central directory
    with pytest.raises(PlanParseError, match="encrypted"):
        read_bytes(bytes(encrypted), "locked.docx")
