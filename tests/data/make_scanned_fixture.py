"""Write image-only ("scanned") PDFs of the sample plan for the OCR tests.

    python tests/data/make_scanned_fixture.py

Each page of tests/data/seed-plan.pdf is rendered to a 150 dpi greyscale image (pypdfium2,
which pdfplumber already depends on) and the images are saved as a PDF by Pillow: the result
has no text layer at all, like a scanner's output. `seed-plan-scanned.pdf` is the whole plan;
CI does not run this: the generated file is committed next to this script.
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent
DPI = 150


def scanned(source: Path, target: Path) -> None:
    import pypdfium2

    pdf = pypdfium2.PdfDocument(str(source))
    images = [page.render(scale=DPI / 72, grayscale=True).to_pil() for page in pdf]
    first, *rest = images
    first.save(target, "PDF", resolution=DPI, save_all=True, append_images=rest, quality=70)
    print(f"{target.stat().st_size:>8}  {target.relative_to(HERE)}")


if __name__ == "__main__":
    scanned(HERE / "seed-plan.pdf", HERE / "formats" / "seed-plan-scanned.pdf")
