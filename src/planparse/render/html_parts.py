"""What both HTML reports share: the Jinja2 environment, the inlined assets and their
Content-Security-Policy, and the links to source lines.

Templates live in ``templates/`` and the stylesheet and script in ``assets/``, both shipped as
package data. Autoescape is on for every template, and every value a template prints is
escaped with ``html.escape(..., quote=True)`` unless it is :class:`Markup` (a macro's output,
or the package's own assets), so text from a plan can never become markup.

The page inlines ``assets/report.css`` and ``assets/report.js`` and a Content-Security-Policy
allows nothing but them, by the hash of exactly the inlined text.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from markupsafe import Markup

__all__ = ["Markup", "ReportSides", "SourceLink", "esc", "render"]


def esc(value: object) -> Markup:
    """Text as HTML content or a quoted attribute value (&, <, >, " and ' escaped)."""
    if hasattr(value, "__html__"):
        return Markup(value)
    return Markup(html.escape("" if value is None else str(value), quote=True))


# Line breaks and the indentation after them are the template's own layout: removed when the
# template is loaded, so the page has no stray whitespace between tags (a space the page
# needs is written on the line itself).
_LAYOUT = re.compile(r"\n[ \t]*")


@cache
def _environment() -> Any:
    import jinja2  # only when a report is rendered
    from jinja2.ext import Extension

    class JoinLines(Extension):
        def preprocess(self, source: str, name: str | None, filename: str | None = None) -> str:
            return _LAYOUT.sub("", source)

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("planparse.render", "templates"),
        autoescape=True,
        finalize=lambda value: "" if value is None else esc(value),
        undefined=jinja2.StrictUndefined,
        extensions=[JoinLines],
    )
    return env


@cache
def _asset(name: str) -> str:
    """``assets/<name>`` as it is inlined: on lines of its own between the tags."""
    from importlib.resources import files  # only when rendering: ~10 ms to import

    text = (files("planparse.render") / "assets" / name).read_text(encoding="utf-8")
    return "\n" + text


def _csp_hash(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def render(template: str, **values: Any) -> str:
    """A whole page: ``template`` (which extends page.html.j2) with the inlined assets."""
    style, script = _asset("report.css"), _asset("report.js")
    csp = (
        f"default-src 'none'; style-src {_csp_hash(style)}; script-src {_csp_hash(script)}; "
        "img-src 'none'; base-uri 'none'; form-action 'none'"
    )
    page = _environment().get_template(template)
    return page.render(style=Markup(style), script=Markup(script), csp=csp, **values)


# --------------------------------------------------------------------------------- sources


@dataclass(frozen=True)
class SourceLink:
    """``泽州县 L254–290``, linking to its own anchor ``#lower-L254`` (a permalink)."""

    side: str
    text: str
    anchor: str
    id: str | None  # the anchor, on the first link to these lines only (ids are unique)
    file: str
    first: int
    last: int

    @property
    def rows(self) -> str:
        return f"第{self.first}行" if self.first == self.last else f"第{self.first}–{self.last}行"


class ReportSides:
    """The two sides of a report: names, files, the relation words, and the line anchors
    already given out (an anchor becomes an id once, on its first link)."""

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

    def link(
        self, side: str, lines: Sequence[int] | None, file: str | None = None
    ) -> SourceLink | None:
        if not lines:
            return None
        first, last = int(lines[0]), int(lines[-1])
        span = f"L{first}" if first == last else f"L{first}–{last}"
        anchor = f"{side}-L{first}"
        ident = None if anchor in self.used else anchor
        self.used.add(anchor)
        where = file or self.files.get(side, "")
        return SourceLink(side, f"{self.name(side)} {span}", anchor, ident, where, first, last)
