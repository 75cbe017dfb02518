"""OFD plans (GB/T 33190, the national fixed-layout format): text lines per page in reading
order, with the same 专栏-box evidence the PDF reader gives.

The package is a zip. `OFD.xml` lists one or more documents (`DocBody/DocRoot` → a
`Document.xml`); each document lists its pages in order (`Pages/Page@BaseLoc` → a
`Content.xml`) and the template pages they draw on (`CommonData/TemplatePage`). A page's
layers hold `TextObject`s (possibly inside `PageBlock`s): each has a `Boundary` (its origin
and box on the page, in millimetres, y growing downwards), an optional `CTM`, a font `Size`,
and `TextCode` runs whose first glyph sits at (`X`, `Y`) (the baseline) and whose further
glyphs advance by `DeltaX`/`DeltaY` (`g N d` repeats the advance d N times). `PathObject`s
(`AbbreviatedData`: S/M move, L line, B/Q curves, A arc, C close) draw table rules and box
frames. A `CompositeObject` draws a `CompositeGraphicUnit` of the document's resources (its
own content, placed by the object's Boundary and CTM).

Glyphs are placed on the page, grouped into lines by baseline and sorted left to right, with
a space where a gap is wider than 3 pt (as pdfplumber does for PDF); drawn strokes become
frames through `readers.frames`, so `clean` sees a line inside a bordered 专栏 or table as
boxed, as for PDF. Coordinates are converted to points so the thresholds are the PDF ones.

No maintained Python library reads OFD text with positions (easyofd renders to images and
PDF), so this reads the XML with lxml directly: entities, DTDs and network access off, and
every part inflated through `limits.read_part` under the zip limits.
"""

from __future__ import annotations

import contextlib
import math
import posixpath
import re
from dataclasses import dataclass, field
from typing import Any

from planparse.model import PlanParseError, SourceText
from planparse.readers import limits
from planparse.readers.frames import Box, frames, grid_rows, ruled_tables, with_tables

PT_PER_MM = 72 / 25.4
_GAP_EM = 0.75
"""A gap between glyphs wider than this (in em of the font size) is printed as a space: a
table-cell boundary or a tab. Narrower ones are letter-spacing (CJK/Latin autospace)."""
_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")

Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


@dataclass
class _Page:
    glyphs: list[dict[str, Any]] = field(default_factory=list)
    horiz: list[Box] = field(default_factory=list)
    vert: list[Box] = field(default_factory=list)
    filled: list[Box] = field(default_factory=list)
    images: int = 0
    area: float = 0.0


class _Package:
    """The zip, its part names (looked up as written, then case-insensitively) and budget."""

    def __init__(self, data: bytes, path: str) -> None:
        self.path = path
        self.zf = limits.open_zip(data, path, ".ofd")
        self.budget = [limits.MAX_TOTAL_PART_BYTES]
        self.lower = {n.lower(): n for n in self.zf.NameToInfo}

    def resolve(self, base_dir: str, loc: str) -> str | None:
        loc = (loc or "").strip().replace("\\", "/")
        if not loc:
            return None
        joined = loc.lstrip("/") if loc.startswith("/") else posixpath.join(base_dir, loc)
        name = posixpath.normpath(joined)
        if name.startswith("../") or name == "..":
            return None
        if name in self.zf.NameToInfo:
            return name
        return self.lower.get(name.lower())

    def xml(self, name: str) -> Any:
        from lxml import etree

        data = limits.read_part(self.zf, name, self.path, self.budget)
        parser = etree.XMLParser(
            resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
        )
        try:
            return etree.fromstring(data, parser)
        except etree.XMLSyntaxError as exc:
            raise PlanParseError(
                self.path, f"truncated or corrupt .ofd: bad XML in {name}: {exc}"
            ) from None


def _local(el: Any) -> str:
    tag = el.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _child(el: Any, name: str) -> Any | None:
    for c in el:
        if _local(c) == name:
            return c
    return None


def _children(el: Any, name: str) -> list[Any]:
    return [c for c in el if _local(c) == name]


def _numbers(text: str | None) -> list[float]:
    return [float(n) for n in _NUMBER.findall(text or "")]


def deltas(text: str | None) -> list[float]:
    """A DeltaX/DeltaY list: numbers, where `g N d` stands for N copies of d."""
    tokens = (text or "").split()
    out: list[float] = []
    i = 0
    while i < len(tokens):
        if tokens[i] == "g" and i + 2 < len(tokens):
            try:
                count, value = int(float(tokens[i + 1])), float(tokens[i + 2])
            except ValueError:
                i += 1
                continue
            out.extend([value] * max(0, min(count, 100_000)))
            i += 3
            continue
        with contextlib.suppress(ValueError):
            out.append(float(tokens[i]))
        i += 1
    return out


def _matrix(text: str | None) -> Matrix:
    nums = _numbers(text)
    return (nums[0], nums[1], nums[2], nums[3], nums[4], nums[5]) if len(nums) == 6 else _IDENTITY


def _apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    return m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]


def _boundary(el: Any) -> tuple[float, float, float, float]:
    nums = _numbers(el.get("Boundary"))
    return (nums[0], nums[1], nums[2], nums[3]) if len(nums) == 4 else (0.0, 0.0, 0.0, 0.0)


def _wide(char: str) -> bool:
    """Printed one em wide in a Chinese font: CJK, full-width forms, and the general
    punctuation (“ ” — …) that CJK fonts set full width."""
    return ord(char) >= 0x2E80 or "\u2000" <= char <= "\u206f"


def _compose(outer: Matrix, inner: Matrix) -> Matrix:
    """The transform applying `inner`, then `outer`."""
    a, b, c, d, e, f = inner
    oa, ob, oc, od, oe, of = outer
    return (
        oa * a + oc * b, ob * a + od * b, oa * c + oc * d, ob * c + od * d,
        oa * e + oc * f + oe, ob * e + od * f + of,
    )  # fmt: skip


def _placement(obj: Any, outer: Matrix) -> Matrix:
    """Object space to page millimetres: the object's CTM, then its Boundary origin, then the
    placement of the composite graphic it is drawn in (if any)."""
    bx, by, _, _ = _boundary(obj)
    return _compose(outer, _compose((1.0, 0.0, 0.0, 1.0, bx, by), _matrix(obj.get("CTM"))))


def _text_object(obj: Any, page: _Page, outer: Matrix = _IDENTITY) -> None:
    full = _placement(obj, outer)
    scale = math.sqrt(abs(full[0] * full[3] - full[1] * full[2])) or 1.0
    try:
        own = float(obj.get("Size") or 0)  # font size in the object's own units
    except ValueError:
        own = 0.0
    own = own if own > 0 else 3.5 / scale  # 10 pt, when the size is missing
    size = own * scale  # on the page, mm
    x = y = 0.0
    for code in _children(obj, "TextCode"):
        text = "".join(code.itertext())
        try:
            x = float(code.get("X", x))
            y = float(code.get("Y", y))
        except ValueError:
            pass
        dx, dy = deltas(code.get("DeltaX")), deltas(code.get("DeltaY"))
        for i, char in enumerate(text):
            if i:
                x += dx[i - 1] if i - 1 < len(dx) else (1.0 if _wide(text[i - 1]) else 0.5) * own
                y += dy[i - 1] if i - 1 < len(dy) else 0.0
            if char.isspace() and char != " ":
                char = " "
            px, py = _apply(full, x, y)
            # The glyph's own width (not its advance, which includes letter-spacing), so
            # that a gap inside one TextCode (between table cells) is seen.
            natural = (1.0 if _wide(char) else 0.5) * own
            advance = min(dx[i], natural) if i < len(dx) and dx[i] > 0 else natural
            ex, _ = _apply(full, x + advance, y)
            x0, x1 = sorted((px, ex))
            page.glyphs.append(
                {
                    "text": char,
                    "x0": x0 * PT_PER_MM,
                    "x1": x1 * PT_PER_MM,
                    "top": (py - 0.88 * size) * PT_PER_MM,
                    "bottom": (py + 0.12 * size) * PT_PER_MM,
                    "base": py * PT_PER_MM,
                    "size": size * PT_PER_MM,
                }
            )
        x += dx[len(text) - 1] if 0 < len(text) <= len(dx) else 0.0


def _white(color: Any | None) -> bool:
    if color is None:
        return False
    value = color.get("Value") or ""
    nums = [int(t[1:], 16) if t.startswith("#") else float(t) for t in value.split() if t]
    return bool(nums) and all(n >= 250 for n in nums)


def _path_object(obj: Any, page: _Page, outer: Matrix = _IDENTITY) -> None:
    full = _placement(obj, outer)
    stroke = obj.get("Stroke", "true").lower() != "false"
    fill = obj.get("Fill", "false").lower() == "true"
    data = _child(obj, "AbbreviatedData")
    tokens = (data.text or "").split() if data is not None else []
    segments: list[tuple[float, float, float, float]] = []
    points: list[tuple[float, float]] = []
    start = cur = (0.0, 0.0)
    curved = False
    arity = {"S": 2, "M": 2, "L": 2, "Q": 4, "B": 6, "A": 7, "C": 0}
    i = 0
    while i < len(tokens):
        op = tokens[i]
        n = arity.get(op)
        if n is None:
            i += 1
            continue
        try:
            args = [float(t) for t in tokens[i + 1 : i + 1 + n]]
        except ValueError:
            break
        if len(args) < n:
            break
        i += 1 + n
        if op == "C":
            segments.append((*cur, *start))
            cur = start
            continue
        end = _apply(full, args[-2], args[-1])
        end = (end[0] * PT_PER_MM, end[1] * PT_PER_MM)
        points.append(end)
        if op in ("S", "M"):
            start = cur = end
        elif op == "L":
            segments.append((*cur, *end))
            cur = end
        else:
            curved, cur = True, end
    if not points:
        return
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    x0, x1, top, bottom = min(xs), max(xs), min(ys), max(ys)
    w, h = x1 - x0, bottom - top
    if fill and not _white(_child(obj, "FillColor")):
        if h < 2 and w >= 2:
            page.horiz.append((x0, (top + bottom) / 2, x1, (top + bottom) / 2))
            return
        if w < 2 and h >= 2:
            page.vert.append(((x0 + x1) / 2, top, (x0 + x1) / 2, bottom))
            return
        if w >= 20 and h >= 10 and not stroke:
            page.filled.append((x0, top, x1, bottom))
            return
    if not stroke:
        return
    if curved and w >= 20 and h >= 10:
        page.filled.append((x0, top, x1, bottom))  # a rounded frame
    for ax, ay, ex, ey in segments:
        if abs(ey - ay) < 0.5 and abs(ex - ax) >= 2:
            page.horiz.append((min(ax, ex), ay, max(ax, ex), ay))
        elif abs(ex - ax) < 0.5 and abs(ey - ay) >= 2:
            page.vert.append((ax, min(ay, ey), ax, max(ay, ey)))


_MAX_NESTING = 4  # composite graphics drawn inside composite graphics


def _draw(
    root: Any,
    page: _Page,
    units: dict[str, Any] | None = None,
    outer: Matrix = _IDENTITY,
    depth: int = 0,
) -> None:
    """Draw a page's (or template's, or composite graphic unit's) content onto `page`.

    A CompositeObject draws a CompositeGraphicUnit from the document's resources (some
    producers, CNKI's for one, put all the text there) at its Boundary, through its CTM."""
    content = root if _local(root) == "Content" else _child(root, "Content")
    if content is None:
        return
    for obj in content.iter():
        kind = _local(obj)
        if kind == "TextObject":
            _text_object(obj, page, outer)
        elif kind == "PathObject":
            _path_object(obj, page, outer)
        elif kind == "ImageObject":
            page.images += 1
        elif kind == "CompositeObject" and units and depth < _MAX_NESTING:
            unit = units.get(obj.get("ResourceID", ""))
            inner = _child(unit, "Content") if unit is not None else None
            if inner is not None:
                _draw(inner, page, units, _placement(obj, outer), depth + 1)


def _lines(page: _Page) -> list[tuple[str, bool]]:
    """Glyphs grouped into lines by baseline, each line left to right; and boxed or not."""
    if not page.glyphs:
        return []
    regions: list[Box] = []
    grids: list[tuple[Box, list[tuple[str, bool]]]] = []
    if len(page.horiz) + len(page.vert) <= limits.MAX_PDF_EDGES:
        regions = frames(page.horiz, page.vert)
        if len(page.horiz) >= 2 and len(page.vert) >= 2:
            grids = grid_rows(ruled_tables(page.horiz, page.vert), page.glyphs)
    regions = [
        b for b in [*regions, *page.filled] if (b[2] - b[0]) * (b[3] - b[1]) < 0.8 * page.area
    ]
    glyphs = sorted(page.glyphs, key=lambda g: (g["base"], g["x0"]))
    rows: list[list[dict[str, Any]]] = []
    for g in glyphs:
        if rows and abs(g["base"] - rows[-1][0]["base"]) <= max(1.5, 0.3 * g["size"]):
            rows[-1].append(g)
        else:
            rows.append([g])
    out: list[tuple[str, float, list[dict[str, Any]]]] = []
    for row in rows:
        row.sort(key=lambda g: g["x0"])
        parts: list[str] = []
        kept: list[dict[str, Any]] = []
        for g in row:
            if g["text"] == " ":
                if parts and parts[-1] != " ":
                    parts.append(" ")
                continue
            if kept:
                prev = kept[-1]
                if g["text"] == prev["text"] and abs(g["x0"] - prev["x0"]) < 1:
                    continue  # printed twice for a bold effect
                gap = g["x0"] - prev["x1"]
                if gap > max(3.0, _GAP_EM * g["size"]) and parts[-1] != " ":
                    parts.append(" ")
            parts.append(g["text"])
            kept.append(g)
        text = "".join(parts).strip()
        if text:
            out.append((text, min(g["top"] for g in kept), kept))
    return with_tables(out, grids, regions)


def _page_area(root: Any, default: float) -> float:
    area = _child(root, "Area")
    box = _child(area, "PhysicalBox") if area is not None else None
    nums = _numbers(box.text if box is not None else None)
    return nums[2] * nums[3] * PT_PER_MM**2 if len(nums) == 4 else default


def _documents(pkg: _Package) -> list[str]:
    root_name = pkg.resolve("", "OFD.xml")
    if root_name is None:
        raise PlanParseError(pkg.path, "is a zip archive without OFD.xml, not an .ofd")
    root = pkg.xml(root_name)
    docs = []
    for body in _children(root, "DocBody"):
        loc = _child(body, "DocRoot")
        name = pkg.resolve("", loc.text or "") if loc is not None else None
        if name:
            docs.append(name)
    if not docs:
        raise PlanParseError(pkg.path, "truncated or corrupt .ofd: OFD.xml names no document")
    return docs


def _composite_units(pkg: _Package, base: str, common: Any | None) -> dict[str, Any]:
    """CompositeGraphicUnits by ID, from the document's PublicRes and DocumentRes parts."""
    units: dict[str, Any] = {}
    if common is None:
        return units
    for ref in [*_children(common, "PublicRes"), *_children(common, "DocumentRes")]:
        name = pkg.resolve(base, ref.text or "")
        if name is None:
            continue
        for el in pkg.xml(name).iter():
            if _local(el) == "CompositeGraphicUnit" and el.get("ID"):
                units[el.get("ID")] = el
    return units


def _pages(pkg: _Package, doc_name: str) -> list[tuple[str, dict[str, str], float, dict[str, Any]]]:
    """(content part, template parts by ID, default page area, composite graphic units) per
    page of one document."""
    doc = pkg.xml(doc_name)
    base = posixpath.dirname(doc_name)
    common = _child(doc, "CommonData")
    units = _composite_units(pkg, base, common)
    templates: dict[str, str] = {}
    area = 210 * 297 * PT_PER_MM**2
    if common is not None:
        for tpl in _children(common, "TemplatePage"):
            name = pkg.resolve(base, tpl.get("BaseLoc", ""))
            if name:
                templates[tpl.get("ID", "")] = name
        area = _page_area_of(common, area)
    pages_el = _child(doc, "Pages")
    out = []
    for page in _children(pages_el, "Page") if pages_el is not None else []:
        name = pkg.resolve(base, page.get("BaseLoc", ""))
        if name is None:
            raise PlanParseError(
                pkg.path, f"truncated or corrupt .ofd: page {page.get('BaseLoc')!r} is missing"
            )
        out.append((name, templates, area, units))
    return out


def _page_area_of(common: Any, default: float) -> float:
    page_area = _child(common, "PageArea")
    box = _child(page_area, "PhysicalBox") if page_area is not None else None
    nums = _numbers(box.text if box is not None else None)
    return nums[2] * nums[3] * PT_PER_MM**2 if len(nums) == 4 else default


def read_ofd(data: bytes, path: str) -> SourceText:
    pkg = _Package(data, path)
    lines: list[str] = []
    boxed: list[bool] = []
    starts: list[int] = []
    image_pages: list[int] = []
    with limits.deadline(path, limits.PDF_TIME_LIMIT, "OFD text extraction") as dl:
        pages = [p for doc in _documents(pkg) for p in _pages(pkg, doc)]
        if len(pages) > limits.MAX_PDF_PAGES:
            raise PlanParseError(
                path, f"OFD has {len(pages)} pages, over the {limits.MAX_PDF_PAGES}-page limit"
            )
        for number, (name, templates, default_area, units) in enumerate(pages, start=1):
            dl.where = f"page {number} of {len(pages)}"
            dl.check()
            root = pkg.xml(name)
            page = _Page(area=_page_area(root, default_area))
            for ref in _children(root, "Template"):  # headers, footers, letterheads
                tpl_name = templates.get(ref.get("TemplateID", ""))
                if tpl_name and tpl_name != name:
                    _draw(pkg.xml(tpl_name), page, units)
            _draw(root, page, units)
            starts.append(len(lines) + 1)
            page_lines = _lines(page)
            if not page_lines and page.images:
                image_pages.append(number)
            for text, in_box in page_lines:
                lines.append(text)
                boxed.append(in_box)
    if not any(line.strip() for line in lines):
        raise PlanParseError(
            path, "OFD has no text (scanned images?); run OCR on a PDF export of it"
        )
    notes = [f"ofd pages={len(starts)} page_starts=" + ",".join(map(str, starts))]
    if image_pages:
        shown = ",".join(map(str, image_pages[:20])) + ("…" if len(image_pages) > 20 else "")
        notes.append(f"ofd-no-text-layer-pages: pages with images but no text (scanned?): {shown}")
    return SourceText(
        path=path,
        format="ofd",
        encoding="n/a",
        lines=lines,
        origins=list(range(1, len(lines) + 1)),
        boxed=boxed,
        notes=notes,
    )
