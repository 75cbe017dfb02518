"""OCR for PDF pages without a text layer (scans), with the optional `ocr` extra.

`pip install 'planparse[ocr]'` installs RapidOCR on ONNX Runtime, whose Chinese detection and
recognition models ship inside the wheel: nothing is downloaded at run time. Pages are
rendered with pypdfium2 (already installed with pdfplumber) at 144 dpi, recognised, and the
recognised text boxes are grouped into visual lines by their vertical position, left to right,
so `clean` sees wrapped lines with page breaks exactly as from a text layer. Table cells on one
row are joined with a space, as the PDF reader prints a flattened table row.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass, field
from functools import cache
from typing import Any

SCALE = 2.0  # render at 144 dpi: Chinese body text (10.5-16 pt) is then 30-45 px high
_INSTALL_HINT = "install the OCR extra (`pip install 'planparse[ocr]'`) or run OCR first"


def ocr_available() -> bool:
    """True when the OCR extra (rapidocr_onnxruntime) is installed."""
    return importlib.util.find_spec("rapidocr_onnxruntime") is not None


def install_hint() -> str:
    return _INSTALL_HINT


@cache
def _engine() -> Any:
    from rapidocr_onnxruntime import RapidOCR

    return RapidOCR()


@dataclass
class OcrPage:
    lines: list[str] = field(default_factory=list)
    scores: list[float] = field(default_factory=list)


def ocr_page(page: Any) -> OcrPage:
    """Recognise one pypdfium2 page: its text as visual lines in reading order."""
    image = page.render(scale=SCALE).to_numpy()
    result, _ = _engine()(image)
    boxes: list[tuple[float, float, float, str, float]] = []  # top, bottom, x0, text, score
    for points, text, score in result or []:
        ys = [p[1] for p in points]
        xs = [p[0] for p in points]
        if str(text).strip():
            boxes.append((min(ys), max(ys), min(xs), str(text).strip(), float(score)))
    boxes.sort(key=lambda b: ((b[0] + b[1]) / 2, b[2]))
    rows: list[list[tuple[float, float, float, str, float]]] = []
    for box in boxes:
        centre = (box[0] + box[1]) / 2
        if rows:
            last = rows[-1]
            top = sum(b[0] for b in last) / len(last)
            bottom = sum(b[1] for b in last) / len(last)
            if abs(centre - (top + bottom) / 2) <= 0.35 * (bottom - top):
                last.append(box)
                continue
        rows.append([box])
    out = OcrPage()
    for row in rows:
        row.sort(key=lambda b: b[2])
        out.lines.append(" ".join(b[3] for b in row))
        out.scores.extend(b[4] for b in row)
    return out


def ocr_pdf_pages(data: bytes, numbers: list[int]) -> dict[int, OcrPage]:
    """OCR of the given 1-based page numbers of a PDF held in memory."""
    import pypdfium2

    pdf = pypdfium2.PdfDocument(data)
    try:
        return {n: ocr_page(pdf[n - 1]) for n in numbers}
    finally:
        pdf.close()
