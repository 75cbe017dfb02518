"""Cleaning visual lines of fixed-layout pages (PDF, OFD): what only page text shows."""

from __future__ import annotations

from planparse.model import SourceText
from planparse.parse.clean import clean, visual_width


def _page(lines: list[str], fmt: str = "pdf") -> SourceText:
    return SourceText("t." + fmt, fmt, "n/a", lines, list(range(1, len(lines) + 1)))


TEXT = (
    "推进产业结构优化升级加快发展先进制造业和现代服务业培育壮大新兴产业集群提升产业链供应链"
    "现代化水平促进经济持续健康发展全面提升城市能级和核心竞争力推动高质量发展取得新成效"
)
WIDTH = 36  # characters a line holds


def wrapped(text: str) -> list[str]:
    return [text[i : i + WIDTH] for i in range(0, len(text), WIDTH)]


def test_a_chapter_line_that_fills_the_measure_does_not_swallow_the_section_after_it() -> None:
    # A chapter title exactly as wide as the text block, without a full stop (as in the
    # table of contents of a 纲要 printed to PDF): the next line is still a new heading.
    chapter = "第一章 " + TEXT[: WIDTH - 3]
    assert round(visual_width(chapter)) == WIDTH
    lines = [
        chapter,
        "第一节 发展环境",
        *wrapped(TEXT + "。"),
        "第二节 指导方针",
        *wrapped(TEXT[::-1] + "。"),
    ]
    texts = [b.text for b in clean(_page(lines, "ofd")).blocks]
    assert texts[0] == chapter.replace(" ", "")  # clean drops spaces next to CJK text
    assert texts[1] == "第一节发展环境"
    assert "第二节指导方针" in texts


def test_a_sentence_wrapped_before_a_chapter_reference_stays_one_paragraph() -> None:
    text = TEXT[:WIDTH] + "第三章所列重点项目" + TEXT[WIDTH:] + "。"
    lines = wrapped(text) * 3
    assert lines[1].startswith("第三章所列")  # a wrapped line that starts with a chapter word
    blocks = clean(_page(lines)).blocks
    assert all(not b.text.startswith("第三章") for b in blocks)
