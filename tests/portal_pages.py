"""Government portal pages around a real article, as a browser saves them.

The skeletons are modelled on how Chinese government portals lay out a policy page (written
for these tests, not copied from any site): a header with navigation, a bread-crumb, the
information-disclosure metadata block (索引号 / 发布机构 / 成文日期 / 文号, as a table or a list),
the title, the article in nested <div>s (or in a layout table's cell, as gov.cn did), a
share/print bar, related links in a side column and a footer with the site's address. The
article is a real one: the content column of a gov.cn policy page kept in corpus/public.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent / "corpus" / "public"


def article(name: str) -> str:
    """The inner HTML of a corpus fragment's content cell (<td id="UCAP-CONTENT">…</td>)."""
    raw = (CORPUS / name).read_text("utf-8")
    match = re.search(r'<td[^>]*id="UCAP-CONTENT"[^>]*>(.*?)</td>', raw, re.S)
    assert match, name
    return match.group(1)


def paragraphs(inner: str) -> list[str]:
    """The article's paragraphs as plain text: each <p>'s text, tags and entities removed."""
    out = []
    for para in re.findall(r"<p[^>]*>(.*?)</p>", inner, re.S):
        text = html.unescape(re.sub(r"<[^>]+>", "", para)).replace("\xa0", " ").strip()
        if text:
            out.append(text)
    return out


NAV = "".join(
    f'<li><a href="/{k}/">{name}</a></li>'
    for k, name in enumerate(["首页", "要闻动态", "政务公开", "政务服务", "互动交流", "走进本地"])
)
RELATED = "".join(
    f'<li><a href="/art/{k}.html">关于做好{topic}工作的通知</a><span>2019-0{k + 1}-1{k}</span></li>'
    for k, topic in enumerate(
        ["春季农业生产", "安全生产大检查", "优化营商环境", "防汛抗旱", "稳就业"]
    )
)
FOOTER = (
    '<div class="footer"><div class="w1200"><p>主办单位：人民政府办公室　承办单位：大数据中心</p>'
    "<p>地址：人民路1号　邮编：000000　联系电话：0000-0000000（工作日上午8:30-12:00，"
    "下午14:30-17:30）</p><p>网站标识码：0000000000　备案号：ICP备00000000号-1　"
    "公安机关备案号：00000000000000</p></div></div>"
)


def meta_rows(meta: dict[str, str]) -> list[tuple[str, str]]:
    return [
        ("索 引 号：", meta["index"]),
        ("发布机构：", meta["issuer"]),
        ("成文日期：", meta["date"]),
        ("文　　号：", meta["docno"]),
        ("主题分类：", "综合政务\\其他"),
        ("发布日期：", meta["date"]),
    ]


def gov_layout_table(inner: str, meta: dict[str, str]) -> str:
    """Layout tables as the national portal used them around 2018: the metadata in a bordered
    four-column table, the article in a cell of a one-column layout table."""
    rows = meta_rows(meta)
    cells = "".join(
        f'<tr><td class="b12c"><b>{a}</b></td><td>{html.escape(b)}</td>'
        f'<td class="b12c"><b>{c}</b></td><td>{html.escape(d)}</td></tr>'
        for (a, b), (c, d) in zip(rows[0::2], rows[1::2], strict=True)
    )
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{meta["title"]}</title>
<link rel="stylesheet" href="/css/common.css"><script src="/js/jquery.js"></script></head>
<body><div class="header"><div class="nav"><ul>{NAV}</ul></div></div>
<div class="wrap"><div class="crumbs">当前位置：<a href="/">首页</a> &gt; <a>政策</a> &gt; <a>最新</a></div>
<div class="bd1"><table width="100%" border="1" cellspacing="0">{cells}
<tr><td class="b12c"><b>标　　题：</b></td><td colspan="3">{meta["title"]}</td></tr></table></div>
<table width="100%" cellspacing="0" cellpadding="0"><tbody><tr>
<td class="b12c" id="UCAP-CONTENT">{inner}</td></tr></tbody></table>
<div class="editor">【我要纠错】 责任编辑：张三</div>
<div class="share">分享到：<a>微信</a><a>微博</a> <a href="javascript:window.print()">打印</a></div>
</div>{FOOTER}</body></html>"""


def province_list_meta(inner: str, meta: dict[str, str]) -> str:
    """A provincial portal: the metadata as a list, the article in a CMS editor <div> inside
    three wrappers, related documents in a side column."""
    items = "".join(
        f"<li><span>{a}</span><em>{html.escape(b)}</em></li>" for a, b in meta_rows(meta)
    )
    return f"""<!DOCTYPE html><html lang="zh-CN"><head><meta charset="UTF-8">
<meta name="ArticleTitle" content="{meta["title"]}"><title>{meta["title"]}_省人民政府门户网站</title></head>
<body><div id="top"><div class="logo"><img src="/logo.png" alt="省人民政府门户网站"></div>
<ul class="menu">{NAV}</ul><div class="search"><input type="text"><button>搜索</button></div></div>
<div class="main clearfix"><div class="position">您当前的位置：<a>首页</a>&gt;<a>政务公开</a>&gt;<a>政府文件</a></div>
<div class="left-col"><div class="xxgk-info"><ul>{items}</ul></div>
<div class="detail"><h1 class="title">{meta["title"]}</h1>
<div class="info"><span>发布时间：{meta["date"]}</span><span>来源：{meta["issuer"]}</span>
<span>字号：<a>大</a> <a>中</a> <a>小</a></span></div>
<div class="content"><div class="article-box"><div class="TRS_UEDITOR trs_paper_default trs_web">
{inner}</div></div></div>
<div class="fj"><p>附件：<a href="/files/1.docx">重点任务分工表.docx</a></p></div></div></div>
<div class="right-col"><div class="box"><h3>相关文件</h3><ul>{RELATED}</ul></div></div></div>
{FOOTER}</body></html>"""


def county_nameless(inner: str, meta: dict[str, str]) -> str:
    """A county site whose classes say nothing (generated names): the article in <div>s six
    deep, the metadata as a table of its own, a long list of related links beside it."""
    rows = "".join(f"<tr><th>{a}</th><td>{html.escape(b)}</td></tr>" for a, b in meta_rows(meta))
    related = RELATED * 4
    return f"""<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>{meta["title"]}</title><style>.c-9f2 {{ margin: 0 auto }}</style></head>
<body><div class="c-1a0"><div class="c-1a1"><ul>{NAV}</ul></div></div>
<div class="c-2b0"><div class="c-2b1">首页 &gt; 信息公开 &gt; 规划计划</div>
<div class="c-3c0"><div class="c-3c1"><table class="c-3c2">{rows}</table></div>
<div class="c-4d0"><div class="c-4d1"><div class="c-4d2"><div class="c-4d3"><div class="c-4d4">
<div class="c-4d5"><p class="c-t">{meta["title"]}</p>{inner}</div></div></div></div></div></div>
<div class="c-5e0"><div class="c-5e1">相关阅读</div><ul>{related}</ul></div></div></div>
<div class="c-6f0"><p>扫一扫在手机打开当前页</p><p>【打印本页】 【关闭窗口】</p></div>
{FOOTER}</body></html>"""


SKELETONS = {
    "layout-table": gov_layout_table,
    "list-metadata": province_list_meta,
    "nameless-divs": county_nameless,
}


def hidden_article(inner: str, meta: dict[str, str]) -> str:
    """The article kept in a hidden <div> that a script copies into the visible one when the
    page loads (a saved page keeps both, the visible one empty if scripts did not run)."""
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{meta["title"]}</title></head>
<body><div class="header"><ul>{NAV}</ul></div>
<div class="main"><h1>{meta["title"]}</h1><div id="show" class="text"></div>
<div id="source" style="display:none">{inner}</div>
<script>document.getElementById("show").innerHTML = document.getElementById("source").innerHTML;</script>
</div>{FOOTER}</body></html>"""


def script_article(inner: str, meta: dict[str, str]) -> str:
    """A page rendered by script from a JSON object: the text is only in the script."""
    import json

    data = json.dumps({"title": meta["title"], "content": inner}, ensure_ascii=False)
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{meta["title"]}</title></head>
<body><div id="app"></div><div class="footer">版权所有</div>
<script>window.__ARTICLE_DATA__ = {data};</script>
<script src="/static/js/app.js"></script></body></html>"""


def page_meta(inner: str) -> dict[str, str]:
    """The metadata a portal prints for this article: its headline (the paragraphs before the
    文号 line), 文号, issuer and date as the notice gives them."""
    paras = paragraphs(inner)
    number_at = next(i for i, t in enumerate(paras) if re.search(r"〔\d{4}〕\d+号$", t))
    date = next(t for t in paras if re.fullmatch(r"\s*\d{4}年\d{1,2}月\d{1,2}日\s*", t))
    y, m, d = (int(x) for x in re.findall(r"\d+", date))
    headline = "".join(paras[:number_at])
    return {
        "title": headline,
        "docno": paras[number_at],
        "issuer": headline.split("关于")[0],
        "date": f"{y}-{m:02d}-{d:02d}",
        "index": f"000014349/{y}-{number_at:05d}",
    }
