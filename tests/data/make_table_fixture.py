"""Write a plan whose indicator table stands outside any 专栏, captioned 表1, as .docx with
real Word tables and as the PDF LibreOffice prints from it; and a second PDF where the same
table has no rules (flattened to text lines, as many portals' PDFs print it).

    python tests/data/make_table_fixture.py      (needs LibreOffice: soffice on PATH)

The plan (a made-up county's ecology plan, not one of the sample plans) is written here as
HTML; LibreOffice imports it as a Writer document and saves the .docx, then prints the PDF.
Units vary in shape: 微克/立方米, 公顷, 万吨标准煤, 亿元, 人/万人, ‰, %.
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent / "formats"

ROWS = [
    ("1", "细颗粒物（PM2.5）年均浓度", "微克/立方米", "38", "33", "约束性"),
    ("2", "新增造林面积", "公顷", "1200", "1500", "预期性"),
    ("3", "单位地区生产总值能耗降低累计", "%", "—", "13.5", "约束性"),
    ("4", "能源消费总量", "万吨标准煤", "310", "≤350", "约束性"),
    ("5", "环保产业营业收入", "亿元", "18", "30", "预期性"),
    ("6", "每万人拥有环境监测人员", "人/万人", "1.2", "2", "预期性"),
    ("7", "婴儿死亡率", "‰", "5.1", "<5", "预期性"),
]


def html(ruled: bool) -> str:
    border = 'border="1" cellpadding="4"' if ruled else 'border="0" cellpadding="4"'
    head = "".join(
        f"<td>{h}</td>" for h in ("序号", "指标名称", "单位", "2020年", "2025年", "指标属性")
    )
    rows = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in ROWS)
    return f"""<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">
<title>平川县“十四五”生态环境保护规划</title><style>
body {{ font-family: "Noto Serif CJK SC", serif; font-size: 14pt; }}
table {{ border-collapse: collapse; width: 100%; }}
td {{ font-size: 11pt; }}
</style></head><body>
<p>平川县“十四五”生态环境保护规划</p>
<p>一、发展目标</p>
<p>到2025年，生态环境质量持续改善，主要污染物排放总量持续减少，生态系统稳定性明显增强。</p>
<p>表1 平川县“十四五”生态环境保护主要指标</p>
<table {border}>
<tr>{head}</tr>
{rows}
</table>
<p>二、主要任务</p>
<p>（一）深入打好污染防治攻坚战</p>
<p>1．加强细颗粒物和臭氧协同控制。推进重点行业超低排放改造，加强扬尘精细化管控。（牵头单位：县生态环境局；参与单位：县住建局、县交通运输局）</p>
<p>2．推进绿色低碳发展。严格控制能源消费总量和强度，推进清洁取暖改造。（牵头单位：县发展改革局；参与单位：县工信局、县能源局）</p>
<p>三、保障措施</p>
<p>各乡镇、各部门要按照职责分工，抓好本规划的组织实施。</p>
</body></html>"""


def soffice(args: list[str], profile: Path) -> None:
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", *args],
        check=True, stdin=subprocess.DEVNULL, timeout=300,
    )  # fmt: skip


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for name, ruled in (("caption-table", True), ("caption-table-unruled", False)):
            source = work / f"{name}.html"
            source.write_text(html(ruled), encoding="utf-8")
            soffice(["--infilter=HTML (StarWriter)", "--convert-to", "docx:MS Word 2007 XML",
                     "--outdir", str(HERE), str(source)], work / "profile")  # fmt: skip
            soffice(["--convert-to", "pdf:writer_pdf_Export", "--outdir", str(HERE),
                     str(HERE / f"{name}.docx")], work / "profile")  # fmt: skip
        (HERE / "caption-table-unruled.docx").unlink()  # only its PDF is a fixture
    for path in sorted(HERE.glob("caption-table*")):
        print(f"{path.stat().st_size:>8}  {path.name}")


if __name__ == "__main__":
    main()
