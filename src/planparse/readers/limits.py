"""Resource limits for hostile or merely huge input, and the guarded zip access they need.

A plan is a few hundred KB; anything near these limits is a mistake or an attack, so the
limits are generous for real documents and fail fast, with a message, for the rest.
"""

from __future__ import annotations

import contextlib
import posixpath
import time
from collections.abc import Iterator

from planparse.model import PlanParseError

TYPE_CHECKING = False  # typing is not imported at run time: start-up (see cli/launch)
if TYPE_CHECKING:
    import zipfile

# zipfile, signal and threading are imported where used: this module is imported for its
# constants on every CLI start-up.

MB = 1024 * 1024

DEFAULT_MAX_BYTES = 50 * MB
"""Largest input file read at all (compressed size for .docx)."""

MAX_ZIP_ENTRIES = 5000
MAX_DOCUMENT_PART_BYTES = 50 * MB
"""Largest uncompressed word/document.xml (a 300-page plan with tables is about 10 MB)."""
MAX_PART_BYTES = 10 * MB
"""Largest uncompressed size of any other XML part (styles, numbering, notes, rels)."""
MAX_TOTAL_PART_BYTES = 80 * MB
"""Budget for all parts read from one .docx together."""
MAX_RATIO = 100
"""Compression ratio above which a part is treated as a zip bomb (real XML: 5-30)."""
RATIO_MIN_BYTES = 1 * MB
"""Small parts may compress extremely well (runs of spaces); only big ones are judged."""

MAX_PDF_PAGES = 500
PDF_TIME_LIMIT = 300.0
"""Seconds of wall time for extracting one PDF (pdfminer needs ~0.25 s for a page of text)."""
CONVERT_TIME_LIMIT = 120.0
"""Seconds for LibreOffice to convert one .doc/.wps/.rtf/.odt (start-up alone takes ~3 s)."""
OCR_TIME_LIMIT = 900.0
"""Seconds of wall time for OCR of one PDF (RapidOCR: 5-20 s a page on one core)."""
MAX_PDF_EDGES = 1500
"""Drawn edges per page above which box detection falls back to find_tables()."""

_READ_CHUNK = 1 * MB


def human_size(n: int) -> str:
    if n >= MB:
        return f"{n / MB:.0f} MB" if n % MB == 0 else f"{n / MB:.1f} MB"
    return f"{n} bytes"


def check_size(path: str, size: int, max_bytes: int) -> None:
    if size > max_bytes:
        raise PlanParseError(
            path,
            f"exceeds the {human_size(max_bytes)} size limit ({human_size(size)}); "
            "a plan is rarely over a few MB, check that this is the right file",
        )


def open_zip(data: bytes, path: str, kind: str = ".docx") -> zipfile.ZipFile:
    """Open a zip from memory after vetting its central directory (nothing is inflated here)."""
    import io
    import zipfile

    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except Exception as exc:  # zipfile raises half a dozen types on damaged archives
        raise PlanParseError(path, f"truncated or corrupt {kind}: {exc}") from None
    if len(infos) > MAX_ZIP_ENTRIES:
        raise PlanParseError(
            path, f"zip has {len(infos)} entries, over the limit of {MAX_ZIP_ENTRIES} (zip bomb?)"
        )
    for info in infos:
        name = info.filename
        if info.flag_bits & 0x1:
            raise PlanParseError(
                path,
                f"{kind} has encrypted entries; remove the password in Word and save it again",
            )
        norm = posixpath.normpath(name.replace("\\", "/"))
        if (
            name.startswith(("/", "\\"))
            or norm == ".."
            or norm.startswith("../")
            or ":" in name.split("/")[0]
        ):
            raise PlanParseError(path, f"zip entry {name!r} has an unsafe path; refusing the file")
    return zf


def read_part(
    zf: zipfile.ZipFile, name: str, path: str, budget: list[int], max_bytes: int | None = None
) -> bytes:
    """Inflate one entry, trusting neither its declared size nor its declared ratio.

    `budget` is a one-element list holding the bytes still allowed for this archive;
    `max_bytes` the cap for this entry (MAX_PART_BYTES unless given).
    """
    info = zf.getinfo(name)
    part_cap = MAX_PART_BYTES if max_bytes is None else max_bytes
    limit = min(part_cap, budget[0])
    if limit < part_cap:
        bomb = (
            f"zip parts would expand beyond {human_size(MAX_TOTAL_PART_BYTES)} in all (zip bomb?)"
        )
    else:
        bomb = f"zip entry {name} would expand beyond {human_size(limit)} (zip bomb?)"
    if info.file_size > limit:
        raise PlanParseError(path, bomb)
    if info.file_size > RATIO_MIN_BYTES and info.file_size > MAX_RATIO * max(info.compress_size, 1):
        ratio = info.file_size // max(info.compress_size, 1)
        raise PlanParseError(
            path, f"zip entry {name} has a compression ratio of {ratio}:1 (zip bomb?)"
        )
    chunks: list[bytes] = []
    total = 0
    try:
        with zf.open(info) as fh:
            while True:
                chunk = fh.read(_READ_CHUNK)
                if not chunk:
                    break
                total += len(chunk)
                if total > limit:
                    raise PlanParseError(path, bomb)
                chunks.append(chunk)
    except PlanParseError:
        raise
    except NotImplementedError as exc:
        raise PlanParseError(
            path, f"zip entry {name} uses an unsupported compression: {exc}"
        ) from None
    except Exception as exc:  # zlib.error, BadZipFile (CRC), EOFError, struct.error, ...
        raise PlanParseError(path, f"truncated or corrupt zip entry {name}: {exc}") from None
    budget[0] -= total
    return b"".join(chunks)


class Deadline:
    """Wall-clock budget; `check()` raises once it is spent.

    Also arms SIGALRM when running on the main thread of a Unix process, so that a single
    pathological page inside pure-Python pdfminer is interrupted rather than waited for.
    """

    def __init__(self, path: str, seconds: float, what: str) -> None:
        self.path = path
        self.seconds = seconds
        self.what = what
        self.start = time.monotonic()
        self.where = ""

    def expired_error(self) -> PlanParseError:
        where = f" at {self.where}" if self.where else ""
        return PlanParseError(
            self.path, f"{self.what} exceeded the {self.seconds:.0f} s time limit{where}"
        )

    def check(self) -> None:
        if time.monotonic() - self.start > self.seconds:
            raise self.expired_error()


class _Alarm(BaseException):
    """BaseException so that the libraries' own `except Exception` cannot swallow it."""


@contextlib.contextmanager
def deadline(path: str, seconds: float, what: str) -> Iterator[Deadline]:
    import signal
    import threading

    dl = Deadline(path, seconds, what)
    use_alarm = (
        hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    )
    if not use_alarm:
        yield dl
        return

    def on_alarm(signum: int, frame: object) -> None:
        raise _Alarm

    old_timer = signal.getitimer(signal.ITIMER_REAL)
    old_handler = signal.signal(signal.SIGALRM, on_alarm)
    try:
        signal.setitimer(signal.ITIMER_REAL, max(seconds, 1e-6))
        yield dl
    except _Alarm:
        raise dl.expired_error() from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old_handler)
        if old_timer[0] > 0:
            # Give an outer timer back what it had left, less the time we used.
            left = max(old_timer[0] - (time.monotonic() - dl.start), 0.001)
            signal.setitimer(signal.ITIMER_REAL, left, old_timer[1])
