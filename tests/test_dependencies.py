"""Runtime dependencies are exactly what runtime code imports: every third-party module that
src/planparse imports is declared in pyproject.toml (optional ones in their extra), and every
declared runtime dependency is imported somewhere (jsonschema, used only by tests, is dev)."""

from __future__ import annotations

import ast
import re
import sys
from importlib.metadata import packages_distributions
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "planparse"
# extra -> {module: the only source files that may import it (lazily, on that feature's path)}
OPTIONAL = {
    "dask": {"dask": {"batch/dask_engine.py"}},
    "serve": {"starlette": {"serve/app.py"}, "uvicorn": {"cli/serve.py"}},
    "ocr": {"rapidocr_onnxruntime": {"readers/ocr.py"}},
    "plot": {"matplotlib": {"research/network.py"}},
}


def _name(requirement: str) -> str:
    """The normalised distribution name of a requirement string."""
    name = re.match(r"[A-Za-z0-9._-]+", requirement)
    assert name is not None, requirement
    return re.sub(r"[-_.]+", "-", name.group(0)).lower()


def _imports() -> dict[str, set[str]]:
    """Third-party top-level module -> the source files importing it."""
    found: dict[str, set[str]] = {}
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            for name in names:
                top = name.split(".")[0]
                if top not in sys.stdlib_module_names and top != "planparse":
                    found.setdefault(top, set()).add(str(path.relative_to(PACKAGE)))
    return found


def _distribution(module: str) -> str:
    provided = packages_distributions().get(module) or [module]  # tomli: not installed on 3.11+
    return _name(provided[0])


def test_runtime_imports_are_declared_and_declarations_imported() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    runtime = {_name(r) for r in project["dependencies"]}
    extras = {
        extra: {_name(r) for r in reqs} for extra, reqs in project["optional-dependencies"].items()
    }
    imported = {_distribution(m): files for m, files in _imports().items()}
    undeclared = {
        dist: files
        for dist, files in imported.items()
        if dist not in runtime and not any(dist in extras[e] for e in OPTIONAL)
    }
    assert not undeclared, f"imported but not a runtime dependency: {undeclared}"
    unused = runtime - set(imported)
    assert not unused, f"runtime dependencies nothing imports: {sorted(unused)}"
    assert "jsonschema" not in runtime and "jsonschema" in extras["dev"]
    dev = extras["dev"] | {
        r
        for e in re.findall(
            r"planparse\[(\w+)\]", " ".join(project["optional-dependencies"]["dev"])
        )
        for r in extras[e]
    }
    for extra, modules in OPTIONAL.items():
        assert extras[extra] <= dev, f"the dev extra must pull in [{extra}]"
        for module, allowed in modules.items():
            assert imported.get(_distribution(module)) == allowed, module
