"""PDF plans: text lines per page in reading order, with 专栏-box evidence.

Why pdfplumber and not pypdfium2: pypdfium2 is faster and extracts text well, but it gives
text, not the drawing. pdfplumber (on pdfminer.six) exposes every character with its
position and font size, and the rectangles, lines and curves drawn on the page; that is
what tells a line inside a bordered 专栏 box or an indicator table from body text, which
the structure stage needs. pdfminer is pure Python, so it is also interruptible by the
time limit (see limits.deadline), where a hang inside a C library would not be.
"""

from __future__ import annotations

import contextlib
import io
import logging
from collections.abc import Iterator
from typing import Any

from planparse.model import PlanParseError, SourceText
from planparse.readers import limits
from planparse.readers.frames import Box, frames, grid_rows, with_tables
from planparse.readers.ocr import install_hint, ocr_available


def _error_for(exc: BaseException, path: str, where: str = "") -> PlanParseError:
    chain: list[BaseException] = []
    cur: BaseException | None = exc
    while cur is not None and len(chain) < 5:
        chain.append(cur)
        cur = cur.__cause__ or cur.__context__
    names = " ".join(type(e).__name__ for e in chain)
    if "Password" in names or "Encrypt" in names:
        return PlanParseError(
            path,
            "PDF is password-protected; open it with the password and save an unprotected copy",
        )
    detail = str(chain[-1]) or type(chain[-1]).__name__
    return PlanParseError(
        path, f"truncated or corrupt .pdf{where}: {detail[:200]}; download or export it again"
    )


def _white(color: Any) -> bool:
    if color is None:
        return True
    values = color if isinstance(color, (list, tuple)) else [color]
    try:
        nums = [float(v) for v in values]
    except (TypeError, ValueError):
        return False
    if len(nums) == 4:  # CMYK: white is no ink
        return all(v <= 0.02 for v in nums)
    return all(v >= 0.98 for v in nums)


def _segments(page: Any) -> tuple[list[Box], list[Box], list[Box]]:
    """Visible horizontal and vertical strokes, plus boxes drawn as filled shapes."""
    horiz: list[Box] = []
    vert: list[Box] = []
    filled: list[Box] = []
    for r in page.rects:
        x0, top, x1, bottom = r["x0"], r["top"], r["x1"], r["bottom"]
        stroke, fill = r.get("stroke"), r.get("fill")
        if not stroke and (not fill or _white(r.get("non_stroking_color"))):
            continue  # invisible or white background
        w, h = x1 - x0, bottom - top
        if h < 2 and w >= 2:
            horiz.append((x0, (top + bottom) / 2, x1, (top + bottom) / 2))
        elif w < 2 and h >= 2:
            vert.append(((x0 + x1) / 2, top, (x0 + x1) / 2, bottom))
        elif stroke:
            horiz += [(x0, top, x1, top), (x0, bottom, x1, bottom)]
            vert += [(x0, top, x0, bottom), (x1, top, x1, bottom)]
        elif w >= 20 and h >= 10:
            filled.append((x0, top, x1, bottom))  # shaded box without a border
    for ln in page.lines:
        x0, top, x1, bottom = ln["x0"], ln["top"], ln["x1"], ln["bottom"]
        if bottom - top < 1:
            horiz.append((x0, top, x1, top))
        elif x1 - x0 < 1:
            vert.append((x0, top, x0, bottom))
    for c in page.curves:
        x0, top, x1, bottom = c["x0"], c["top"], c["x1"], c["bottom"]
        w, h = x1 - x0, bottom - top
        if c.get("fill") and not _white(c.get("non_stroking_color")) and min(w, h) < 2:
            # A border drawn as a thin filled polygon (browsers bevel the corners of
            # table borders, so the sides are trapezoids, not rectangles): a rule.
            if h < 2 and w >= 2:
                horiz.append((x0, (top + bottom) / 2, x1, (top + bottom) / 2))
            elif w < 2 and h >= 2:
                vert.append(((x0 + x1) / 2, top, (x0 + x1) / 2, bottom))
        elif c.get("stroke") and w >= 20 and h >= 10:
            filled.append((x0, top, x1, bottom))  # rounded frame
    return horiz, vert, filled


def _regions(page: Any, segments: tuple[list[Box], list[Box], list[Box]]) -> list[Box]:
    horiz, vert, filled = segments
    if len(horiz) + len(vert) > limits.MAX_PDF_EDGES:
        found = [tuple(t.bbox) for t in page.find_tables()]
    else:
        found = frames(horiz, vert)
    page_area = float(page.width) * float(page.height)
    return [
        b
        for b in [*found, *filled]
        if (b[2] - b[0]) * (b[3] - b[1]) < 0.8 * page_area  # a page border frames nothing
    ]


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0
        self.first = ""

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1
        if not self.first:
            with contextlib.suppress(Exception):
                self.first = record.getMessage()[:160]


@contextlib.contextmanager
def _quiet_parser() -> Iterator[_Collect]:
    """pdfminer logs every damaged stream as a warning on stderr; gather them as a note."""
    handler = _Collect()
    loggers = [logging.getLogger(name) for name in ("pdfminer", "pdfplumber")]
    saved = [lg.propagate for lg in loggers]
    for lg in loggers:
        lg.addHandler(handler)
        lg.propagate = False
    try:
        yield handler
    finally:
        for lg, propagate in zip(loggers, saved, strict=True):
            lg.removeHandler(handler)
            lg.propagate = propagate


def read_pdf(data: bytes, path: str, *, ocr: bool | None = None) -> SourceText:
    """A PDF's text lines. `ocr`: True recognises every page with OCR, None (default) only
    the pages without a text layer when the OCR extra is installed, False never."""
    with _quiet_parser() as problems:
        src = _read_pdf(data, path, ocr)
    if problems.count:
        src.notes.append(
            f"pdf-parser-problems: the PDF parser reported {problems.count} problem(s), "
            f"so text may be missing; first: {problems.first}"
        )
    return src


def _read_pdf(data: bytes, path: str, ocr: bool | None) -> SourceText:
    import pdfplumber

    pages: list[list[tuple[str, bool]]] = []
    with limits.deadline(path, limits.PDF_TIME_LIMIT, "PDF text extraction") as dl:
        try:
            pdf = pdfplumber.open(io.BytesIO(data))
        except Exception as exc:
            raise _error_for(exc, path) from None
        with pdf:
            try:
                n_pages = len(pdf.pages)
            except Exception as exc:
                raise _error_for(exc, path) from None
            if n_pages > limits.MAX_PDF_PAGES:
                raise PlanParseError(
                    path,
                    f"PDF has {n_pages} pages, over the {limits.MAX_PDF_PAGES}-page limit; "
                    "split it first (e.g. `qpdf FILE --pages . 1-500 -- part1.pdf`)",
                )
            for number, page in enumerate(pdf.pages, start=1):
                dl.where = f"page {number} of {n_pages}"
                dl.check()
                try:
                    pages.append(_page_lines(page))
                except PlanParseError:
                    raise
                except Exception as exc:
                    raise _error_for(exc, path, f" (page {number})") from None
                finally:
                    page.close()

    notes: list[str] = []
    recognised = _ocr(data, path, pages, ocr, notes)
    lines: list[str] = []
    boxed: list[bool] = []
    starts: list[int] = []
    for page_lines in pages:
        starts.append(len(lines) + 1)
        for text, in_box in page_lines:
            lines.append(text)
            boxed.append(in_box)
    empty_pages = [n for n, page_lines in enumerate(pages, start=1) if not page_lines]
    _check_text(lines, path, tried_ocr=ocr is not False and ocr_available())
    notes.insert(0, f"pdf pages={len(starts)} page_starts=" + ",".join(map(str, starts)))
    if b"%%EOF" not in data[-2048:]:
        notes.append("pdf-maybe-truncated: no %%EOF marker at the end: the file may be truncated")
    if empty_pages:
        shown = ",".join(map(str, empty_pages[:20])) + ("…" if len(empty_pages) > 20 else "")
        hint = "" if ocr_available() else f"; {install_hint()}"
        notes.append(
            f"pdf-no-text-layer-pages: pages without a text layer (scanned?): {shown}{hint}"
        )
    return SourceText(
        path=path,
        format="pdf",
        encoding="n/a",
        lines=lines,
        origins=list(range(1, len(lines) + 1)),
        # OCR sees no drawn frames: with every page recognised, `clean` judges 专栏 boxes by
        # line width and numbering, as for extracted text.
        boxed=None if recognised == len(pages) else boxed,
        notes=notes,
    )


def _ocr(
    data: bytes, path: str, pages: list[list[tuple[str, bool]]], ocr: bool | None, notes: list[str]
) -> int:
    """Replace pages by their OCR (all with `ocr`, the empty ones by default); the count."""
    if ocr is False:
        return 0
    if ocr is None and not ocr_available():
        return 0
    if ocr and not ocr_available():
        raise PlanParseError(path, f"--ocr needs the OCR extra: {install_hint()}")
    wanted = [n for n, p in enumerate(pages, start=1) if ocr or not p]
    if not wanted:
        return 0
    from planparse.readers.ocr import ocr_pdf_pages

    with limits.deadline(path, limits.OCR_TIME_LIMIT, "OCR") as dl:
        dl.where = f"{len(wanted)} page(s)"
        try:
            found = ocr_pdf_pages(data, wanted)
        except PlanParseError:
            raise
        except Exception as exc:
            raise PlanParseError(path, f"OCR failed: {type(exc).__name__}: {exc}") from None
    read = [n for n, page in found.items() if page.lines]  # blank pages stay empty
    if not read:
        return 0
    scores = [s for n in read for s in found[n].scores]
    for number in read:
        pages[number - 1] = [(text, False) for text in found[number].lines]
    mean = sum(scores) / len(scores)
    shown = ",".join(map(str, read[:20])) + ("…" if len(read) > 20 else "")
    notes.append(
        f"ocr-text: pages {shown} read by OCR (RapidOCR), mean confidence {mean:.2f}; "
        "recognised text may contain errors"
    )
    return len(read)


def _overprinted(chars: list[dict[str, Any]]) -> set[int]:
    """ids of glyphs printed again within 1pt of the same glyph (fake bold), which would
    otherwise double every character ("一一、、总总体体").

    pdfplumber's own dedupe_chars() does this too, but costs as much as parsing the page.
    """
    grid: dict[tuple[str, int, int], list[dict[str, Any]]] = {}
    drop: set[int] = set()
    for c in chars:
        text, x, y = c["text"], c["x0"], c["top"]
        gx, gy = int(x), int(y)
        near = (
            other
            for dx in (-1, 0, 1)
            for dy in (-1, 0, 1)
            for other in grid.get((text, gx + dx, gy + dy), ())
        )
        if any(abs(o["x0"] - x) < 1 and abs(o["top"] - y) < 1 for o in near):
            drop.add(id(c))
        else:
            grid.setdefault((text, gx, gy), []).append(c)
    return drop


def _page_lines(page: Any) -> list[tuple[str, bool]]:
    drop = _overprinted(page.chars)
    if drop:
        page = page.filter(lambda obj: id(obj) not in drop)
    text_lines = page.extract_text_lines(strip=True, return_chars=True)
    if not text_lines:
        return []
    horiz, vert, filled = _segments(page)
    regions = _regions(page, (horiz, vert, filled))
    # A grid needs two rules each way; pdfplumber's table finder is not run on other pages.
    ruled = len(horiz) >= 2 and len(vert) >= 2
    grids = grid_rows(page.find_tables(), page.chars) if ruled else []
    lines = [(tl["text"], tl["top"], tl["chars"]) for tl in text_lines if tl["text"]]
    return with_tables(lines, grids, regions)


def _check_text(lines: list[str], path: str, *, tried_ocr: bool = False) -> None:
    if not any(line.strip() for line in lines):
        raise PlanParseError(
            path,
            "PDF has no text layer (scanned?); "
            + (
                "OCR found no text in it either"
                if tried_ocr
                else f"{install_hint()}, e.g. `ocrmypdf -l chi_sim FILE ocr.pdf`"
            ),
        )
    cid_lines = sum("(cid:" in line for line in lines)
    if cid_lines * 3 > len(lines):
        raise PlanParseError(
            path,
            "PDF text cannot be decoded (fonts without a Unicode map, shown as (cid:N)); "
            "run OCR on it instead, e.g. `ocrmypdf -l chi_sim --force-ocr FILE ocr.pdf`",
        )
