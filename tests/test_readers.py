"""Readers: encodings, format sniffing, HTML bodies, PDF boxes, committed fixtures."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from planparse.model import PlanParseError
from planparse.readers import limits, read_bytes, read_path, sniff
from planparse.readers.numbering import format_number

ROOT = Path(__file__).resolve().parent.parent
CITY = ROOT / "corpus" / "linfen-city-draft.txt"
DATA = Path(__file__).resolve().parent / "data"

CITY_TEXT = CITY.read_text(encoding="utf-8")
CITY_LINES = CITY_TEXT.split("\n")[:-1] if CITY_TEXT.endswith("\n") else CITY_TEXT.split("\n")
# The opening of the city plan: blank lines, a heading, body text, the start of a table.
SEED = CITY_LINES[:24]

# Big5 needs traditional characters; the same kind of content, written traditionally.
SEED_TRADITIONAL = [
    "一、發展現狀",
    "",
    "（一）指導思想",
    "堅持以人民為中心，著力解決好殘疾人最關心、最直接、最現實的利益問題。",
    "1．強化殘疾人社會救助保障。（牽頭單位：市民政局；參與單位：市財政局、市殘聯）",
    "\t專欄1 主要指標",
    "",
]


# -- txt ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("codec", "reported"),
    [
        ("utf-8", "utf-8"),
        ("utf-8-sig", "utf-8-sig"),
        ("gb18030", "gb18030"),
        ("gbk", "gb18030"),
        ("utf-16", "utf-16"),
    ],
)
def test_txt_encodings_decode_to_the_same_lines(codec: str, reported: str) -> None:
    data = ("\r\n".join(SEED) + "\r\n").encode(codec)
    src = read_bytes(data, "plan.txt")
    assert src.lines == SEED
    assert src.encoding == reported
    assert src.origins == list(range(1, len(SEED) + 1))
    assert src.boxed is None
    assert src.format == "txt"


def test_txt_utf16_big_endian_with_bom() -> None:
    data = b"\xfe\xff" + ("\n".join(SEED) + "\n").encode("utf-16-be")
    src = read_bytes(data, "plan.txt")
    assert (src.lines, src.encoding) == (SEED, "utf-16")


@pytest.mark.parametrize("n", [1, 3, len(SEED_TRADITIONAL)])
def test_txt_big5_even_when_short(n: int) -> None:
    lines = SEED_TRADITIONAL[:n]
    src = read_bytes(("\n".join(lines) + "\n").encode("big5"), "plan.txt")
    assert src.lines == lines
    assert src.encoding == "big5"


@pytest.mark.parametrize("n", [1, 2])
def test_txt_short_gb18030_is_not_taken_for_big5(n: int) -> None:
    lines = ["一、总体要求", "坚持以人民为中心。（牵头单位：市残联）"][:n]
    src = read_bytes("\n".join(lines).encode("gb18030"), "plan.txt")
    assert (src.lines, src.encoding) == (lines, "gb18030")


def test_txt_keeps_blank_lines_and_mixed_line_ends() -> None:
    src = read_bytes(b"a\r\n\r\nb\rc\n\n", "x.txt")
    assert src.lines == ["a", "", "b", "c", ""]
    assert src.origins == [1, 2, 3, 4, 5]


def test_txt_utf8_with_a_few_damaged_bytes_stays_utf8() -> None:
    data = "\n".join(SEED).encode() + b"\n\xe6\xb3"  # cut inside the last character
    src = read_bytes(data, "cut.txt")
    assert src.encoding == "utf-8"
    assert src.lines[: len(SEED)] == SEED
    assert src.lines[-1] == "\ufffd"
    assert src.notes == [
        "txt-undecodable-bytes: 1 undecodable byte sequence(s) replaced with U+FFFD"
    ]


def test_txt_form_feed_does_not_split_a_line() -> None:
    src = read_bytes("第一页\f第二页\n下一行".encode(), "x.txt")
    assert src.lines == ["第一页\f第二页", "下一行"]


def test_read_path_on_corpus_keeps_every_line() -> None:
    src = read_path(CITY)
    assert src.lines == CITY_LINES
    assert src.encoding == "utf-8"
    assert src.path == str(CITY)


def test_empty_file(tmp_path: Path) -> None:
    empty = tmp_path / "plan.txt"
    empty.write_bytes(b"")
    with pytest.raises(PlanParseError, match="file is empty"):
        read_path(empty)
    with pytest.raises(PlanParseError, match="no text"):
        read_bytes(b"  \n\n ", "blank.txt")


def test_binary_garbage_is_rejected() -> None:
    garbage = random.Random(7).randbytes(4096)
    with pytest.raises(PlanParseError, match="looks binary"):
        read_bytes(garbage, "plan.txt")
    with pytest.raises(PlanParseError, match="looks binary"):
        read_bytes(garbage.replace(b"\x00", b"\x01"), "-")


# -- sniffing and limits -----------------------------------------------------------------
@pytest.fixture
def no_soffice(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """LibreOffice not installed: the office formats get the conversion hint."""
    monkeypatch.setenv("PATH", str(tmp_path / "no-bin"))


OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504


def test_legacy_doc_names_libreoffice(no_soffice: None) -> None:
    data = OLE + "WordDocument".encode("utf-16-le") + b"\x00" * 100
    with pytest.raises(PlanParseError, match="libreoffice --headless --convert-to docx") as err:
        read_bytes(data, "规划.doc")
    assert "legacy Word .doc" in err.value.message
    assert err.value.path == "规划.doc"
    with pytest.raises(PlanParseError, match="WPS"):
        read_bytes(data, "规划.wps")


def test_encrypted_office_file() -> None:
    data = OLE + "EncryptedPackage".encode("utf-16-le")
    with pytest.raises(PlanParseError, match="password-protected"):
        read_bytes(data, "plan.docx")


def test_rtf_and_images_are_named(no_soffice: None) -> None:
    with pytest.raises(PlanParseError, match=r"RTF.*libreoffice"):
        read_bytes(b"{\\rtf1\\ansi hello}", "plan.rtf")
    with pytest.raises(PlanParseError, match=r"PNG image.*OCR"):
        read_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "scan.png")


def test_pdf_name_with_html_content_is_a_failed_download() -> None:
    page = b"<!DOCTYPE html><html><body><p>404 Not Found</p></body></html>"
    with pytest.raises(PlanParseError, match=r"named \.pdf.*failed download"):
        read_bytes(page, "plan.pdf")


def test_doc_that_is_really_html_is_read_as_html() -> None:
    page = "<html><body><p>一、总体要求</p><p>坚持以人民为中心。</p></body></html>"
    src = read_bytes(page.encode(), "plan.doc")
    assert src.format == "html"
    assert src.lines == ["一、总体要求", "坚持以人民为中心。"]
    assert src.notes[0] == "named .doc but the content is html; read as html"


def test_sniff_uses_content_before_name() -> None:
    assert sniff((DATA / "seed-plan.docx").read_bytes(), "-") == "docx"
    assert sniff((DATA / "seed-plan.pdf").read_bytes(), "renamed.txt") == "pdf"
    assert sniff(b"<!doctype html><p>x</p>", "-") == "html"
    assert sniff(b"<!doctype html><p>x</p>", "notes.txt") == "txt"
    assert sniff("一、总体要求".encode(), "-") == "txt"


def test_size_limit(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 2048)
    with pytest.raises(PlanParseError, match="exceeds the 1024 bytes size limit"):
        read_path(big, max_bytes=1024)
    with pytest.raises(PlanParseError, match="exceeds the 1024 bytes size limit"):
        read_bytes(b"x" * 2048, "-", max_bytes=1024)
    with pytest.raises(PlanParseError, match=r"exceeds the 50 MB size limit \(51 MB\)"):
        limits.check_size("big.pdf", 51 * limits.MB, limits.DEFAULT_MAX_BYTES)


def test_read_path_dash_reads_stdin_and_sniffs(monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import sys

    data = (DATA / "seed-plan.docx").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    src = read_path("-")
    assert (src.path, src.format) == ("-", "docx")
    assert src.lines == FIXTURE_LINES


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(PlanParseError, match="no such file"):
        read_path(tmp_path / "missing.txt")
    with pytest.raises(PlanParseError, match="directory"):
        read_path(tmp_path)


def test_odt_is_named(no_soffice: None) -> None:
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        zf.writestr("content.xml", "<office:document-content/>")
    with pytest.raises(PlanParseError, match=r"OpenDocument.*convert-to docx"):
        read_bytes(buf.getvalue(), "plan.odt")


# -- html --------------------------------------------------------------------------------
NOISY_PAGE = """<!DOCTYPE html>
<html><head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>临汾市“十四五”残疾人保障和发展规划_临汾市人民政府</title>
<script>var msg = "脚本里的文字不应出现";</script>
<style>.nav { color: red }</style>
</head>
<body>
<div class="header"><ul class="nav">
  <li><a href="/">首页</a></li><li><a href="/gk">政务公开</a></li>
  <li><a href="/zc">政策文件</a></li><li><a href="/hd">互动交流</a></li>
</ul></div>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zc">政策文件</a></div>
<h1>临汾市“十四五”残疾人保障和发展规划</h1>
<div class="info">发布时间：2023-08-08　来源：市政府办公室</div>
<div id="zoom"><div class="TRS_Editor">
<p>一、编制背景</p>
<p>&nbsp;&nbsp;市委、市政府坚持以人民为中心的发展思想，高度重视
   残疾人事业。<br>“十三五”时期，全市2.33万建档立卡贫困残疾人全部如期脱贫。</p>
<table border="1">
<tr><td colspan="4">专栏1 主要指标</td></tr>
<tr><th>类别</th><th>指标</th><th>2025年</th><th>属性</th></tr>
<tr><td rowspan="2">收入和<br>就业</td><td>1.残疾人家庭人均收入年均增长（%）</td>
    <td>与全市地区生产总值增长同步</td><td>预期性</td></tr>
<tr><td>2.城乡残疾人职业技能培训人次</td><td>6000</td><td>预期性</td></tr>
</table>
<p>（一）提高残疾人民生保障水平。</p>
<p>1．巩固拓展残疾人脱贫攻坚成果。（牵头单位：市乡村振兴局；参与单位：市民政局、市残联）</p>
<div style="display:none">隐藏的文字</div>
</div></div>
<div class="share">分享到：<a href="#">微信</a><a href="#">微博</a></div>
<div class="footer"><p>主办单位：临汾市人民政府办公室　版权所有</p><p>晋ICP备12345号</p></div>
<script>document.write("另一段脚本文字")</script>
</body></html>
"""

NOISY_EXPECTED = [
    "临汾市“十四五”残疾人保障和发展规划",
    "一、编制背景",
    "市委、市政府坚持以人民为中心的发展思想，高度重视残疾人事业。",
    "“十三五”时期，全市2.33万建档立卡贫困残疾人全部如期脱贫。",
    "\t专栏1 主要指标",
    "",
    "\t类别",
    "\t指标",
    "\t2025年",
    "\t属性",
    "",
    "\t收入和",
    "就业",
    "\t1.残疾人家庭人均收入年均增长（%）",
    "\t与全市地区生产总值增长同步",
    "\t预期性",
    "",
    "\t",
    "\t2.城乡残疾人职业技能培训人次",
    "\t6000",
    "\t预期性",
    "",
    "（一）提高残疾人民生保障水平。",
    "1．巩固拓展残疾人脱贫攻坚成果。（牵头单位：市乡村振兴局；参与单位：市民政局、市残联）",
]


def test_html_article_body_among_noise() -> None:
    src = read_bytes(NOISY_PAGE.encode("gbk"), "plan.html")
    assert src.format == "html"
    assert src.encoding == "gb18030"
    assert src.lines == NOISY_EXPECTED
    text = "\n".join(src.lines)
    noise = ["脚本", "首页", "当前位置", "发布时间", "分享", "主办单位", "隐藏", "_临汾市"]
    assert [word for word in noise if word in text] == []
    in_table = [
        b for line, b in zip(src.lines, src.boxed or [], strict=True) if line.startswith("\t")
    ]
    assert in_table and all(in_table)
    assert src.boxed is not None and src.boxed[1] is False
    assert any("title taken from <h1>" in n for n in src.notes)
    assert any('id="zoom"' in n or "TRS_Editor" in n for n in src.notes)
    assert src.origins == sorted(src.origins)


PARA = "坚持以习近平新时代中国特色社会主义思想为指导，着力推动残疾人事业高质量发展。"
LAYOUT_PAGE = f"""<html><body><table width="1000">
<tr><td><a href="/">首页</a> | <a href="/gk">政务公开</a> | <a href="/zc">政策文件</a></td></tr>
<tr><td><table width="800"><tr><td>
  <h2>临汾市残疾人保障规划</h2><p>一、总体要求</p><p>{PARA}</p><p>{PARA}</p>
  <table border="1"><tr><td>类别</td><td>指标</td></tr><tr><td>收入</td><td>1.增长</td></tr></table>
  <p>{PARA}</p>
</td></tr></table></td></tr>
<tr><td>版权所有 临汾市人民政府 晋ICP备0001号</td></tr>
</table></body></html>"""
UNLABELLED_PAGE = f"""<html><body>
<div><div><a href="/">首页</a><a href="/a">机构</a><a href="/b">政务公开</a><a href="/c">互动</a></div></div>
<div><div><p>一、总体要求</p><p>{PARA}</p><p>{PARA}</p></div>
  <div><a href="/p">上一篇：关于印发某某方案的通知</a><a href="/n">下一篇：关于某某的通知</a></div></div>
<div>网站标识码1410000000 主办：临汾市人民政府办公室 地址：临汾市尧都区</div>
</body></html>"""


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        (
            LAYOUT_PAGE,
            ["临汾市残疾人保障规划", "一、总体要求", PARA, PARA,
             "\t类别", "\t指标", "", "\t收入", "\t1.增长", "", PARA],
        ),
        (UNLABELLED_PAGE, ["一、总体要求", PARA, PARA]),
    ],
    ids=["layout-table", "no-class-names"],
)  # fmt: skip
def test_html_article_without_cms_class_names(page: str, expected: list[str]) -> None:
    src = read_bytes(page.encode(), "page.html")
    assert src.lines == expected
    assert src.boxed == [line.startswith("\t") or line == "" for line in expected]


def test_html_utf8_mislabelled_as_gbk_is_still_read() -> None:
    # These UTF-8 bytes also "decode" as GB18030, to 鍧氭寔浠ヤ汉姘戜负涓績.
    page = '<meta charset="gbk"><p>坚持以人民为中心</p>'.encode()
    src = read_bytes(page, "x.html")
    assert src.lines == ["坚持以人民为中心"]
    assert src.encoding == "utf-8"
    assert src.notes[0] == "declared charset gbk, but the bytes are UTF-8"


def test_html_br_runs_make_blank_lines() -> None:
    page = "<html><body><div>第一段<br><br>第二段<br></div><p></p><p>第三段</p></body></html>"
    src = read_bytes(page.encode(), "x.htm")
    assert src.lines == ["第一段", "", "第二段", "", "第三段"]


def test_html_without_text_is_an_error() -> None:
    with pytest.raises(PlanParseError, match="no text"):
        read_bytes(b"<html><body><script>load()</script></body></html>", "x.html")


# -- committed fixtures (made by tests/data/make_pdf_fixture.sh) -------------------------
FIXTURE_LINES = [
    "临汾市“十四五”残疾人保障和发展规划",
    "一、总体要求",
    "（一）指导思想",
    "坚持以习近平新时代中国特色社会主义思想为指导，完整准确贯彻新发展理念，着力推动残疾人事业高质量发展。",
    "\t专栏1 “十四五”临汾市残疾人保障和发展主要指标",
    "",
    "\t类别",
    "\t指标",
    "\t2025年",
    "\t属性",
    "",
    "\t收入和就业",
    "\t1.残疾人家庭人均收入年均增长（%）",
    "\t与全市地区生产总值增长同步",
    "\t预期性",
    "",
    "\t",
    "\t2.城乡残疾人职业技能培训人次",
    "\t6000",
    "\t预期性",
    "",
    "\t社会保障",
    "\t3.困难残疾人生活补贴覆盖率（%）",
    "\t100",
    "\t约束性",
    "",
    "（二）提高残疾人民生保障水平",
    "1．强化残疾人社会救助保障。为符合条件的残疾人和残疾人家庭提供特困人员救助供养或最低生活保障，"
    "加强对生活无着流浪乞讨残疾人的救助安置和寻亲服务。（牵头单位：市民政局；参与单位：市人社局、"
    "市卫健委、市医保局、市残联）",
    "2．加强突发公共事件中对残疾人的保护。制订突发公共事件应急预案，加强重大疫情、自然灾害、"
    "安全事故等突发公共事件中对残疾人的社会支持和防护保护。（牵头单位：市应急管理局；参与单位："
    "市公安局、市卫健委、市残联）",
    "\t专栏2 残疾人社会保障重点项目",
    "1.最低生活保障。将符合条件的残疾人家庭全部纳入最低生活保障范围。",
    "2.残疾评定补贴。对残疾评定给予补贴，为符合条件的残疾人的残疾评定提供便利服务。",
    "3.商业保险补贴。继续做好为全市就业年龄段残疾人购买意外伤害保险项目。",
    "",
    "二、实施机制",
    "实施好本规划是各级政府的责任和全社会的义务。",
]


def test_libreoffice_docx_fixture_follows_the_convention() -> None:
    src = read_path(DATA / "seed-plan.docx")
    assert (src.format, src.encoding) == ("docx", "n/a")
    assert src.lines == FIXTURE_LINES
    assert src.boxed == [
        line.startswith("\t") or line == "" or line[:2] in ("1.", "2.", "3.")
        for line in FIXTURE_LINES
    ]
    assert src.origins == sorted(src.origins)


def test_html_fixture_matches_the_docx_made_from_it() -> None:
    html = read_path(DATA / "seed-plan.html")
    assert html.lines == FIXTURE_LINES
    assert html.boxed == read_path(DATA / "seed-plan.docx").boxed


def _pdf_line(src_lines: list[str], needle: str) -> int:
    hits = [i for i, line in enumerate(src_lines) if needle in line]
    assert hits, f"{needle!r} not extracted"
    return hits[0]


def test_pdf_fixture_lines_and_boxes() -> None:
    src = read_path(DATA / "seed-plan.pdf")
    assert (src.format, src.encoding) == ("pdf", "n/a")
    assert src.origins == list(range(1, len(src.lines) + 1))
    assert src.boxed is not None
    body = [
        "一、总体要求",
        "（一）指导思想",
        "（二）提高残疾人民生保障水平",
        "1．强化残疾人社会救助保障。",
        "（牵头单位：市民政局；参与单位：市人社局、市卫健委、市医保局、市残联）",
        "2．加强突发公共事件中对残疾人的保护。",
        "（牵头单位：市应急管理局；参与单位：市公安局、市卫健委、市残联）",
        "二、实施机制",
    ]
    boxed = [
        "专栏1 “十四五”临汾市残疾人保障和发展主要指标",
        "\t类别",
        "\t2.城乡残疾人职业技能培训人次",
        "\t3.困难残疾人生活补贴覆盖率（%）",
        "专栏2 残疾人社会保障重点项目",
        "1.最低生活保障。",
        "2.残疾评定补贴。",
        "3.商业保险补贴。",
    ]
    for needle in body:
        assert src.boxed[_pdf_line(src.lines, needle)] is False, needle
    for needle in boxed:
        assert src.boxed[_pdf_line(src.lines, needle)] is True, needle
    assert src.notes[0].startswith("pdf pages=2 ")
    assert _pdf_line(src.lines, "二、实施机制") + 1 == int(src.notes[0].rsplit(",", 1)[1])
    # The ruled table comes out as rows of cells (TAB convention), as from the .docx:
    # wrapped cells joined, the merged 类别 cell empty in the rows it spans.
    start = src.lines.index("\t类别")
    docx = FIXTURE_LINES[FIXTURE_LINES.index("\t类别") :]
    assert src.lines[start : start + 21] == docx[:21]


def test_truncated_pdf_and_docx() -> None:
    for name in ("seed-plan.pdf", "seed-plan.docx"):
        data = (DATA / name).read_bytes()
        for cut in (len(data) // 3, len(data) - 100):
            with pytest.raises(PlanParseError, match="truncated or corrupt"):
                read_bytes(data[:cut], name)


def test_pdf_missing_only_its_eof_marker_is_read_with_a_note() -> None:
    data = (DATA / "seed-plan.pdf").read_bytes()
    src = read_bytes(data[: data.rindex(b"%%EOF")], "cut.pdf")
    assert "二、实施机制" in src.lines
    assert any("may be truncated" in n for n in src.notes)


def minimal_pdf(content: bytes = b"") -> bytes:
    """A one-page PDF written by hand; `content` is its content stream (Helvetica as /F1)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
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


def test_damaged_pdf_stream_is_a_note_not_stderr_noise(capsys: pytest.CaptureFixture) -> None:
    data = bytearray((DATA / "seed-plan.pdf").read_bytes())
    start = data.index(b"stream\n") + len(b"stream\n")  # page 1's content stream
    data[start + 900 : start + 1100] = bytes(200)
    src = read_bytes(bytes(data), "damaged.pdf")
    assert "二、实施机制" in src.lines
    assert any("reported 1 problem(s), so text may be missing" in n for n in src.notes)
    assert capsys.readouterr().err == ""


def test_pdf_without_text_layer_says_ocr() -> None:
    with pytest.raises(PlanParseError, match=r"no text layer \(scanned\?\); install the OCR"):
        read_bytes(minimal_pdf(), "scan.pdf", ocr=False)
    with pytest.raises(PlanParseError, match=r"no text layer \(scanned\?\); OCR found no text"):
        read_bytes(minimal_pdf(), "scan.pdf")  # a blank page: OCR (the dev extra) finds nothing


def test_pdf_boxes_drawn_or_shaded_and_fake_bold() -> None:
    content = b"""
BT /F1 12 Tf 72 760 Td (Heading) Tj ET
BT /F1 12 Tf 72.3 760 Td (Heading) Tj ET
BT /F1 12 Tf 72 700 Td (Body text line) Tj ET
100 550 300 80 re S
BT /F1 12 Tf 110 600 Td (Inside the box) Tj ET
0.9 g 100 400 300 60 re f 0 g
BT /F1 12 Tf 110 425 Td (Shaded box) Tj ET
1 g 0 0 595 842 re f 0 g
BT /F1 12 Tf 72 300 Td (After) Tj ET
"""
    src = read_bytes(minimal_pdf(content), "boxes.pdf")
    assert list(zip(src.lines, src.boxed or [], strict=True)) == [
        ("Heading", False),
        ("Body text line", False),
        ("Inside the box", True),
        ("Shaded box", True),
        ("After", False),
    ]


def test_pdf_box_with_bevelled_borders_as_browsers_print_them() -> None:
    # Chromium prints table borders as thin filled shapes: the top and bottom as rectangles,
    # the sides as trapezoids (bevelled corners), which pdfplumber gives as curves.
    content = b"""
0.33 g
100 630 300 1 re f
100 550 300 1 re f
100 550 m 101 551 l 101 630 l 100 631 l h f
400 550 m 399 551 l 399 630 l 400 631 l h f
0 g
BT /F1 12 Tf 110 600 Td (Inside the box) Tj ET
BT /F1 12 Tf 72 300 Td (After) Tj ET
"""
    src = read_bytes(minimal_pdf(content), "browser.pdf")
    assert list(zip(src.lines, src.boxed or [], strict=True)) == [
        ("Inside the box", True),
        ("After", False),
    ]


def test_pdf_page_and_time_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    data = (DATA / "seed-plan.pdf").read_bytes()
    monkeypatch.setattr(limits, "MAX_PDF_PAGES", 1)
    with pytest.raises(PlanParseError, match="2 pages, over the 1-page limit"):
        read_bytes(data, "long.pdf")
    monkeypatch.setattr(limits, "MAX_PDF_PAGES", 500)
    monkeypatch.setattr(limits, "PDF_TIME_LIMIT", 1e-6)
    with pytest.raises(PlanParseError, match="exceeded the 0 s time limit"):
        read_bytes(data, "slow.pdf")


# -- numbering formats -------------------------------------------------------------------
@pytest.mark.parametrize(
    ("n", "fmt", "text"),
    [
        (1, "chineseCounting", "一"),
        (10, "chineseCounting", "十"),
        (12, "chineseCounting", "十二"),
        (20, "chineseCountingThousand", "二十"),
        (105, "chineseCounting", "一百零五"),
        (11, "chineseLegalSimplified", "壹拾壹"),
        (3, "ideographTraditional", "丙"),
        (12, "ideographDigital", "一二"),
        (3, "decimalEnclosedCircle", "③"),
        (4, "decimalFullWidth", "４"),
        (14, "upperRoman", "XIV"),
        (28, "lowerLetter", "bb"),
        (7, "decimal", "7"),
    ],
)
def test_number_formats(n: int, fmt: str, text: str) -> None:
    assert format_number(n, fmt) == text
