"""Load and soak test of `planparse serve` on loopback (bounded in count and time).

Load: N concurrent clients each POST the sample pair to /diff; requests per second, p50/p95
latency and errors. Soak: the same clients with hostile uploads mixed in (truncated and
zip-bomb .docx, random bytes as .pdf, an oversized file); afterwards the server must still
answer and its private temporary directory must be empty.
"""

from __future__ import annotations

import io
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from pathlib import Path

import httpx2 as httpx

ROOT = Path(__file__).resolve().parent.parent
COUNTY = (ROOT / "corpus" / "zezhou-county-2023.txt").read_bytes()
CITY = (ROOT / "corpus" / "linfen-city-draft.txt").read_bytes()
CLIENTS = 8
REQUESTS = 48  # per phase, shared by the clients
DEADLINE_S = 240  # the whole bench stops waiting after this


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _hostile() -> list[tuple[str, bytes]]:
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b"<" + b"a" * 20_000_000 + b"/>")
    return [
        ("plan.docx", b"PK\x03\x04 truncated"),
        ("plan.pdf", os.urandom(8192)),
        ("bomb.docx", bomb.getvalue()),
        ("huge.txt", b"x" * 60_000_000),
    ]


def _diff(client: httpx.Client, url: str) -> tuple[float, int]:
    start = time.perf_counter()
    answer = client.post(
        f"{url}/diff",
        files={"lower": ("county.txt", COUNTY), "upper": ("city.txt", CITY)},
        headers={"accept": "application/json"},
    )
    return time.perf_counter() - start, answer.status_code


def _bad(client: httpx.Client, url: str, name: str, data: bytes) -> tuple[float, int]:
    start = time.perf_counter()
    try:
        answer = client.post(f"{url}/parse", files={"file": (name, data)})
        code = answer.status_code
    except httpx.HTTPError:
        code = 0  # the server may close an oversized upload early: not a crash
    return time.perf_counter() - start, code


def run() -> list[tuple[str, float]]:
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    workdir = tempfile.mkdtemp(prefix="planparse-bench-serve-")
    exe = str(Path(sys.executable).parent / "planparse")
    server = subprocess.Popen(
        [exe, "serve", "--port", str(port), "--jobs", "2", "--queue", "16"],
        env={**os.environ, "TMPDIR": workdir},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    out: list[tuple[str, float]] = []
    try:
        for _ in range(200):
            try:
                httpx.get(f"{url}/healthz", timeout=0.5)
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        with httpx.Client(timeout=DEADLINE_S) as client, ThreadPoolExecutor(CLIENTS) as pool:
            _diff(client, url)  # warm the workers
            start = time.perf_counter()
            results = list(pool.map(lambda _: _diff(client, url), range(REQUESTS)))
            wall = time.perf_counter() - start
            latencies = sorted(t for t, _ in results)
            errors = sum(code != 200 for _, code in results)
            out += [
                (f"serve /diff, {CLIENTS} clients: requests/s", REQUESTS / wall),
                ("serve /diff: p50 latency (s)", statistics.median(latencies)),
                ("serve /diff: p95 latency (s)", latencies[int(0.95 * (len(latencies) - 1))]),
                ("serve /diff: errors", float(errors)),
            ]
            hostile = _hostile()
            jobs = [
                partial(_bad, client, url, *hostile[i % len(hostile)])
                if i % 3 == 0
                else partial(_diff, client, url)
                for i in range(REQUESTS)
            ]
            soak = list(pool.map(lambda job: job(), jobs))
            good = [code for i, (_, code) in enumerate(soak) if i % 3 != 0]
            bad = [code for i, (_, code) in enumerate(soak) if i % 3 == 0]
            alive = httpx.get(f"{url}/healthz", timeout=5).status_code == 200
            leftovers = sum(len(files) for _, _, files in os.walk(workdir))
            out += [
                ("serve soak: good requests that failed", float(sum(c != 200 for c in good))),
                (
                    "serve soak: hostile uploads answered 4xx",
                    float(sum(400 <= c < 500 for c in bad)),
                ),
                ("serve soak: hostile uploads answered 5xx", float(sum(c >= 500 for c in bad))),
                ("serve soak: server still answering (1 = yes)", float(alive)),
                ("serve soak: temporary files left", float(leftovers)),
            ]
    finally:
        server.terminate()
        server.wait(timeout=20)
    return out


if __name__ == "__main__":
    for label, value in run():
        print(f"{label:60s} {value:10.3f}")
