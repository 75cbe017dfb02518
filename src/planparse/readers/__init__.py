"""Read plans as users receive them: .txt, .docx, .html, .pdf and .ofd, into `SourceText`;
.doc, .wps, .rtf and .odt through LibreOffice when it is installed (`readers.office`).

The format is decided by the bytes first (magic numbers) and the file name second, because
files travel renamed: a .doc that is really HTML, a .pdf that is a saved error page.
Every problem with the input becomes a `PlanParseError` with a message the user can act on.
Heavy libraries are imported by the reader that needs them, so the CLI starts fast.

Characters of the Kangxi radicals and CJK radicals supplement blocks are mapped to the
unified ideographs they stand for, whatever the format (see `readers.radicals`).

`SourceText.notes` holds two kinds of note:

* A note that signals possible data loss (text missing, changed or guessed) starts with a
  stable code and ": ", then free text: `pdf-no-text-layer-pages: pages without a text
  layer (scanned?): 3,4`. The codes are the keys of `NOTE_CODES`; `note_code()` splits such
  a note into code and message. Only the code is stable; the text after it may change.
* Informational notes have no code. Those a program may read have a fixed format:

  - `pdf pages=N page_starts=L1,L2,...`: .pdf; the first line (1-based) of each page.
  - `heading paragraph=N outline_level=L style=S`: .docx, one per paragraph that Word
    treats as a heading: N is the paragraph's number (its origin), L the outline level
    1-9 (`-` when only the style name says heading), S the paragraph style's name (`-`
    when none). This is the structured form of the heading-style information: the parser
    reads it (`parse.styled_headings`), so the format must not change.
  - `automatic numbering rendered as text on N paragraphs`, `N footnotes/endnotes appended
    at the end` (.docx), `title taken from <h1> above the article body`, `article body:
    <div id="..."> (N of M CJK characters on the page)` (.html, when the whole page's text
    was kept), `declared charset X, but the bytes are UTF-8` (.html), `metadata block <table> outside
    the article kept as its first lines`, `article body <div id="..."> is hidden on the page
    (shown by a script when the page loads); read as printed` (.html), `named .X but the
    content is Y; read as Y`, `converted from K to .docx by LibreOffice; ...` (.doc, .wps,
    .rtf, .odt: origins are then the paragraphs of the converted .docx).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

from planparse.model import PlanParseError, SourceText
from planparse.readers.limits import DEFAULT_MAX_BYTES, check_size

__all__ = [
    "DEFAULT_MAX_BYTES",
    "NOTE_CODES",
    "note_code",
    "read_bytes",
    "read_path",
    "regular_file_size",
    "sniff",
]

NOTE_CODES = {
    "pdf-parser-problems": "the PDF parser hit damaged content, so text may be missing",
    "pdf-no-text-layer-pages": "pages without a text layer (scanned?), so their text is missing",
    "ocr-text": "text recognised by OCR from page images, which may contain errors",
    "ofd-no-text-layer-pages": "OFD pages with images but no text (scanned?): text is missing",
    "pdf-maybe-truncated": "no %%EOF marker at the end of the PDF: the file may be truncated",
    "txt-undecodable-bytes": "bytes of a text file that no encoding fits, replaced by U+FFFD",
    "html-undecodable-bytes": "bytes of a web page that no encoding fits, replaced by U+FFFD",
    "html-charset-mismatch": "the declared charset does not fit the bytes; encoding detected",
    "html-container": "the page has text outside the article container, which was left out",
    "docx-part-damaged": "a damaged .docx part (styles, numbering, notes) was ignored",
    "kangxi-mapped": "radical characters were replaced by the ideographs they stand for",
}
"""Codes that start a note signalling possible data loss, and what each means."""


def note_code(note: str) -> tuple[str, str] | None:
    """(code, message) for a note that starts with one of `NOTE_CODES`, else None."""
    code, sep, message = note.partition(": ")
    return (code, message) if sep and code in NOTE_CODES else None


_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HTML_EXT = {".html", ".htm", ".shtml", ".xhtml", ".jsp", ".asp", ".aspx", ".php"}
_NAMED = {
    ".pdf": "PDF", ".docx": "Word .docx", ".doc": "Word .doc", ".wps": "WPS", ".ofd": "OFD",
    ".odt": "OpenDocument", ".rtf": "RTF",
}  # fmt: skip
# Only magic numbers no plain text can start with (so not BMP's bare "BM").
_IMAGES = (
    (b"\x89PNG\r\n", "PNG"), (b"\xff\xd8\xff", "JPEG"), (b"GIF87a", "GIF"), (b"GIF89a", "GIF"),
    (b"II*\x00", "TIFF"), (b"MM\x00*", "TIFF"),
)  # fmt: skip
_ARCHIVES = (
    (b"Rar!", "RAR"), (b"7z\xbc\xaf\x27\x1c", "7z"), (b"\x1f\x8b", "gzip"),
)  # fmt: skip


def sniff(data: bytes, name: str = "-") -> str:
    """The format the content calls for: txt, html, docx, pdf, ofd, or one of the office
    formats converted by LibreOffice (doc, wps, rtf, odt); raise for the rest."""
    head = data[:4096]
    ext = Path(name).suffix.lower() if name != "-" else ""
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _zip_kind(data)
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(_OLE):
        refused = _ole_refusal(data)
        if refused:
            raise PlanParseError(name, refused)
        return "wps" if ext == ".wps" else "doc"
    if head.lstrip().startswith(b"{\\rtf"):
        return "rtf"
    for magic, kind in _IMAGES:
        if head.startswith(magic):
            raise PlanParseError(name, f"is a {kind} image, not a text document; run OCR first")
    for magic, kind in _ARCHIVES:
        if head.startswith(magic):
            raise PlanParseError(name, f"is a {kind} archive; extract the plan from it first")
    if b"MIME-Version:" in head[:512] and b"multipart/related" in head.lower():
        raise PlanParseError(
            name, "is an MHTML web archive; open it in a browser and save it as .html"
        )
    looks_html = _looks_html(head)
    if ext in _NAMED and not (looks_html and ext in (".doc", ".wps")):
        what = "an HTML page (a failed download?)" if looks_html else "something else"
        raise PlanParseError(
            name, f"is named {ext} but is not a {_NAMED[ext]} file: it looks like {what}"
        )
    if ext in _HTML_EXT or (ext != ".txt" and looks_html):
        return "html"
    return "txt"


def _looks_html(head: bytes) -> bool:
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<meta")):
        return True
    return start.startswith((b"<?xml", b"<!--")) and b"<html" in head.lower()


def _ole_refusal(data: bytes) -> str:
    """Why an OLE2 file is not read, or "" for a Word/WPS document."""
    utf16 = data[: 1 << 20]
    if "EncryptedPackage".encode("utf-16-le") in utf16:
        return (
            "is a password-protected Office file; remove the password in Word "
            "(File > Info > Protect Document) and save it again"
        )
    if "Workbook".encode("utf-16-le") in utf16:
        return "is an Excel .xls workbook, not a plan document"
    return ""


def _zip_kind(data: bytes) -> str:
    """docx, odt or ofd by the zip's entries (a damaged zip goes to the .docx reader, whose
    message says so)."""
    import io
    import zipfile

    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except Exception:
        return "docx"
    if "OFD.xml" in names or "ofd.xml" in names:
        return "ofd"
    if "word/document.xml" not in names and "content.xml" in names:
        mimetype = data[30:120]
        if b"opendocument.text" in mimetype or b"mimetype" not in mimetype:
            return "odt"
    return "docx"


def read_bytes(
    data: bytes, name: str = "-", *, max_bytes: int = DEFAULT_MAX_BYTES, ocr: bool | None = None
) -> SourceText:
    """Read a document held in memory; `name` is used for messages and as a format hint.

    `ocr` (PDF only): True recognises every page with OCR, None only pages without a text
    layer when the OCR extra is installed, False never."""
    check_size(name, len(data), max_bytes)
    if not data:
        raise PlanParseError(name, "file is empty")
    kind = sniff(data, name)
    if kind == "pdf":
        from planparse.readers.pdf import read_pdf

        src = read_pdf(data, name, ocr=ocr)
    else:
        src = _READERS[kind]()(data, name)
    ext = Path(name).suffix.lower()
    named = "html" if ext in _HTML_EXT else ext[1:]
    if named in _KINDS and named != kind and not (named == "wps" and kind == "doc"):
        src.notes.insert(0, f"named {ext} but the content is {kind}; read as {kind}")
    _map_radicals(src)
    return src


def _map_radicals(src: SourceText) -> None:
    from planparse.readers.radicals import map_radicals, radicals_note

    src.lines, counts = map_radicals(src.lines)
    if counts:
        src.notes.append(radicals_note(counts))


def _docx() -> Reader:
    from planparse.readers.docx import read_docx

    return read_docx


def _pdf() -> Reader:
    from planparse.readers.pdf import read_pdf

    return read_pdf


def _html() -> Reader:
    from planparse.readers.html import read_html

    return read_html


def _ofd() -> Reader:
    from planparse.readers.ofd import read_ofd

    return read_ofd


def _office(kind: str) -> Callable[[], Reader]:
    def load() -> Reader:
        from planparse.readers.office import read_office

        return lambda data, name: read_office(data, name, kind)

    return load


def _txt() -> Reader:
    from planparse.readers.txt import read_txt

    return read_txt


Reader = Callable[[bytes, str], SourceText]
_READERS: dict[str, Callable[[], Reader]] = {
    "docx": _docx, "pdf": _pdf, "html": _html, "txt": _txt, "ofd": _ofd,
    "doc": _office("doc"), "wps": _office("wps"), "rtf": _office("rtf"), "odt": _office("odt"),
}  # fmt: skip
_KINDS = set(_READERS)


def special_file_message(mode: int) -> str:
    """Why a named pipe, socket or device is refused, in the user's language."""
    from planparse.i18n import t

    if stat.S_ISFIFO(mode):
        kind = "fifo"
    elif stat.S_ISSOCK(mode):
        kind = "socket"
    elif stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        kind = "device"
    else:
        kind = "other"
    return t("error.special_file", kind=t(f"error.kind.{kind}"))


def regular_file_size(name: str) -> int:
    """The size of a regular file; a directory, named pipe, socket or device is refused
    before it is opened (opening a FIFO blocks until a writer appears; a device may never
    end)."""
    info = os.stat(name)
    if stat.S_ISDIR(info.st_mode):
        raise PlanParseError(name, "is a directory, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise PlanParseError(name, special_file_message(info.st_mode))
    return info.st_size


def read_path(
    path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES, ocr: bool | None = None
) -> SourceText:
    """Read a plan from a file; `-` reads standard input. `ocr`: see `read_bytes`."""
    name = str(path)
    if name == "-":
        import sys

        data = sys.stdin.buffer.read(max_bytes + 1)
        return read_bytes(data, name, max_bytes=max_bytes, ocr=ocr)
    try:
        check_size(name, regular_file_size(name), max_bytes)
        with open(name, "rb") as fh:
            data = fh.read(max_bytes + 1)
    except FileNotFoundError:
        raise PlanParseError(name, "no such file") from None
    except PermissionError:
        raise PlanParseError(name, "permission denied") from None
    except IsADirectoryError:
        raise PlanParseError(name, "is a directory, not a file") from None
    except OSError as exc:
        raise PlanParseError(name, f"cannot read: {exc.strerror or exc}") from None
    return read_bytes(data, name, max_bytes=max_bytes, ocr=ocr)
