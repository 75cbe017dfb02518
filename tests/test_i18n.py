"""The message catalogue (schemas/messages.toml) and the choice of language.

Every message exists in English and Chinese with the same placeholders; every key the code
names is in the catalogue; the language follows --lang, PLANPARSE_LANG, then the locale.
"""

from __future__ import annotations

import ast
import os
import re
import string
import subprocess
import sys
from pathlib import Path

import pytest

import planparse
from conftest import CITY_FILE, CORPUS_DIR, COUNTY_FILE
from planparse import i18n
from planparse.compare.check import RULES
from planparse.i18n import LANGUAGES, catalogue, lang_from_env, set_lang, t

SRC = Path(planparse.__file__).parent


def placeholders(text: str) -> set[str]:
    return {name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name}


def test_catalogue_is_not_empty_and_has_both_languages() -> None:
    assert len(catalogue()) > 100
    missing = {key: sorted(set(LANGUAGES) - set(entry)) for key, entry in catalogue().items()}
    assert {k: v for k, v in missing.items() if v} == {}
    empty = [
        key
        for key, entry in catalogue().items()
        if not all(entry[lang].strip() for lang in LANGUAGES)
    ]
    assert empty == []


def test_placeholders_agree_between_languages() -> None:
    differ = {
        key: {lang: sorted(placeholders(entry[lang])) for lang in LANGUAGES}
        for key, entry in catalogue().items()
        if len({frozenset(placeholders(entry[lang])) for lang in LANGUAGES}) > 1
    }
    assert differ == {}


def test_chinese_entries_are_chinese() -> None:
    """A zh text copied from en by mistake is caught: each has Chinese characters or at least
    Chinese (full-width) punctuation."""

    def cjk(text: str) -> bool:
        return any(
            "\u4e00" <= c <= "\u9fff" or "\u3000" <= c <= "\u303f" or "\uff00" <= c <= "\uffef"
            for c in text
        )

    lazy = [k for k, e in catalogue().items() if not cjk(e["zh"])]
    assert lazy == []


def _literal_keys() -> set[str]:
    """Keys passed as string literals to t(...) anywhere in the package."""
    keys: set[str] = set()
    for path in SRC.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "t"
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                keys.add(node.args[0].value)
    return keys


def test_every_key_the_code_names_exists() -> None:
    keys = _literal_keys()
    assert len(keys) > 50
    assert sorted(keys - set(catalogue())) == []
    # keys built at run time
    assert all(f"rule.{r.id}" in catalogue() for r in RULES)
    for kind in ("fifo", "socket", "device", "other"):
        assert f"error.kind.{kind}" in catalogue()


def test_placeholders_fill_in() -> None:
    set_lang("zh")
    try:
        assert t("check.S202.message", label="参与单位：") == "角色标签“参与单位：”后没有单位"
    finally:
        set_lang(None)
    set_lang("en")
    try:
        assert (
            t("check.S202.message", label="参与单位：")
            == "role label 参与单位： has no unit after it"
        )
        assert RULES[0].summary.startswith("Heading, 专栏 or item numbers")
    finally:
        set_lang(None)


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, "en"),
        ({"LANG": "zh_CN.UTF-8"}, "zh"),
        ({"LANG": "zh_TW.Big5"}, "zh"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LANG": "C.UTF-8"}, "en"),
        # LC_ALL outranks LC_MESSAGES outranks LANG, as in setlocale()
        ({"LC_ALL": "en_GB.UTF-8", "LANG": "zh_CN.UTF-8"}, "en"),
        ({"LC_MESSAGES": "zh_CN.GB18030", "LANG": "en_US.UTF-8"}, "zh"),
        ({"LC_ALL": "", "LC_MESSAGES": "", "LANG": "zh_SG"}, "zh"),
        # PLANPARSE_LANG outranks the locale; an unknown value is ignored
        ({"PLANPARSE_LANG": "en", "LANG": "zh_CN.UTF-8"}, "en"),
        ({"PLANPARSE_LANG": "zh", "LANG": "en_US.UTF-8"}, "zh"),
        ({"PLANPARSE_LANG": "fr", "LANG": "zh_CN.UTF-8"}, "zh"),
    ],
)
def test_language_from_environment(environ: dict[str, str], expected: str) -> None:
    assert lang_from_env(environ) == expected


def test_set_lang_rejects_unknown_language() -> None:
    with pytest.raises(ValueError, match="en, zh"):
        set_lang("fr")
    assert i18n._chosen is None


def planparse_cmd(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    exe = Path(sys.executable).parent / "planparse"
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG"))}
    environment.pop("PLANPARSE_LANG", None)
    environment.update(env)
    return subprocess.run(
        [str(exe), *args], capture_output=True, text=True, env=environment, timeout=120, check=False
    )


COUNTY = str(CORPUS_DIR / COUNTY_FILE)
CITY = str(CORPUS_DIR / CITY_FILE)


def test_chinese_locale_gives_chinese_findings_help_and_errors() -> None:
    done = planparse_cmd("check", COUNTY, "--against", CITY, LANG="zh_CN.UTF-8")
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert any("在临汾市为约束性，本规划为预期性" in line for line in lines)
    assert any("责任括注不规范：半角括号与全角括号混用" in line for line in lines)
    assert done.stderr.startswith("共 ")
    # rule ids and severities stay as they are: scripts and editors parse them
    assert all(re.search(r": (error|warning|info) [SX]\d{3} ", line) for line in lines)

    helped = planparse_cmd("check", "--help", LANG="zh_CN.UTF-8")
    assert "参照的上级规划" in helped.stdout
    missing = planparse_cmd("parse", "no-such-plan.txt", LANG="zh_CN.UTF-8")
    assert missing.returncode == 2
    assert "错误" in missing.stderr and "no-such-plan.txt" in missing.stderr


def test_lang_option_outranks_locale_anywhere_on_the_line() -> None:
    after = planparse_cmd(
        "check", COUNTY, "--select", "X103", "--against", CITY, "--lang", "en", LANG="zh_CN.UTF-8"
    )
    assert "is 约束性 in 临汾市 but 预期性 here" in after.stdout
    before = planparse_cmd(
        "--lang=zh", "check", COUNTY, "--select", "X103", "--against", CITY, LANG="en_US.UTF-8"
    )
    assert "在临汾市为约束性" in before.stdout
    helped = planparse_cmd("--lang", "zh", "diff", "--help")
    assert "被检查的规划" in helped.stdout
    bad = planparse_cmd("--lang", "fr", "--version")
    assert bad.returncode == 2 and "--lang" in bad.stderr


def test_json_keys_and_rule_ids_do_not_change_with_language() -> None:
    import json

    en = json.loads(
        planparse_cmd("check", COUNTY, "--against", CITY, "-f", "json", "--lang", "en").stdout
    )
    zh = json.loads(
        planparse_cmd("check", COUNTY, "--against", CITY, "-f", "json", "--lang", "zh").stdout
    )
    assert en.keys() == zh.keys()
    assert [(f["rule"], f["line"], f["column"], f["severity"]) for f in en["findings"]] == [
        (f["rule"], f["line"], f["column"], f["severity"]) for f in zh["findings"]
    ]
    assert [f["message"] for f in en["findings"]] != [f["message"] for f in zh["findings"]]


def test_diff_report_in_chinese() -> None:
    zh = planparse_cmd("diff", COUNTY, CITY, LANG="zh_CN.UTF-8")
    assert zh.returncode == 0
    for words in (
        "主要差异",
        "泽州县以晋城市规划为编制依据，而不是所对照的临汾市规划",
        "指标对照",
        "泽州县更严",
        "任务对照",
    ):
        assert words in zh.stdout, words
    assert "指标「残疾儿童少年义务教育入学率」在临汾市为约束性，在泽州县为预期性" in zh.stdout
    en = planparse_cmd("diff", COUNTY, CITY, "--lang", "en", LANG="zh_CN.UTF-8")
    assert "Most important differences" in en.stdout and "主要差异" not in en.stdout
    # JSON keys stay English; the words in it follow the language
    import json

    data = json.loads(planparse_cmd("diff", COUNTY, CITY, "-f", "json", "--lang", "zh").stdout)
    assert data["indicators"][0].keys() >= {"relation", "attribute_changed"}
    assert data["basis"]["message"].startswith("泽州县以晋城市规划")


def test_markdown_report_in_chinese() -> None:
    md = planparse_cmd("diff", COUNTY, CITY, "-f", "md", "--lang", "zh").stdout
    for heading in (
        "# 泽州县 对照 临汾市",
        "## 概要",
        "## 指标对照",
        "## 专栏对照",
        "## 任务对照",
        "## 依据",
    ):
        assert heading + "\n" in md, heading
    assert "| 临汾市目标值 | 泽州县目标值 | 比较结果 |" in md
    english = planparse_cmd("diff", COUNTY, CITY, "-f", "md", "--lang", "en").stdout
    assert "## Indicators\n" in english and "## 指标对照" not in english
