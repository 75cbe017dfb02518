"""Place recognition in one pass: `place_spans` must agree with the per-position definition
(`_place_at`) everywhere, and find the plan's own place in a body of any length."""

from __future__ import annotations

from pathlib import Path

import pytest

from planparse.model import Block
from planparse.parse.extract.meta import _place_at, infer_place, place_spans
from planparse.parse.segment import DocParts

ROOT = Path(__file__).resolve().parent.parent

HAND_MADE = [
    "山西省长治市泽州县人民政府办公室，与阳城县、高平市及城区共同推进",
    "广西壮族自治区南宁市青秀区和香港特别行政区、延边朝鲜族自治州的交流",
    "全县各乡镇、本市各区县和该区有关部门在市直单位的指导下",
    "内蒙古自治区锡林郭勒盟正蓝旗、呼和浩特市新城区",
    "县县县市市区区省省自治区自治区地区地区盟旗",
    "泽州县",
    "县",
    "",
]


def _expected(text: str, level: str | None) -> list[tuple[int, int]]:
    spans = ((start, _place_at(text, start)) for start in range(len(text)))
    return [
        (start, end)
        for start, end in spans
        if end is not None and (level is None or text[start:end].endswith(level))
    ]


@pytest.mark.parametrize("level", [None, "县", "市", "区"])
def test_one_pass_agrees_with_the_definition_at_every_position(level: str | None) -> None:
    corpus = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus").glob("*.txt"))]
    for text in HAND_MADE + corpus:
        assert list(place_spans(text, level)) == _expected(text, level)


def _body(*paragraphs: str) -> DocParts:
    return DocParts(body=[Block(text, (n, n)) for n, text in enumerate(paragraphs, 1)])


def test_the_most_frequent_place_of_the_plans_level() -> None:
    parts = _body(
        "一、总体要求",
        "到2025年，阳城县城乡居民收入稳步增长，阳城县与长治市协同发展。",
        "支持阳城县、沁水县开展试点，长治市统筹推进，长治市各部门配合。",
    )
    assert infer_place(parts, "县") == "阳城县"
    assert infer_place(parts, "市") == "长治市"


def test_a_place_in_one_very_long_line() -> None:
    filler = "加强基础设施建设，推进公共服务均等化，" * 20_000
    parts = _body(filler + "高平市" + filler + "在高平市人民政府组织下" + filler)
    assert infer_place(parts, "市") == "高平市"
