"""planparse: structure and compare Chinese government plan documents.

The library API (imported lazily, so `import planparse` stays cheap):

- `parse_path(path) -> Plan`, `parse_text(text) -> Plan`
- `diff_plans(lower, upper, options=None) -> DiffResult`
- `run_check(plan, upper=None, options=None) -> CheckReport`
"""

from __future__ import annotations

from importlib import import_module

TYPE_CHECKING = False  # typing itself is not imported at run time: it slows every start-up
if TYPE_CHECKING:
    from typing import Any

__version__ = "0.1.0"

_API = {
    "parse_path": "planparse.parse.pipeline",
    "parse_text": "planparse.parse.pipeline",
    "diff_plans": "planparse.compare.diff",
    "DiffOptions": "planparse.compare.diff",
    "run_check": "planparse.compare.check",
    "CheckOptions": "planparse.compare.check",
}

__all__ = ["__version__", *_API]


def __getattr__(name: str) -> Any:
    module = _API.get(name)
    if module is None:
        raise AttributeError(f"module 'planparse' has no attribute {name!r}")
    return getattr(import_module(module), name)
