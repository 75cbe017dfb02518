"""Regenerate the office-format fixtures in tests/data/formats/ from the two sample plans.

    python tests/data/make_office_fixtures.py      (needs LibreOffice: soffice on PATH)

* `linfen-city.docx`: the city plan (corpus/linfen-city-draft.txt) as a .docx with real
  Word tables (bordered, merged 类别 cells, 专栏 rows spanning the grid), built the way
  tests/test_readers_equivalence.py builds it, with the export's `[bookmark: …]` markers as
  real Word bookmarks, plus the package parts Word and LibreOffice
  need ([Content_Types].xml, _rels/.rels).
* `seed-plan.*` come from tests/data/seed-plan.docx (itself made from seed-plan.html).
* `.doc`, `.odt`, `.rtf` (and the city plan's `.pdf`) are what LibreOffice writes for each .docx
  (`soffice --convert-to doc|odt|rtf|pdf`).
* `linfen-city-chromium.pdf`: the city plan as a web page (the HTML the equivalence test
  builds, without the export's bookmark markers, which a web page does not print) printed by
  headless Chromium: a second PDF producer, which draws table borders as bevelled shapes.
* `.wps` is a copy of the `.doc`: WPS Office saves older-format .wps files in the same OLE2
  Word 97 format, so this is the format such a file has, not a file written by WPS itself.

CI does not run this: the generated files are committed next to this script.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "formats"
sys.path.insert(0, str(HERE.parent))

from test_readers_equivalence import city_lines, to_docx, to_html  # noqa: E402

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)
_BORDERS = "".join(
    f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
    for side in ("top", "left", "bottom", "right", "insideH", "insideV")
)


def _bookmarks(xml: str) -> str:
    """The text export's `[bookmark: NAME]` markers as the Word bookmarks they stand for."""
    count = iter(range(1, 10_000))

    def mark(match: re.Match[str]) -> str:
        n = next(count)
        return (
            f'</w:t></w:r><w:bookmarkStart w:id="{n}" w:name="{match.group(1)}"/>'
            f'<w:bookmarkEnd w:id="{n}"/><w:r><w:t xml:space="preserve">'
        )

    return re.sub(r"\[bookmark: ([^\]]+)\]", mark, xml)


def city_docx() -> bytes:
    """The city plan as a complete .docx with bordered full-width tables."""
    document = zipfile.ZipFile(io.BytesIO(to_docx(city_lines()))).read("word/document.xml")
    xml = _bookmarks(document.decode("utf-8")).replace(
        "<w:tbl>",
        f'<w:tbl><w:tblPr><w:tblW w:w="5000" w:type="pct"/>'
        f"<w:tblBorders>{_BORDERS}</w:tblBorders></w:tblPr>",
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", _CONTENT_TYPES)
        zf.writestr("_rels/.rels", _RELS)
        zf.writestr("word/document.xml", xml)
    return buf.getvalue()


def convert(docx: Path, target: str, outdir: Path, profile: Path) -> None:
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless",
         "--convert-to", target, "--outdir", str(outdir), str(docx)],
        check=True, stdin=subprocess.DEVNULL, timeout=300,
    )  # fmt: skip


def main() -> None:
    OUT.mkdir(exist_ok=True)
    (OUT / "linfen-city.docx").write_bytes(city_docx())
    shutil.copy(HERE / "seed-plan.docx", OUT / "seed-plan.docx")
    with tempfile.TemporaryDirectory() as tmp:
        profile = Path(tmp) / "profile"
        for name in ("linfen-city", "seed-plan"):
            # seed-plan.pdf already exists (tests/data/make_pdf_fixture.sh)
            for target in ("doc", "odt", "rtf", *(("pdf",) if name == "linfen-city" else ())):
                convert(OUT / f"{name}.docx", target, OUT, profile)
            shutil.copy(OUT / f"{name}.doc", OUT / f"{name}.wps")
    (OUT / "seed-plan.docx").unlink()  # the original stays in tests/data/
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "linfen-city.html"
        lines = [re.sub(r"\[bookmark: [^\]]+\]", "", line) for line in city_lines()]
        page.write_bytes(to_html(lines))
        subprocess.run(
            ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
             f"--user-data-dir={tmp}/profile", f"--print-to-pdf={OUT / 'linfen-city-chromium.pdf'}",
             page.as_uri()],
            check=True, stdin=subprocess.DEVNULL, timeout=300, capture_output=True,
        )  # fmt: skip
    for path in sorted(OUT.iterdir()):
        print(f"{path.stat().st_size:>8}  {path.relative_to(HERE)}")


if __name__ == "__main__":
    main()
