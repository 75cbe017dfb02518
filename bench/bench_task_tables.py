"""Time a plan with a task-division table of N rows linked to N numbered body tasks (the
row-to-task matching must stay near linear: a bigram index picks the candidate tasks)."""

from __future__ import annotations

import random
import time

from planparse.parse.pipeline import parse_text

_CHARS = "发展建设推进完善加强提升服务体系机制改革创新治理保障能力质量安全产业数字农业教育卫生健康文化生态环境"


def plan_with_table(n: int, seed: int = 1) -> str:
    rng = random.Random(seed)

    def phrase(k: int) -> str:
        return "".join(rng.choice(_CHARS) for _ in range(k))

    heads = [phrase(10) for _ in range(n)]
    lines = ["某市发展行动方案", ""]
    lines += [f"{i}．{h}。{phrase(60)}，{phrase(40)}。" for i, h in enumerate(heads, 1)]
    lines += ["附件", "序号", "重点任务", "牵头单位", "配合单位", "完成时限"]
    for i, h in enumerate(heads, 1):
        lines += [str(i), h, "市发展改革委", "市财政局、市统计局", "2025年底前"]
    return "\n".join(lines)


def run() -> list[tuple[str, float]]:
    out = []
    for n in (150, 300, 600):
        text = plan_with_table(n)
        started = time.perf_counter()
        plan = parse_text(text)
        elapsed = time.perf_counter() - started
        linked = sum(
            1 for t in plan.tasks if t.responsibility and t.responsibility.source == "table"
        )
        assert linked == n, (linked, n)
        out.append((f"task table: parse, {n} rows linked to {n} tasks (s)", elapsed))
    return out


if __name__ == "__main__":
    for label, value in run():
        print(f"{label:60s} {value:8.3f}")
