"""The pages of `planparse serve`, from Jinja2 templates with autoescape (every document
string is escaped by the engine, never by hand)."""

from __future__ import annotations

from functools import cache
from typing import Any

from planparse.i18n import catalogue
from planparse.model import Plan


def label(key: str, lang: str) -> str:
    """The page's word for ``key`` (schemas/messages.toml, [serve.*]) in ``lang``: each
    request has its own language, so the process-wide `i18n.t` language is not used."""
    entry = catalogue()[f"serve.{key}"]
    return entry.get(lang) or entry["en"]


@cache
def environment() -> Any:
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(
        loader=PackageLoader("planparse.serve", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env


def render(template: str, lang: str, **context: Any) -> str:
    def t(key: str) -> str:
        return label(key, lang)

    other = "en" if lang == "zh" else "zh"
    return environment().get_template(template).render(t=t, lang=lang, other=other, **context)


def plan_page(plan: Plan, lang: str, downloads: list[tuple[str, str]] | None = None) -> str:
    return render("plan.html", lang, plan=plan, downloads=downloads or [])
