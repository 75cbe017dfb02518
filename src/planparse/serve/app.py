"""`planparse serve`: a small local web application over the library (Starlette).

Safe by default: it binds to localhost (the CLI asks for an explicit flag and warns before any
other address); uploads are size-limited and read into memory, never saved under a client's
name, and no path from the client is ever opened; every temporary file (spooled uploads,
LibreOffice conversions) goes to a private directory removed at shutdown; every document
string is escaped by the templates or the report renderer; every page carries a
Content-Security-Policy. Parsing runs in a process pool behind a bounded queue, so the pages stay
responsive and a flood gets a clear "busy" answer instead of a pile-up.
"""

from __future__ import annotations

import asyncio
import os
import re
import secrets
import shutil
import tempfile
import time
from collections import OrderedDict
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from html import unescape
from typing import Any
from urllib.parse import quote

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from planparse.batch.pool import exit_with_parent
from planparse.readers import DEFAULT_MAX_BYTES
from planparse.serve import jobs
from planparse.serve.jobs import Artifact, JobResult
from planparse.serve.pages import label, render

PAGE_CSP = (
    "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
_META_CSP = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)"', re.I)


@dataclass
class ServeSettings:
    jobs: int = 2  # worker processes
    queue: int = 8  # jobs running or waiting; more get "busy"
    timeout: float = 120.0  # seconds one job may take before the page gives up on it
    max_bytes: int = DEFAULT_MAX_BYTES  # one uploaded file
    max_files: int = 50  # files in one batch form
    keep_seconds: float = 900.0  # how long downloads stay available
    keep_items: int = 500  # downloads kept at most (oldest dropped first)
    # The server owns its process (planparse serve): its spooled uploads go to the private
    # directory too. Off for an app embedded in another program, whose temp dir is not ours.
    own_process: bool = False


class Busy(Exception):
    """The queue is full."""


class JobFailed(Exception):
    """A job crashed or took too long; the message is safe to show."""


@dataclass
class Downloads:
    """Results kept in memory for a while under unguessable tokens."""

    keep_seconds: float
    keep_items: int
    items: OrderedDict[str, tuple[float, Artifact]] = field(default_factory=OrderedDict)

    def add(self, artifact: Artifact) -> str:
        self._expire()
        token = secrets.token_urlsafe(18)
        self.items[token] = (time.monotonic() + self.keep_seconds, artifact)
        while len(self.items) > self.keep_items:
            self.items.popitem(last=False)
        return token

    def get(self, token: str) -> Artifact | None:
        self._expire()
        found = self.items.get(token)
        return found[1] if found else None

    def _expire(self) -> None:
        now = time.monotonic()
        for token in [t for t, (until, _) in self.items.items() if until < now]:
            del self.items[token]


def _worker_init(tmpdir: str) -> None:
    os.environ["TMPDIR"] = tmpdir
    tempfile.tempdir = tmpdir
    exit_with_parent()


class Runner:
    """A process pool behind a bounded queue; a crashed pool is replaced."""

    def __init__(self, settings: ServeSettings, tmpdir: str) -> None:
        self.settings = settings
        self.tmpdir = tmpdir
        self.in_flight = 0
        self.pool = self._new_pool()

    def _new_pool(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=self.settings.jobs, initializer=_worker_init, initargs=(self.tmpdir,)
        )

    async def run(self, fn: Any, *args: Any) -> JobResult:
        if self.in_flight >= self.settings.queue:
            raise Busy
        self.in_flight += 1
        try:
            future = self.pool.submit(fn, *args)
            return await asyncio.wait_for(asyncio.wrap_future(future), self.settings.timeout)
        except asyncio.TimeoutError:
            raise JobFailed(f"took longer than {self.settings.timeout:g} s") from None
        except BrokenProcessPool:
            self.pool.shutdown(wait=False, cancel_futures=True)
            self.pool = self._new_pool()
            raise JobFailed("the worker stopped while reading this file") from None
        finally:
            self.in_flight -= 1

    def close(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)


@dataclass
class BatchJob:
    id: str
    upper_name: str
    total: int
    rows: list[dict[str, Any]] = field(default_factory=list)

    @property
    def done(self) -> int:
        return sum(1 for r in self.rows if r["status"] != "…")


def pick_lang(request: Request) -> str:
    wanted = request.query_params.get("lang", "")
    if wanted in ("zh", "en"):
        return wanted
    accept = request.headers.get("accept-language", "").lower()
    return "zh" if accept.startswith("zh") else "en"


def wants_json(request: Request) -> bool:
    return "application/json" in request.headers.get("accept", "")


def create_app(settings: ServeSettings | None = None) -> Starlette:
    settings = settings or ServeSettings()
    state: dict[str, Any] = {}

    @asynccontextmanager
    async def lifespan(app: Starlette):  # type: ignore[no-untyped-def]
        tmpdir = tempfile.mkdtemp(prefix="planparse-serve-")
        os.chmod(tmpdir, 0o700)
        previous = tempfile.tempdir
        if settings.own_process:
            tempfile.tempdir = tmpdir  # spooled uploads land here, never in a shared /tmp file
        state["tmpdir"] = tmpdir
        state["runner"] = Runner(settings, tmpdir)
        state["downloads"] = Downloads(settings.keep_seconds, settings.keep_items)
        state["batches"] = {}
        app.state.tmpdir = tmpdir
        try:
            yield
        finally:
            state["runner"].close()
            if settings.own_process:
                tempfile.tempdir = previous
            shutil.rmtree(tmpdir, ignore_errors=True)

    def page(html: str, status: int = 200, csp: str = PAGE_CSP) -> HTMLResponse:
        return HTMLResponse(html, status_code=status, headers=_security_headers(csp))

    def error(request: Request, status: int, message: str) -> Response:
        lang = pick_lang(request)
        if wants_json(request):
            return JSONResponse({"error": message}, status_code=status)
        heading = label("busy" if status == 503 else "error", lang)
        response = page(render("error.html", lang, heading=heading, message=message), status)
        if status == 503:
            response.headers["Retry-After"] = "5"
        return response

    async def read_files(
        request: Request, names: tuple[str, ...], max_count: int
    ) -> dict[str, list[tuple[str, bytes]]]:
        length = request.headers.get("content-length")
        limit = settings.max_bytes * max_count
        if length is None or not length.isdigit():
            raise UploadRejected(411, "the upload must state its size (Content-Length)")
        if int(length) > limit + 1_000_000:
            raise UploadRejected(
                413,
                f"the upload is larger than the limit of {settings.max_bytes // 1_000_000} MB per file",
            )
        form = await request.form(max_files=settings.max_files, max_fields=20)
        try:
            found: dict[str, list[tuple[str, bytes]]] = {}
            for name in names:
                for upload in form.getlist(name):
                    if isinstance(upload, str):
                        raise UploadRejected(400, f"field {name!r} must be a file")
                    if upload.size is not None and upload.size > settings.max_bytes:
                        raise UploadRejected(
                            413,
                            f"{jobs.safe_name(upload.filename or '')}: larger than the limit of {settings.max_bytes // 1_000_000} MB",
                        )
                    data = await upload.read(settings.max_bytes + 1)
                    if len(data) > settings.max_bytes:
                        raise UploadRejected(
                            413, f"{jobs.safe_name(upload.filename or '')}: larger than the limit"
                        )
                    found.setdefault(name, []).append((upload.filename or "upload", data))
                if not found.get(name):
                    raise UploadRejected(400, f"no file in the field {name!r}")
            return found
        finally:
            await form.close()

    async def run(request: Request, fn: Any, *args: Any) -> JobResult | Response:
        try:
            return await state["runner"].run(fn, *args)
        except Busy:
            return error(request, 503, label("busy", pick_lang(request)))
        except JobFailed as exc:
            return error(request, 500, str(exc))

    def offer(result: JobResult) -> list[tuple[str, str]]:
        return [(a.name, f"/download/{state['downloads'].add(a)}") for a in result.artifacts]

    def answer(request: Request, result: JobResult | Response, body: Any, csp: str) -> Response:
        """A finished job as the page (downloads on top) or, for scripts, as JSON."""
        if isinstance(result, Response):
            return result
        if not result.ok:
            return error(request, 422, result.error)
        links = offer(result)
        if wants_json(request):
            return JSONResponse({**body(result), "downloads": dict(links)})
        return page(_inject_downloads(result.html, links, pick_lang(request)), csp=csp)

    async def index(request: Request) -> Response:
        return page(render("index.html", pick_lang(request)))

    async def parse(request: Request) -> Response:
        lang = pick_lang(request)
        try:
            files = await read_files(request, ("file",), 1)
        except UploadRejected as exc:
            return error(request, exc.status, exc.message)
        name, data = files["file"][0]
        result = await run(request, jobs.parse_job, data, name, lang)
        return answer(request, result, lambda r: {"plan": r.data}, PAGE_CSP)

    async def diff(request: Request) -> Response:
        lang = pick_lang(request)
        try:
            files = await read_files(request, ("lower", "upper"), 2)
        except UploadRejected as exc:
            return error(request, exc.status, exc.message)
        (lower_name, lower), (upper_name, upper) = files["lower"][0], files["upper"][0]
        result = await run(request, jobs.diff_job, lower, lower_name, upper, upper_name, lang)
        csp = report_csp(result.html) if isinstance(result, JobResult) else PAGE_CSP
        return answer(request, result, lambda r: dict(r.data), csp)

    async def batch(request: Request) -> Response:
        lang = pick_lang(request)
        try:
            files = await read_files(request, ("lower", "upper"), settings.max_files)
        except UploadRejected as exc:
            return error(request, exc.status, exc.message)
        upper_name, upper = files["upper"][0]
        job = BatchJob(secrets.token_urlsafe(12), jobs.safe_name(upper_name), len(files["lower"]))
        for name, _ in files["lower"]:
            job.rows.append(
                {"name": jobs.safe_name(name), "status": "…", "summary": "", "href": ""}
            )
        state["batches"][job.id] = job
        asyncio.get_running_loop().create_task(
            _run_batch(job, files["lower"], upper_name, upper, lang)
        )
        return RedirectResponse(f"/batch/{job.id}?lang={lang}", status_code=303)

    async def _run_batch(
        job: BatchJob, lowers: list[tuple[str, bytes]], upper_name: str, upper: bytes, lang: str
    ) -> None:
        for row, (name, data) in zip(job.rows, lowers, strict=True):
            try:
                result = await state["runner"].run(
                    jobs.diff_job, data, name, upper, upper_name, lang
                )
            except (Busy, JobFailed) as exc:
                row.update(status="error", summary=str(exc) or "busy")
                continue
            if not result.ok:
                row.update(status="error", summary=result.error)
                continue
            row.update(
                status="ok",
                summary=batch_summary(result.data["diff"].get("summary", {})),
                href="/download/"
                + state["downloads"].add(
                    Artifact(
                        f"{row['name']}.html",
                        "text/html; charset=utf-8",
                        result.html.encode("utf-8"),
                    )
                )
                + "?inline=1",
            )

    async def batch_status(request: Request) -> Response:
        job = state["batches"].get(request.path_params["job"])
        if job is None:
            return error(request, 404, "no such job (it may have expired)")
        if wants_json(request):
            return JSONResponse({"total": job.total, "done": job.done, "rows": job.rows})
        return page(
            render(
                "batch.html",
                pick_lang(request),
                job_id=job.id,
                total=job.total,
                done=job.done,
                rows=job.rows,
            )
        )

    async def download(request: Request) -> Response:
        artifact = state["downloads"].get(request.path_params["token"])
        if artifact is None:
            return error(request, 404, "this download has expired; run the comparison again")
        inline = request.query_params.get("inline") == "1" and artifact.media_type.startswith(
            "text/html"
        )
        disposition = "inline" if inline else "attachment"
        fallback = re.sub(r"[^A-Za-z0-9._-]", "_", artifact.name)
        headers = {
            "Content-Disposition": f"{disposition}; filename=\"{fallback}\"; filename*=UTF-8''{quote(artifact.name)}",
            **_security_headers(
                report_csp(artifact.data.decode("utf-8", "replace")) if inline else PAGE_CSP
            ),
        }
        return Response(artifact.data, media_type=artifact.media_type, headers=headers)

    async def health(request: Request) -> Response:
        return JSONResponse({"ok": True, "in_flight": state["runner"].in_flight})

    from importlib.resources import files as package_files

    static = StaticFiles(directory=str(package_files("planparse.serve") / "static"))
    routes = [
        Route("/", index),
        Route("/parse", parse, methods=["POST"]),
        Route("/diff", diff, methods=["POST"]),
        Route("/batch", batch, methods=["POST"]),
        Route("/batch/{job}", batch_status),
        Route("/download/{token}", download),
        Route("/healthz", health),
        Mount("/static", static, name="static"),
    ]
    return Starlette(routes=routes, lifespan=lifespan)


class UploadRejected(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def batch_summary(summary: dict[str, Any]) -> str:
    """One line per lower plan: the counts an analyst scans a batch for."""
    ind, tasks = summary.get("indicators", {}), summary.get("tasks", {})
    parts = [
        f"looser {ind.get('lower_looser', 0)}",
        f"stricter {ind.get('lower_stricter', 0)}",
        f"downgraded {ind.get('downgraded', 0)}",
        f"tasks missing {tasks.get('only_upper', 0)}",
        f"lead changed {tasks.get('lead_changed', 0)}",
    ]
    return " · ".join(parts)


def _security_headers(csp: str) -> dict[str, str]:
    return {
        "Content-Security-Policy": csp,
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "X-Frame-Options": "DENY",
    }


def report_csp(html: str) -> str:
    """The CSP a self-contained report declares in its <meta> (hashes of its inline CSS and
    JS), sent as a header too and tightened: a header and a meta policy both apply."""
    found = _META_CSP.search(html[:20000])
    if not found:
        return PAGE_CSP
    return unescape(found.group(1)) + "; frame-ancestors 'none'"


def _inject_downloads(html: str, links: list[tuple[str, str]], lang: str) -> str:
    """Put the download links at the top of a page's body (plain links: no script, no style,
    so the page's own CSP needs no change)."""
    from markupsafe import escape

    items = " ".join(
        f'<a href="{escape(href)}" download>{escape(name)}</a>' for name, href in links
    )
    nav = f'<nav class="downloads" id="downloads"><strong>{escape(label("downloads", lang))}:</strong> {items}</nav>'
    at = html.find(">", html.find("<body")) + 1 if "<body" in html else 0
    return html[:at] + nav + html[at:]
