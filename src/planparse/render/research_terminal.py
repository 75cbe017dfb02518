"""Terminal tables for `planparse network` and `planparse tools`."""

from __future__ import annotations

from typing import Any

from rich.console import Group
from rich.table import Table

from planparse.research.network import Network, centrality


def network_summary(network: Network, top: int = 15) -> Group:
    """The most central units, tasks per unit, and units that lead nothing."""
    rows = centrality(network)
    named = [n for n in network.nodes.values() if n.kind != "collective"]
    collectives = [n for n in network.nodes.values() if n.kind == "collective"]
    head = Table.grid()
    head.add_row(
        f"{len(network.documents)} plan(s): {len(named)} units, {len(collectives)} collective "
        f"entries, {len(network.edges)} edges"
    )
    central = Table(title="Most central units (部门中心度)", title_justify="left")
    for col in ("unit", "id", "degree", "weighted", "betweenness", "lead", "part.", "resp."):
        central.add_column(col, justify="left" if col in ("unit", "id") else "right")
    for r in rows[:top]:
        central.add_row(
            r.name,
            r.id,
            str(r.degree),
            str(r.weighted_degree),
            f"{r.betweenness:.3f}",
            str(r.lead),
            str(r.participating),
            str(r.responsible),
        )
    idle = sorted(
        (n for n in named if n.lead == 0 and (n.participating or n.responsible)),
        key=lambda n: (-(n.participating + n.responsible), n.id),
    )
    followers = Table(title="Units that lead nothing (只配合不牵头)", title_justify="left")
    followers.add_column("unit")
    followers.add_column("tasks", justify="right")
    for n in idle[:top]:
        followers.add_row(n.name, str(n.participating + n.responsible))
    parts: list[Any] = [head, central]
    if idle:
        parts.append(followers)
    if collectives:
        coll = Table(title="Collective entries (集合主体)", title_justify="left")
        coll.add_column("entry")
        coll.add_column("tasks", justify="right")
        for n in sorted(collectives, key=lambda n: -(n.lead + n.participating + n.responsible)):
            coll.add_row(n.name, str(n.lead + n.participating + n.responsible))
        parts.append(coll)
    return Group(*parts)


def tools_table(rows: list[dict[str, Any]], per_task: bool) -> Table:
    if per_task:
        table = Table(title="Policy tools per task (政策工具编码)", title_justify="left")
        for col in ("document", "element_id", "family", "name", "score", "cues"):
            table.add_column(col)
        for r in rows:
            table.add_row(
                *(str(r[c]) for c in ("document", "element_id", "family", "name")),
                f"{r['score']:.2f}",
                r["cues"],
            )
        return table
    table = Table(title="Policy-tool distribution (政策工具分布)", title_justify="left")
    for col in ("document", "family / tool", "count", "share"):
        table.add_column(col, justify="right" if col in ("count", "share") else "left")
    for r in rows:
        label = r["name"] if r["tool"] == "" else f"  {r['name']}"
        table.add_row(r["document"], label, str(r["count"]), f"{r['share']:.1%}")
    return table
