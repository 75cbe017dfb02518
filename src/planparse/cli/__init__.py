"""Command line: one small module per command group, each a thin wrapper over a library function.

`app` and `main` are loaded on first use, so that the entry point (planparse.cli.launch) can
answer `planparse --help` without importing typer.
"""

from __future__ import annotations

TYPE_CHECKING = False  # see planparse/__init__.py
if TYPE_CHECKING:
    from typing import Any

__all__ = ["app", "main"]


def __getattr__(name: str) -> Any:
    if name not in __all__:
        raise AttributeError(f"module 'planparse.cli' has no attribute {name!r}")
    from planparse.cli import main as module

    return getattr(module, name)
