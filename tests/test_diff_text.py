"""The diff view written for a pipe or a file is, line for line, what rich prints there."""

from __future__ import annotations

import io
import random
from pathlib import Path

import pytest
from rich.console import Console

from conftest import CORPUS_DIR, COUNTY_FILE
from planparse.compare.diff import DiffOptions, diff_plans
from planparse.i18n import set_lang
from planparse.parse.pipeline import load_plan
from planparse.render.diff_screen import Column, DiffScreen, Table, diff_screen
from planparse.render.diff_terminal import print_diff
from planparse.render.diff_text import _table, diff_text

FILES = sorted(CORPUS_DIR.glob("*.txt")) + sorted((CORPUS_DIR / "public").glob("*.txt"))
_rng = random.Random(15)
PAIRS = [(CORPUS_DIR / COUNTY_FILE, CORPUS_DIR / "linfen-city-draft.txt")]
PAIRS += [tuple(_rng.sample(FILES, 2)) for _ in range(12)]
OPTIONS = [{}, {"explain": True}, {"only_differences": True}]


def _rich_lines(result, **options) -> str:
    """What `planparse diff` printed to a pipe through rich (commands._rich)."""
    buffer = io.StringIO()
    console = Console(file=buffer, width=10_000, color_system=None, soft_wrap=True)
    print_diff(result, console, **options)
    return "\n".join(line.rstrip() for line in buffer.getvalue().splitlines())


@pytest.fixture(scope="module")
def plans() -> dict[Path, object]:
    return {path: load_plan(str(path)) for pair in PAIRS for path in pair}


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("pair", PAIRS, ids=lambda p: f"{p[0].stem}~{p[1].stem}")
def test_same_lines_as_rich_on_corpus_pairs(pair, lang: str, plans) -> None:
    set_lang(lang)
    try:
        result = diff_plans(plans[pair[0]], plans[pair[1]], DiffOptions(text_diff=False))
        for options in OPTIONS:
            assert diff_text(diff_screen(result, **options)) == _rich_lines(result, **options)
    finally:
        set_lang(None)


def _rich_table(table: Table) -> str:
    from rich.table import Table as RichTable
    from rich.text import Text

    drawn = RichTable(title=Text(table.title), expand=False)
    for column in table.columns:
        drawn.add_column(
            Text(column.header),
            max_width=column.max_width,
            overflow="fold" if column.fold else "ellipsis",
        )
    for row in table.rows:
        drawn.add_row(*(Text(text) for text, _style in row))
    buffer = io.StringIO()
    Console(file=buffer, width=10_000, color_system=None, soft_wrap=True).print(drawn)
    return "\n".join(line.rstrip() for line in buffer.getvalue().splitlines())


WRAPPING = [
    ("a word longer than a folding column", "supercalifragilisticexpialidocious-cadre", True),
    ("a word longer than a cutting column", "supercalifragilisticexpialidocious-cadre", False),
    ("CJK without spaces", "推进城乡基本公共服务均等化和残疾人康复服务体系建设", True),
    ("CJK cut", "推进城乡基本公共服务均等化和残疾人康复服务体系建设", False),
    ("mixed, words at the edge", "县人社局 lead changed to 县残联 (county federation) ok", False),
    ("spaces at a break", "市发展改革委      市财政局   市自然资源和规划局", True),
    ("empty", "", True),
]


@pytest.mark.parametrize(("label", "text", "fold"), WRAPPING, ids=[w[0] for w in WRAPPING])
def test_wrapping_like_rich(label: str, text: str, fold: bool) -> None:
    for width in (5, 9, 14):
        table = Table(
            "t",
            [Column("header that is long", width, fold), Column("短", 3, True)],
            [[(text, ""), ("一二三四五", "")], [("x", ""), ("", "")]],
        )
        assert "\n".join(_table(table)) == _rich_table(table), (label, width)


def test_an_empty_view() -> None:
    screen = DiffScreen([], "summary", [[("", "")]], "highlights", [], [])
    assert diff_text(screen) == "╭─ summary ─╮\n│           │\n╰───────────╯"
