"""Plans published as web pages: find the article among the site's furniture.

Government CMS pages wrap the document in navigation, breadcrumbs, share buttons and a
footer. The article is found by scoring containers on the Chinese text of the paragraphs
they hold (as readability does, but counting CJK characters and Chinese commas, since
Chinese has no spaces to count words by), the notice's own 文号 and addressee line weighing
most; CMS class names (TRS_Editor, zoom, content, article) are a small bonus and
nav/footer/share names a malus. The best container then grows to its parent while what it
adds is sentence text, not link lists or runs of text without sentences (a metadata table,
related titles).

The portal's metadata block (索引号 / 发布机构 / 成文日期 …) outside the article is kept as
its first lines; an article held only by a hidden element is read from there (a script shows
it on load); one held only by a script variable is an error that names the variable.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from planparse.model import PlanParseError, SourceText
from planparse.readers.layout import Cell, Item, Para, Table, render
from planparse.readers.txt import (
    canonical_encoding,
    decode_as,
    detect,
    looks_binary,
    replaced_note,
)

_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_DECL = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I)
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_CJK_OR_PUNCT = r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]"
_WRAP = re.compile(rf"(?<={_CJK_OR_PUNCT})[ \t\r\f]*\n\s*(?={_CJK_OR_PUNCT})")
_SPACES = re.compile(r"[ \t\r\n\f]+")
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)

_STRONG = re.compile(
    r"trs_editor|trs_ueditor|\bzoom\b|pages_content|article|\bzhengwen|\bzw\b", re.I
)
_POSITIVE = re.compile(
    r"content|article|\bmain|detail|text|\bbody|\bnews|\bview|\bcon\b|zoom", re.I
)
_NEGATIVE = re.compile(
    r"nav|menu|footer|\bfoot|header|\bhead\b|banner|share|breadcrumb|crumb|sidebar|\bside|"
    r"comment|relat|copyright|toolbar|\btool|print|search|login|friend|\bad\b|advert|qrcode|"
    r"weixin|wechat|position|location|\bdqwz|\bbottom|\btop\b",
    re.I,
)
# The notice's own markers: a 文号 (国办发〔2019〕4号) and the addressee line (各…：).
_NOTICE_MARK = re.compile(r"^\s*\S{1,12}〔(?:19|20)\d{2}〕\d{1,4}号\s*$|^\s*各[^。]{2,80}[：:]\s*$")
_JUNK_TAGS = (
    "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "canvas",
    "button", "select", "textarea", "input", "head",
)  # fmt: skip
_NOT_CONTENT = {"nav", "header", "footer", "aside", "form", "menu"}
_BLOCK = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd",
    "blockquote", "section", "article", "header", "footer", "main", "aside", "nav", "pre",
    "center", "address", "figure", "figcaption", "form", "fieldset", "hr", "caption",
    "details", "summary", "body", "html", "tr", "tbody", "thead", "tfoot", "table", "td", "th",
}  # fmt: skip
_PARAGRAPHS = {"p", "td", "pre", "li", "dd", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6"}
_TABLE_PARTS = {"table", "tbody", "thead", "tfoot", "tr"}
_CONTAINERS = {"div", "article", "section", "main", "td", "body", "center", "font", "span"}


# -- decoding ----------------------------------------------------------------------------
def decode_html(data: bytes, path: str) -> tuple[str, str, list[str]]:
    if not data:
        raise PlanParseError(path, "file is empty")
    notes: list[str] = []
    head = data[:4096]
    match = _META_CHARSET.search(head) or _XML_DECL.search(head)
    declared_name = match.group(1).decode("ascii", "replace") if match else None
    declared = canonical_encoding(declared_name) if declared_name else None
    has_bom = data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"))
    if declared and declared != "utf-8" and not has_bom and not data.isascii():
        # Pages are often re-saved as UTF-8 under an old GB2312 <meta>; GB18030 would
        # "decode" many such bytes into mojibake, while text that is valid UTF-8 by
        # accident is vanishingly rare.
        text = decode_as(data, "utf-8")
        if text is not None:
            notes.append(f"declared charset {declared_name}, but the bytes are UTF-8")
            return text, "utf-8", notes
    if declared and not has_bom:
        text = decode_as(data, declared)
        if text is not None:
            return text, declared, notes
        notes.append(
            f"html-charset-mismatch: declared charset {declared_name} does not fit the bytes; "
            "detected instead"
        )
    found = detect(data)
    if found is not None and not looks_binary(found[0]):
        return found[0], found[1], notes + replaced_note(found[0], "html")
    if declared:
        codec = "big5hkscs" if declared == "big5" else declared
        notes.append(
            f"html-undecodable-bytes: undecodable bytes replaced while decoding as {declared}"
        )
        return data.decode(codec, errors="replace"), declared, notes
    raise PlanParseError(path, "looks binary, not a plan document (no text encoding fits)")


# -- body detection ----------------------------------------------------------------------
def _hint(el: Any) -> str:
    return f"{el.get('id') or ''} {el.get('class') or ''}".strip()


class _Stats:
    def __init__(self, body: Any) -> None:
        self.order = [el for el in body.iter() if isinstance(el.tag, str)]
        self.index = {el: i for i, el in enumerate(self.order)}
        self.cjk: dict[Any, int] = {}
        self.chars: dict[Any, int] = {}
        self.link: dict[Any, int] = {}
        self.punct: dict[Any, int] = {}  # sentence punctuation (，。；) inside
        for el in reversed(self.order):
            own = (el.text or "") + "".join(c.tail or "" for c in el)
            kids = [c for c in el if isinstance(c.tag, str)]
            self.cjk[el] = len(_CJK.findall(own)) + sum(self.cjk[c] for c in kids)
            self.chars[el] = len(_SPACES.sub("", own)) + sum(self.chars[c] for c in kids)
            self.punct[el] = sum(own.count(c) for c in "，。；") + sum(self.punct[c] for c in kids)
            self.link[el] = self.chars[el] if el.tag == "a" else sum(self.link[c] for c in kids)

    def link_density(self, el: Any) -> float:
        return self.link[el] / self.chars[el] if self.chars[el] else 0.0


def _score_containers(body: Any, stats: _Stats) -> Any:
    scores: dict[Any, float] = {}
    for el in stats.order:
        if el.tag not in _PARAGRAPHS and not (
            el.tag == "div" and not any(c.tag in _BLOCK for c in el if isinstance(c.tag, str))
        ):
            continue
        cjk = stats.cjk[el]
        if cjk < 5 or stats.link_density(el) > 0.5:
            continue
        text = el.text_content()
        score = 1 + min(cjk // 30, 5) + text.count("，") + text.count("。")
        if _NOTICE_MARK.search(text) and cjk <= 80:
            score += 10  # the notice's own 文号 or addressee line belongs to the article
        parent = _container_of(el)
        for share in (1.0, 0.5):
            if parent is None:
                break
            scores[parent] = scores.get(parent, 0.0) + score * share
            parent = _container_of(parent)
    best, best_score = body, -1.0
    for el, score in scores.items():
        if el.tag not in _CONTAINERS and el.tag not in _PARAGRAPHS:
            continue
        hint = _hint(el)
        factor = 1.0 - stats.link_density(el)
        if hint and _NEGATIVE.search(hint) and not _STRONG.search(hint):
            factor *= 0.2
        elif hint and _POSITIVE.search(hint):
            factor *= 1.5
        if score * factor > best_score:
            best, best_score = el, score * factor
    return best


def _container_of(el: Any) -> Any | None:
    """The parent, looking through table structure: a cell's text counts for whatever
    holds the table, so that a page that is mostly a table still finds its article."""
    parent = el.getparent()
    while parent is not None and parent.tag in _TABLE_PARTS:
        parent = parent.getparent()
    return parent


def _furniture(el: Any) -> bool:
    """A nav/header/footer element, or one whose id/class says so."""
    if not isinstance(el.tag, str):
        return False
    hint = _hint(el)
    return el.tag in _NOT_CONTENT or bool(hint and _NEGATIVE.search(hint))


def find_body(body: Any) -> tuple[Any, _Stats]:
    stats = _Stats(body)
    best = _score_containers(body, stats)
    while best is not body and not _STRONG.search(_hint(best)):
        parent = _container_of(best)
        if parent is None or parent is body or parent.tag in _NOT_CONTENT:
            break
        if _NEGATIVE.search(_hint(parent)) and not _STRONG.search(_hint(parent)):
            break
        # What growing would add: more text is welcome, a block of links is not, nor a
        # long run of text without sentences (a metadata table, a list of related titles).
        extra = stats.chars[parent] - stats.chars[best]
        if extra and (stats.link[parent] - stats.link[best]) / extra >= 0.3:
            break
        if extra > 200 and (stats.punct[parent] - stats.punct[best]) * 60 < extra:
            break
        inside = {*best.iter(), *best.iterancestors()}
        if any(_furniture(el) for el in parent.iter() if el not in inside):
            break
        best = parent
    return best, stats


def _title_before(container: Any, body: Any, stats: _Stats) -> Any | None:
    """A page title (h1) printed above the article container, outside it."""
    if container is body or container.find(".//h1") is not None:
        return None
    ancestors = set(container.iterancestors())
    start = stats.index[container]
    for el in reversed(stats.order[:start]):
        if el.tag == "h1" and el not in ancestors and 4 <= stats.cjk[el] <= 120:
            return el
    return None


# -- walking -----------------------------------------------------------------------------
def _clean(text: str) -> str:
    text = _WRAP.sub("", text)
    text = _SPACES.sub(" ", text).replace("\xa0", " ")
    return text.strip(" \u3000")


class _Walker:
    def __init__(self, stats: _Stats, container: Any) -> None:
        self.count = 0
        self.stats = stats
        self.article_cjk = stats.cjk.get(container, 0)

    def layout_table(self, table: Any) -> bool:
        """Old CMS pages lay the whole article out in a one-column table; that is page
        layout, not a table of the plan (a 专栏 box is a small part of the article)."""
        if (table.get("role") or "").lower() == "presentation":
            return True
        rows = _rows(table)
        one_column = all(
            sum(1 for c in tr if isinstance(c.tag, str) and c.tag in ("td", "th")) <= 1
            for tr in rows
        )
        return one_column and self.stats.cjk.get(table, 0) > 0.5 * self.article_cjk

    def collect(self, root: Any, boxed: bool) -> list[Item]:
        items: list[Item] = []
        buf: list[str] = []
        state = {"br": False}

        def emit(text: str) -> None:
            self.count += 1
            items.append(Para(lines=[text], origin=self.count, boxed=boxed))

        def flush() -> None:
            text = _clean("".join(buf))
            buf.clear()
            if text:
                emit(text)

        def visit(node: Any) -> None:
            tag = node.tag if isinstance(node.tag, str) else ""
            if tag == "br":
                if _clean("".join(buf)):
                    flush()
                elif state["br"]:
                    emit("")
                state["br"] = True
                return
            if tag == "table" and not self.layout_table(node):
                flush()
                items.append(self.table(node))
                return
            block = tag in _BLOCK
            if block:
                flush()
            before = len(items)
            if node.text:
                buf.append(node.text)
                state["br"] = state["br"] and not node.text.strip()
            for child in node:
                if isinstance(child.tag, str):
                    visit(child)
                if child.tail:
                    buf.append(child.tail)
                    state["br"] = state["br"] and not child.tail.strip()
            if block:
                flush()
                if tag == "p" and len(items) == before:
                    emit("")  # an empty paragraph is a blank line, as in a .txt export

        if root.text:
            buf.append(root.text)
        for child in root:
            if isinstance(child.tag, str):
                visit(child)
            if child.tail:
                buf.append(child.tail)
        flush()
        return items

    def table(self, tbl: Any) -> Table:
        table = Table()
        spans: list[list[int]] = []  # [column, width, rows still covered]
        for tr in _rows(tbl):
            row: list[Cell] = []
            col = 0
            for td in tr:
                if not isinstance(td.tag, str) or td.tag not in ("td", "th"):
                    continue
                col = self._spanned(row, spans, col)
                colspan = _span(td.get("colspan"), 100)
                rowspan = _span(td.get("rowspan"), 1000)
                start = self.count + 1
                items = self.collect(td, boxed=True)
                if self.count < start:
                    self.count += 1  # an empty cell still counts as a paragraph
                row.append(Cell(items=items, origin=start))
                if rowspan > 1:
                    spans.append([col, colspan, rowspan - 1])
                col += colspan
            self._spanned(row, spans, col)
            spans = [s for s in spans if s[2] > 0]
            table.rows.append(row)
        return table

    def _spanned(self, row: list[Cell], spans: list[list[int]], col: int) -> int:
        """Stand-ins for cells covered by a rowspan from above: empty, like a w:vMerge."""
        while True:
            span = next((s for s in spans if s[0] == col and s[2] > 0), None)
            if span is None:
                return col
            row.append(Cell(origin=max(self.count, 1), merged=True))
            span[2] -= 1
            col += span[1]


def _span(value: str | None, cap: int) -> int:
    try:
        n = int((value or "1").strip())
    except ValueError:
        return 1
    return cap if n == 0 else max(1, min(n, cap))


def _rows(tbl: Any) -> list[Any]:
    rows: list[Any] = []
    for child in tbl:
        if not isinstance(child.tag, str):
            continue
        if child.tag == "tr":
            rows.append(child)
        elif child.tag in ("thead", "tbody", "tfoot"):
            rows.extend(c for c in child if isinstance(c.tag, str) and c.tag == "tr")
    return rows


def _describe(el: Any) -> str:
    attrs = "".join(f' {k}="{el.get(k)}"' for k in ("id", "class") if el.get(k))
    return f"<{el.tag}{attrs}>"


def read_html(data: bytes, path: str) -> SourceText:
    from lxml import etree
    from lxml import html as lhtml

    text, encoding, notes = decode_html(data, path)
    # lxml refuses a str that still carries an XML encoding declaration.
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)
    parser = lhtml.HTMLParser(remove_comments=True, remove_pis=True, no_network=True)
    try:
        root = lhtml.document_fromstring(text, parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise PlanParseError(path, f"cannot parse as HTML: {exc}") from None
    scripts = [el.text or "" for el in root.iter("script")]
    for el in list(root.iter(*_JUNK_TAGS)):
        if el.getparent() is not None:
            el.drop_tree()
    page = _Page(root, drop_hidden=True)
    hidden_cjk = sum(
        len(_CJK.findall(el.text_content()))
        for el in root.iter()
        if isinstance(el.tag, str) and _hidden(el)
    )
    if hidden_cjk >= max(4 * page.kept_cjk, _ARTICLE_MIN_CJK):
        # A page that keeps its article in a hidden element, for a script to show it when
        # the page loads: a saved copy may hold it only there.
        shown = _Page(root, drop_hidden=False)
        if shown.kept_cjk >= max(4 * page.kept_cjk, _ARTICLE_MIN_CJK):
            page = shown
            notes.append(
                f"article body {_describe(page.container)} is hidden on the page "
                "(shown by a script when the page loads); read as printed"
            )
    variable = _script_variable(scripts)
    if variable is not None and variable[1] >= max(4 * page.kept_cjk, _ARTICLE_MIN_CJK):
        name, count = variable
        raise PlanParseError(
            path,
            "no article text in the HTML page: it is loaded by script; its text sits in "
            f"the script variable {name} ({count} Chinese characters). Save the page "
            "after it has rendered (or print it to PDF), or extract that variable",
        )
    out = render(page.items)
    if not any(line.strip() for line in out.lines):
        raise PlanParseError(
            path, "no text found in the HTML page (is the article loaded by script?)"
        )
    notes.extend(page.notes)
    return SourceText(
        path=path,
        format="html",
        encoding=encoding,
        lines=out.lines,
        origins=out.origins,
        boxed=out.boxed,
        notes=notes,
    )


_ARTICLE_MIN_CJK = 200
"""Chinese characters a hidden element or a script variable must hold, and four times what
the visible article holds, to be taken for the article (a footer has some 50)."""


class _Page:
    """The article of one reading of the page: its container, the title above it and the
    metadata block (索引号 / 发布机构 / 成文日期 …) printed outside it, as items to render."""

    def __init__(self, root: Any, drop_hidden: bool) -> None:
        import copy

        root = copy.deepcopy(root)
        if drop_hidden:
            for el in [el for el in root.iter() if isinstance(el.tag, str) and _hidden(el)]:
                if el.getparent() is not None:
                    el.drop_tree()
        body = root.find("body")
        body = body if body is not None else root
        container, stats = find_body(body)
        self.container = container
        walker = _Walker(stats, container)
        self.items: list[Item] = []
        self.notes: list[str] = []
        meta = _metadata_block(body, container, stats)
        if meta is not None:
            for line in _metadata_lines(meta):
                walker.count += 1
                self.items.append(Para(lines=[line], origin=walker.count))
            self.notes.append(
                f"metadata block {_describe(meta)} outside the article kept as its first lines"
            )
        title = _title_before(container, body, stats)
        if title is not None:
            self.items.extend(walker.collect(title, boxed=False))
            self.notes.append(f"title taken from {_describe(title)} above the article body")
        self.items.extend(walker.collect(container, boxed=False))
        self.kept_cjk = stats.cjk[container]
        # Navigation and footers are meant to go; a warning when the page had text left out
        # lets a user check that none of it was the plan's (a 专栏 outside the container).
        kept = stats.cjk[container] + (stats.cjk[title] if title is not None else 0)
        kept += stats.cjk[meta] if meta is not None else 0
        code = "html-container: " if kept < stats.cjk[body] else ""
        self.notes.append(
            f"{code}article body: {_describe(container)} "
            f"({stats.cjk[container]} of {stats.cjk[body]} CJK characters on the page)"
        )


@cache
def _metadata_keys() -> re.Pattern[str]:
    """The keys of a portal's metadata block (schemas/grammar.toml [web.fields]), printed
    with or without inner spaces, as a whole text fragment."""
    from planparse.resources import schema_toml

    fields = schema_toml("grammar.toml")["web"]["fields"]
    keys = [k for role, ks in fields.items() if role != "source" for k in ks if len(k) >= 2]
    keys = sorted(set(keys), key=len, reverse=True)
    spaced = "|".join(r"[\s\u3000]*".join(map(re.escape, k)) for k in keys)
    return re.compile(rf"^[\s\u3000]*(?:{spaced})[\s\u3000]*[：:]?[\s\u3000]*$")


_STRONG_KEYS = re.compile(
    r"索\s*引\s*号|发\s*布\s*机\s*构|成\s*文\s*日\s*期|发\s*文\s*字\s*号|文\s*号|发\s*文\s*机\s*关|主\s*题\s*分\s*类"
)


def _metadata_block(body: Any, container: Any, stats: _Stats) -> Any | None:
    """The smallest element outside the article that holds three metadata keys (索引号,
    发布机构, 成文日期, 文号 …): a portal's information-disclosure block."""
    inside = {*container.iter(), *container.iterancestors()}
    best = None
    for el in stats.order:
        if el in inside or el.tag not in ("table", "ul", "dl", "div", "tbody"):
            continue
        if stats.chars[el] > 600:
            continue
        found = {re.sub(r"\s", "", m) for m in _STRONG_KEYS.findall(el.text_content())}
        if len(found) >= 3 and (best is None or best in set(el.iterancestors())):
            best = el
    return best


def _metadata_lines(block: Any) -> list[str]:
    """The block as ``key：value`` lines, one per field, in the order printed."""
    keys = _metadata_keys()
    fragments = [_clean(t) for t in block.itertext()]
    lines: list[str] = []
    for fragment in (f for f in fragments if f):
        if keys.match(fragment):
            lines.append(re.sub(r"[\s\u3000]", "", fragment).rstrip("：:") + "：")
        elif lines and lines[-1].endswith("："):
            lines[-1] += fragment
        elif lines:
            lines[-1] += " " + fragment
        else:
            lines.append(fragment)
    return lines


_ASSIGNMENT = re.compile(
    r"(?:(?:var|let|const)\s+(?P<var>[A-Za-z_$][\w$]*)|(?P<prop>[A-Za-z_$][\w$]*(?:\.[\w$]+)*))"
    r"\s*=(?!=)"
)
_CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]{12,}")


def _script_variable(scripts: list[str]) -> tuple[str, int] | None:
    """The script variable that holds the page's Chinese text, and how much of it."""
    best: tuple[str, int] | None = None
    for script in scripts:
        count = len(_CJK.findall(script))
        run = _CJK_RUN.search(script)
        if count < 200 or run is None:
            continue
        names = [
            m.group("var") or m.group("prop") for m in _ASSIGNMENT.finditer(script, 0, run.start())
        ]
        if names and (best is None or count > best[1]):
            best = (names[-1], count)
    return best


def _hidden(el: Any) -> bool:
    return el.get("hidden") is not None or bool(_HIDDEN.search(el.get("style") or ""))
