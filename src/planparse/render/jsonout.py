"""JSON output, schema-stable (see schemas/*.schema.json)."""

from __future__ import annotations

import json
from typing import Any


def to_json(data: Any, *, indent: int | None = 2) -> str:
    return json.dumps(data, ensure_ascii=False, indent=indent)
