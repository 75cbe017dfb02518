"""Self-contained HTML reports: a plan diff (``diff_html``) and check findings (``check_html``).

One file, no network: the stylesheet and the small script are inline, and a Content-Security-
Policy allows nothing but them (by hash), so the page cannot load or run anything else even if
a plan's text were to slip through unescaped.

Every piece of document text goes through :func:`esc` (``html.escape(..., quote=True)``). HTML
is only ever built with :func:`el`, which escapes every child that is not already
:class:`Markup` and every attribute value, so text from a plan can never become markup.
"""

from __future__ import annotations

import base64
import hashlib
import html
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from planparse.check import CheckReport
    from planparse.diff import ColumnPair, DiffResult, IndicatorPair, ItemPair, TaskPair
    from planparse.model import Indicator

__all__ = ["Markup", "check_html", "diff_html", "el", "esc"]


# ------------------------------------------------------------------------------ HTML building


class Markup(str):
    """A string that is already HTML (built by :func:`el` or :func:`esc`): never escaped again."""

    __slots__ = ()


def esc(value: object) -> Markup:
    """Escape text for HTML content or a quoted attribute value (&, <, >, " and ')."""
    if isinstance(value, Markup):
        return value
    return Markup(html.escape("" if value is None else str(value), quote=True))


def _children(items: Iterable[object]) -> Iterable[str]:
    for item in items:
        if item is None or item is False:
            continue
        if isinstance(item, str):
            yield esc(item)
        elif isinstance(item, (list, tuple)) or hasattr(item, "__next__"):
            yield from _children(item)  # type: ignore[arg-type]
        else:
            yield esc(item)


_VOID = {"meta", "br", "input", "hr", "wbr"}


def el(tag: str, *children: object, **attrs: object) -> Markup:
    """``<tag attrs>children</tag>``; ``class_`` → ``class``, ``data_x`` → ``data-x``.

    Attribute values are always escaped; ``None``/``False`` drop the attribute, ``True`` writes
    it bare (``open``, ``checked``).
    """
    parts = [tag]
    for key, value in attrs.items():
        if value is None or value is False:
            continue
        name = key.rstrip("_").replace("_", "-")
        if value is True:
            parts.append(name)
        else:
            parts.append(f'{name}="{html.escape(str(value), quote=True)}"')
    opening = "<" + " ".join(parts) + ">"
    if tag in _VOID:
        return Markup(opening)
    return Markup(opening + "".join(_children(children)) + f"</{tag}>")


def _join(parts: Iterable[object], sep: str = "") -> Markup:
    return Markup(esc(sep).join(_children(parts)))


# ---------------------------------------------------------------------------- page skeleton

_CSS = """
:root {
  --ink: #1d2430; --muted: #5c6778; --faint: #8a94a3; --line: #dde2e8; --soft: #f5f7fa;
  --paper: #ffffff; --accent: #1f4e8c;
  --same: #2b6e46; --same-bg: #e7f4ec;
  --stricter: #1d5fa8; --stricter-bg: #e5effa;
  --looser: #b42318; --looser-bg: #fdeceb;
  --incomparable: #8a5a00; --incomparable-bg: #fff3d1;
  --missing: #a11d6e; --missing-bg: #fbe8f3;
  --only-lower: #5b3a9e; --only-lower-bg: #efe9fa;
  --del: #b42318; --del-bg: #fde4e1; --ins: #146c2e; --ins-bg: #dcf3e3;
  --error: #b42318; --error-bg: #fdeceb; --warning: #8a5a00; --warning-bg: #fff3d1;
  --info: #1d5fa8; --info-bg: #e5effa;
  color-scheme: light;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body {
  margin: 0; background: var(--soft); color: var(--ink);
  font-family: -apple-system, BlinkMacSystemFont, "PingFang SC", "Hiragino Sans GB",
    "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "WenQuanYi Micro Hei",
    "Segoe UI", sans-serif;
  font-size: 15px; line-height: 1.65; font-variant-numeric: tabular-nums;
}
main { max-width: 1240px; margin: 0 auto; padding: 24px 28px 64px; }
h1 { font-size: 1.6rem; line-height: 1.3; margin: 0 0 4px; letter-spacing: .02em; }
h2 { font-size: 1.15rem; margin: 0; display: inline; }
h3 { font-size: 1rem; margin: 0; display: inline; }
a { color: var(--accent); text-decoration: none; }
a:hover { text-decoration: underline; }
.sub { color: var(--muted); margin: 0 0 18px; }
.muted { color: var(--muted); }
.small { font-size: .82rem; }
header.top { margin-bottom: 18px; }
.sides { display: grid; grid-template-columns: 1fr 1fr; gap: 12px; margin: 14px 0 0; }
.side { background: var(--paper); border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px; }
.side .role { font-size: .75rem; color: var(--muted); letter-spacing: .05em; }
.side .place { font-weight: 700; font-size: 1.1rem; margin-right: .4em; }
.side .file { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace;
  font-size: .78rem; color: var(--muted); word-break: break-all; }
section, details.section { background: var(--paper); border: 1px solid var(--line);
  border-radius: 10px; margin: 0 0 18px; }
details.section > summary { padding: 12px 18px; cursor: pointer;
  list-style-position: inside; border-bottom: 1px solid transparent; }
details.section[open] > summary { border-bottom-color: var(--line); }
details > summary::marker { color: var(--faint); }
summary .count { color: var(--muted); font-size: .85rem; margin-left: .6em; font-weight: 400; }
.section-body { padding: 14px 18px 18px; }
nav.toc { display: flex; flex-wrap: wrap; gap: 6px 14px; font-size: .9rem; margin: 6px 0 0; }
.toolbar { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: center; margin: 12px 0 16px;
  font-size: .88rem; color: var(--muted); }
.toolbar button { font: inherit; color: var(--ink); background: var(--paper);
  border: 1px solid var(--line); border-radius: 6px; padding: 3px 10px; cursor: pointer; }
.toolbar button:hover { border-color: var(--faint); }
.toolbar label { cursor: pointer; user-select: none; }
.stats { display: grid; grid-template-columns: repeat(auto-fit, minmax(250px, 1fr)); gap: 12px; }
.stat { border: 1px solid var(--line); border-radius: 8px; padding: 10px 12px; }
.stat h3 { display: block; font-size: .9rem; margin-bottom: 6px; }
.chips { display: flex; flex-wrap: wrap; gap: 6px; }
.chip { display: inline-flex; align-items: baseline; gap: 4px; font-size: .82rem;
  border: 1px solid var(--line); border-radius: 999px; padding: 1px 9px; color: var(--ink);
  background: var(--paper); white-space: nowrap; }
a.chip:hover { text-decoration: none; border-color: var(--faint); }
.chip b { font-size: .95rem; }
.chip.zero { color: var(--faint); }
.highlights { margin: 14px 0 0; padding: 0; list-style: none; counter-reset: hl; }
.highlights li { counter-increment: hl; position: relative; padding: 7px 10px 7px 38px;
  border-left: 3px solid var(--looser); background: #fff7f6; margin: 0 0 6px; border-radius: 0 6px 6px 0; }
.highlights li::before { content: counter(hl); position: absolute; left: 10px; top: 7px;
  font-weight: 700; color: var(--looser); }
.highlights li a { margin-left: .5em; font-size: .82rem; white-space: nowrap; }
.legend { display: flex; flex-wrap: wrap; gap: 6px 12px; align-items: center; font-size: .82rem;
  color: var(--muted); margin: 14px 0 0; }
.legend-title { font-weight: 700; color: var(--ink); }

table { width: 100%; border-collapse: separate; border-spacing: 0; font-size: .92rem; }
th, td { text-align: left; vertical-align: top; padding: 8px 10px; border-bottom: 1px solid var(--line); }
thead th { position: sticky; top: 0; z-index: 2; background: #eef1f5; color: var(--muted);
  font-size: .8rem; font-weight: 600; letter-spacing: .03em; border-bottom: 1px solid #cfd6de;
  white-space: nowrap;
  box-shadow: 0 1px 0 #cfd6de; }
tbody tr:hover td { background: #fafbfc; }
tr:target td { background: #fff8db !important; }
tr[id], details[id], a.src { scroll-margin-top: 48px; }
table.pairs { table-layout: fixed; }
table.pairs th:first-child { width: 3em; }
table.indicators th:nth-child(2) { width: 27%; }
table.indicators th:nth-child(3), table.indicators th:nth-child(4) { width: 22%; }
table.items th:last-child { width: 9.5em; }
table.tasks th:last-child { width: 12em; }
td.num { width: 2.6em; color: var(--faint); font-size: .8rem; }
td.num a { color: var(--faint); }
tr.group th { position: static; background: var(--soft); color: var(--ink); font-size: .85rem;
  font-weight: 600; padding: 6px 10px; border-bottom: 1px solid var(--line); }
.name { font-weight: 600; }
.alt-name { color: var(--muted); font-size: .85rem; }
.target { font-size: 1.05rem; font-weight: 600; }
.unit { color: var(--muted); font-size: .82rem; margin-left: .15em; font-weight: 400; }
.absent { color: var(--faint); }
.src { display: inline-block; font-size: .75rem; color: var(--muted); white-space: nowrap;
  font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; margin-top: 2px; }
.src.upper::before { content: "▲ "; color: var(--faint); }
.src.lower::before { content: "▼ "; color: var(--faint); }
.meta-line { display: flex; flex-wrap: wrap; gap: 2px 10px; align-items: baseline; }
.reason { display: block; color: var(--muted); font-size: .78rem; margin-top: 3px; }

.badge { display: inline-block; font-size: .78rem; font-weight: 600; line-height: 1.45;
  border: 1px solid currentColor; border-radius: 4px; padding: 0 6px; white-space: nowrap; }
.rel-same { color: var(--same); background: var(--same-bg); }
.rel-lower_stricter { color: var(--stricter); background: var(--stricter-bg); }
.rel-lower_looser { color: var(--looser); background: var(--looser-bg); }
.rel-incomparable { color: var(--incomparable); background: var(--incomparable-bg); }
.rel-only_upper { color: var(--missing); background: var(--missing-bg); }
.rel-only_lower { color: var(--only-lower); background: var(--only-lower-bg); border-style: dashed; }
.m-full { color: var(--same); background: var(--same-bg); }
.m-partial { color: var(--incomparable); background: var(--incomparable-bg); }
.m-only_upper { color: var(--missing); background: var(--missing-bg); }
.m-only_lower { color: var(--only-lower); background: var(--only-lower-bg); border-style: dashed; }
.attr { display: inline-block; font-size: .74rem; border-radius: 3px; padding: 0 5px;
  border: 1px solid var(--line); color: var(--muted); margin-left: .4em; white-space: nowrap; }
.attr.binding { color: var(--ink); border-color: #9aa5b4; font-weight: 600; }
.attr.changed { color: var(--looser); border-color: var(--looser); background: var(--looser-bg); font-weight: 700; }
tr.downgraded td { background: #fff8f7; }
.flag { display: inline-block; font-size: .76rem; font-weight: 700; color: var(--looser);
  background: var(--looser-bg); border: 1px solid var(--looser); border-radius: 4px;
  padding: 0 6px; margin-top: 3px; white-space: nowrap; }
.flag.warn { color: var(--incomparable); background: var(--incomparable-bg); border-color: var(--incomparable); }
tr.downgraded td:first-child, tr.flagged td:first-child { box-shadow: inset 3px 0 0 var(--looser); }
tr.only_upper td:first-child { box-shadow: inset 3px 0 0 var(--missing); }
tr.only_lower td:first-child { box-shadow: inset 3px 0 0 var(--only-lower); }
tr.only_upper .absent, tr.only_lower .absent { font-style: italic; }

.lead { font-size: .82rem; color: var(--muted); margin-top: 4px; }
.lead b { color: var(--ink); font-weight: 600; }
.lead.changed b { color: var(--looser); }
.text { margin-top: 6px; font-size: .88rem; line-height: 1.75; color: #364152;
  border-top: 1px dashed var(--line); padding-top: 6px; overflow-wrap: anywhere; }
del { color: var(--del); background: var(--del-bg); text-decoration: line-through;
  text-decoration-thickness: 1px; border-radius: 2px; padding: 0 1px; }
ins { color: var(--ins); background: var(--ins-bg); text-decoration: underline;
  text-decoration-color: rgba(20, 108, 46, .45); text-underline-offset: 3px; border-radius: 2px;
  padding: 0 1px; }
body:has(#show-text:not(:checked)) .text { display: none; }

details.column { border: 1px solid var(--line); border-radius: 8px; margin: 0 0 12px; }
details.column > summary { padding: 8px 12px; cursor: pointer; background: var(--soft);
  border-radius: 8px; }
details.column[open] > summary { border-radius: 8px 8px 0 0; border-bottom: 1px solid var(--line); }
details.column.only_lower > summary { box-shadow: inset 3px 0 0 var(--only-lower); }
details.column.only_upper > summary { box-shadow: inset 3px 0 0 var(--missing); }
.col-titles { display: inline; }
.col-titles .arrow { color: var(--faint); margin: 0 .5em; }
.col-titles .badge { margin-left: .6em; }
details.column table thead th { top: 0; }

.basis { display: grid; gap: 10px; }
.verdict { padding: 10px 14px; border-radius: 8px; border: 1px solid; font-weight: 600; }
.verdict.bad { color: var(--looser); background: var(--looser-bg); }
.verdict.good { color: var(--same); background: var(--same-bg); }
.verdict.unknown { color: var(--incomparable); background: var(--incomparable-bg); }
.basis ul { margin: 0; padding-left: 1.3em; }
.basis li { margin: 2px 0; }
.place-other { color: var(--looser); font-weight: 700; }
.place-same { color: var(--same); font-weight: 700; }

.sev-error { color: var(--error); background: var(--error-bg); }
.sev-warning { color: var(--warning); background: var(--warning-bg); }
.sev-info { color: var(--info); background: var(--info-bg); }
tr.sev-row-error td:first-child { box-shadow: inset 3px 0 0 var(--error); }
tr.sev-row-warning td:first-child { box-shadow: inset 3px 0 0 var(--warning); }
tr.sev-row-info td:first-child { box-shadow: inset 3px 0 0 var(--info); }
.offending { display: block; font-size: .85rem; background: var(--soft); border: 1px solid var(--line);
  border-radius: 4px; padding: 3px 8px; margin-top: 4px; white-space: pre-wrap; overflow-wrap: anywhere; }
.rule-summary { margin: 0 0 10px; color: var(--muted); }
table.findings { table-layout: fixed; }
table.findings th:nth-child(1) { width: 3em; }
table.findings th:nth-child(2) { width: 8.5em; }
table.findings th:nth-child(3) { width: 17em; }
summary .badge { margin-left: .5em; vertical-align: .1em; }
.fix { display: block; color: var(--same); font-size: .85rem; margin-top: 4px; }
.fix::before { content: "建议 fix: "; font-weight: 700; }
.empty { padding: 18px; color: var(--muted); text-align: center; }
footer { color: var(--faint); font-size: .78rem; text-align: center; margin-top: 24px; }

@media (max-width: 700px) {
  main { padding: 14px 10px 40px; }
  body { font-size: 15px; }
  h1 { font-size: 1.3rem; }
  .sides { grid-template-columns: 1fr; }
  .section-body { padding: 10px 10px 12px; }
  details.section > summary { padding: 10px 12px; }
  table.stack, table.stack tbody, table.stack tr, table.stack td, table.stack th { display: block; width: auto; }
  table.stack thead { display: none; }
  table.stack tr { border-bottom: 1px solid var(--line); padding: 6px 0; }
  table.stack tr.group th { border-bottom: 0; margin-top: 8px; }
  table.stack td { border-bottom: 0; padding: 4px 6px 4px 10px; }
  table.stack td.num { width: auto; padding-bottom: 0; }
  table.stack td[data-label]::before { content: attr(data-label); display: block; font-size: .72rem;
    color: var(--faint); letter-spacing: .04em; }
  tr.downgraded td:first-child, tr.flagged td:first-child, tr.only_upper td:first-child,
  tr.only_lower td:first-child, tr[class*="sev-row-"] td:first-child { box-shadow: none; }
  tr.downgraded, tr.flagged { box-shadow: inset 3px 0 0 var(--looser); }
  tr.only_upper { box-shadow: inset 3px 0 0 var(--missing); }
  tr.only_lower { box-shadow: inset 3px 0 0 var(--only-lower); }
  tr.sev-row-error { box-shadow: inset 3px 0 0 var(--error); }
  tr.sev-row-warning { box-shadow: inset 3px 0 0 var(--warning); }
  tr.sev-row-info { box-shadow: inset 3px 0 0 var(--info); }
  .stats { grid-template-columns: 1fr; }
  table.pairs, table.findings { table-layout: auto; }
  table.indicators tr:not(.group) { display: grid; grid-template-columns: 1fr 1fr; column-gap: 4px; }
  table.indicators td.num, table.indicators td.ind-name, table.indicators td.verdict-cell { grid-column: 1 / -1; }
  table.indicators td.ind-name::before, table.indicators td.verdict-cell::before { display: none; }
  table.indicators td.num { padding-top: 2px; }
  table.stack td.num a::before { content: "#"; }
}

@media print {
  @page { margin: 14mm 12mm; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  body { background: #fff; font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  .toolbar, nav.toc { display: none !important; }
  thead th { position: static; box-shadow: none; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; }
  details.section, section { border: 0; border-radius: 0; margin-bottom: 10pt; }
  details > summary { list-style: none; }
  details > summary::-webkit-details-marker { display: none; }
  details::details-content { content-visibility: visible; display: contents; }
  body:has(#show-text:not(:checked)) .text { display: block; }
  .text { color: #000; }
  del { color: #8b0000; text-decoration: line-through; text-decoration-thickness: 1.5px; }
  ins { color: #0b4d1f; text-decoration: underline; text-decoration-thickness: 1.5px; }
  .badge, .flag, .attr, .chip { border-width: 1px; border-style: solid; }
  a { color: inherit; }
  tbody tr:hover td { background: none; }
}
"""

_JS = """
(function () {
  "use strict";
  var all = function () { return Array.prototype.slice.call(document.querySelectorAll("details")); };
  var saved = null;
  window.addEventListener("beforeprint", function () {
    saved = all().map(function (d) { return d.open; });
    all().forEach(function (d) { d.open = true; });
  });
  window.addEventListener("afterprint", function () {
    if (saved) { var list = all(); list.forEach(function (d, i) { d.open = saved[i]; }); saved = null; }
  });
  Array.prototype.forEach.call(document.querySelectorAll("[data-details]"), function (button) {
    button.addEventListener("click", function () {
      var open = button.getAttribute("data-details") === "open";
      all().forEach(function (d) { d.open = open; });
    });
  });
  function reveal() {
    var id = location.hash ? decodeURIComponent(location.hash.slice(1)) : "";
    var node = id ? document.getElementById(id) : null;
    for (var n = node; n; n = n.parentElement) { if (n.tagName === "DETAILS") { n.open = true; } }
    if (node && node.scrollIntoView) { node.scrollIntoView({block: "start"}); }
  }
  window.addEventListener("hashchange", reveal);
  if (location.hash) { reveal(); }
})();
"""


def _csp_hash(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def _page(title: str, body: Markup) -> str:
    csp = (
        f"default-src 'none'; style-src {_csp_hash(_CSS)}; script-src {_csp_hash(_JS)}; "
        "img-src 'none'; base-uri 'none'; form-action 'none'"
    )
    head = _join(
        [
            el("meta", charset="utf-8"),
            el("meta", name="viewport", content="width=device-width, initial-scale=1"),
            el("meta", http_equiv="Content-Security-Policy", content=csp),
            el("meta", name="referrer", content="no-referrer"),
            el("meta", name="generator", content="planparse"),
            el("title", title),
            Markup(f"<style>{_CSS}</style>"),
        ]
    )
    return (
        "<!DOCTYPE html>\n"
        + el(
            "html",
            Markup("\n"),
            el("head", head),
            Markup("\n"),
            el("body", body, Markup(f"<script>{_JS}</script>")),
            lang="zh-CN",
        )
        + "\n"
    )


def _toolbar(text_toggle: bool) -> Markup:
    parts: list[object] = [
        el("button", "全部展开 expand all", type="button", data_details="open"),
        el("button", "全部收起 collapse all", type="button", data_details="close"),
    ]
    if text_toggle:
        parts.append(
            el(
                "label",
                el("input", type="checkbox", id="show-text", checked=True),
                " 显示正文差异 show text differences",
            )
        )
    return el("div", parts, class_="toolbar")


def _section(sid: str, title: str, count: str, body: object, *, open_: bool = True) -> Markup:
    return el(
        "details",
        el("summary", el("h2", title), el("span", count, class_="count")),
        el("div", body, class_="section-body"),
        class_="section",
        id=sid,
        open=open_,
    )


# ------------------------------------------------------------------------------------ context


class _Ctx:
    """Side names and files, and the line anchors already given out (ids must stay unique)."""

    def __init__(
        self,
        low: str,
        up: str,
        lower_file: str,
        upper_file: str,
        words: dict[str, str] | None = None,
    ) -> None:
        self.low, self.up = low, up
        self.words = words or {}
        self.files = {"lower": lower_file, "upper": upper_file}
        self.used: set[str] = set()

    def rel(self, relation: str) -> str:
        """The relation in words (diff_words.RELATION_WORDS), with the side names filled in."""
        return self.words.get(relation, relation).format(low=self.low, up=self.up)

    def name(self, side: str) -> str:
        return self.low if side == "lower" else self.up

    def src(self, side: str, lines: Sequence[int] | None, file: str | None = None) -> Markup:
        """``泽州县 L254–290``, linking to its own anchor ``#lower-L254`` (a permalink)."""
        if not lines:
            return Markup("")
        first, last = int(lines[0]), int(lines[-1])
        span = f"L{first}" if first == last else f"L{first}–{last}"
        anchor = f"{side}-L{first}"
        ident = None if anchor in self.used else anchor
        self.used.add(anchor)
        where = file or self.files.get(side, "")
        rows = f"第{first}行" if first == last else f"第{first}–{last}行"
        return el(
            "a",
            f"{self.name(side)} {span}",
            class_=f"src {side}",
            href=f"#{anchor}",
            id=ident,
            title=f"{where} {rows}",
            data_file=where,
            data_lines=f"{first}-{last}",
        )


def _lines(lines: Sequence[int] | None) -> str:
    if not lines:
        return ""
    return f"L{lines[0]}" if lines[0] == lines[-1] else f"L{lines[0]}–{lines[-1]}"


def _absent(text: str = "—") -> Markup:
    return el("span", text, class_="absent")


# --------------------------------------------------------------------------------------- diff


def diff_html(result: DiffResult) -> str:
    """The whole diff as one self-contained HTML page (zh-CN, inline CSS/JS, no network)."""
    from planparse.render.diff_words import RELATION_WORDS, side_names

    low, up = side_names(result)
    ctx = _Ctx(low, up, result.lower.file, result.upper.file, RELATION_WORDS)
    title = f"{low} vs {up} 规划对比报告"
    rows = {
        "ind": _indicator_section(result, ctx),
        "col": _column_section(result, ctx),
        "task": _task_section(result, ctx),
        "basis": _basis_section(result, ctx),
    }
    body = el(
        "main",
        _diff_header(result, ctx, title),
        _toolbar(text_toggle=True),
        _summary_section(result, ctx),
        rows["ind"],
        rows["col"],
        rows["task"],
        rows["basis"],
        el("footer", "planparse · ", result.lower.file, " ↔ ", result.upper.file),
    )
    return _page(title, body)


def _diff_header(result: DiffResult, ctx: _Ctx, title: str) -> Markup:
    def side(role: str, key: str, place: str, doc: Any) -> Markup:
        return el(
            "div",
            el("div", role, class_="role"),
            el(
                "div",
                el("span", place, class_="place"),
                doc.title or el("span", "（无标题）", class_="muted"),
            ),
            el("div", doc.file, class_="file"),
            class_=f"side {key}",
        )

    toc = el(
        "nav",
        [
            el("a", label, href=f"#{target}")
            for label, target in [
                ("摘要 summary", "summary"),
                ("指标 indicators", "indicators"),
                ("专栏 columns", "columns"),
                ("任务 tasks", "tasks"),
                ("编制依据 basis", "basis"),
            ]
        ],
        class_="toc",
    )
    return el(
        "header",
        el("h1", title),
        el(
            "p",
            f"下级规划 {ctx.low} 对照上级规划 {ctx.up}：指标、专栏、任务与编制依据逐项比较；"
            "每行标注原文行号（▲ 上级 / ▼ 下级）。",
            class_="sub",
        ),
        el(
            "div",
            side("上级规划 upper", "upper", ctx.up, result.upper),
            side("下级规划 lower", "lower", ctx.low, result.lower),
            class_="sides",
        ),
        toc,
        class_="top",
    )


def _chip(label: str, n: int, cls: str = "", href: str | None = None) -> Markup:
    classes = " ".join(c for c in ["chip", cls, "zero" if not n else ""] if c)
    inner = [el("b", str(n)), label]
    if href and n:
        return el("a", inner, class_=classes, href=href)
    return el("span", inner, class_=classes)


def _first(ids: dict[str, str], key: str) -> str | None:
    return f"#{ids[key]}" if key in ids else None


def _summary_section(result: DiffResult, ctx: _Ctx) -> Markup:
    s = result.summary
    ind, cols, tasks = s.get("indicators", {}), s.get("columns", {}), s.get("tasks", {})
    low = ctx.low
    first_ind: dict[str, str] = {}
    for i, p in enumerate(result.indicators, 1):
        first_ind.setdefault(p.relation, f"ind-{i}")
        if p.attribute_changed:
            first_ind.setdefault("attribute_changed", f"ind-{i}")
    first_task: dict[str, str] = {}
    for i, tp in enumerate(result.tasks, 1):
        first_task.setdefault(tp.match, f"task-{i}")
        if tp.lead_changed:
            first_task.setdefault("lead_changed", f"task-{i}")
    first_col: dict[str, str] = {}
    for i, cp in enumerate(result.columns, 1):
        if cp.upper is None:
            first_col.setdefault("only_lower", f"col-{i}")
        if cp.lower is None:
            first_col.setdefault("only_upper", f"col-{i}")

    def rel(key: str) -> str:
        return ctx.rel(key)

    ind_chips = [
        _chip(rel(k), int(ind.get(k, 0)), f"rel-{k}", _first(first_ind, k))
        for k in [
            "same",
            "lower_stricter",
            "lower_looser",
            "incomparable",
            "only_upper",
            "only_lower",
        ]
    ]
    ind_chips.append(
        _chip(
            "属性变化 attribute changed",
            int(ind.get("attribute_changed", 0)),
            "",
            _first(first_ind, "attribute_changed"),
        )
    )
    ind_chips.append(
        _chip(
            "约束性→预期性 downgraded",
            int(ind.get("downgraded", 0)),
            "rel-lower_looser" if ind.get("downgraded") else "",
            _first(first_ind, "attribute_changed"),
        )
    )
    col_chips = [
        _chip("matched", int(cols.get("matched", 0)), "rel-same"),
        _chip(
            f"missing in {low}",
            int(cols.get("only_upper", 0)),
            "rel-only_upper",
            _first(first_col, "only_upper"),
        ),
        _chip(
            f"{low} only",
            int(cols.get("only_lower", 0)),
            "rel-only_lower",
            _first(first_col, "only_lower"),
        ),
        _chip(f"项目 missing in {low}", int(cols.get("items_only_upper", 0)), "rel-only_upper"),
        _chip(f"项目 {low} only", int(cols.get("items_only_lower", 0)), "rel-only_lower"),
    ]
    task_chips = [
        _chip("full", int(tasks.get("full", 0)), "m-full", _first(first_task, "full")),
        _chip("partial", int(tasks.get("partial", 0)), "m-partial", _first(first_task, "partial")),
        _chip(
            f"missing in {low}",
            int(tasks.get("only_upper", 0)),
            "m-only_upper",
            _first(first_task, "only_upper"),
        ),
        _chip(
            f"{low} only",
            int(tasks.get("only_lower", 0)),
            "m-only_lower",
            _first(first_task, "only_lower"),
        ),
        _chip(
            "牵头单位变更 lead changed",
            int(tasks.get("lead_changed", 0)),
            "rel-lower_looser" if tasks.get("lead_changed") else "",
            _first(first_task, "lead_changed"),
        ),
    ]
    consistent = result.basis.consistent
    basis_word = {True: "一致 consistent", False: "不一致 inconsistent", None: "无法判断 unknown"}[
        consistent
    ]
    basis_cls = {True: "rel-same", False: "rel-lower_looser", None: "rel-incomparable"}[consistent]
    stats = el(
        "div",
        el(
            "div",
            el("h3", f"指标 indicators · {len(result.indicators)}"),
            el("div", ind_chips, class_="chips"),
            class_="stat",
        ),
        el(
            "div",
            el("h3", f"专栏 columns · {len(result.columns)}"),
            el("div", col_chips, class_="chips"),
            class_="stat",
        ),
        el(
            "div",
            el("h3", f"任务 tasks · {len(result.tasks)}"),
            el("div", task_chips, class_="chips"),
            class_="stat",
        ),
        el(
            "div",
            el("h3", "编制依据 basis"),
            el(
                "div",
                el("a", basis_word, class_=f"chip {basis_cls}", href="#basis"),
                class_="chips",
            ),
            class_="stat",
        ),
        class_="stats",
    )
    highlights = s.get("highlights") or []
    anchors = _highlight_anchors(result, highlights)
    items = [
        el("li", text, el("a", "查看 →", href=anchor) if anchor else None)
        for text, anchor in zip(highlights, anchors, strict=True)
    ]
    hl = (
        el("ol", items, class_="highlights")
        if items
        else el("p", "没有值得注意的差异 no notable differences", class_="muted")
    )
    return _section(
        "summary",
        "摘要 summary",
        f"最重要的差异 {len(highlights)} 条",
        [
            el("h3", "最重要的差异 most important differences"),
            hl,
            Markup("<br>"),
            stats,
            _legend(ctx),
        ],
    )


_HIGHLIGHT_KEYS: list[tuple[str, str, Callable[[Any], bool]]] = [
    ("lead unit", "task", lambda p: bool(p.lead_changed)),
    ("task(s) have no", "task", lambda p: p.match == "only_upper"),
    ("stricter", "ind", lambda p: p.relation == "lower_stricter"),
    ("indicator(s) missing", "ind", lambda p: p.relation == "only_upper"),
    ("专栏", "col", lambda p: p.upper is None),
]
_HIGHLIGHT_ROWS = {"task": "tasks", "ind": "indicators", "col": "columns"}


def _highlight_anchors(result: DiffResult, highlights: Sequence[str]) -> list[str | None]:
    """Where each highlight's evidence is in the page (best effort; None when not found)."""
    out: list[str | None] = []
    for text in highlights:
        anchor: str | None = None
        if text == result.basis.message:
            anchor = "#basis"
        if anchor is None:
            for i, p in enumerate(result.indicators, 1):
                name = p.upper.name if p.upper else None
                if name and f"「{name}」" in text:
                    anchor = f"#ind-{i}"
                    break
        if anchor is None:
            for key, kind, test in _HIGHLIGHT_KEYS:
                if key in text:
                    rows: Sequence[Any] = getattr(result, _HIGHLIGHT_ROWS[kind])
                    anchor = next((f"#{kind}-{i}" for i, p in enumerate(rows, 1) if test(p)), None)
                    break
        out.append(anchor)
    return out


def _legend(ctx: _Ctx) -> Markup:
    def item(cls: str, label: str) -> Markup:
        return el("span", label, class_=f"badge {cls}")

    return el(
        "div",
        el("span", "图例 legend", class_="legend-title"),
        [item(f"rel-{k}", ctx.rel(k)) for k in ctx.words],
        el("span", "约束性→预期性 ↓", class_="flag"),
        el("span", f"仅{ctx.up}有的文字", class_="muted"),
        el("del", "删去"),
        el("span", f"仅{ctx.low}有的文字", class_="muted"),
        el("ins", "新增"),
        el("span", "▲ 上级原文行号 ▼ 下级原文行号", class_="muted"),
        class_="legend",
    )


# ------------------------------------------------------------------------------ indicators


def _attr_pill(attribute: str | None, extra: str = "") -> Markup:
    if not attribute:
        return Markup("")
    cls = "attr binding" if attribute == "约束性" else "attr"
    return el("span", attribute, class_=f"{cls} {extra}".strip())


def _target_cell(ind: Indicator | None, side: str, ctx: _Ctx, pair: IndicatorPair) -> Markup:
    if ind is None:
        return _absent(f"{ctx.name(side)} 无此指标")
    unit = ind.unit or ""
    raw = ind.target.raw or ""
    show_unit = unit and ind.target.op != "qualitative" and not raw.endswith(unit)
    changed = side == "lower" and pair.attribute_changed
    return _join(
        [
            el(
                "div",
                el("span", raw or "—", class_="target"),
                el("span", unit, class_="unit") if show_unit else None,
                _attr_pill(ind.attribute, "changed" if changed else ""),
            ),
            el("div", ctx.src(side, ind.lines), class_="meta-line"),
        ]
    )


def _indicator_section(result: DiffResult, ctx: _Ctx) -> Markup:
    low, up = ctx.low, ctx.up
    head = el(
        "thead",
        el(
            "tr",
            el("th", "#"),
            el("th", "指标 indicator"),
            el("th", f"{up} 目标"),
            el("th", f"{low} 目标"),
            el("th", "关系 relation"),
        ),
    )
    rows = []
    group: str | None = None
    for i, p in enumerate(result.indicators, 1):
        main_ind = p.upper or p.lower
        category = (main_ind.category if main_ind else "") or ""
        if category != group:
            group = category
            rows.append(el("tr", el("th", category or "（未分类）", colspan="5"), class_="group"))
        name_parts: list[object] = [el("div", main_ind.name if main_ind else "", class_="name")]
        if p.upper is not None and p.lower is not None and p.lower.name != p.upper.name:
            name_parts.append(el("div", f"{low}：{p.lower.name}", class_="alt-name"))
        relation = ctx.rel(p.relation)
        verdict: list[object] = [el("span", relation, class_=f"badge rel-{p.relation}")]
        if p.attribute_changed and p.lower is not None and p.upper is not None:
            verdict.append(
                el(
                    "div",
                    el(
                        "span",
                        f"{p.upper.attribute}→{p.lower.attribute}",
                        " ↓ 降级 downgraded" if p.downgraded else " 属性变化",
                        class_="flag" if p.downgraded else "flag warn",
                    ),
                )
            )
        if p.reason:
            verdict.append(el("span", p.reason, class_="reason"))
        classes = [p.relation] + (["downgraded"] if p.downgraded else [])
        rows.append(
            el(
                "tr",
                el("td", el("a", str(i), href=f"#ind-{i}"), class_="num"),
                el("td", name_parts, data_label="指标 indicator", class_="ind-name"),
                el("td", _target_cell(p.upper, "upper", ctx, p), data_label=f"{up} 目标"),
                el("td", _target_cell(p.lower, "lower", ctx, p), data_label=f"{low} 目标"),
                el("td", verdict, data_label="关系 relation", class_="verdict-cell"),
                id=f"ind-{i}",
                class_=" ".join(classes),
                data_relation=p.relation,
            )
        )
    table = (
        el("table", head, el("tbody", rows), class_="pairs stack indicators")
        if rows
        else el("p", "两份规划都没有指标表。", class_="empty")
    )
    s = result.summary.get("indicators", {})
    diff_count = len(result.indicators) - int(s.get("same", 0)) + int(s.get("attribute_changed", 0))
    return _section(
        "indicators", "指标 indicators", f"{len(result.indicators)} 项 · {diff_count} 处差异", table
    )


# --------------------------------------------------------------------------------- text diff


def _diff_text(ops: Sequence[dict[str, str]], side: str) -> Markup:
    """One side of a word diff: text only on this side marked (upper: <del>, lower: <ins>)."""
    out: list[Markup] = []
    for op in ops:
        text = op.get(side, "")
        if not text:
            continue
        if op.get("op") == "equal":
            out.append(esc(text))
        elif side == "upper":
            out.append(el("del", text, title="仅上级有 only in upper"))
        else:
            out.append(el("ins", text, title="仅下级有 only in lower"))
    return Markup("".join(out))


def _diff_stats(ops: Sequence[dict[str, str]]) -> tuple[int, int]:
    removed = sum(len(op.get("upper", "")) for op in ops if op.get("op") != "equal")
    added = sum(len(op.get("lower", "")) for op in ops if op.get("op") != "equal")
    return removed, added


# ----------------------------------------------------------------------------------- columns


def _column_title(col: Any) -> str:
    return f"专栏{col.number} {col.title}"


def _item_cell(item: Any, side: str, ctx: _Ctx, pair: ItemPair | None) -> Markup:
    if item is None:
        return _absent(f"{ctx.name(side)} 无此项目")
    text = _diff_text(pair.diff, side) if pair is not None and pair.diff else esc(item.text)
    return _join(
        [
            el("div", f"{item.number}. {item.title}", class_="name"),
            el("div", ctx.src(side, item.lines), class_="meta-line"),
            el("div", text, class_="text") if item.text else None,
        ]
    )


def _column_block(i: int, p: ColumnPair, ctx: _Ctx) -> Markup:
    low, up = ctx.low, ctx.up
    if p.lower is not None and p.upper is not None:
        items: list[tuple[Any, Any, ItemPair | None]] = [(q.upper, q.lower, q) for q in p.items]
        state = "matched"
    elif p.lower is not None:
        items = [(None, it, None) for it in p.lower.items]
        state = "only_lower"
    else:
        assert p.upper is not None
        items = [(it, None, None) for it in p.upper.items]
        state = "only_upper"
    matched = sum(1 for u, lo, _ in items if u is not None and lo is not None)
    missing = sum(1 for u, lo, _ in items if lo is None)
    extra = sum(1 for u, lo, _ in items if u is None)
    counts = [f"{matched} matched"] if state == "matched" else []
    if missing:
        counts.append(f"{missing} missing in {low}")
    if extra:
        counts.append(f"{extra} {low} only")
    badge = None
    if state == "only_lower":
        badge = el("span", f"{low} only", class_="badge rel-only_lower")
    elif state == "only_upper":
        badge = el("span", f"missing in {low}", class_="badge rel-only_upper")
    titles = el(
        "span",
        el("h3", _column_title(p.upper))
        if p.upper
        else el("span", f"（{up} 无此专栏）", class_="absent"),
        el("span", "↔", class_="arrow"),
        el("h3", _column_title(p.lower))
        if p.lower
        else el("span", f"（{low} 无此专栏）", class_="absent"),
        badge,
        el("span", " · ".join(counts), class_="count"),
        class_="col-titles",
    )
    head = el(
        "thead",
        el(
            "tr",
            el("th", "#"),
            el("th", f"{up} 项目"),
            el("th", f"{low} 项目"),
            el("th", "状态 status"),
        ),
    )
    rows = []
    for j, (u, lo, q) in enumerate(items, 1):
        if u is not None and lo is not None:
            status = el("span", "matched", class_="badge rel-same")
            if q is not None and q.diff:
                removed, added = _diff_stats(q.diff)
                if removed or added:
                    status = _join(
                        [status, el("span", f"−{removed} / +{added} 字", class_="reason")]
                    )
            cls = "matched"
        elif lo is None:
            status = el("span", f"missing in {low}", class_="badge rel-only_upper")
            cls = "only_upper"
        else:
            status = el("span", f"{low} only", class_="badge rel-only_lower")
            cls = "only_lower"
        rid = f"col-{i}-item-{j}"
        rows.append(
            el(
                "tr",
                el("td", el("a", str(j), href=f"#{rid}"), class_="num"),
                el("td", _item_cell(u, "upper", ctx, q), data_label=f"{up} 项目"),
                el("td", _item_cell(lo, "lower", ctx, q), data_label=f"{low} 项目"),
                el("td", status, data_label="状态 status"),
                id=rid,
                class_=cls,
            )
        )
    sources = el(
        "div",
        ctx.src("upper", p.upper.lines) if p.upper else None,
        ctx.src("lower", p.lower.lines) if p.lower else None,
        class_="meta-line",
    )
    table = (
        el("table", head, el("tbody", rows), class_="pairs stack items")
        if rows
        else el("p", "（无项目）", class_="empty")
    )
    return el(
        "details",
        el("summary", titles),
        el("div", sources, table, class_="section-body"),
        class_=f"column {state}",
        id=f"col-{i}",
        open=True,
    )


def _column_section(result: DiffResult, ctx: _Ctx) -> Markup:
    blocks = [_column_block(i, p, ctx) for i, p in enumerate(result.columns, 1)]
    s = result.summary.get("columns", {})
    count = (
        f"{len(result.columns)} 个 · 缺 {s.get('only_upper', 0)} · {ctx.low}独有 {s.get('only_lower', 0)} · "
        f"项目缺 {s.get('items_only_upper', 0)} · 项目独有 {s.get('items_only_lower', 0)}"
    )
    body = blocks or el("p", "两份规划都没有专栏。", class_="empty")
    return _section("columns", "专栏 columns", count, body)


# ------------------------------------------------------------------------------------- tasks


def _task_cell(task: Any, side: str, ctx: _Ctx, pair: TaskPair) -> Markup:
    if task is None:
        return _absent(f"{ctx.name(side)} 无对应任务")
    lead_names = pair.upper_lead if side == "upper" else pair.lower_lead
    if not lead_names and task.responsibility is not None:
        lead_names = [u.name for u in task.responsibility.units if u.role == "lead"] or list(
            task.responsibility.lead
        )
    lead = None
    if lead_names:
        lead = el(
            "div",
            "牵头 ",
            el("b", "、".join(lead_names)),
            class_="lead changed" if pair.lead_changed else "lead",
        )
    elif task.responsibility is not None and task.responsibility.responsible:
        lead = el(
            "div", "责任 ", el("b", "、".join(task.responsibility.responsible)), class_="lead"
        )
    body = _diff_text(pair.diff, side) if pair.diff else esc(task.body)
    number = f"{task.number} " if task.number else ""
    return _join(
        [
            el("div", number, task.heading, class_="name"),
            el("div", ctx.src(side, task.lines), class_="meta-line"),
            lead,
            el("div", body, class_="text") if (pair.diff or task.body) else None,
        ]
    )


def _task_group(p: TaskPair, ctx: _Ctx) -> str:
    if p.upper is not None:
        return " › ".join(p.upper.path[:-1]) or "（未分节）"
    if p.lower is not None:
        return f"{ctx.low} only · " + (" › ".join(p.lower.path[:-1]) or "（未分节）")
    return ""


def _task_section(result: DiffResult, ctx: _Ctx) -> Markup:
    low, up = ctx.low, ctx.up
    head = el(
        "thead",
        el(
            "tr",
            el("th", "#"),
            el("th", f"{up} 任务"),
            el("th", f"{low} 任务"),
            el("th", "匹配 match"),
        ),
    )
    rows: list[Markup] = []
    group = None
    for i, p in enumerate(result.tasks, 1):
        g = _task_group(p, ctx)
        if g != group:
            group = g
            rows.append(el("tr", el("th", g, colspan="4"), class_="group"))
        word = {
            "full": "full",
            "partial": "partial",
            "only_upper": f"missing in {low}",
            "only_lower": f"{low} only",
        }.get(p.match, p.match)
        status: list[object] = [
            el("span", word + (f" {p.score:.2f}" if p.score else ""), class_=f"badge m-{p.match}")
        ]
        if p.lead_changed:
            status.append(el("div", el("span", "牵头单位变更 lead changed", class_="flag")))
            status.append(
                el(
                    "span",
                    f"{'、'.join(p.upper_lead)} → {'、'.join(p.lower_lead)}",
                    class_="reason",
                )
            )
        if p.matched_by and p.matched_by != "best mutual content similarity":
            status.append(el("span", p.matched_by, class_="reason"))
        if p.diff:
            removed, added = _diff_stats(p.diff)
            status.append(el("span", f"正文 −{removed} / +{added} 字", class_="reason"))
        classes = [p.match] + (["flagged"] if p.lead_changed else [])
        rows.append(
            el(
                "tr",
                el("td", el("a", str(i), href=f"#task-{i}"), class_="num"),
                el("td", _task_cell(p.upper, "upper", ctx, p), data_label=f"{up} 任务"),
                el("td", _task_cell(p.lower, "lower", ctx, p), data_label=f"{low} 任务"),
                el("td", status, data_label="匹配 match"),
                id=f"task-{i}",
                class_=" ".join(classes),
                data_match=p.match,
            )
        )
    table = (
        el("table", head, el("tbody", rows), class_="pairs stack tasks")
        if result.tasks
        else el("p", "两份规划都没有识别出任务。", class_="empty")
    )
    s = result.summary.get("tasks", {})
    count = (
        f"{len(result.tasks)} 对 · full {s.get('full', 0)} · partial {s.get('partial', 0)} · "
        f"缺 {s.get('only_upper', 0)} · 独有 {s.get('only_lower', 0)} · 牵头变更 {s.get('lead_changed', 0)}"
    )
    return _section("tasks", "任务 tasks", count, table)


# ------------------------------------------------------------------------------------- basis


def _basis_section(result: DiffResult, ctx: _Ctx) -> Markup:
    from planparse.extract.meta import place_of

    b = result.basis
    verdict_cls = {True: "good", False: "bad", None: "unknown"}[b.consistent]
    verdict_word = {True: "编制依据一致", False: "编制依据不一致", None: "编制依据无法判断"}[
        b.consistent
    ]
    cites = []
    for title in b.lower_cites:
        place = place_of(title)
        mark = None
        if place and b.upper_place and place == b.upper_place:
            mark = el("span", f" ✓ {place}", class_="place-same")
        elif place and b.upper_place and place[-1] == b.upper_place[-1]:
            mark = el("span", f" ✗ {place}，不是 {b.upper_place}", class_="place-other")
        cites.append(el("li", f"《{title}》", mark))
    upper_desc = b.upper_title or f"（{ctx.up}规划，无标题）"
    body = el(
        "div",
        el("div", f"{verdict_word}：", b.message, class_=f"verdict {verdict_cls}"),
        el(
            "div",
            el("b", f"{ctx.low} 引用的编制依据 cited as basis"),
            el("ul", cites) if cites else el("p", "（未写明）", class_="muted"),
        ),
        el(
            "div",
            el("b", "对照的上级规划 compared upper plan："),
            upper_desc,
            el("span", f" · {b.upper_place}", class_="muted") if b.upper_place else None,
            " ",
            el("span", result.upper.file, class_="src"),
        ),
        class_="basis",
    )
    return _section("basis", "编制依据 basis", verdict_word, body)


# -------------------------------------------------------------------------------------- check


_SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
_SEVERITY_WORDS = {"error": "错误 error", "warning": "警告 warning", "info": "提示 info"}


def _rule_titles() -> dict[str, tuple[str, str]]:
    """Rule id → (short name, one-sentence summary), as planparse.check publishes them."""
    try:
        from planparse.check import RULES
    except ImportError:  # pragma: no cover - the check module is optional here
        return {}
    out: dict[str, tuple[str, str]] = {}
    for rule in RULES:
        rid = getattr(rule, "id", None)
        if rid:
            out[str(rid)] = (
                str(getattr(rule, "name", "") or ""),
                str(getattr(rule, "summary", "") or ""),
            )
    return out


def _basename(path: str | None) -> str:
    return (path or "").replace("\\", "/").rsplit("/", 1)[-1]


def check_html(report: CheckReport) -> str:
    """Check findings as one self-contained HTML page: grouped by rule, severity coloured."""
    findings = list(report.findings)
    against = getattr(report, "against", None)
    ctx = _Ctx(
        _basename(report.file) or "本规划",
        _basename(against) or "上级规划",
        report.file,
        against or "",
    )
    titles = _rule_titles()
    by_rule: dict[str, list[Any]] = {}
    for f in findings:
        by_rule.setdefault(str(f.rule), []).append(f)

    def rule_key(rule: str) -> tuple[int, str]:
        worst = min(_SEVERITY_ORDER.get(f.severity, 3) for f in by_rule[rule])
        return worst, rule

    counts = {sev: sum(1 for f in findings if f.severity == sev) for sev in _SEVERITY_ORDER}
    title = f"{report.file} 检查报告"
    chips = [_chip(_SEVERITY_WORDS[sev], counts[sev], f"sev-{sev}") for sev in _SEVERITY_ORDER]
    rule_chips = [
        el(
            "a",
            el("b", str(len(by_rule[r]))),
            r,
            el("span", titles[r][0], class_="muted") if r in titles else None,
            class_="chip",
            href=f"#rule-{n}",
        )
        for n, r in enumerate(sorted(by_rule, key=rule_key), 1)
    ]
    header = el(
        "header",
        el("h1", "规划检查报告 check report"),
        el(
            "p",
            "逐条列出检查发现的问题：规则、严重程度、原文行号、原文片段和修改建议。",
            class_="sub",
        ),
        el(
            "div",
            el(
                "div",
                el("div", "检查对象 checked", class_="role"),
                el("div", report.file, class_="file"),
                class_="side",
            ),
            el(
                "div",
                el("div", "对照 against", class_="role"),
                el("div", against or "（无 none）", class_="file"),
                class_="side",
            ),
            class_="sides",
        ),
        class_="top",
    )
    summary = _section(
        "summary",
        "摘要 summary",
        f"{len(findings)} 条发现 · {len(by_rule)} 条规则",
        [
            el("div", chips, class_="chips"),
            Markup("<br>"),
            el("h3", "按规则 by rule") if rule_chips else None,
            el("div", rule_chips, class_="chips") if rule_chips else None,
            el(
                "div",
                el("span", "图例 legend", class_="legend-title"),
                [el("span", _SEVERITY_WORDS[s], class_=f"badge sev-{s}") for s in _SEVERITY_ORDER],
                el("span", "▼ 原文行号（点击得到永久链接）", class_="muted"),
                class_="legend",
            ),
        ],
    )
    sections: list[Markup] = []
    for n, rule in enumerate(sorted(by_rule, key=rule_key), 1):
        group = sorted(
            by_rule[rule],
            key=lambda f: (_SEVERITY_ORDER.get(f.severity, 3), (f.lines or (10**9,))[0]),
        )
        rows = []
        for j, f in enumerate(group, 1):
            sev = f.severity if f.severity in _SEVERITY_ORDER else "info"
            fid = f"rule-{n}-{j}"
            file = getattr(f, "file", None) or report.file
            side = "upper" if against and file == against and file != report.file else "lower"
            where: list[object] = [
                ctx.src(side, f.lines, file) if f.lines else el("span", "—", class_="absent")
            ]
            rows.append(
                el(
                    "tr",
                    el("td", el("a", str(j), href=f"#{fid}"), class_="num"),
                    el(
                        "td",
                        el("span", _SEVERITY_WORDS.get(sev, sev), class_=f"badge sev-{sev}"),
                        data_label="严重程度 severity",
                    ),
                    el("td", where, data_label="行号 lines"),
                    el(
                        "td",
                        el("div", f.message),
                        el("code", f.text, class_="offending") if getattr(f, "text", "") else None,
                        el("span", f.fix, class_="fix") if getattr(f, "fix", "") else None,
                        data_label="问题 finding",
                    ),
                    id=fid,
                    class_=f"sev-row-{sev}",
                    data_severity=sev,
                )
            )
        head = el(
            "thead",
            el(
                "tr",
                el("th", "#"),
                el("th", "严重程度"),
                el("th", "行号 lines"),
                el("th", "问题 · 原文 · 建议"),
            ),
        )
        worst = group[0].severity if group[0].severity in _SEVERITY_ORDER else "info"
        sections.append(
            el(
                "details",
                el(
                    "summary",
                    el("h2", rule, " ", titles[rule][0] if rule in titles else ""),
                    " ",
                    el("span", _SEVERITY_WORDS[worst], class_=f"badge sev-{worst}"),
                    el("span", f"{len(group)} 条", class_="count"),
                ),
                el(
                    "div",
                    el("p", titles[rule][1], class_="rule-summary") if rule in titles else None,
                    el("table", head, el("tbody", rows), class_="pairs stack findings"),
                    class_="section-body",
                ),
                class_="section",
                id=f"rule-{n}",
                open=True,
                data_rule=rule,
            )
        )
    if not sections:
        sections.append(el("section", el("p", "没有发现问题 no findings.", class_="empty")))
    body = el(
        "main",
        header,
        _toolbar(text_toggle=False),
        summary,
        sections,
        el("footer", "planparse check · ", report.file),
    )
    return _page(title, body)
