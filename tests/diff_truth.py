"""The hand-checked task pairs of the sample pair, shared by tests/test_diff.py and the
alignment evaluation (tests/alignment_eval.py, bench/bench_alignment.py).

``corpus/zezhou-county-2023.txt`` (泽州县, lower) and ``corpus/linfen-city-draft.txt`` (临汾市,
upper); line numbers cite the files.
"""

from __future__ import annotations

from planparse.model import Plan

# Hand-checked pairs: (county line inside the task, city line of the task), read off both
# texts. County tasks are unnumbered lead-sentence paragraphs; city tasks are one line each.
TASK_PAIRS: tuple[tuple[int, int, str], ...] = (
    (254, 93, "巩固拓展贫困残疾人脱贫攻坚成果同乡村振兴有效衔接 ↔ 巩固拓展残疾人脱贫攻坚成果"),
    (292, 94, "完善残疾人社会救助机制，提升残疾人生活质量 ↔ 强化残疾人社会救助保障"),
    (323, 97, "完善残疾人福利优待政策… ↔ 完善残疾人社会福利制度和社会优待政策"),
    (360, 95, "加快发展残疾人照护托养服务… ↔ 加快发展残疾人托养和照护服务"),
    (391, 98, "加强突发公共事件中对残疾人的帮扶 ↔ 加强突发公共事件中对残疾人的保护"),
    (456, 112, "抓好残疾人就业法规政策有效落实 ↔ 落实残疾人就业法规政策"),
    (480, 113, "不断丰富和拓展残疾人就业渠道 ↔ 多渠道、多形式促进残疾人就业创业"),
    (528, 125, "提升残疾人职业技能 ↔ 提升残疾人职业素质和就业创业能力"),
    (550, 126, "加强残疾人就业服务和援助 ↔ 优化残疾人就业服务"),
    (585, 127, "依法保障残疾人平等就业权益 ↔ 维护残疾人就业权益"),
    (638, 139, "为各类残疾人提供更加精准的健康和康复服务 ↔ 提升残疾人康复服务质量"),
    (675, 140, "提高残疾人辅助器具适配服务水平 ↔ 提高残疾人辅助器具适配服务水平"),
    (699, 141, "加强残疾预防 ↔ 健全残疾预防工作机制"),
    (765, 151, "健全残疾人教育保障机制 ↔ 健全残疾人教育体系"),
    (787, 152, "支持和保障特殊教育健康发展 ↔ 完善特殊教育保障机制"),
    (850, 164, "提高残疾人公共文化服务供给能力 ↔ 提升残疾人公共文化服务"),
    (869, 165, "发展残疾人体育事业 ↔ 推动残疾人体育全面发展"),
    (920, 178, "发展残疾人慈善事业和志愿服务 ↔ 大力发展残疾人慈善事业和服务产业"),
    (1037, 180, "营造扶残助残文明社会氛围 ↔ 营造全社会扶残助残…文明社会氛围 (other section)"),
    (934, 182, "推进残疾人事业法治化进程 ↔ 提高残疾人事业法治化水平"),
    (955, 183, "加强残疾人法律服务和权益维护 ↔ 创新残疾人法律服务和权益维护"),
    (983, 184, "提升无障碍环境建设管理水平 ↔ 提升无障碍设施建设管理水平"),
    (1002, 185, "加快推进信息无障碍建设 ↔ 加快发展信息无障碍"),
    (1059, 199, "加强基础设施建设 ↔ 规范基础设施 (公建民营、混合经营…发挥使用效益)"),
    (1075, 200, "推动信息化建设 ↔ 加强信息化建设"),
    (1131, 201, "持续深化县级残联改革 ↔ 发挥残疾人组织桥梁纽带作用 (代表、服务、管理; 残协规范)"),
    (1161, 198, "推进残疾人公共服务建设 ↔ 增强基层为残疾人服务的能力 (公共服务事项清单)"),
    (1186, 196, "加强组织领导 ↔ 强化党委领导、政府负责的领导体制"),
    (1196, 197, "加强经费保障 ↔ 强化经费保障，建立稳定增长的多元化投入格局"),
)


def sample_truth(county: Plan, city: Plan) -> set[tuple[str, str]]:
    """(county task id, city task id) of every hand-checked pair."""
    out = set()
    for county_line, city_line, _label in TASK_PAIRS:
        a = next(t for t in county.tasks if t.lines[0] <= county_line <= t.lines[1])
        b = next(t for t in city.tasks if t.lines[0] <= city_line <= t.lines[1])
        out.add((a.id, b.id))
    return out
