"""Words shared by every diff renderer (terminal, Markdown, HTML)."""

from __future__ import annotations

from planparse.compare.diff import DiffResult

RELATION_WORDS = {
    "same": "same",
    "lower_stricter": "{low} stricter",
    "lower_looser": "{low} looser",
    "incomparable": "incomparable",
    "only_lower": "{low} only",
    "only_upper": "missing in {low}",
}


def side_names(result: DiffResult) -> tuple[str, str]:
    """Each side named by its place (泽州县, 临汾市), else 'lower'/'upper'."""
    return result.lower.place or "lower", result.upper.place or "upper"
