"""Word .docx read straight from the zip's XML with lxml (no python-docx).

python-docx repeats a merged cell at every grid position it covers and drops automatic
numbering, text boxes and footnotes; reading the XML ourselves keeps all four right.
Paragraph numbers (origins) count every w:p in document order, table cells and text boxes
included, so that a line can be found again in Word.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from typing import Any

from planparse.model import PlanParseError, SourceText
from planparse.readers import limits
from planparse.readers.layout import Cell, Item, Para, Table, render
from planparse.readers.numbering import Numbering

W_MAIN = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W_STRICT = "http://purl.oclc.org/ooxml/wordprocessingml/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
M_MATH = "http://schemas.openxmlformats.org/officeDocument/2006/math"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"

# Subtrees that never contribute printed body text (or are rendered elsewhere).
_SKIP = {
    "pPr", "rPr", "sectPr", "tblPr", "trPr", "tcPr", "tblGrid", "delText", "instrText",
    "del", "moveFrom", "txbxContent", "footnoteReference", "endnoteReference",
    "footnoteRef", "endnoteRef", "commentReference", "annotationRef", "fldChar",
    "bookmarkStart", "bookmarkEnd", "proofErr", "lastRenderedPageBreak", "separator",
    "continuationSeparator",
}  # fmt: skip
_HEADING_STYLE = re.compile(r"^(heading|标题|title)\s*\d*$", re.IGNORECASE)


def _parser() -> Any:
    from lxml import etree

    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def parse_xml(data: bytes, path: str, part: str) -> Any:
    from lxml import etree

    try:
        return etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        if "amplification" in str(exc) or "entity reference loop" in str(exc):
            raise PlanParseError(
                path,
                f"XML entity expansion in {part} exceeds safe limits "
                "(billion-laughs attack?); Word never writes entity declarations",
            ) from None
        raise PlanParseError(
            path, f"truncated or corrupt .docx: bad XML in {part}: {exc}"
        ) from None


def _local(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


class _Styles:
    def __init__(self, root: Any | None, q: str) -> None:
        self.q = q
        self.styles: dict[str, Any] = {}
        self.default_para: str | None = None
        if root is None:
            return
        for st in root.iter(f"{q}style"):
            if st.get(f"{q}type", "paragraph") != "paragraph":
                continue
            sid = st.get(f"{q}styleId", "")
            self.styles[sid] = st
            if st.get(f"{q}default") in ("1", "true"):
                self.default_para = sid

    def chain(self, sid: str | None) -> list[Any]:
        out: list[Any] = []
        seen: set[str] = set()
        sid = sid or self.default_para
        while sid and sid in self.styles and sid not in seen and len(out) < 20:
            seen.add(sid)
            st = self.styles[sid]
            out.append(st)
            based = st.find(f"{self.q}basedOn")
            sid = based.get(f"{self.q}val") if based is not None else None
        return out

    def name(self, sid: str | None) -> str:
        chain = self.chain(sid)
        if not chain:
            return sid or ""
        el = chain[0].find(f"{self.q}name")
        return el.get(f"{self.q}val", sid or "") if el is not None else sid or ""

    def ppr_value(self, sid: str | None, path: str, attr: str = "val") -> str | None:
        for st in self.chain(sid):
            el = st.find(f"{self.q}pPr/{path}")
            if el is not None:
                return el.get(f"{self.q}{attr}")
        return None


class _Walker:
    def __init__(self, q: str, numbering: Numbering, styles: _Styles) -> None:
        self.q = q
        self.numbering = numbering
        self.styles = styles
        self.count = 0
        self.notes: list[str] = []
        self.footnote_refs: list[tuple[str, str]] = []  # (kind, id) in reference order
        self.numbered = 0

    # -- block level ---------------------------------------------------------------------
    def blocks(self, container: Any, boxed: bool) -> list[Item]:
        items: list[Item] = []
        for child in self._children(container):
            name = _local(child.tag)
            if name == "p":
                items.extend(self.paragraph(child, boxed))
            elif name == "tbl":
                items.append(self.table(child))
        return items

    def _children(self, container: Any) -> list[Any]:
        """Block children, looking through content controls and markup wrappers."""
        out: list[Any] = []
        stack = list(reversed(list(container)))
        while stack:
            child = stack.pop()
            name = _local(child.tag)
            if name in ("sdt", "customXml", "ins", "moveTo", "smartTag"):
                inner = child.find(f"{self.q}sdtContent") if name == "sdt" else child
                if inner is not None:
                    stack.extend(reversed(list(inner)))
            elif name == "AlternateContent":
                branch = _choose(child)
                if branch is not None:
                    stack.extend(reversed(list(branch)))
            elif name in ("p", "tbl", "tr", "tc"):
                out.append(child)
        return out

    def paragraph(self, p: Any, boxed: bool) -> list[Item]:
        self.count += 1
        number = self.count
        lines = self._text_lines(p)
        label = self._label(p, number)
        if label:
            lines[0] = label + lines[0]
        items: list[Item] = [Para(lines=lines, origin=number, boxed=boxed)]
        for box in _textboxes(p):
            items.extend(self.blocks(box, boxed=True))
        return items

    def table(self, tbl: Any) -> Table:
        table = Table()
        for tr in self._children(tbl):
            if _local(tr.tag) != "tr":
                continue
            row: list[Cell] = []
            for tc in self._children(tr):
                if _local(tc.tag) != "tc":
                    continue
                vmerge = tc.find(f"{self.q}tcPr/{self.q}vMerge")
                merged = vmerge is not None and vmerge.get(f"{self.q}val") != "restart"
                first = self.count + 1
                items = self.blocks(tc, boxed=True)
                row.append(Cell(items=items, origin=first, merged=merged))
            table.rows.append(row)
        return table

    # -- inline level --------------------------------------------------------------------
    def _text_lines(self, p: Any) -> list[str]:
        lines = [""]
        q = self.q

        def walk(el: Any) -> None:
            for child in el:
                name = _local(child.tag)
                if not name or name in _SKIP:
                    continue  # entity references, comments, PIs, non-text markup
                ns = child.tag[1 : child.tag.index("}")] if child.tag.startswith("{") else ""
                if name == "t" and ns in (q[1:-1], M_MATH):
                    lines[-1] += _own_text(child)
                elif name in ("tab", "ptab"):
                    lines[-1] += " "
                elif name == "br":
                    if child.get(f"{q}type") in (None, "textWrapping"):
                        lines.append("")
                elif name == "cr":
                    lines.append("")
                elif name == "noBreakHyphen":
                    lines[-1] += "-"
                elif name == "sym":
                    lines[-1] += _sym(child.get(f"{q}char"))
                elif name == "r" and _hidden(child, q):
                    continue
                elif name == "AlternateContent":
                    branch = _choose(child)
                    if branch is not None:
                        walk(branch)
                elif name in ("footnoteReference", "endnoteReference"):
                    continue
                else:
                    if name == "r":
                        for ref in child:
                            ref_name = _local(ref.tag)
                            if ref_name in ("footnoteReference", "endnoteReference"):
                                self.footnote_refs.append((ref_name[:-9], ref.get(f"{q}id", "")))
                    walk(child)

        walk(p)
        return lines

    def _label(self, p: Any, number: int) -> str:
        q = self.q
        ppr = p.find(f"{q}pPr")
        sid = None
        num_id = ilvl = None
        outline = None
        if ppr is not None:
            ps = ppr.find(f"{q}pStyle")
            sid = ps.get(f"{q}val") if ps is not None else None
            num_pr = ppr.find(f"{q}numPr")
            if num_pr is not None:
                nid = num_pr.find(f"{q}numId")
                lvl = num_pr.find(f"{q}ilvl")
                num_id = nid.get(f"{q}val") if nid is not None else None
                ilvl = lvl.get(f"{q}val") if lvl is not None else None
            ol = ppr.find(f"{q}outlineLvl")
            outline = ol.get(f"{q}val") if ol is not None else None
        if num_id is None:
            num_id = self.styles.ppr_value(sid, f"{q}numPr/{q}numId")
        if ilvl is None:
            ilvl = self.styles.ppr_value(sid, f"{q}numPr/{q}ilvl")
        if outline is None:
            outline = self.styles.ppr_value(sid, f"{q}outlineLvl")
        style_name = self.styles.name(sid) if sid or self.styles.default_para else ""
        heading_style = bool(_HEADING_STYLE.match(style_name.strip()))
        outline_level = _int_or_none(outline)
        if (outline_level is not None and 0 <= outline_level < 9) or heading_style:
            level = outline_level + 1 if outline_level is not None else None
            self.notes.append(
                f"heading paragraph={number} outline_level={level or '-'} style={style_name or '-'}"
            )
        level_index = _int_or_none(ilvl) or 0
        label = self.numbering.label(num_id, level_index) if num_id else ""
        if label:
            self.numbered += 1
        return label


def _int_or_none(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _own_text(t: Any) -> str:
    # Not itertext(): an unresolved entity (&xxe;) would come back as its literal name.
    parts = [t.text or ""]
    parts.extend(child.tail or "" for child in t)
    return "".join(parts)


def _sym(code: str | None) -> str:
    try:
        value = int(code or "", 16)
    except ValueError:
        return ""
    if 0xF000 <= value <= 0xF0FF:
        value -= 0xF000  # symbol-font private-use range; the low byte is the glyph
    return chr(value) if 0x20 <= value <= 0x10FFFF else ""


def _hidden(run: Any, q: str) -> bool:
    vanish = run.find(f"{q}rPr/{q}vanish")
    return vanish is not None and vanish.get(f"{q}val", "true") not in ("0", "false")


def _choose(alternate: Any) -> Any | None:
    """mc:AlternateContent: the first Choice, else the Fallback; never both (same text)."""
    choice = alternate.find(f"{{{MC}}}Choice")
    return choice if choice is not None else alternate.find(f"{{{MC}}}Fallback")


def _textboxes(el: Any) -> list[Any]:
    found: list[Any] = []
    stack = list(reversed(list(el)))
    while stack:
        child = stack.pop()
        name = _local(child.tag)
        if name == "txbxContent":
            found.append(child)
        elif name == "AlternateContent":
            branch = _choose(child)
            if branch is not None:
                stack.extend(reversed(list(branch)))
        elif name and name not in ("pPr", "rPr", "del", "moveFrom"):
            stack.extend(reversed(list(child)))
    return found


# -- package -----------------------------------------------------------------------------
def _rels(zf: zipfile.ZipFile, part: str, path: str, budget: list[int]) -> dict[str, str]:
    """Relationship type suffix -> target part name, for `part`'s relationships."""
    folder, base = posixpath.split(part)
    rels_name = posixpath.join(folder, "_rels", base + ".rels")
    if rels_name not in zf.NameToInfo:
        return {}
    try:
        root = parse_xml(limits.read_part(zf, rels_name, path, budget), path, rels_name)
    except PlanParseError as exc:
        if "bad XML" not in exc.message:
            raise
        return {}  # damaged relationships: fall back to the conventional part names
    out: dict[str, str] = {}
    for rel in root.iter(f"{{{RELS}}}Relationship"):
        if rel.get("TargetMode") == "External":
            continue
        target = rel.get("Target", "")
        name = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
        name = posixpath.normpath(name)
        if name.startswith("..") or name not in zf.NameToInfo:
            continue
        out.setdefault(rel.get("Type", "").rsplit("/", 1)[-1], name)
    return out


def _not_a_docx(zf: zipfile.ZipFile, path: str) -> PlanParseError:
    names = set(zf.NameToInfo)
    if "content.xml" in names:
        return PlanParseError(
            path,
            "is an OpenDocument (.odt) file, not .docx; convert it with "
            f"`libreoffice --headless --convert-to docx {path}`",
        )
    if any(n.startswith("xl/") for n in names):
        return PlanParseError(path, "is an Excel workbook, not a plan document")
    if any(n.startswith("ppt/") for n in names):
        return PlanParseError(path, "is a PowerPoint file, not a plan document")
    return PlanParseError(path, "is a zip archive without word/document.xml, not a .docx")


def read_docx(data: bytes, path: str) -> SourceText:
    zf = limits.open_zip(data, path)
    budget = [limits.MAX_TOTAL_PART_BYTES]
    main = _rels(zf, "", path, budget).get("officeDocument")
    if main is None:
        main = "word/document.xml" if "word/document.xml" in zf.NameToInfo else None
    if main is None:
        raise _not_a_docx(zf, path)
    xml = limits.read_part(zf, main, path, budget, limits.MAX_DOCUMENT_PART_BYTES)
    doc = parse_xml(xml, path, main)
    ns = doc.tag[1 : doc.tag.index("}")] if doc.tag.startswith("{") else W_MAIN
    q = f"{{{ns}}}"
    body = doc.find(f"{q}body")
    if body is None:
        raise PlanParseError(path, f"truncated or corrupt .docx: {main} has no w:body")
    parts = _rels(zf, main, path, budget)
    damaged: list[str] = []

    def load(kind: str) -> Any | None:
        """An auxiliary part; a damaged one costs its feature (numbering, styles, notes),
        not the document. Size and bomb errors still stop the read."""
        name = parts.get(kind) or f"word/{kind}.xml"
        if name not in zf.NameToInfo:
            return None
        data = limits.read_part(zf, name, path, budget)
        try:
            return parse_xml(data, path, name)
        except PlanParseError as exc:
            damaged.append(f"docx-part-damaged: {name} ignored: {exc.message}")
            return None

    walker = _Walker(q, Numbering(load("numbering"), ns), _Styles(load("styles"), q))
    items = walker.blocks(body, boxed=False)
    items.extend(_notes(walker, load, q))

    out = render(items)
    if not any(line.strip() for line in out.lines):
        raise PlanParseError(
            path, "document has no text (only images? a scanned document needs OCR first)"
        )
    notes = damaged + walker.notes
    if walker.numbered:
        notes.append(f"automatic numbering rendered as text on {walker.numbered} paragraphs")
    return SourceText(
        path=path,
        format="docx",
        encoding="n/a",
        lines=out.lines,
        origins=out.origins,
        boxed=out.boxed,
        notes=notes,
    )


def _notes(walker: _Walker, load: Any, q: str) -> list[Item]:
    """Referenced footnotes/endnotes, in reference order, appended after the body."""
    items: list[Item] = []
    refs = list(dict.fromkeys(walker.footnote_refs))
    if not refs:
        return items
    roots = {"footnote": load("footnotes"), "endnote": load("endnotes")}
    by_id: dict[tuple[str, str], Any] = {}
    for kind, root in roots.items():
        if root is None:
            continue
        for note in root.iter(f"{q}{kind}"):
            by_id[(kind, note.get(f"{q}id", ""))] = note
    counters = {"footnote": 0, "endnote": 0}
    for kind, note_id in refs:
        note = by_id.get((kind, note_id))
        if note is None:
            continue
        counters[kind] += 1
        mark = f"[{'脚注' if kind == 'footnote' else '尾注'}{counters[kind]}] "
        before = len(walker.footnote_refs)
        note_items = walker.blocks(note, boxed=False)
        del walker.footnote_refs[before:]
        first = next((i for i in note_items if isinstance(i, Para)), None)
        if first is None:
            continue
        first.lines[0] = mark + first.lines[0].lstrip()
        items.extend(note_items)
    if items:
        walker.notes.append(f"{sum(counters.values())} footnotes/endnotes appended at the end")
    return items
