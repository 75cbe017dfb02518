"""The user's language: every message shown to a person is looked up here by key.

The words live in schemas/messages.toml (one table per message, an ``en`` and a ``zh`` string
with the same ``{name}`` placeholders); code only names keys. The language is chosen by
``--lang`` (see `set_lang`), else ``PLANPARSE_LANG``, else the locale (LC_ALL, LC_MESSAGES,
LANG: Chinese when it starts with ``zh``), else English. JSON keys and rule ids never change
with the language; only text meant for reading does.
"""

from __future__ import annotations

import os
from functools import cache

from planparse.resources import schema_toml

TYPE_CHECKING = False  # typing is not imported at run time: start-up (see cli/launch)
if TYPE_CHECKING:
    from typing import Any

LANGUAGES = ("en", "zh")

_chosen: str | None = None


def set_lang(lang: str | None) -> None:
    """Use ``lang`` ('en' or 'zh') from now on; None goes back to environment and locale."""
    global _chosen
    if lang is not None and lang not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}, not {lang!r}")
    _chosen = lang


def lang_from_env(environ: dict[str, str] | os._Environ[str] | None = None) -> str:
    """PLANPARSE_LANG if set to a known language, else the locale's language, else 'en'."""
    env = os.environ if environ is None else environ
    wanted = env.get("PLANPARSE_LANG", "").strip().lower()[:2]
    if wanted in LANGUAGES:
        return wanted
    # The first of these that is set decides, as in POSIX setlocale(LC_MESSAGES, "").
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def current_lang() -> str:
    return _chosen or lang_from_env()


def _leaves(table: dict[str, Any], prefix: str = "") -> dict[str, dict[str, str]]:
    """Flatten nested TOML tables: a table holding language strings is one message."""
    out: dict[str, dict[str, str]] = {}
    for key, value in table.items():
        name = f"{prefix}{key}"
        if not isinstance(value, dict):
            continue
        if any(isinstance(v, str) for v in value.values()):
            out[name] = {k: v for k, v in value.items() if isinstance(v, str)}
        else:
            out.update(_leaves(value, name + "."))
    return out


@cache
def catalogue() -> dict[str, dict[str, str]]:
    """Message key -> {language: text}, from schemas/messages.toml."""
    return _leaves(schema_toml("messages.toml"))


def t(key: str, /, **params: Any) -> str:
    """The message ``key`` in the current language, with its placeholders filled in.

    An unknown key is a programming error and raises KeyError; a missing translation falls
    back to English (the catalogue test makes sure there is none).
    """
    entry = catalogue()[key]
    text = entry.get(current_lang()) or entry["en"]
    return text.format(**params) if params else text


def is_zh() -> bool:
    return current_lang() == "zh"
