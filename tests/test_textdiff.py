"""The word-level diff cuts plans of any topic into words an analyst would recognise.

The dictionary is jieba's general one plus schemas/gov_words.txt (bench/make_words.py), not a
list of one plan's topic words."""

from __future__ import annotations

import pytest

from planparse.compare.textdiff import token_diff, tokens
from planparse.resources import schema_path


def gov_terms() -> list[str]:
    lines = schema_path("gov_words.txt").read_text(encoding="utf-8").splitlines()
    return [t.strip() for t in lines if t.strip() and not t.startswith("#")]


@pytest.mark.parametrize(
    ("sentence", "words"),
    [
        # education
        (
            "推进义务教育优质均衡发展，落实教师县管校聘管理改革，扩大普惠性学前教育资源。",
            ["义务教育", "优质均衡", "县管校聘", "普惠性", "学前教育"],
        ),
        # environment
        (
            "深入打好污染防治攻坚战，强化细颗粒物和臭氧协同控制，全面推行河长制湖长制，推进碳达峰碳中和。",
            ["污染防治", "攻坚战", "细颗粒物", "臭氧", "河长制", "湖长制", "碳达峰", "碳中和"],
        ),
        # health
        (
            "健全疾病预防控制体系，做实家庭医生签约服务，推进紧密型县域医共体建设。",
            ["疾病预防控制", "体系", "家庭医生", "签约", "医共体"],
        ),
        # governance
        (
            "优化营商环境，深化放管服改革，推行一网通办和跨省通办，实施市场主体倍增工程。",
            ["营商环境", "放管服", "一网通办", "跨省通办", "市场主体"],
        ),
        # social security (the sample plans' topic still cuts well)
        (
            "落实最低生活保障制度，做好特困人员救助供养，完善城乡居民基本养老保险。",
            ["最低生活保障", "特困人员", "救助", "供养", "基本养老保险"],
        ),
    ],
)
def test_words_of_every_topic(sentence: str, words: list[str]) -> None:
    cut = tokens(sentence)
    assert "".join(cut) == sentence
    missing = [w for w in words if w not in cut]
    assert missing == [], "/".join(cut)


def test_every_government_term_is_kept_whole() -> None:
    terms = gov_terms()
    assert len(terms) > 150
    split = [t for t in terms if tokens(t) != [t]]
    assert split == []


def test_no_word_swallows_its_neighbours() -> None:
    # 低保 is a term, but 最低保障 is 最低 + 保障, not 最 + 低保 + 障
    assert tokens("最低保障") == ["最低", "保障"]
    assert tokens("城乡居民基本医疗保险") == ["城乡", "居民", "基本医疗保险"]


def test_a_changed_word_is_one_replacement() -> None:
    ops = token_diff("全面推行河长制", "全面推行湖长制")
    assert [(o["op"], o["lower"], o["upper"]) for o in ops if o["op"] != "equal"] == [
        ("replace", "河长制", "湖长制")
    ]


def test_the_word_table_is_kept_and_read_back(tmp_path, monkeypatch) -> None:
    import marshal

    from planparse.compare import textdiff

    monkeypatch.setenv("PLANPARSE_CACHE", str(tmp_path))
    text = "加快推进残疾人康复服务体系建设，落实困难残疾人生活补贴制度"
    textdiff._tokenizer.cache_clear()
    try:
        built = textdiff.tokens(text)
        (stored,) = (tmp_path / "planparse").glob("words-*.marshal")
        textdiff._tokenizer.cache_clear()
        monkeypatch.setattr(textdiff, "_frequencies", lambda source: pytest.fail("rebuilt"))
        assert textdiff.tokens(text) == built  # from the kept table
        monkeypatch.undo()
        monkeypatch.setenv("PLANPARSE_CACHE", str(tmp_path))
        key, _value = marshal.loads(stored.read_bytes())
        stored.write_bytes(marshal.dumps((key, ["not", "a", "table"])))  # right key, bad shape
        textdiff._tokenizer.cache_clear()
        assert textdiff.tokens(text) == built
        assert "残疾人" in built
    finally:
        textdiff._tokenizer.cache_clear()
