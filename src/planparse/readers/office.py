"""Legacy office files (.doc, .wps, .rtf, .odt) read by converting them to .docx with
LibreOffice, then reading the .docx like any other.

Why convert rather than parse: the binary Word format (and Kingsoft WPS's older files,
which are the same OLE2 format) needs a large parser; LibreOffice already has the best
free one and writes a .docx whose paragraphs, tables and automatic numbering our .docx
reader keeps. Origins (source map) are the paragraph numbers of the converted .docx, which
match the paragraphs of the original document in the same order.

The conversion treats the file as hostile:

* a private, throw-away LibreOffice profile (`-env:UserInstallation`), so no user settings,
  macros or lock files are shared with the user's own LibreOffice and no two runs collide;
  the profile disables macros and never updates linked content;
* no network: the process runs in a fresh network namespace (`unshare -rn`) where the
  system allows it, so linked images and remote templates cannot be fetched;
* a time limit; on expiry the whole process group is killed.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from functools import cache
from pathlib import Path

from planparse.model import PlanParseError, SourceText
from planparse.readers import limits

SOURCE_EXTENSION = {"doc": ".doc", "wps": ".doc", "rtf": ".rtf", "odt": ".odt"}
"""File name LibreOffice is given per kind (a .wps from WPS Office is OLE2 Word format)."""

DESCRIPTION = {
    "doc": "a legacy Word .doc file (OLE2 format)",
    "wps": "a WPS Office .wps file (OLE2 format)",
    "rtf": "an RTF file",
    "odt": "an OpenDocument (.odt) file",
}

# Settings of the private profile: macros never run, links are never updated (no fetches).
_PROFILE_SETTINGS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
 xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="MacroSecurityLevel" oor:op="fuse"><value>3</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="DisableMacrosExecution" oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security"><prop oor:name="BlockUntrustedRefererLinks" oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Writer/Content/Update"><prop oor:name="Link" oor:op="fuse"><value>2</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Misc"><prop oor:name="UseLocking" oor:op="fuse"><value>false</value></prop></item>
</oor:items>
"""


def find_soffice() -> str | None:
    """The LibreOffice executable on PATH (`soffice`, or the `libreoffice` wrapper)."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    return None


@cache
def _isolation() -> tuple[str, ...]:
    """Command prefix that runs a program without network, when the system allows it."""
    unshare = shutil.which("unshare")
    if not unshare:
        return ()
    try:
        probe = subprocess.run(
            [unshare, "-rn", "true"], capture_output=True, timeout=10, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return ()
    return (unshare, "-rn") if probe.returncode == 0 else ()


def convert_to_docx(data: bytes, path: str, kind: str) -> bytes:
    """The .docx LibreOffice makes of `data` (a `kind` file), or a clear PlanParseError."""
    soffice = find_soffice()
    if soffice is None:
        raise PlanParseError(
            path,
            f"is {DESCRIPTION[kind]}; reading it needs LibreOffice (soffice), which is not "
            f"installed: install it, or convert it with "
            f"`libreoffice --headless --convert-to docx {path}`",
        )
    with tempfile.TemporaryDirectory(prefix="planparse-convert-") as tmp:
        work = Path(tmp)
        profile = work / "profile"
        (profile / "user").mkdir(parents=True)
        (profile / "user" / "registrymodifications.xcu").write_text(_PROFILE_SETTINGS)
        source = work / f"document{SOURCE_EXTENSION[kind]}"
        source.write_bytes(data)
        out = work / "out"
        out.mkdir()
        command = [
            *_isolation(),
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless", "--invisible", "--norestore", "--nolockcheck", "--nodefault",
            "--nologo", "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(out),
            str(source),
        ]  # fmt: skip
        env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
        env["HOME"] = str(work)
        _run(command, env, path, kind)
        result = out / "document.docx"
        if not result.is_file() or result.stat().st_size == 0:
            raise PlanParseError(
                path,
                f"is {DESCRIPTION[kind]} that LibreOffice could not convert "
                "(damaged, password-protected or not really that format); "
                "open it in Word or WPS and save it as .docx",
            )
        return result.read_bytes()


def _run(command: list[str], env: dict[str, str], path: str, kind: str) -> None:
    seconds = limits.CONVERT_TIME_LIMIT
    with subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
        start_new_session=True,  # its own process group, so that a kill takes its children
    ) as proc:
        try:
            proc.communicate(timeout=seconds)
        except subprocess.TimeoutExpired:
            _kill_group(proc)
            raise PlanParseError(
                path,
                f"converting {DESCRIPTION[kind]} with LibreOffice exceeded the "
                f"{seconds:.0f} s time limit; convert it by hand and read the .docx",
            ) from None
        except BaseException:
            _kill_group(proc)
            raise


def _kill_group(proc: subprocess.Popen[bytes]) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        proc.kill()
    proc.wait()


def read_office(data: bytes, path: str, kind: str) -> SourceText:
    from planparse.readers.docx import read_docx

    src = read_docx(convert_to_docx(data, path, kind), path)
    src.format = kind
    src.notes.insert(0, f"converted from {kind} to .docx by LibreOffice; origins are paragraphs")
    return src
