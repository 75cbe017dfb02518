"""The department network (部门协作网络) of one plan or a corpus: who leads, who takes part,
and who acts together in which tasks.

Nodes are canonical units (the ids of schemas/units.toml, so 县民政局 and 市民政局 of two plans
are one node `民政`), or the printed name where a unit is unknown; collective entries
(各有关单位, 各县（市、区）) are nodes of kind `collective`, kept apart from named units.
Edges, within each task:

- `lead`: lead → participating unit (牵头 → 配合/参与), directed;
- `co`: two units of the same standing (co-leads, co-participants, or units named together as
  责任单位), undirected.

Every edge lists its tasks (document, task id, heading, source lines); its weight is the
number of tasks. The builder works on plan records (the `parse --format json` dicts), so the
same code serves one parsed plan, a batch's JSONL and the SQLite dataset.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

Record = dict[str, Any]


@dataclass
class NetworkNode:
    id: str
    name: str  # the canonical name, or the printed name of an unknown unit
    kind: str  # "unit" | "collective" | "unknown"
    levels: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)  # every printed name seen
    lead: int = 0  # tasks it leads
    participating: int = 0  # tasks it takes part in (配合/参与)
    responsible: int = 0  # tasks it is named for without a lead/participant split (责任单位)
    documents: list[str] = field(default_factory=list)


@dataclass
class TaskRef:
    document: str
    task_id: str
    heading: str
    lines: list[int]


@dataclass
class NetworkEdge:
    source: str
    target: str
    kind: str  # "lead" (directed lead -> participant) | "co" (undirected)
    tasks: list[TaskRef] = field(default_factory=list)

    @property
    def weight(self) -> int:
        return len(self.tasks)


@dataclass
class Network:
    nodes: dict[str, NetworkNode] = field(default_factory=dict)
    edges: dict[tuple[str, str, str], NetworkEdge] = field(default_factory=dict)
    documents: list[str] = field(default_factory=list)


def node_key(unit: Record) -> tuple[str, str, str]:
    """(node id, display name, kind) of a unit reference of a bracket."""
    name = unit.get("name") or ""
    if unit.get("match") == "collective":
        return f"collective:{name}", name, "collective"
    if unit.get("id"):
        return str(unit["id"]), canonical_name(str(unit["id"])), "unit"
    return f"name:{name}", name, "unknown"


def canonical_name(unit_id: str) -> str:
    """The schema's name of a canonical unit id (e.g. civil_affairs -> 民政局)."""
    from planparse.units.normalize import load_schema

    unit = load_schema().units.get(unit_id)
    return unit.name if unit else unit_id


def add_plan(network: Network, plan: Record) -> None:
    """Add one plan record's tasks to the network."""
    document = (plan.get("meta") or {}).get("file") or ""
    network.documents.append(document)
    for task in plan.get("tasks") or []:
        units = ((task.get("responsibility") or {}).get("units")) or []
        if not units:
            continue
        ref = TaskRef(document, task["id"], task.get("heading", ""), list(task.get("lines") or []))
        by_role: dict[str, list[str]] = {"lead": [], "participating": [], "responsible": []}
        for unit in units:
            key, name, kind = node_key(unit)
            node = network.nodes.get(key)
            if node is None:
                node = network.nodes[key] = NetworkNode(key, name, kind)
            role = unit.get("role", "responsible")
            if key in by_role.get(role, []):
                continue  # named twice in one bracket: one task, one count
            by_role.setdefault(role, []).append(key)
            setattr(node, role, getattr(node, role) + 1)
            _add_once(node.names, unit.get("name") or "")
            _add_once(node.levels, unit.get("level") or "")
            _add_once(node.documents, document)
        for lead in by_role["lead"]:
            for other in by_role["participating"]:
                if other != lead:
                    _edge(network, lead, other, "lead", ref)
        for group in by_role.values():
            for a, b in combinations(sorted(set(group)), 2):
                _edge(network, a, b, "co", ref)


def build_network(plans: Iterable[Record]) -> Network:
    network = Network()
    for plan in plans:
        add_plan(network, plan)
    return network


def _add_once(values: list[str], value: str) -> None:
    if value and value not in values:
        values.append(value)


def _edge(network: Network, a: str, b: str, kind: str, ref: TaskRef) -> None:
    edge = network.edges.get((a, b, kind))
    if edge is None:
        edge = network.edges[(a, b, kind)] = NetworkEdge(a, b, kind)
    if not any(t.document == ref.document and t.task_id == ref.task_id for t in edge.tasks):
        edge.tasks.append(ref)


# --- graph measures ---------------------------------------------------------------------------


def to_networkx(network: Network, *, include_collectives: bool = True) -> Any:
    """A networkx MultiGraph-free view: an undirected weighted Graph over both edge kinds
    (weights added), with node and edge attributes flat enough for GraphML and GEXF."""
    import networkx as nx

    graph = nx.Graph()
    keep = {k for k, n in network.nodes.items() if include_collectives or n.kind != "collective"}
    for key in keep:
        n = network.nodes[key]
        graph.add_node(
            key,
            label=n.name,
            kind=n.kind,
            levels=",".join(n.levels),
            names="、".join(n.names),
            lead=n.lead,
            participating=n.participating,
            responsible=n.responsible,
        )
    for edge in network.edges.values():
        if edge.source not in keep or edge.target not in keep:
            continue
        data = graph.get_edge_data(edge.source, edge.target)
        tasks = ";".join(f"{t.document}#{t.task_id}" for t in edge.tasks)
        if data is None:
            graph.add_edge(
                edge.source,
                edge.target,
                weight=edge.weight,
                lead_weight=edge.weight if edge.kind == "lead" else 0,
                co_weight=edge.weight if edge.kind == "co" else 0,
                tasks=tasks,
            )
        else:
            data["weight"] += edge.weight
            data[f"{edge.kind}_weight"] += edge.weight
            data["tasks"] = ";".join(filter(None, [data["tasks"], tasks]))
    return graph


def graph_xml(network: Network, fmt: str) -> str:
    """The network as GraphML or GEXF (networkx's writers), for Gephi, Cytoscape or networkx."""
    import io

    import networkx as nx

    graph = to_networkx(network)
    buffer = io.BytesIO()
    if fmt == "graphml":
        nx.write_graphml(graph, buffer, encoding="utf-8")
    elif fmt == "gexf":
        nx.write_gexf(graph, buffer, encoding="utf-8")
    else:
        raise ValueError(f"unknown graph format {fmt!r}")
    return buffer.getvalue().decode("utf-8")


CJK_FONTS = (
    "Noto Sans CJK SC",
    "Noto Serif CJK SC",
    "WenQuanYi Zen Hei",
    "SimHei",
    "Microsoft YaHei",
)


def network_png(network: Network, top: int = 30) -> bytes:
    """A picture of the network's most central named units (matplotlib, the `plot` extra):
    node size by tasks, edge width by weight, lead edges darker. Collectives are left out."""
    import io

    import matplotlib

    matplotlib.use("Agg")  # no display: files only
    import matplotlib.pyplot as plt
    import networkx as nx
    from matplotlib import font_manager

    installed = {f.name for f in font_manager.fontManager.ttflist}
    fonts = [f for f in CJK_FONTS if f in installed]
    graph = to_networkx(network, include_collectives=False)
    keep = [r.id for r in centrality(network)[:top]]
    graph = graph.subgraph(keep).copy()
    layout = nx.spring_layout(graph, seed=7, weight="weight", k=1.2 / max(1, len(keep)) ** 0.5)
    figure, axes = plt.subplots(figsize=(11, 8), dpi=110)
    sizes = [
        120
        + 40
        * (graph.nodes[n]["lead"] + graph.nodes[n]["participating"] + graph.nodes[n]["responsible"])
        for n in graph
    ]
    colors = ["#b42318" if graph.nodes[n]["lead"] else "#1d5fa8" for n in graph]
    widths = [0.3 + 0.5 * d["weight"] ** 0.5 for _, _, d in graph.edges(data=True)]
    edge_colors = ["#555" if d["lead_weight"] else "#bbb" for _, _, d in graph.edges(data=True)]
    nx.draw_networkx_edges(graph, layout, ax=axes, width=widths, edge_color=edge_colors, alpha=0.6)
    nx.draw_networkx_nodes(graph, layout, ax=axes, node_size=sizes, node_color=colors, alpha=0.85)
    nx.draw_networkx_labels(
        graph,
        layout,
        labels={n: graph.nodes[n]["label"] for n in graph},
        ax=axes,
        font_size=8,
        font_family=fonts or None,
    )
    axes.set_title(
        f"部门协作网络 department network: {len(network.documents)} plan(s), top {len(keep)} units "
        "(red: leads tasks; blue: only takes part; dark edges: lead → participant)",
        fontsize=10,
        fontfamily=fonts or None,
    )
    axes.axis("off")
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", bbox_inches="tight")
    plt.close(figure)
    return buffer.getvalue()


@dataclass
class Centrality:
    id: str
    name: str
    kind: str
    degree: int
    weighted_degree: int
    betweenness: float
    lead: int
    participating: int
    responsible: int

    @property
    def tasks(self) -> int:
        return self.lead + self.participating + self.responsible


def centrality(network: Network) -> list[Centrality]:
    """Degree, weighted degree and betweenness of every named unit (collectives are not
    actors a researcher ranks), most central first."""
    import networkx as nx

    graph = to_networkx(network, include_collectives=False)
    between = nx.betweenness_centrality(graph, weight=None) if graph.number_of_nodes() else {}
    rows = [
        Centrality(
            key,
            graph.nodes[key]["label"],
            graph.nodes[key]["kind"],
            graph.degree(key),
            int(graph.degree(key, weight="weight")),
            round(between.get(key, 0.0), 4),
            graph.nodes[key]["lead"],
            graph.nodes[key]["participating"],
            graph.nodes[key]["responsible"],
        )
        for key in graph.nodes
    ]
    rows.sort(key=lambda r: (-r.weighted_degree, -r.degree, -r.betweenness, r.id))
    return rows


# --- flat rows (CSV, SQLite, JSON) -------------------------------------------------------------

NODE_COLUMNS = (
    "id",
    "name",
    "kind",
    "levels",
    "names",
    "lead",
    "participating",
    "responsible",
    "documents",
)
EDGE_COLUMNS = ("source", "target", "kind", "weight", "tasks")


def node_rows(network: Network) -> list[dict[str, Any]]:
    return [
        {
            "id": n.id,
            "name": n.name,
            "kind": n.kind,
            "levels": "、".join(n.levels),
            "names": "、".join(n.names),
            "lead": n.lead,
            "participating": n.participating,
            "responsible": n.responsible,
            "documents": len(n.documents),
        }
        for n in sorted(network.nodes.values(), key=lambda n: n.id)
    ]


def sorted_edges(network: Network) -> list[NetworkEdge]:
    return sorted(network.edges.values(), key=lambda e: (e.kind, e.source, e.target))


def edge_rows(network: Network) -> list[dict[str, Any]]:
    return [
        {
            "source": e.source,
            "target": e.target,
            "kind": e.kind,
            "weight": e.weight,
            "tasks": "; ".join(
                f"{t.document}#{t.task_id} {t.heading} (L{t.lines[0]}-{t.lines[-1]})"
                if t.lines
                else f"{t.document}#{t.task_id} {t.heading}"
                for t in e.tasks
            ),
        }
        for e in sorted_edges(network)
    ]


def network_json(network: Network) -> dict[str, Any]:
    """The network as JSON: nodes, and edges with their tasks as objects."""
    return {
        "documents": network.documents,
        "nodes": node_rows(network),
        "edges": [
            {
                "source": e.source,
                "target": e.target,
                "kind": e.kind,
                "weight": e.weight,
                "tasks": [t.__dict__ for t in e.tasks],
            }
            for e in sorted_edges(network)
        ],
    }
