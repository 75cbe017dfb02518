"""Behaviour unchanged? Every document's outputs at two git revisions, compared.

    python bench/compare_outputs.py REV_A [REV_B]      (REV_B defaults to the working tree)

Each revision is checked out into a temporary `git worktree` and run with this Python (the
same dependencies), on the same input files taken from the current checkout: the documents of corpus/, corpus/public/,
tests/data/ and tests/data/formats/. Per document it runs the CLI commands a
user would (parse json/md, check json/html, and diff json/md/html against the upper plan) and
reports, per document, `identical` or `different` with the outputs that differ. Exit 1 when
any output differs or fails at one revision only.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UPPER = ROOT / "corpus" / "linfen-city-draft.txt"

# Runs inside one revision's checkout: every document's outputs into OUT/<doc>/<name>.
_RUNNER = r"""
import json, sys
from pathlib import Path
from typer.testing import CliRunner
import planparse
from planparse.cli.main import app

assert Path(planparse.__file__).resolve().is_relative_to(Path.cwd().resolve()), planparse.__file__
out, upper, docs = Path(sys.argv[1]), sys.argv[2], sys.argv[3:]
runner = CliRunner()
jobs = {
    "parse.json": ["parse", "{doc}", "-f", "json"],
    "parse.md": ["parse", "{doc}", "-f", "md"],
    "check.json": ["check", "{doc}", "-f", "json"],
    "check.html": ["check", "{doc}", "-f", "html"],
    "diff.json": ["diff", "{doc}", "{upper}", "-f", "json"],
    "diff.md": ["diff", "{doc}", "{upper}", "-f", "md"],
    "diff.html": ["diff", "{doc}", "{upper}", "-f", "html"],
    "check-against.json": ["check", "{doc}", "--against", "{upper}", "-f", "json"],
}
for number, doc in enumerate(docs):
    folder = out / f"{number:03d}"
    folder.mkdir(parents=True)
    for name, args in jobs.items():
        args = [a.format(doc=doc, upper=upper) for a in args]
        result = runner.invoke(app, [*args, "-o", str(folder / name)])
        status = {"exit": result.exit_code, "error": repr(result.exception) if result.exit_code > 1 else None}
        (folder / (name + ".status")).write_text(json.dumps(status), encoding="utf-8")
"""


SUFFIXES = (".txt", ".html", ".docx", ".pdf", ".ofd", ".doc", ".wps", ".rtf", ".odt")


def documents(also: list[str]) -> list[Path]:
    """The corpus (corpus/, corpus/public/) and the test fixtures of every format."""
    folders = [ROOT / "corpus", ROOT / "corpus" / "public", ROOT / "tests" / "data"]
    folders.append(ROOT / "tests" / "data" / "formats")
    found = [p for f in folders if f.is_dir() for p in sorted(f.iterdir()) if p.suffix in SUFFIXES]
    found += [Path(p).resolve() for p in also]
    return found


def outputs_at(revision: str | None, docs: list[Path], into: Path) -> None:
    """Run the runner in a checkout of ``revision`` (None: the working tree)."""
    checkout = ROOT
    added = False
    if revision is not None:
        checkout = into.parent / f"checkout-{into.name}"
        subprocess.run(
            ["git", "worktree", "add", "--quiet", "--detach", str(checkout), revision],
            cwd=ROOT,
            check=True,
        )
        added = True
    try:
        subprocess.run(
            [sys.executable, "-c", _RUNNER, str(into), str(UPPER), *map(str, docs)],
            cwd=checkout,
            env={
                "PYTHONPATH": str(checkout / "src"),
                "PATH": "/usr/bin:/bin",
                "HOME": str(Path.home()),
            },
            check=True,
        )
    finally:
        if added:
            subprocess.run(
                ["git", "worktree", "remove", "--force", str(checkout)], cwd=ROOT, check=False
            )


def compare(a: Path, b: Path, docs: list[Path]) -> int:
    differing = 0
    for number, doc in enumerate(docs):
        left, right = a / f"{number:03d}", b / f"{number:03d}"
        names = sorted({p.name for p in left.iterdir()} | {p.name for p in right.iterdir()})
        changed = [
            n
            for n in names
            if not (left / n).is_file()
            or not (right / n).is_file()
            or (left / n).read_bytes() != (right / n).read_bytes()
        ]
        label = doc.relative_to(ROOT) if doc.is_relative_to(ROOT) else doc
        if changed:
            differing += 1
            print(f"different  {label}: {', '.join(changed)}")
        else:
            print(f"identical  {label}")
    print(f"{len(docs) - differing} identical, {differing} different, of {len(docs)} documents")
    return differing


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rev_a")
    parser.add_argument("rev_b", nargs="?", help="default: the working tree")
    parser.add_argument("--keep", type=Path, help="keep the outputs in this folder")
    parser.add_argument("--also", nargs="*", default=[], help="further documents to compare")
    args = parser.parse_args()
    docs = documents(args.also)
    with tempfile.TemporaryDirectory(prefix="planparse-compare-") as tmp:
        base = args.keep or Path(tmp)
        base.mkdir(parents=True, exist_ok=True)
        outputs_at(args.rev_a, docs, base / "a")
        outputs_at(args.rev_b, docs, base / "b")
        return 1 if compare(base / "a", base / "b", docs) else 0


if __name__ == "__main__":
    sys.exit(main())
