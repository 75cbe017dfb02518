"""The pages of `planparse serve`, from Jinja2 templates with autoescape (every document
string is escaped by the engine, never by hand)."""

from __future__ import annotations

from functools import cache
from typing import Any

from planparse.model import Plan

LABELS: dict[str, dict[str, str]] = {
    # The server's own words. Kept beside the templates while the message catalogue covers the
    # CLI; both languages are required (tests/test_serve.py checks every key has both).
    "title": {"en": "planparse — plan documents", "zh": "planparse 规划文本解析与比对"},
    "one_file": {"en": "One plan: parse it", "zh": "单个规划：解析结构"},
    "two_files": {"en": "Two plans: compare lower against upper", "zh": "上下级规划比对"},
    "many_files": {
        "en": "Several lower plans against one upper plan",
        "zh": "多个下级规划对照一个上级规划",
    },
    "file": {"en": "Plan file", "zh": "规划文件"},
    "lower": {"en": "Lower plan (e.g. the county's)", "zh": "下级规划（如县级）"},
    "upper": {"en": "Upper plan (e.g. the city's)", "zh": "上级规划（如市级）"},
    "lowers": {"en": "Lower plans", "zh": "下级规划（可多选）"},
    "parse": {"en": "Parse", "zh": "解析"},
    "compare": {"en": "Compare", "zh": "比对"},
    "start": {"en": "Start", "zh": "开始"},
    "formats": {
        "en": "Accepted: .txt, .docx, .doc, .wps, .rtf, .odt, .html, .pdf, .ofd",
        "zh": "支持格式：.txt、.docx、.doc、.wps、.rtf、.odt、.html、.pdf、.ofd",
    },
    "downloads": {"en": "Downloads", "zh": "下载"},
    "outline": {"en": "Outline", "zh": "章节结构"},
    "columns": {"en": "专栏", "zh": "专栏"},
    "indicators": {"en": "Indicators", "zh": "主要指标"},
    "tasks": {"en": "Tasks", "zh": "重点任务"},
    "warnings": {"en": "Warnings", "zh": "提示"},
    "lead": {"en": "Lead", "zh": "牵头单位"},
    "participating": {"en": "Participating", "zh": "参与单位"},
    "responsible": {"en": "Responsible", "zh": "责任单位"},
    "lines": {"en": "Lines", "zh": "行号"},
    "target": {"en": "Target", "zh": "目标值"},
    "attribute": {"en": "Attribute", "zh": "属性"},
    "error": {"en": "The file could not be read", "zh": "文件无法读取"},
    "busy": {"en": "The server is busy; try again in a moment.", "zh": "服务器繁忙，请稍后再试。"},
    "back": {"en": "Back", "zh": "返回"},
    "progress": {"en": "Progress", "zh": "进度"},
    "report": {"en": "Report", "zh": "报告"},
    "status": {"en": "Status", "zh": "状态"},
    "place": {"en": "Place", "zh": "地区"},
    "summary": {"en": "Summary", "zh": "汇总"},
    "language": {"en": "中文", "zh": "English"},
    "none": {"en": "none", "zh": "无"},
}


def label(key: str, lang: str) -> str:
    return LABELS[key].get(lang) or LABELS[key]["en"]


@cache
def environment() -> Any:
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(
        loader=PackageLoader("planparse.serve", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env


def render(template: str, lang: str, **context: Any) -> str:
    def t(key: str) -> str:
        return label(key, lang)

    other = "en" if lang == "zh" else "zh"
    return environment().get_template(template).render(t=t, lang=lang, other=other, **context)


def plan_page(plan: Plan, lang: str, downloads: list[tuple[str, str]] | None = None) -> str:
    return render("plan.html", lang, plan=plan, downloads=downloads or [])
