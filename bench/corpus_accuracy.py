"""Parse accuracy on corpus/public/ against the hand-read expected values.

Prints per-document and per-field figures and writes them into corpus/README.md between
<!-- accuracy:start --> and <!-- accuracy:end -->. Run by `make bench`, or alone:

    .venv/bin/python bench/corpus_accuracy.py [FOLDER [EXPECTED.toml]] [--no-write]

Another folder (with its own expected.toml) is measured the same way, e.g. held-out
documents kept outside the repository; the README is only written for corpus/public/.
"""

from __future__ import annotations

import sys
from pathlib import Path

from readme_section import replace_section

from planparse.batch.accuracy import FIELDS, Report, measure

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus" / "public"
README = ROOT / "corpus" / "README.md"
START, END = "<!-- accuracy:start -->", "<!-- accuracy:end -->"


def table(report: Report) -> str:
    lines = [
        f"Overall: **{report.rate:.3f}** of {sum(d.total for d in report.docs)} compared items "
        f"over {len(report.docs)} documents (`make bench`, bench/corpus_accuracy.py).",
        "",
        "| field | right | items | rate |",
        "|---|---|---|---|",
    ]
    for name in FIELDS:
        right, total = report.field_rate(name)
        lines.append(f"| {name} | {right} | {total} | {right / total if total else 0:.3f} |")
    lines += ["", "| document | right | items | fields that differ |", "|---|---|---|---|"]
    for doc in report.docs:
        wrong = ", ".join(f.field for f in doc.fields if f.right < f.total) or "—"
        lines.append(f"| {doc.file} | {doc.right} | {doc.total} | {wrong} |")
    return "\n".join(lines)


def write_readme(text: str) -> None:
    replace_section(README, START, END, text, "Parse accuracy on corpus/public/")


def run() -> list[tuple[str, float]]:
    """For bench/run.py: the overall and per-field rates (and the README section)."""
    report = measure(CORPUS)
    write_readme(table(report))
    return [("corpus/public overall rate", report.rate)] + [
        (f"corpus/public {name} rate", r / t if t else 0.0)
        for name in FIELDS
        for r, t in [report.field_rate(name)]
    ]


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    folder = Path(args[0]) if args else CORPUS
    expected = Path(args[1]) if len(args) > 1 else None
    report = measure(folder, expected)
    text = table(report)
    print(text)
    print("\nDifferences:")
    print("\n".join(report.failures()) or "none")
    if folder.resolve() == CORPUS.resolve() and "--no-write" not in argv:
        write_readme(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
