"""batch: Dask parts replaced only after a good run, office files as error rows, threshold
ranges; textdiff: no trust in a dictionary someone else could have written."""

from __future__ import annotations

import io
import json
import os
import shutil
import sys
import tempfile
import types
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from planparse import batch
from planparse.cli.main import app
from planparse.compare import textdiff

ROOT = Path(__file__).resolve().parent.parent
COUNTY = ROOT / "corpus" / "zezhou-county-2023.txt"
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
CONVERT = "convert it with `libreoffice --headless --convert-to docx"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.output


# -- 3: --engine dask --------------------------------------------------------------------
@pytest.fixture
def plans(tmp_path: Path) -> Path:
    folder = tmp_path / "plans"
    folder.mkdir()
    shutil.copy(COUNTY, folder / COUNTY.name)
    return folder


@pytest.fixture
def old_parts(tmp_path: Path) -> Path:
    """A parts folder holding the previous run's output."""
    parts = tmp_path / "parts"
    parts.mkdir()
    for index in range(3):
        (parts / f"part-{index:05d}.jsonl").write_text('{"old": 1}\n', encoding="utf-8")
    return parts


def fake_dask(
    monkeypatch: pytest.MonkeyPatch,
    *,
    connect: Exception | None = None,
    compute: Exception | None = None,
) -> None:
    """A stand-in for dask.bag and dask.distributed that runs the bag in this process."""

    class Client:
        def __init__(self, address: str) -> None:
            if connect is not None:
                raise connect

        def __enter__(self) -> Client:
            return self

        def __exit__(self, *exc: object) -> None:
            return None

    class Bag:
        def __init__(self, partitions: list[list[Any]]) -> None:
            self.partitions = partitions

        def map(self, func: Callable[[Any], Any]) -> Bag:
            return Bag([[func(item) for item in part] for part in self.partitions])

        def to_textfiles(self, pattern: str, name_function: Callable[[int], str], **_: Any):
            if compute is not None:
                raise compute
            for index, part in enumerate(self.partitions):
                with open(pattern.replace("*", name_function(index)), "w") as handle:
                    handle.write("".join(line + "\n" for line in part))

    def from_sequence(items: list[Any], partition_size: int) -> Bag:
        return Bag([items[i : i + partition_size] for i in range(0, len(items), partition_size)])

    dask = types.ModuleType("dask")
    bag = types.ModuleType("dask.bag")
    distributed = types.ModuleType("dask.distributed")
    bag.from_sequence = from_sequence  # type: ignore[attr-defined]
    distributed.Client = Client  # type: ignore[attr-defined]
    dask.bag = bag  # type: ignore[attr-defined]
    dask.distributed = distributed  # type: ignore[attr-defined]
    for name, module in (("dask", dask), ("dask.bag", bag), ("dask.distributed", distributed)):
        monkeypatch.setitem(sys.modules, name, module)


def dask_batch(plans: Path, parts: Path) -> tuple[int, str]:
    return run(
        "batch", str(plans), "--engine", "dask", "--scheduler", "tcp://127.0.0.1:1",
        "--out", str(parts) + "/", "-q",
    )  # fmt: skip


def part_names(parts: Path) -> list[str]:
    return sorted(os.listdir(parts))


def test_dask_missing_keeps_the_previous_parts(
    monkeypatch: pytest.MonkeyPatch, plans: Path, old_parts: Path
) -> None:
    for name in ("dask", "dask.bag", "dask.distributed"):
        monkeypatch.setitem(sys.modules, name, None)  # import fails
    code, output = dask_batch(plans, old_parts)
    assert code == 2 and "planparse[dask]" in output
    assert part_names(old_parts) == ["part-00000.jsonl", "part-00001.jsonl", "part-00002.jsonl"]


def test_unreachable_scheduler_keeps_the_previous_parts(
    monkeypatch: pytest.MonkeyPatch, plans: Path, old_parts: Path
) -> None:
    fake_dask(monkeypatch, connect=OSError("Timed out trying to connect to tcp://127.0.0.1:1"))
    code, output = dask_batch(plans, old_parts)
    assert code == 2
    assert "cannot reach the Dask scheduler" in output
    assert len(part_names(old_parts)) == 3


def test_failed_dask_run_keeps_the_previous_parts(
    monkeypatch: pytest.MonkeyPatch, plans: Path, old_parts: Path
) -> None:
    fake_dask(monkeypatch, compute=RuntimeError("worker lost"))
    result = CliRunner().invoke(
        app, ["batch", str(plans), "--engine", "dask", "--scheduler", "tcp://x:1", "--out",
              str(old_parts) + "/"],
    )  # fmt: skip
    assert isinstance(result.exception, RuntimeError)
    with pytest.raises(RuntimeError, match="worker lost"):
        batch.run_dask([str(plans / COUNTY.name)], str(old_parts), "tcp://127.0.0.1:1")
    assert part_names(old_parts) == ["part-00000.jsonl", "part-00001.jsonl", "part-00002.jsonl"]
    assert all((old_parts / n).read_text() == '{"old": 1}\n' for n in part_names(old_parts))


def test_good_dask_run_replaces_the_previous_parts(
    monkeypatch: pytest.MonkeyPatch, plans: Path, old_parts: Path
) -> None:
    fake_dask(monkeypatch)
    code, _ = dask_batch(plans, old_parts)
    assert code == 0
    assert part_names(old_parts) == ["part-00000.jsonl"]  # the stale 00001 and 00002 went
    record = json.loads((old_parts / "part-00000.jsonl").read_text(encoding="utf-8"))
    assert record["meta"]["file"].endswith(COUNTY.name)


# -- 4: office files the readers cannot parse --------------------------------------------
def odt() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        zf.writestr("content.xml", "<office:document-content/>")
    return buf.getvalue()


def test_office_files_in_a_folder_become_error_rows(
    plans: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "no-bin"))  # without LibreOffice
    (plans / "old.doc").write_bytes(OLE + bytes(4096))
    (plans / "wps.wps").write_bytes(OLE + bytes(4096))
    (plans / "letter.rtf").write_bytes(b"{\\rtf1\\ansi \\'d7\\'dc\\'d4\\'f2}")
    (plans / "draft.odt").write_bytes(odt())
    (plans / "scan.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    (plans / "meta.json").write_text("{}", encoding="utf-8")
    (plans / "~$old.doc").write_bytes(bytes(162))  # Word's lock file: still skipped
    out = tmp_path / "out.jsonl"
    code, _ = run("batch", str(plans), "--out", str(out), "-j", "1", "-q")
    assert code == 1
    assert len(out.read_text(encoding="utf-8").splitlines()) == 1  # the county plan
    errors = [json.loads(line) for line in (tmp_path / "out.errors.jsonl").open()]
    by_name = {os.path.basename(e["path"]): e["error"] for e in errors}
    assert sorted(by_name) == ["draft.odt", "letter.rtf", "old.doc", "wps.wps"]
    assert all(CONVERT in reason for reason in by_name.values()), by_name
    assert "legacy Word .doc" in by_name["old.doc"]
    assert "WPS" in by_name["wps.wps"]


def test_find_inputs_takes_office_files_from_folders_and_globs(plans: Path) -> None:
    for name in ("a.doc", "b.WPS", "c.rtf", "d.odt", "e.png", "f.json", ".hidden.doc"):
        (plans / name).write_bytes(b"x")
    walked = {os.path.basename(p) for p in batch.find_inputs([str(plans)])}
    assert walked == {COUNTY.name, "a.doc", "b.WPS", "c.rtf", "d.odt"}
    globbed = {os.path.basename(p) for p in batch.find_inputs([str(plans / "*")])}
    assert globbed == walked


def test_a_doc_that_is_html_is_still_read(plans: Path, tmp_path: Path) -> None:
    html = "<html><body><div id='zoom'><p>一、总体要求。坚持以人民为中心。</p></div></body></html>"
    (plans / "saved-page.doc").write_text(html, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    code, _ = run("batch", str(plans), "--out", str(out), "-j", "1", "-q")
    assert code == 0
    assert len(out.read_text(encoding="utf-8").splitlines()) == 2


# -- 5: threshold ranges -----------------------------------------------------------------
@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("--task-threshold", "1.5"),
        ("--task-threshold", "-0.1"),
        ("--indicator-threshold", "2"),
        ("--indicator-threshold", "-1"),
    ],
)
def test_batch_diff_thresholds_must_be_between_0_and_1(
    option: str, value: str, tmp_path: Path
) -> None:
    code, output = run(
        "batch-diff", str(tmp_path / "lower"), "--upper", str(tmp_path / "up.txt"),
        "--out", str(tmp_path / "d.csv"), option, value,
    )  # fmt: skip
    assert code == 2
    assert "not in the range" in output


@pytest.mark.parametrize("value", ["0", "1", "0.75"])
def test_batch_diff_thresholds_in_range_are_accepted(value: str, tmp_path: Path) -> None:
    code, output = run(
        "batch-diff", str(tmp_path / "lower"), "--upper", str(tmp_path / "up.txt"),
        "--out", str(tmp_path / "d.csv"), "--task-threshold", value,
        "--indicator-threshold", value,
    )  # fmt: skip
    assert "not in the range" not in output
    assert code == 2 and "no such file" in output  # got as far as finding the lower plans


# -- 6: textdiff's dictionary ships with the package: nothing is cached where others write
# (jieba's own loader caches in the shared temp folder); the word table planparse keeps goes
# to the user's private cache folder only
def test_word_diff_writes_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shared, private = tmp_path / "tmp", tmp_path / "cache"
    shared.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(shared))
    monkeypatch.delenv("PLANPARSE_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(private))
    textdiff._tokenizer.cache_clear()
    try:
        assert textdiff.tokens("优化营商环境") == ["优化", "营商环境"]
    finally:
        textdiff._tokenizer.cache_clear()
    assert list(shared.iterdir()) == []
    kept = list((private / "planparse").iterdir())
    assert [p.name.split("-")[0] for p in kept] == ["words"]
    assert all(p.stat().st_mode & 0o077 == 0 for p in kept)
