"""专栏 boxes and tables on a fixed-layout page (PDF, OFD): frames closed by drawn strokes,
and whether a line of glyphs sits inside one.

Coordinates are points with y growing downwards: (x0, top, x1, bottom).
"""

from __future__ import annotations

from typing import Any

Box = tuple[float, float, float, float]  # x0, top, x1, bottom

_TOL = 2.0


def _touch(h: Box, v: Box) -> bool:
    return h[0] - _TOL <= v[0] <= h[2] + _TOL and v[1] - _TOL <= h[1] <= v[3] + _TOL


def frames(horiz: list[Box], vert: list[Box]) -> list[Box]:
    """Bounding boxes of connected strokes that close a frame (left, right, top or bottom)."""
    segs = horiz + vert
    parent = list(range(len(segs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    nh = len(horiz)
    for i, h in enumerate(horiz):
        for j, v in enumerate(vert):
            if _touch(h, v):
                parent[find(i)] = find(nh + j)
    groups: dict[int, list[int]] = {}
    for i in range(len(segs)):
        groups.setdefault(find(i), []).append(i)
    frames: list[Box] = []
    for members in groups.values():
        hs = [segs[i] for i in members if i < nh]
        vs = [segs[i] for i in members if i >= nh]
        if not hs or len(vs) < 2:
            continue
        every = hs + vs
        x0, x1 = min(s[0] for s in every), max(s[2] for s in every)
        top, bottom = min(s[1] for s in every), max(s[3] for s in every)
        height, width = bottom - top, x1 - x0
        if width < 20 or height < 10:
            continue

        wide = any(h[2] - h[0] >= 0.6 * width for h in hs)
        if _side(vs, x0, height) and _side(vs, x1, height) and wide:
            frames.append((x0, top, x1, bottom))
    return frames


def _side(vs: list[Box], x: float, height: float) -> bool:
    return sum(v[3] - v[1] for v in vs if abs(v[0] - x) <= 3) >= 0.6 * height


def inside(chars: list[dict[str, Any]], regions: list[Box]) -> bool:
    if not regions:
        return False
    visible = [c for c in chars if c.get("text", "").strip()]
    if not visible:
        return False
    hits = 0
    for c in visible:
        cx, cy = (c["x0"] + c["x1"]) / 2, (c["top"] + c["bottom"]) / 2
        hits += any(r[0] - 1 <= cx <= r[2] + 1 and r[1] - 1 <= cy <= r[3] + 1 for r in regions)
    return hits * 2 >= len(visible)
