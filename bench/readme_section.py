"""Rewrite one marked section of a README (between two HTML comments) with a bench's table."""

from __future__ import annotations

from pathlib import Path


def replace_section(readme_path: Path, start: str, end: str, text: str, heading: str) -> None:
    """Put ``text`` between the ``start`` and ``end`` markers; append the section under
    ``heading`` when the README has no such markers yet."""
    readme = readme_path.read_text(encoding="utf-8")
    block = f"{start}\n{text}\n{end}"
    if start in readme and end in readme:
        head, rest = readme.split(start, 1)
        readme = head + block + rest.split(end, 1)[1]
    else:
        readme = readme.rstrip("\n") + f"\n\n## {heading}\n\n" + block + "\n"
    readme_path.write_text(readme, encoding="utf-8")
