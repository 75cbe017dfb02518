"""planparse serve: the web application, driven through Starlette's test client and, for the
upload → report → download path, in headless Chromium against a real uvicorn server."""

from __future__ import annotations

import contextlib
import io
import os
import re
import socket
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from planparse.i18n import catalogue
from planparse.serve.app import ServeSettings, create_app, report_csp

ROOT = Path(__file__).resolve().parents[1]
COUNTY = (ROOT / "corpus" / "zezhou-county-2023.txt").read_bytes()
CITY = (ROOT / "corpus" / "linfen-city-draft.txt").read_bytes()
CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[TestClient, Any]]:
    app = create_app(ServeSettings(jobs=1, max_bytes=2_000_000))
    with TestClient(app) as client:
        yield client, app


@pytest.fixture(scope="module")
def client(served: tuple[TestClient, Any]) -> TestClient:
    return served[0]


def download_links(html: str) -> dict[str, str]:
    return {
        name: href
        for href, name in re.findall(r'<a href="(/download/[^"]+)" download>([^<]+)</a>', html)
    }


LABEL_USE = re.compile(r"\bt\('(\w+)'\)|label\(\"(\w+)\"")


def test_every_label_the_pages_use_is_in_the_catalogue_in_both_languages() -> None:
    folder = ROOT / "src" / "planparse" / "serve"
    used: set[str] = set()
    for path in [*folder.glob("templates/*.html"), *folder.glob("*.py")]:
        used |= {a or b for a, b in LABEL_USE.findall(path.read_text("utf-8"))}
    assert {"title", "busy", "downloads"} <= used
    used.add("error")  # chosen in code by status: label("busy" if … else "error")
    for key in used:
        entry = catalogue()[f"serve.{key}"]
        assert entry.get("en") and entry.get("zh"), key


def test_index_in_chinese_and_english(client: TestClient) -> None:
    zh = client.get("/", headers={"accept-language": "zh-CN,zh;q=0.9"})
    en = client.get("/?lang=en")
    assert "上下级规划比对" in zh.text and 'lang="zh-CN"' in zh.text
    assert "compare lower against upper" in en.text
    csp = zh.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "frame-ancestors 'none'" in csp
    assert zh.headers["x-content-type-options"] == "nosniff"


def test_parse_page_json_and_downloads(client: TestClient) -> None:
    page = client.post("/parse?lang=zh", files={"file": ("泽州县.txt", COUNTY)})
    assert page.status_code == 200
    assert "牵头单位" in page.text and "县应急管理局" in page.text
    links = download_links(page.text)
    assert set(links) == {"泽州县.json", "泽州县-tasks.csv"}
    csv_text = client.get(links["泽州县-tasks.csv"]).content.decode("utf-8-sig")
    assert csv_text.splitlines()[0].startswith("id,number,heading")
    as_json = client.post(
        "/parse", files={"file": ("a.txt", COUNTY)}, headers={"accept": "application/json"}
    )
    plan = as_json.json()["plan"]
    assert plan["schema_version"] and len(plan["tasks"]) == len(
        re.findall("<tr><td>", page.text.split('<table class="tasks">')[1])
    )


def test_diff_report_with_check_and_downloads(client: TestClient) -> None:
    answer = client.post(
        "/diff", files={"lower": ("county.txt", COUNTY), "upper": ("city.txt", CITY)}
    )
    assert answer.status_code == 200
    assert "残疾儿童少年义务教育入学率" in answer.text  # the downgraded indicator is shown
    csp = answer.headers["content-security-policy"]
    assert "&#x27;" not in csp and "'sha256-" in csp  # the report's own hashes, unescaped
    assert csp == report_csp(answer.text)
    links = download_links(answer.text)
    assert {"county-diff.json", "county-diff.md", "county-check.html", "county-对照表.xlsx"} <= set(
        links
    )
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(client.get(links["county-对照表.xlsx"]).content))
    assert len(book.sheetnames) >= 5  # findings, then summary, indicators, 专栏, tasks, basis
    check = client.get(links["county-check.html"])
    assert check.headers["content-disposition"].startswith("attachment")
    assert "X103" in check.text
    scripted = client.post(
        "/diff",
        files={"lower": ("county.txt", COUNTY), "upper": ("city.txt", CITY)},
        headers={"accept": "application/json"},
    ).json()
    assert scripted["diff"]["summary"]["indicators"]["downgraded"] == 1
    assert any(f["rule"] == "X103" for f in scripted["check"]["findings"])


def test_document_text_is_escaped(client: TestClient) -> None:
    hostile = "<script>alert(1)</script>区教育发展规划\n一、总体要求\n（一）指导思想\n".encode()
    page = client.post("/parse", files={"file": ("<img src=x onerror=alert(1)>.txt", hostile)})
    assert "<script>alert(1)" not in page.text
    assert "<img src=x" not in page.text


def test_hostile_uploads_get_an_error_page_and_the_server_keeps_serving(
    served: tuple[TestClient, Any],
) -> None:
    client, app = served
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b"<" + b"a" * 5_000_000 + b"/>")
    hostile = [
        ("plan.docx", b"PK\x03\x04 truncated"),
        ("plan.pdf", os.urandom(4096)),
        ("bomb.docx", bomb.getvalue()),
        ("../../../etc/passwd", b"\x00\x01\x02" * 1000),
        ("plan.txt", b""),
    ]
    for name, data in hostile:
        answer = client.post("/parse", files={"file": (name, data)})
        assert answer.status_code in (413, 422), (name, answer.status_code)
        assert "Traceback" not in answer.text
    too_big = client.post("/parse", files={"file": ("big.txt", b"x" * 5_000_000)})
    assert too_big.status_code == 413
    assert client.get("/healthz").json()["ok"] is True
    assert client.post("/parse", files={"file": ("a.txt", CITY)}).status_code == 200
    assert os.listdir(app.state.tmpdir) == []  # no upload left behind


def test_batch_runs_with_progress(client: TestClient) -> None:
    started = client.post(
        "/batch?lang=en",
        files=[
            ("lower", ("a.txt", COUNTY)),
            ("lower", ("bad.docx", b"PK\x03\x04 no")),
            ("upper", ("city.txt", CITY)),
        ],
        follow_redirects=False,
    )
    assert started.status_code == 303
    status_url = started.headers["location"]
    for _ in range(240):
        status = client.get(status_url, headers={"accept": "application/json"}).json()
        if status["done"] == status["total"]:
            break
        time.sleep(0.25)
    assert [r["status"] for r in status["rows"]] == ["ok", "error"]
    assert "downgraded 1" in status["rows"][0]["summary"]
    report = client.get(status["rows"][0]["href"])
    assert report.headers["content-disposition"].startswith("inline")
    assert "'sha256-" in report.headers["content-security-policy"]
    page = client.get(status_url)
    assert "a.txt" in page.text and "bad.docx" in page.text


def test_a_full_queue_answers_busy() -> None:
    with TestClient(create_app(ServeSettings(jobs=1, queue=0))) as client:
        answer = client.post("/parse", files={"file": ("a.txt", CITY)})
    assert answer.status_code == 503 and answer.headers["retry-after"] == "5"


def test_expired_download_and_unknown_job(client: TestClient) -> None:
    assert client.get("/download/nope").status_code == 404
    assert client.get("/batch/nope").status_code == 404


def test_remote_bind_needs_a_flag() -> None:
    from typer.testing import CliRunner

    from planparse.cli.main import app

    result = CliRunner().invoke(app, ["serve", "--host", "0.0.0.0"])
    assert result.exit_code == 2
    assert "--allow-remote" in result.output


# ------------------------------------------------------------------------------- browser


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture()
def live_server() -> Iterator[str]:
    port = _free_port()
    exe = Path(sys.executable).parent / "planparse"
    proc = subprocess.Popen(
        [str(exe), "serve", "--port", str(port), "--jobs", "1"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                    break
            except OSError:
                time.sleep(0.1)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.mark.browser
def test_upload_report_download_in_chromium(live_server: str, tmp_path: Path) -> None:
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing on CI: .ci/run installs Debian's chromium")
        pytest.skip(f"{CHROMIUM} not found: install Debian's chromium package")
    from playwright.sync_api import sync_playwright

    county = tmp_path / "county.txt"
    city = tmp_path / "city.txt"
    county.write_bytes(COUNTY)
    city.write_bytes(CITY)
    bad = tmp_path / "broken.docx"
    bad.write_bytes(b"PK\x03\x04 broken")
    args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=args)
        try:
            page = browser.new_page(accept_downloads=True)
            page.goto(f"{live_server}/?lang=zh")
            page.set_input_files("input[name=lower]", str(county))
            page.set_input_files("form[action^='/diff'] input[name=upper]", str(city))
            page.click("#diff-submit")
            page.wait_for_load_state("load")
            row = page.locator("tr[data-relation]", has_text="残疾儿童少年义务教育入学率")
            assert row.first.is_visible()
            with page.expect_download() as info:
                page.locator("#downloads a", has_text="对照表.xlsx").click()
            saved = tmp_path / "table.xlsx"
            info.value.save_as(saved)
            from openpyxl import load_workbook

            assert "指标对照" in load_workbook(saved).sheetnames
            page.screenshot(path=str(tmp_path / "report.png"))

            page.goto(f"{live_server}/?lang=en")
            page.set_input_files("form[action^='/parse'] input[name=file]", str(bad))
            page.click("#parse-submit")
            page.wait_for_load_state("load")
            assert "could not be read" in page.locator("h1").inner_text()
            assert "broken.docx" in page.locator(".message").inner_text()
        finally:
            browser.close()


def test_a_worker_ends_when_its_server_is_killed(tmp_path: Path) -> None:
    """A server stopped by SIGKILL cannot tell its pool to stop: the worker sees it gone."""
    import signal

    probe = (
        "import os, sys, time\n"
        "from concurrent.futures import ProcessPoolExecutor\n"
        "from planparse.serve.app import _worker_init\n"
        "pool = ProcessPoolExecutor(1, initializer=_worker_init, initargs=(sys.argv[1],))\n"
        "print(pool.submit(os.getpid).result(), flush=True)\n"
        "time.sleep(60)\n"
    )
    server = subprocess.Popen(
        [sys.executable, "-c", probe, str(tmp_path)], stdout=subprocess.PIPE, text=True
    )
    assert server.stdout is not None
    worker = int(server.stdout.readline())
    os.kill(server.pid, signal.SIGKILL)
    server.wait(timeout=10)
    for _ in range(100):  # the watcher looks every second
        try:
            os.kill(worker, 0)
        except ProcessLookupError:
            break
        _reap(worker)
        time.sleep(0.1)
    else:
        os.kill(worker, signal.SIGKILL)
        pytest.fail("the pool worker outlived its server")


def _reap(pid: int) -> None:
    """Collect the worker if it became this process's child (it never does unless this test
    process is the subreaper); a zombie would still answer kill(pid, 0)."""
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)
