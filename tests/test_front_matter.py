"""Front matter as real portals and reprints print it: one test per phenomenon.

Each fragment has the shape of a real opening (the page it was seen on is named in the
comment; places, numbers and titles are varied so no test is about one document). The
complete real texts are measured in tests/test_corpus_public.py.
"""

from __future__ import annotations

from planparse.model import Plan
from planparse.parse.extract.meta import place_of, place_spans
from planparse.parse.pipeline import parse_text


def parse(text: str) -> Plan:
    return parse_text(text, path="fragment.txt")


def kept_and_dropped(text: str, plan: Plan) -> None:
    """Every non-whitespace character is kept in an element or listed as dropped."""
    from collections import Counter

    def squash(s: str) -> Counter[str]:
        return Counter(c for c in s if not c.isspace())

    kept = squash("".join(e.text for e in plan.elements) + "".join(d.text for d in plan.dropped))
    assert kept == squash(text)


# Shape seen on https://www.nxzw.gov.cn/zwgk/zfxxgkml/szfbwj/201812/t20181218_1216597.html:
# bread-crumb, share buttons, then each metadata key on a line of its own and its value on the next.
KEY_VALUE_LINES = """当前位置:首页 > 政府信息公开 > 市政府(办)文件
用微信扫描二维码
分享至好友和朋友圈
索 引 号:
640999001/2020-00017
文  号:
固政办发〔2020〕12号
发布机构:
固原市人民政府办公室
生成日期:
2020年05月06日
标  题:
市人民政府办公室关于印发固原市养老服务体系建设实施方案的通知
市人民政府办公室关于印发固原市养老服务体系建设实施方案的通知
固政办发〔2020〕12号
各县(区)人民政府,市政府各部门:
《固原市养老服务体系建设实施方案》已经市政府同意,现印发给你们,请认真贯彻落实。
固原市人民政府办公室
2020年4月30日
固原市养老服务体系建设实施方案
为贯彻落实《宁夏回族自治区养老服务体系建设规划》,制定本方案。
一、总体要求
(一)指导思想。以习近平新时代中国特色社会主义思想为指导。
"""


def test_web_metadata_block_is_evidence_never_the_issuer() -> None:
    plan = parse(KEY_VALUE_LINES)
    meta = plan.meta
    assert meta.title == "固原市养老服务体系建设实施方案"
    assert meta.issuer == "固原市人民政府办公室"  # the signature, not 生成日期:…标题:… glued
    assert meta.doc_number == "固政办发〔2020〕12号"
    assert meta.date == "2020-04-30"  # signed, not the page's 生成日期
    assert meta.published == "2020-05-06"
    assert meta.basis == ["宁夏回族自治区养老服务体系建设规划"]
    assert (meta.place, meta.level) == ("固原市", "city")
    assert meta.recipients == ["各县(区)人民政府", "市政府各部门"]
    reasons = {"".join(d.text.split()): d.reason for d in plan.dropped}
    assert "web page metadata" in reasons["索引号:"]
    assert "frame" in reasons["分享至好友和朋友圈"]
    assert [h.title for h in plan.headings] == ["总体要求", "指导思想"]
    kept_and_dropped(KEY_VALUE_LINES, plan)


# Shape seen on https://www.jiading.gov.cn/publicity/jcgk/zdgkwj/qzfwj/182298: `| key: | value |`
# rows; a 转发 notice without a headline; the signature names the full issuer.
PIPE_ROWS = """索 引 号: | WA1307001-2023-004 | 主题分类: | 区政府 |
发布机构: | 区政府办公室 | 发文日期: | 2023-06-02 |
文 号: | 松府办发〔2023〕9号 | 公开类型: | 主动公开 |
各镇人民政府,区政府各委、办、局,各街道办事处:
区民政局拟定的《松江区社区养老服务设施布局实施方案》已经区政府同意,现转发给你们,请认真按照执行。
上海市松江区人民政府办公室
2023年6月1日
松江区社区养老服务设施布局实施方案
根据《上海市养老服务设施布局专项规划(2021-2035年)》,制定本方案。
一、工作目标
"""


def test_pipe_rows_and_a_letter_without_headline() -> None:
    plan = parse(PIPE_ROWS)
    meta = plan.meta
    assert meta.title == "松江区社区养老服务设施布局实施方案"
    assert meta.issuer == "上海市松江区人民政府办公室"
    assert meta.doc_number == "松府办发〔2023〕9号"
    assert meta.date == "2023-06-01"
    assert meta.basis == ["上海市养老服务设施布局专项规划(2021-2035年)"]
    assert (meta.place, meta.level) == ("松江区", "county")
    assert [h.marker + h.title for h in plan.headings] == ["一、工作目标"]
    kept_and_dropped(PIPE_ROWS, plan)


# Shape seen on http://cq.gov.cn/ywdt/jrcq/202307/t20230713_12146007.html: a news report that
# reprints the plan, joint issuers in the lead.
NEWS_LEAD = """近日,中共四川省委办公厅、四川省人民政府办公厅印发了《四川省推进县域经济高质量发展实施方案》,并发出通知,要求各地各部门结合实际认真贯彻落实。
《四川省推进县域经济高质量发展实施方案》全文如下。
为深入贯彻落实《中共中央关于制定国民经济和社会发展第十四个五年规划的建议》,结合我省实际,制定本实施方案。
一、总体要求
"""


def test_news_lead_reprint() -> None:
    meta = parse(NEWS_LEAD).meta
    assert meta.title == "四川省推进县域经济高质量发展实施方案"
    assert meta.issuer == "中共四川省委办公厅、四川省人民政府办公厅"
    assert meta.basis == ["中共中央关于制定国民经济和社会发展第十四个五年规划的建议"]
    assert (meta.place, meta.level) == ("四川省", "province")


# Shape seen on http://xiongan.gov.cn/2021-03/23/c_1211080104.htm: two signatures, the plan
# title over two lines after the (此件公开发布) note.
JOINT = """宁发〔2022〕3号
中共宁安县委
宁安县人民政府
关于印发《宁安县乡村振兴三年行动计划》的通知
各乡镇党委、人民政府,县直各部门:
现将《宁安县乡村振兴三年行动计划》印发给你们,请结合实际认真贯彻执行。
中共宁安县委
宁安县人民政府
2022年3月15日
(此件公开发布)
宁安县乡村振兴
三年行动计划
依据《牡丹江市乡村振兴规划》,制定本计划。
一、总体要求
"""


def test_joint_signatures_and_title_over_two_lines() -> None:
    meta = parse(JOINT).meta
    assert meta.title == "宁安县乡村振兴三年行动计划"
    assert meta.issuer == "中共宁安县委、宁安县人民政府"
    assert (meta.doc_number, meta.date) == ("宁发〔2022〕3号", "2022-03-15")
    assert (meta.place, meta.level) == ("宁安县", "county")


# Shape seen on https://lr5.cn/2024/08/07/47893.html: four issuers in one headline, no signature.
def test_joint_headline_issuers_are_split() -> None:
    text = (
        "西安市发展和改革委员会中共西安市委社会工作部西安市住房和城乡建设局"
        "关于印发西安市社区服务设施建设方案的通知\n"
        "各区县政府,市级有关部门:\n"
        "现将《西安市社区服务设施建设方案》印发给你们,请认真贯彻落实。\n"
        "一、主要目标\n"
    )
    meta = parse(text).meta
    assert meta.issuer == "西安市发展和改革委员会、中共西安市委社会工作部、西安市住房和城乡建设局"
    assert meta.title == "西安市社区服务设施建设方案"


# Shape seen on http://dyerandpostasalon.com/policy/102135.html: traditional characters, with
# pinyin a converter put after some of them; printed values stay as printed.
def test_traditional_characters_and_converter_pinyin() -> None:
    text = (
        "吉林省人民政府辦公廳關于印發(fā)吉林省綜合防災減災規(guī)劃(2016-2020年)的通知\n"
        "吉政辦發(fā)〔2017〕8號\n"
        "各市(州)人民政府,省政府各廳委:\n"
        "《吉林省綜合防災減災規(guī)劃(2016-2020年)》已經(jīng)省政府同意,現(xiàn)印發(fā)給你們。\n"
        "吉林省人民政府辦公廳\n"
        "2017年2月3日\n"
        "吉林省綜合防災減災規(guī)劃(2016-2020年)\n"
        "依據(jù)《吉林省國民經(jīng)濟和社會發(fā)展第十三個五年規(guī)劃綱要》,制定本規(guī)劃。\n"
        "一、現(xiàn)狀與形勢\n"
    )
    meta = parse(text).meta
    assert meta.title == "吉林省綜合防災減災規(guī)劃(2016-2020年)"
    assert meta.issuer == "吉林省人民政府辦公廳"
    assert meta.doc_number == "吉政辦發(fā)〔2017〕8號"
    assert meta.date == "2017-02-03"
    assert meta.basis == ["吉林省國民經(jīng)濟和社會發(fā)展第十三個五年規(guī)劃綱要"]
    assert (meta.place, meta.level) == ("吉林省", "province")


# Shape seen on https://huarong.gov.cn/…/content_1801120.html: the letter's own numbered
# paragraphs, no plan in the text; they are not the plan's headings.
def test_notice_paragraphs_are_not_plan_headings() -> None:
    text = (
        "各乡镇人民政府、县直各单位:\n"
        "《2022年县政府重点工作任务分解》已经县人民政府同意,现印发给你们,请认真抓好贯彻落实。\n"
        "一、强化责任落实。各责任单位要切实履行职责。\n"
        "二、严格督查考核。完成情况列入绩效评估。\n"
    )
    plan = parse(text)
    assert plan.meta.title == "2022年县政府重点工作任务分解"
    assert plan.headings == []
    assert plan.meta.level == "county"


# Shape seen on http://www.gov.cn/zhengce/content/2019-01/25/content_5361158.htm: an 意见 that
# addresses its recipients itself, title over two lines, signed at the end.
def test_addressed_plan_signed_at_its_end() -> None:
    text = (
        "国务院关于促进家政服务业\n"
        "提质扩容的意见\n"
        "国发〔2019〕30号\n"
        "各省、自治区、直辖市人民政府,国务院各部委、各直属机构:\n"
        "为促进家政服务业提质扩容,现提出以下意见。\n"
        "一、总体要求\n"
        "(一)指导思想。坚持以人民为中心。\n"
        "国务院\n"
        "2019年6月16日\n"
    )
    meta = parse(text).meta
    assert meta.title == "国务院关于促进家政服务业提质扩容的意见"
    assert (meta.issuer, meta.date) == ("国务院", "2019-06-16")
    assert (meta.place, meta.level) == ("全国", "national")


# Shape seen on http://www.cxgzchina.org/NewsInfo.aspx?id=8461: a table of contents before the
# body; its entries are dropped with a reason and never read as headings.
def test_table_of_contents_is_dropped() -> None:
    text = (
        "合肥市国民经济和社会发展第十四个五年规划纲要\n"
        "目  录\n"
        "第一章  发展环境\n"
        "第一节  发展基础\n"
        "第二章  总体要求\n"
        "第一章  发展环境\n"
        "第一节  发展基础\n"
        "“十三五”时期,全市经济实力跃上新台阶。\n"
    )
    plan = parse(text)
    assert [h.title for h in plan.headings] == ["发展环境", "发展基础"]
    contents = [d for d in plan.dropped if "table of contents" in d.reason]
    assert ["".join(d.text.split()) for d in contents] == [
        "目录",
        "第一章发展环境",
        "第一节发展基础",
        "第二章总体要求",
    ]
    kept_and_dropped(text, plan)


def test_cover_page_with_a_month_in_chinese_numerals() -> None:
    text = (
        "柳林县“十四五”文化旅游发展规划\n"
        "柳林县人民政府\n"
        "二O二一年九月\n"
        "前言\n"
        "为推动文化旅游融合发展,根据《吕梁市“十四五”文化旅游发展规划》,编制本规划。\n"
        "第一章 发展基础\n"
    )
    plan = parse(text)
    assert plan.meta.title == "柳林县“十四五”文化旅游发展规划"
    assert plan.meta.issuer == "柳林县人民政府"
    assert plan.meta.basis == ["吕梁市“十四五”文化旅游发展规划"]
    assert [h.title for h in plan.headings] == ["前言", "发展基础"]


def test_dates_in_chinese_numerals_with_zero_variants() -> None:
    from planparse.parse.front import find_date

    assert find_date("二〇二三年八月八日") == "2023-08-08"
    assert find_date("二○二一年十二月三十一日") == "2021-12-31"
    assert find_date("二O二二年一月五日") == "2022-01-05"
    assert find_date("二零二零年十月十日") == "2020-10-10"


def test_basis_forms() -> None:
    def basis(sentence: str) -> list[str]:
        return parse(f"某县规划\n{sentence}\n一、总体要求\n").meta.basis

    assert basis("在《某市“十四五”规划》指导下,编制本规划。") == ["某市“十四五”规划"]
    assert basis("为贯彻落实《关于印发〈某省行动方案〉的通知》,制定本方案。") == [
        "关于印发〈某省行动方案〉的通知"
    ]
    assert basis("按照《某省规划》要求,根据《某市规划》,结合实际,制定本方案。") == [
        "某省规划",
        "某市规划",
    ]
    # a title named as an object, not as a basis
    assert basis("为深入贯彻落实会议精神,全面完成好《政府工作报告》中确定的任务,制定本方案。") == []


def test_run_in_heading_without_a_full_stop() -> None:
    plan = parse(
        "某县行动计划\n一、总体要求\n(一)指导思想以习近平新时代中国特色社会主义思想为指导,坚持以人民为中心的发展思想,加快完善服务体系,让群众安享美好生活。\n"
    )
    assert [h.title for h in plan.headings] == ["总体要求", "指导思想"]


def test_places_with_level_words_as_first_character() -> None:
    for name in ["本溪市", "景德镇市", "全椒县", "城固县", "城阳区", "社旗县", "分宜县", "市中区"]:
        assert place_of(f"{name}“十四五”规划") == name
    for title in ["社区居家养老服务方案", "园区发展规划", "全县城区建设方案"]:
        assert place_of(title) is None


def test_running_text_is_not_a_place() -> None:
    text = "到2025年,5年内市、区(县级市)完成改造,全市地区生产总值增长,重庆市推进以区县城为载体。"
    names = {text[a:b] for a, b in place_spans(text)}
    assert not {"5年内市", "年内市", "内市", "县级市", "全市地区", "市地区"} & names
    assert "重庆市" in names
    assert place_of("重庆市推进以区县城为重要载体的城镇化建设实施方案") == "重庆市"


# Shape seen on http://isjx.org.cn/list.php?id=2075: a navigation bar, then the whole page in one
# line, paragraphs apart by spaces, the headline printed twice and run into the doc number.
def test_page_flattened_into_one_line() -> None:
    body = "全面推进乡村振兴,加快农业农村现代化,是今后一个时期的重大任务。" * 6
    text = (
        "协会首页 | 协会概况\n|\n政策法规 | 新闻动态\n|\n"
        "湖南省人民政府关于印发湖南省“十四五”农业农村现代化规划的通知"
        "湖南省人民政府关于印发湖南省“十四五”农业农村现代化规划的通知湘政发〔2021〕12号 "
        "各市州人民政府,省政府各厅委、各直属机构: "
        "现将《湖南省“十四五”农业农村现代化规划》印发给你们,请认真贯彻执行。 "
        "2021年9月3日 (此件主动公开) 湖南省“十四五”农业农村现代化规划 "
        f"{body} 第一章 规划背景 {body} 第一节 发展基础 {body}\n"
    )
    plan = parse(text)
    meta = plan.meta
    assert meta.title == "湖南省“十四五”农业农村现代化规划"
    assert (meta.issuer, meta.doc_number, meta.date) == (
        "湖南省人民政府",
        "湘政发〔2021〕12号",
        "2021-09-03",
    )
    assert [h.marker + h.title for h in plan.headings] == ["第一章规划背景", "第一节发展基础"]
    assert {d.text for d in plan.dropped} >= {"协会首页|协会概况", "|"}
    kept_and_dropped(text, plan)


def test_crumb_step_names_only_the_page_section() -> None:
    """A signature that a bread-crumb step merely contains stays the signature."""
    text = (
        "首页 > 宿松县人民政府办公室信息公开 > 信息浏览\n"
        "宿松县人民政府关于印发《宿松县人民政府工作规则》的通知\n"
        "各乡、镇人民政府,县政府各部门:\n"
        "《宿松县人民政府工作规则》已经县政府全体会议通过,现予印发,请遵照执行。\n"
        "宿松县人民政府\n"
        "2020年2月3日\n"
        "宿松县人民政府工作规则\n"
        "第一章 总则\n"
    )
    meta = parse(text).meta
    assert (meta.issuer, meta.date) == ("宿松县人民政府", "2020-02-03")


def test_letter_forms_seen_on_portals() -> None:
    # a 行政公署 signs; 参照 names a basis; the number printed in brackets on its own line
    meta = parse(
        "那曲地区行政公署关于印发《那曲地区行政公署工作规则》的通知\n"
        "(那行发〔2020〕8号)\n"
        "各县人民政府,行署各局、委、办:\n"
        "《那曲地区行政公署工作规则》已经行署研究通过,现印发给你们,请认真贯彻执行。\n"
        "那曲地区行政公署\n"
        "2020年3月9日\n"
        "那曲地区行政公署工作规则\n"
        "根据《中华人民共和国宪法》,参照《国务院工作规则》,制定本规则。\n"
        "第一章 总则\n"
    ).meta
    assert (meta.issuer, meta.doc_number) == ("那曲地区行政公署", "那行发〔2020〕8号")
    assert meta.basis == ["中华人民共和国宪法", "国务院工作规则"]
    assert (meta.place, meta.level) == ("那曲地区", "city")
    # a news lead that dates the release instead of 近日
    meta = parse(
        "2022年6月,中共河南省委办公厅、河南省人民政府办公厅印发《河南省乡村建设行动实施方案》。\n"
        "第一章 总则\n"
    ).meta
    assert meta.title == "河南省乡村建设行动实施方案"
    assert meta.issuer == "中共河南省委办公厅、河南省人民政府办公厅"
    # the plan sent as the letter's attachment
    meta = parse(
        "各乡镇人民政府,县政府各部门:\n"
        "现将《2019年县政府重点工作任务分解表》印发给你们,请认真抓好落实。\n"
        "附件:2019年县政府重点工作任务分解表\n"
    ).meta
    assert meta.title == "2019年县政府重点工作任务分解表"


def test_bulleted_metadata_fields() -> None:
    """`- key:value` rows (seen on a prefecture portal's page export) are metadata too."""
    from planparse.parse.webpage import read_fields

    assert read_fields("- 发文字号:日行发〔2022〕5号") == [("doc_number", "日行发〔2022〕5号")]
    assert read_fields("• 发布机构:县人民政府办公室") == [("issuer", "县人民政府办公室")]
    assert read_fields("- 一、总体要求") is None
