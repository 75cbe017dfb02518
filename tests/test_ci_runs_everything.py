"""Under CI=true a skip fails the run; elsewhere it stays a skip, with its reason printed."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parent


def _run(tmp_path: Path, ci: str | None) -> subprocess.CompletedProcess[str]:
    shutil.copy(TESTS / "conftest.py", tmp_path / "conftest.py")
    (tmp_path / "test_needs_a_browser.py").write_text(
        "import pytest\n\n"
        "def test_browser():\n"
        "    pytest.skip('/usr/bin/chromium not found')\n\n"
        "@pytest.mark.xfail(reason='known')\n"
        "def test_known_bug():\n"
        "    assert False\n",
        encoding="utf-8",
    )
    (tmp_path / "pytest.ini").write_text("[pytest]\naddopts = -q -rs\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    if ci is not None:
        env["CI"] = ci
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", str(tmp_path)],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
    )


def test_a_skip_fails_under_ci(tmp_path: Path) -> None:
    result = _run(tmp_path, "true")
    assert result.returncode == 1, result.stdout
    assert "1 failed, 1 xfailed" in result.stdout
    assert "CI=true runs every test, but this one was skipped" in result.stdout
    assert "/usr/bin/chromium not found" in result.stdout


def test_a_skip_stays_a_skip_with_its_reason_elsewhere(tmp_path: Path) -> None:
    result = _run(tmp_path, None)
    assert result.returncode == 0, result.stdout
    assert "1 skipped, 1 xfailed" in result.stdout
    assert "SKIPPED" in result.stdout and "/usr/bin/chromium not found" in result.stdout
