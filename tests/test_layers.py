"""The package is layered: each folder imports only from layers below it, and nothing imports
in a circle. The graph is read from the source (every `import`/`from` naming planparse,
including the lazy ones inside functions), so a new upward import fails here, not in review."""

from __future__ import annotations

import ast
from pathlib import Path

import planparse

PACKAGE = Path(planparse.__file__).parent

# Lower rank = lower layer. A module may import its own layer or any lower one.
LAYER_RANK = {
    "model": 0,
    "resources": 0,
    "i18n": 0,
    "private_cache": 0,  # the start-up caches' files (user cache folder, private, atomic)
    "readers": 1,
    "units": 1,
    "dataset": 1,
    "research": 1,  # pure functions over plan records (dicts), used by dataset's SQLite tables
    "parse": 2,
    "compare": 3,
    "render": 4,
    "batch": 4,
    "serve": 5,  # the web application: above render and compare, beside the CLI
    "cli": 5,
}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("planparse.")}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "planparse":
                found |= {f"planparse.{a.name}" for a in node.names}
            elif node.module.startswith("planparse."):
                found.add(node.module)
    return found


def layer_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else None


def import_graph() -> dict[str, set[str]]:
    return {module_name(p): imports_of(p) for p in PACKAGE.rglob("*.py")}


def test_every_module_belongs_to_a_layer() -> None:
    unknown = {m for m in import_graph() if m != "planparse" and layer_of(m) not in LAYER_RANK}
    assert not unknown, f"modules outside the known layers: {sorted(unknown)}"


def test_no_upward_import() -> None:
    upward = []
    for module, targets in import_graph().items():
        here = layer_of(module)
        if here is None:
            continue
        for target in targets:
            there = layer_of(target)
            if there in LAYER_RANK and LAYER_RANK[there] > LAYER_RANK[here]:
                upward.append(f"{module} -> {target}")
    assert not upward, "imports from a higher layer:\n" + "\n".join(sorted(upward))


def test_no_import_cycle_between_modules() -> None:
    graph = import_graph()
    modules = set(graph)

    def resolve(target: str) -> str | None:
        # `from planparse.batch import x` may name a submodule or a name in the package.
        return target if target in modules else None

    edges = {m: {t for t in map(resolve, ts) if t and t != m} for m, ts in graph.items()}
    # A package's __init__ re-exporting its own submodules is not a cycle of behaviour.
    for m in edges:
        edges[m] = {t for t in edges[m] if not t.startswith(m + ".")}
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(node: str, stack: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(edges[node]):
            if state.get(nxt) == 1:
                cycles.append([*stack[stack.index(nxt) :], nxt])
            elif nxt not in state:
                visit(nxt, [*stack, nxt])
        state[node] = 2

    for m in sorted(edges):
        if m not in state:
            visit(m, [m])
    assert not cycles, "import cycles:\n" + "\n".join(" -> ".join(c) for c in cycles)


def test_the_checker_sees_an_upward_import(tmp_path: Path) -> None:
    bad = tmp_path / "x.py"
    bad.write_text("def f():\n    from planparse.cli.main import app\n", encoding="utf-8")
    assert imports_of(bad) == {"planparse.cli.main"}
    assert LAYER_RANK[layer_of("planparse.cli.main")] > LAYER_RANK["parse"]
