"""Front matter: where the plan itself starts, and what comes before and after it.

A plan reaches us in one of these shapes (GB/T 9704 and how portals publish):

* a cover letter (印发通知): a headline ``X关于印发《…》的通知`` (one to four lines, sometimes
  printed twice), a document number, the addressee line ``各县（市、区）人民政府：``, the
  hand-over sentence ``现将《…》印发给你们``, sometimes the letter's own numbered paragraphs
  (一、… / 一是…), the signature (one issuer or several, one per line) and its date, then the plan
  title and body; the headline may be missing (the letter starts at the addressee line);
* a news report that reprints a plan: ``近日，X印发了《…》…`` / ``《…》全文如下``;
* a plan printed alone: title (one to three lines), maybe a cover page (issuer, 二〇二一年九月),
  maybe a table of contents;

all of it possibly wrapped in a web page's frame and metadata block (see webpage.py). Words
are recognised on the matching view of the text (textview.py); what is output is as printed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from planparse.model import Block, Dropped
from planparse.parse.grammar import grammar, load_toml
from planparse.parse.markers import read_marker
from planparse.parse.numerals import cn_to_int
from planparse.parse.textview import squeeze, view
from planparse.parse.webpage import strip_web_head

# How many blocks a cover letter may run, from its addressee line to its signature date
# (a letter with numbered paragraphs of its own is long).
_LETTER_BLOCKS = 60


@dataclass
class DocParts:
    """The document split along GB/T 9704 lines: 版头/主送/正文/版记."""

    front: list[Block] = field(default_factory=list)
    notice: list[Block] = field(default_factory=list)  # blocks of the 关于印发…的通知 headline
    plan_title: str | None = None
    title_blocks: list[Block] = field(default_factory=list)
    body: list[Block] = field(default_factory=list)
    footer: list[Block] = field(default_factory=list)
    dropped: list[Dropped] = field(default_factory=list)  # page frame, contents
    web: dict[str, str] = field(default_factory=dict)  # web page metadata: role -> value
    headline_issuer: str | None = None  # printed before 关于 in the letter's headline
    signature: list[str] = field(default_factory=list)  # issuer lines signed under the letter
    signed: str | None = None  # the signature date, ISO
    letter: list[Block] = field(default_factory=list)  # the letter's text (addressee to date)
    addressee: str | None = None
    news_issuer: str | None = None  # 近日，X印发了《…》


@dataclass(frozen=True)
class _Words:
    news_lead: re.Pattern[str]
    news_full_text: str
    handover: re.Pattern[str]
    addressee_words: tuple[str, ...]
    contents_headers: tuple[str, ...]
    preface_headings: tuple[str, ...]
    issuer_joiner: str


@cache
def _words() -> _Words:
    front = load_toml("grammar.toml")["front"]
    return _Words(
        news_lead=re.compile(front["news_lead"]),
        news_full_text=front["news_full_text"],
        handover=re.compile(front["handover"]),
        addressee_words=tuple(front["addressee_words"]),
        contents_headers=tuple(front["contents_headers"]),
        preface_headings=tuple(front["preface_headings"]),
        issuer_joiner=front["issuer_joiner"],
    )


def compact(text: str) -> str:
    return "".join(text.split())  # str.split() splits on exactly \s


def preface_headings() -> tuple[str, ...]:
    return _words().preface_headings


def issuer_joiner() -> str:
    return _words().issuer_joiner


# ------------------------------------------------------------------------------- dates

_CN_DATE = "一二三四五六七八九十零〇○OoＯ0"
_DATE = re.compile(
    rf"(?P<y>\d{{4}}|[{_CN_DATE}]{{4}})\s*年\s*(?P<m>\d{{1,2}}|[{_CN_DATE}]{{1,3}})\s*月"
    rf"\s*(?P<d>\d{{1,2}}|[{_CN_DATE}]{{1,3}})\s*日"
)
_MONTH = re.compile(
    rf"^(?P<y>\d{{4}}|[{_CN_DATE}]{{4}})\s*年\s*(?P<m>\d{{1,2}}|[{_CN_DATE}]{{1,3}})\s*月$"
)
_ISO = re.compile(r"^(?P<y>\d{4})\s*[-./]\s*(?P<m>\d{1,2})\s*[-./]\s*(?P<d>\d{1,2})")


def _cn_number(text: str) -> int | None:
    """A number printed in digits or Chinese numerals; 〇/○/O are zero in years (二O二一)."""
    if text.isdigit():
        return int(text)
    text = re.sub("[〇○OoＯ0]", "零", text)
    if len(text) == 4 and "十" not in text:  # a year, digit by digit
        digits = "零一二三四五六七八九"
        if all(c in digits for c in text):
            return int("".join(str(digits.index(c)) for c in text))
    return cn_to_int(text)


def find_date(text: str) -> str | None:
    """An ISO date from 2023年8月8日, 二〇二三年八月八日 or 二O二三年八月八日."""
    match = _DATE.search(text)
    if not match:
        return None
    y, m, d = (_cn_number(match.group(k)) for k in "ymd")
    if not (y and m and d) or not (1 <= m <= 12 and 1 <= d <= 31):
        return None
    return f"{y:04d}-{m:02d}-{d:02d}"


def read_date(text: str) -> str | None:
    """An ISO date from a printed date, a web field (2023-06-26, 2023年06月26日)."""
    found = find_date(text)
    if found:
        return found
    match = _ISO.match(text.strip())
    if match and 1 <= int(match.group("m")) <= 12 and 1 <= int(match.group("d")) <= 31:
        return (
            f"{int(match.group('y')):04d}-{int(match.group('m')):02d}-{int(match.group('d')):02d}"
        )
    return None


def _is_date_line(text: str) -> bool:
    core = squeeze(text)
    match = _DATE.search(core)
    return bool(match) and match.start() == 0 and len(core) - match.end() <= 2


def month_of(text: str) -> str | None:
    """A cover page's month (二〇二一年九月) as YYYY-MM."""
    match = _MONTH.match(squeeze(text))
    if not match:
        return None
    y, m = _cn_number(match.group("y")), _cn_number(match.group("m"))
    if not (y and m and 1 <= m <= 12):
        return None
    return f"{y:04d}-{m:02d}"


# ------------------------------------------------------------------------------- titles


def title_core(text: str) -> str:
    """A title without draft note, period （2023—2025年） and 《》, for comparing titles."""
    core = grammar().title_period.sub("", strip_draft(squeeze(text)))
    return strip_draft(core).strip("《》")


def strip_draft(text: str) -> str:
    for marker in grammar().draft_markers:
        text = re.sub(rf"[（(]{marker}[）)]$", "", text)
    return text.strip()


def _looks_like_title(text: str) -> bool:
    core = title_core(_headline_core(_undecorated(text)))
    return 4 <= len(core) <= 80 and "。" not in core and core.endswith(grammar().doc_types)


@cache
def _decorations() -> tuple[re.Pattern[str], ...]:
    return tuple(
        re.compile(p) for p in load_toml("grammar.toml")["web"]["chrome"]["title_decorations"]
    )


def _undecorated(text: str) -> str:
    """A title without what a document-sharing site added (【人社规划】…(精选文档))."""
    seen = view(text)
    start, end = 0, len(text)
    for pattern in _decorations():
        found = pattern.search(seen, start, end)
        if found and found.start() == start:
            start = found.end()
        elif found and found.end() == end:
            end = found.start()
    return text[start:end]


def _is_note_or_number(text: str) -> bool:
    """A public note (此件公开发布), a document number, a date, or digits only."""
    g = grammar()
    seen = squeeze(text)
    return (
        any(p.match(seen) for p in g.public_notes)
        or bool(g.doc_number.match(seen))
        or _is_date_line(text)
        or seen.isdigit()
        or seen.startswith("附件")
    )


def _title_blocks(blocks: list[Block], k: int, title: str | None) -> int:
    """How many blocks from ``k`` print the plan title (``title`` when known; a title may be
    broken over three lines or split by a space), else 0."""
    if title:
        wanted = title_core(title)
        joined = ""
        for n in range(1, 4):
            if k + n > len(blocks):
                break
            joined += blocks[k + n - 1].text
            if title_core(joined) == wanted:
                return n
            if len(title_core(joined)) >= len(wanted):
                break
    joined = ""
    for n in range(1, 4):
        if k + n > len(blocks):
            break
        text = blocks[k + n - 1].text
        if (
            read_marker(text) is not None
            or "。" in view(text)
            or len(squeeze(text)) > 60
            or _is_note_or_number(text)
            or (n > 1 and _is_signature_line(text))
        ):
            break
        joined += text
        if _looks_like_title(joined):
            return n
    return 0


# ------------------------------------------------------------------------------- footer


def _is_footer(text: str) -> bool:
    g = grammar()
    seen = view(text)
    return seen.startswith(g.footer_starts) or (
        seen.endswith("印发") and bool(g.footer_printed.search(seen))
    )


# ------------------------------------------------------------------------------- letter


# A document number inside a line (…的通知赣府发〔2022〕1号): its issuer abbreviation never
# holds 的 or 知, so it does not swallow the headline before it.
DOC_NUMBER_IN = re.compile(
    r"(?:(?![的知])[\u4e00-\u9fff]){1,10}\s*[〔［\[【（]\s*\d{4}\s*[〕］\]】）]\s*\d{1,4}\s*号"
)
_DOC_NUMBER_IN = DOC_NUMBER_IN


def _headline_core(text: str) -> str:
    """A headline line without a document number before or after it, and without 《》 wrapping."""
    core = squeeze(text)
    core = re.sub(rf"^{_DOC_NUMBER_IN.pattern}", "", core)
    core = re.sub(rf"（?{_DOC_NUMBER_IN.pattern}）?$", "", core)
    if core.startswith("《") and core.endswith("》"):
        core = core[1:-1]
    half = len(core) // 2
    if len(core) % 2 == 0 and core[:half] == core[half:]:
        core = core[:half]  # the headline printed twice in a row
    return core


@dataclass
class _Headline:
    first: int
    last: int
    title: str
    issuer: str | None


def _find_headline(blocks: list[Block]) -> _Headline | None:
    """The letter's headline X关于印发…的通知, over up to four lines."""
    g = grammar()
    limit = min(len(blocks), 20)
    cores: dict[int, str] = {}  # each line's core, made once: it is joined in up to 4 windows
    for i in range(limit):
        if g.doc_number.match(squeeze(blocks[i].text)) or _is_date_line(blocks[i].text):
            continue
        joined = ""
        for j in range(i, min(i + 4, limit)):
            if j not in cores:
                cores[j] = _headline_core(blocks[j].text)
            joined += cores[j]
            if len(joined) > 160:
                break
            match = g.notice_title.search(joined)
            if match and joined.endswith(g.notice_suffixes) and _issuer_lines(blocks, i, match):
                title = match.group("title")
                if title.startswith("《") and title.endswith("》"):
                    title = title[1:-1]
                issuer = joined[: match.start()] or None
                return _Headline(i, j, _printed(blocks[i : j + 1], joined, title), issuer)
    return None


def _issuer_lines(blocks: list[Block], i: int, match: re.Match[str]) -> bool:
    """Every line before the one where the headline's 关于 stands is an issuer line."""
    before, pos = [], 0
    for block in blocks[i:]:
        length = len(_headline_core(block.text))
        if pos + length > match.start():
            break
        before.append(block)
        pos += length
    if not before:
        return True
    # Lines above count as the issuer only when the headline's own line opens with 关于 / 印发
    # (a site name above a complete headline is the page's, not the issuer).
    rest = match.start() - pos
    return rest == 0 and all(_is_signature_line(b.text) for b in before)


def _printed(blocks: list[Block], seen: str, part: str) -> str:
    """``part`` of the squeezed headline ``seen`` as printed (traditional characters kept)."""
    printed = "".join(_headline_printed(b.text) for b in blocks)
    start = seen.find(part)
    return printed[start : start + len(part)] if start != -1 and len(printed) == len(seen) else part


def _headline_printed(text: str) -> str:
    """The printed counterpart of :func:`_headline_core` (same length)."""
    core = squeeze(text)
    printed = compact(text)
    kept = _headline_core(text)
    start = core.find(kept)
    return printed[start : start + len(kept)] if start != -1 else kept


def _is_addressee(text: str) -> bool:
    seen = squeeze(text)
    return (
        seen.endswith("：")
        and len(seen) <= 160
        and "。" not in seen
        and any(w in seen for w in _words().addressee_words)
        and read_marker(text) is None
    )


def _handover_title(text: str) -> str | None:
    """The plan named in a hand-over sentence: 现将《…》印发 / 《…》已经…同意，现印发."""
    seen = view(text)
    titles = _titles_with_spans(seen)
    if not titles:
        return None
    cut = seen.find("现将")
    after = [t for t in titles if t[0] > cut] if cut != -1 else titles
    start, end = (after or titles)[0]
    return text[start + 1 : end - 1]


def _titles_with_spans(seen: str) -> list[tuple[int, int]]:
    """Outermost 《…》 spans (nested 《》 or 〈〉 kept inside)."""
    spans: list[tuple[int, int]] = []
    depth, start = 0, 0
    for i, char in enumerate(seen):
        if char == "《":
            if depth == 0:
                start = i
            depth += 1
        elif char == "》" and depth:
            depth -= 1
            if depth == 0:
                spans.append((start, i + 1))
    return spans


def _is_signature_line(text: str) -> bool:
    g = grammar()
    seen = squeeze(text)
    return (
        2 <= len(seen) <= 40
        and not re.search(r"[，。；：、《》]", seen)
        and read_marker(text) is None
        and (seen.endswith(g.issuer_suffixes) or "人民政府" in seen or "委员会" in seen)
    )


def split_parts(blocks: list[Block]) -> DocParts:
    """Separate the page frame, the cover letter and title, the plan body and the footer."""
    parts = DocParts()
    end = len(blocks)
    while end > 0 and _is_footer(blocks[end - 1].text):
        end -= 1
    parts.footer = blocks[end:]
    head = strip_web_head(blocks[:end])
    parts.dropped, parts.web = head.dropped, head.fields
    blocks = head.kept
    k = _news_report(parts, blocks)
    if k is None:
        k = _letter(parts, blocks)
    if k is None:
        k = _title_page(parts, blocks)
    body = blocks[k:]
    parts.body = _drop_contents(parts, body)
    return parts


def _news_report(parts: DocParts, blocks: list[Block]) -> int | None:
    words = _words()
    for i in range(min(3, len(blocks))):
        seen = view(blocks[i].text)
        match = words.news_lead.search(seen)
        if not match:
            continue
        text = blocks[i].text
        parts.news_issuer = text[match.start("issuer") : match.end("issuer")].strip()
        parts.plan_title = text[match.start("title") : match.end("title")]
        k = i + 1
        for j in range(i + 1, min(i + 3, len(blocks))):
            if words.news_full_text in view(blocks[j].text):
                k = j + 1
                break
        parts.front = blocks[:k]
        return k
    return None


def _letter(parts: DocParts, blocks: list[Block]) -> int | None:
    """A cover letter, with or without its headline; the index where the plan starts."""
    words = _words()
    headline = _find_headline(blocks)
    start = headline.last + 1 if headline else 0
    addressee = next(
        (i for i in range(start, min(len(blocks), start + 8)) if _is_addressee(blocks[i].text)),
        None,
    )
    if headline is None and addressee is None:
        return None
    first_text = addressee + 1 if addressee is not None else start
    handover = next(
        (
            i
            for i in range(first_text, min(len(blocks), first_text + 4))
            if words.handover.search(view(blocks[i].text))
        ),
        None,
    )
    if headline is None and handover is None:
        # An addressed plan (各县人民政府： then its own text): the addressee closes the front.
        return _addressed_plan(parts, blocks, addressee or 0)
    if headline is not None:
        parts.notice = blocks[headline.first : headline.last + 1]
        parts.plan_title = headline.title
        parts.headline_issuer = (
            _printed(
                parts.notice, "".join(_headline_core(b.text) for b in parts.notice), headline.issuer
            )
            if headline.issuer
            else None
        )
    if addressee is not None:
        parts.addressee = blocks[addressee].text
    if handover is not None:
        named = _handover_title(blocks[handover].text)
        if named:
            parts.plan_title = named
    # The signature: a date line, the issuer line(s) just above it.
    letter_from = addressee if addressee is not None else start
    signed = next(
        (
            i
            for i in range(letter_from + 1, min(len(blocks), letter_from + _LETTER_BLOCKS))
            if _is_date_line(blocks[i].text)
        ),
        None,
    )
    if signed is not None and _title_before(blocks, letter_from + 1, signed, parts.plan_title):
        signed = None  # that date belongs to the plan (a cover page), not to the letter
    if signed is not None:
        parts.signed = find_date(squeeze(blocks[signed].text))
        top = signed
        while top - 1 > letter_from and _is_signature_line(blocks[top - 1].text):
            top -= 1
        parts.signature = [compact(b.text) for b in blocks[top:signed]]
        k = signed + 1
    elif handover is not None:
        k = handover + 1
        if k < len(blocks) and _opens_numbered_paragraph(blocks[k].text):
            # The letter's own numbered paragraphs (一、… / 一是…) run to the plan title, or
            # to the end when the plan itself is not in the text.
            k = next(
                (i for i in range(k, len(blocks)) if _title_blocks(blocks, i, parts.plan_title)),
                len(blocks),
            )
    else:
        k = (addressee if addressee is not None else start) + 1
    parts.letter = blocks[letter_from:k]
    if parts.plan_title is None:
        parts.plan_title = _attachment_title(parts.letter)
    limit = min(len(blocks), k + 6)
    while (
        k < limit
        and not _title_blocks(blocks, k, parts.plan_title)
        and _is_front_line(blocks[k].text)
    ):
        k += 1
    parts.front = blocks[:k]
    count = _title_blocks(blocks, k, parts.plan_title)
    if count and k + count < len(blocks) and _is_period_line(blocks[k + count].text):
        count += 1  # the period printed on a line of its own: （2018—2020年）
    if count:
        parts.title_blocks = blocks[k : k + count]
        parts.plan_title = strip_draft("".join(compact(b.text) for b in parts.title_blocks))
    return k + count


def _opens_numbered_paragraph(text: str) -> bool:
    marker = read_marker(text)
    return (marker is not None and marker.type == "cn") or bool(
        re.match(r"^[一二三四五六七八九十]+是", text)
    )


def _is_period_line(text: str) -> bool:
    seen = squeeze(text)
    found = grammar().title_period.search(seen)
    return found is not None and found.start() == 0


def _attachment_title(letter: list[Block]) -> str | None:
    """The plan a letter sends as its attachment (附件：2016年重点工作任务分解表)."""
    pattern = re.compile(load_toml("grammar.toml")["front"]["attachment"])
    for block in letter:
        found = pattern.match(view(block.text).strip())
        if found:
            title = block.text.strip()[found.start("title") : found.end("title")]
            return title.strip("《》") if _looks_like_title(title) else None
    return None


def _title_before(blocks: list[Block], first: int, stop: int, title: str | None) -> bool:
    """The plan title printed between the letter's text and a date (the date is the plan's)."""
    return any(_title_blocks(blocks, i, title) for i in range(first + 1, stop - 1)) and not any(
        _is_signature_line(blocks[i].text) for i in range(stop - 1, stop)
    )


def _addressed_plan(parts: DocParts, blocks: list[Block], addressee: int) -> int:
    """A plan addressed to its recipients itself (国务院关于…的意见 / 各省…：): its title is
    printed above the addressee (over up to three lines), its issuer opens the title, and it
    is signed at its end."""
    parts.addressee = blocks[addressee].text
    found = [(i, n) for i in range(addressee) if (n := _title_blocks(blocks[:addressee], i, None))]
    if found:
        # The page's title line (文号《…》) may come first: the document's own is the last.
        last = found[-1][0]
        first = next(i for i, n in found if i + n > last or i == last)
        count = dict(found)[first]
        if True:
            parts.title_blocks = blocks[first : first + count]
            parts.plan_title = strip_draft(
                "".join(_headline_printed(b.text) for b in parts.title_blocks)
            )
            seen = squeeze(parts.plan_title)
            cut = seen.find("关于")
            if cut > 1 and all(_is_signature_line(x) for x in (parts.plan_title[:cut],)):
                parts.headline_issuer = parts.plan_title[:cut]
    parts.front = [b for b in blocks[: addressee + 1] if b not in parts.title_blocks]
    _end_signature(parts, blocks[addressee + 1 :])
    return addressee + 1


def _end_signature(parts: DocParts, body: list[Block]) -> None:
    """The issuer line(s) and date that close a plan signed at its end."""
    for i in range(len(body) - 1, max(-1, len(body) - 6), -1):
        if _is_date_line(body[i].text):
            top = i
            while top > 0 and _is_signature_line(body[top - 1].text):
                top -= 1
            if top < i:
                parts.signature = [compact(b.text) for b in body[top:i]]
                parts.signed = find_date(squeeze(body[i].text))
            return


def _title_page(parts: DocParts, blocks: list[Block]) -> int:
    """No letter: the title area is the leading lines that look like a title, a draft note, a
    document number, an issuer or a date (a title may be broken over three lines)."""
    k = 0
    while k < len(blocks) and k < 10:
        if _is_title_area_line(blocks[k].text):
            k += 1
            continue
        joined = ""
        taken = 0
        for n in range(1, 4):
            if k + n > len(blocks):
                break
            joined += blocks[k + n - 1].text
            if _is_title_area_line(joined):
                taken = n
                break
        if not taken:
            break
        k += taken
    if k == 0 and blocks and _undecorated(blocks[0].text) != blocks[0].text:
        k = 1  # a sharing site's title: 【人社规划】…规划(精选文档)
    area = blocks[:k]
    first_title = next((i for i in range(k) if _title_blocks(area, i, None)), None)
    if first_title is not None:
        # The title printed twice (the page's, then the document's own): the document's.
        shown = title_core(area[first_title].text)
        again = [i for i in range(first_title + 1, k) if title_core(area[i].text) == shown]
        first_title = again[-1] if again else first_title
        count = _title_blocks(area, first_title, None)
        parts.title_blocks = area[first_title : first_title + count]
        parts.plan_title = _undecorated(
            strip_draft("".join(compact(b.text) for b in parts.title_blocks))
        )
        parts.front = [b for b in area if b not in parts.title_blocks]
    else:
        parts.front = area
    signature = [compact(b.text) for b in parts.front if _is_signature_line(b.text)]
    parts.signature = signature[:1] if signature else []
    return k


def _drop_contents(parts: DocParts, body: list[Block]) -> list[Block]:
    """A table of contents before the body (目录, then headings until the first repeats)."""
    lead = next(
        (i for i in range(min(3, len(body))) if _is_contents_header(body[i].text)),
        None,
    )
    if lead is None or lead + 1 >= len(body):
        return body
    first = _entry_key(body[lead + 1].text)
    reason = "table of contents (目录), the headings follow in the body"
    end = lead + 1
    for j in range(lead + 2, min(len(body), lead + 400)):
        if _entry_key(body[j].text) == first:
            parts.dropped.extend(Dropped(b.text, reason, b.lines) for b in body[lead:j])
            return body[:lead] + body[j:]
    # The first entry never comes back (the text stops inside the contents): the contents
    # are the short heading lines after 目录.
    while end < len(body) and len(squeeze(body[end].text)) <= 60 and "。" not in body[end].text:
        end += 1
    parts.dropped.extend(Dropped(b.text, reason, b.lines) for b in body[lead:end])
    return body[:lead] + body[end:]


def _is_contents_header(text: str) -> bool:
    """目录 / 目  录, also after the title (益阳市…预案目录)."""
    seen = squeeze(text)
    return len(seen) <= 60 and seen.endswith(_words().contents_headers)


def _entry_key(text: str) -> str:
    """A contents entry or heading without page number and dot leaders."""
    return re.sub(r"[.…·\-—\s\d]+$", "", squeeze(text))


# ------------------------------------------------------------------------------- lines


def _is_front_line(text: str) -> bool:
    """A short line of the 版头 or signature: doc number, issuer, date, draft note, title."""
    g = grammar()
    seen = squeeze(text)
    if read_marker(text) is not None or len(seen) > 40 or _is_contents_header(text):
        return False
    if "。" in seen[:-1]:
        return False
    return (
        bool(g.doc_number.match(seen))
        or _is_date_line(text)
        or any(p.match(seen) for p in g.public_notes)
        or any(m in seen for m in g.draft_markers)
        or not seen.endswith(("。", "；"))
    )


def _is_title_area_line(text: str) -> bool:
    g = grammar()
    if not _is_front_line(text):
        return False
    seen = squeeze(text)
    core = title_core(text)
    return (
        bool(g.doc_number.match(seen))
        or _is_date_line(text)
        or month_of(text) is not None
        or any(p.match(seen) for p in g.public_notes)
        or any(m in seen for m in g.draft_markers)
        or core.endswith(g.doc_types)
        or _is_signature_line(text)
    )
