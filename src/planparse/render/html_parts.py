"""The parts both HTML reports are built from: safe HTML, the page, and source-line links.

HTML is only ever built with :func:`el`, which escapes every child that is not already
:class:`Markup` and every attribute value, so text from a plan can never become markup.

:func:`page` wraps a body into the one self-contained file: the stylesheet and script of
``assets/`` are read from the package (so an installed wheel has them too) and inlined, and a
Content-Security-Policy allows nothing but them, by the hash of exactly the inlined text.
"""

from __future__ import annotations

import base64
import hashlib
import html
from collections.abc import Iterable, Sequence
from functools import cache

__all__ = [
    "Ctx",
    "Markup",
    "absent",
    "chip",
    "el",
    "esc",
    "join_html",
    "page",
    "section",
    "toolbar",
]


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


def join_html(parts: Iterable[object], sep: str = "") -> Markup:
    return Markup(esc(sep).join(_children(parts)))


# ---------------------------------------------------------------------------- page skeleton


@cache
def _asset(name: str) -> str:
    """``assets/<name>`` as it is inlined: on lines of its own between the tags."""
    from importlib.resources import files  # only when rendering: ~10 ms to import

    text = (files("planparse.render") / "assets" / name).read_text(encoding="utf-8")
    return "\n" + text


def _csp_hash(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def page(title: str, body: Markup) -> str:
    """The self-contained page: ``body`` with the inlined stylesheet and script."""
    style, script = _asset("report.css"), _asset("report.js")
    csp = (
        f"default-src 'none'; style-src {_csp_hash(style)}; script-src {_csp_hash(script)}; "
        "img-src 'none'; base-uri 'none'; form-action 'none'"
    )
    head = join_html(
        [
            el("meta", charset="utf-8"),
            el("meta", name="viewport", content="width=device-width, initial-scale=1"),
            el("meta", http_equiv="Content-Security-Policy", content=csp),
            el("meta", name="referrer", content="no-referrer"),
            el("meta", name="generator", content="planparse"),
            el("title", title),
            Markup(f"<style>{style}</style>"),
        ]
    )
    return (
        "<!DOCTYPE html>\n"
        + el(
            "html",
            Markup("\n"),
            el("head", head),
            Markup("\n"),
            el("body", body, Markup(f"<script>{script}</script>")),
            lang="zh-CN",
        )
        + "\n"
    )


def toolbar(text_toggle: bool) -> Markup:
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


def section(sid: str, title: str, count: str, body: object, *, open_: bool = True) -> Markup:
    return el(
        "details",
        el("summary", el("h2", title), el("span", count, class_="count")),
        el("div", body, class_="section-body"),
        class_="section",
        id=sid,
        open=open_,
    )


def chip(label: str, n: int, cls: str = "", href: str | None = None) -> Markup:
    classes = " ".join(c for c in ["chip", cls, "zero" if not n else ""] if c)
    inner = [el("b", str(n)), label]
    if href and n:
        return el("a", inner, class_=classes, href=href)
    return el("span", inner, class_=classes)


def absent(text: str = "—") -> Markup:
    return el("span", text, class_="absent")


# ------------------------------------------------------------------------------------ context


class Ctx:
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
