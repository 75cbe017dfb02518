"""Plain-text plans: encoding detection and line splitting.

Detection order: BOM, then strict UTF-8, then the two Chinese legacy encodings judged by how
many decoded characters are common ones (GB2312 for GB18030, Big5 level 1 for Big5), and
only then charset-normalizer. charset-normalizer alone misjudges short Big5 text (it called
one line of Big5 UTF-16-BE in testing), and GB18030 "decodes" most Big5 bytes into rare
characters, so a plain decode-or-fail test cannot tell the two apart either.
"""

from __future__ import annotations

import codecs
import re

from planparse.model import PlanParseError, SourceText

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "utf-16"),
)

# Names charset-normalizer or a <meta> may give, mapped to (codec used, name reported).
_ALIASES = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "cp936": "gb18030",
    "ms936": "gb18030",
    "x-gbk": "gb18030",
    "euc-cn": "gb18030",
    "euc_cn": "gb18030",
    "gb_2312-80": "gb18030",
    "gb18030": "gb18030",
    "big5": "big5",
    "big5-hkscs": "big5",
    "big5hkscs": "big5",
    "cp950": "big5",
    "x-x-big5": "big5",
    "utf8": "utf-8",
    "utf_8": "utf-8",
    "utf-8": "utf-8",
}

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def canonical_encoding(name: str) -> str | None:
    """The codec to decode a declared/detected encoding with, or None if unknown."""
    key = name.strip().lower().replace("_", "-")
    if key in _ALIASES:
        return _ALIASES[key]
    if key.replace("-", "_") in _ALIASES:
        return _ALIASES[key.replace("-", "_")]
    try:
        return codecs.lookup(key).name
    except LookupError:
        return None


def decode_as(data: bytes, encoding: str) -> str | None:
    """Strict decode; Big5 falls back to its common supersets (cp950, HKSCS)."""
    codecs_to_try = ["big5", "cp950", "big5hkscs"] if encoding == "big5" else [encoding]
    for codec in codecs_to_try:
        try:
            return data.decode(codec)
        except (UnicodeDecodeError, LookupError):
            continue
    return None


def _common_share(text: str, encoding: str) -> float:
    """Share of non-ASCII characters that are common in that encoding's own script.

    Counted on whole strings (the codecs run in C): both codecs encode every character
    outside ASCII that they can as exactly two bytes, so the characters that encode are
    the pairs of the encoded string.
    """
    sample = re.sub(r"[\x00-\x7f]+", "", text[:20_000])  # a sample is as telling
    if not sample:
        return 1.0
    if encoding == "gb18030":
        hits = len(sample.encode("gb2312", "ignore")) // 2
    else:
        # Lead bytes A1-A3 are punctuation, A4-C6 the 5401 frequent hanzi (level 1).
        leads = sample.encode("cp950", "ignore")[0::2]
        hits = len(leads.translate(None, _NOT_LEVEL_ONE))
    return hits / len(sample)


_NOT_LEVEL_ONE = bytes(b for b in range(256) if not 0xA1 <= b <= 0xC6)  # bytes.translate


def _utf16_without_bom(data: bytes) -> str | None:
    if len(data) < 4 or len(data) % 2:
        return None
    even_nuls = data[0::2].count(0)
    odd_nuls = data[1::2].count(0)
    half = len(data) // 2
    codec = None
    if odd_nuls > 0.3 * half and even_nuls < 0.05 * half:
        codec = "utf-16-le"
    elif even_nuls > 0.3 * half and odd_nuls < 0.05 * half:
        codec = "utf-16-be"
    return decode_as(data, codec) if codec else None


def detect(data: bytes) -> tuple[str, str] | None:
    """(text, encoding reported) or None when the bytes are not text in any encoding we know."""
    for bom, codec, reported in _BOMS:
        if data.startswith(bom):
            text = decode_as(data, codec)
            return (text, reported) if text is not None else None
    if b"\x00" in data:
        text = _utf16_without_bom(data)
        return (text, "utf-16") if text is not None else None
    text = decode_as(data, "utf-8")
    if text is not None:
        return text, "utf-8"
    # A few damaged bytes in a UTF-8 file (a cut multi-byte character, a bad sector) must
    # not turn it into GB18030 mojibake: they become U+FFFD, and the reader notes it.
    # GB18030 or Big5 text read as UTF-8 gives a U+FFFD for nearly every character.
    damaged = data.decode("utf-8", errors="replace")
    bad = damaged.count("\ufffd")
    if bad <= max(2, len(damaged) // 2000):
        return damaged, "utf-8"

    scored = []
    for enc in ("gb18030", "big5"):
        decoded = decode_as(data, enc)
        if decoded is not None:
            scored.append((_common_share(decoded, enc), enc, decoded))
    scored.sort(key=lambda s: s[0], reverse=True)
    if scored and scored[0][0] >= 0.8:
        return scored[0][2], scored[0][1]
    if bad <= len(damaged) // 50:
        return damaged, "utf-8"

    from charset_normalizer import from_bytes

    for match in from_bytes(data):
        if match.encoding.startswith(("utf_16", "utf_32")):
            continue  # no NUL bytes, so not UTF-16/32 whatever the statistics say
        codec = canonical_encoding(match.encoding)
        decoded = decode_as(data, codec) if codec else None
        if decoded is not None:
            return decoded, codec or match.encoding
    if scored and scored[0][0] >= 0.5:
        return scored[0][2], scored[0][1]
    return None


def looks_binary(text: str) -> bool:
    sample = text[:200_000]
    return len(_CONTROL.findall(sample)) > max(2, len(sample) // 100) or "\ufffd" * 4 in sample


def replaced_note(text: str, fmt: str = "txt") -> list[str]:
    bad = text.count("\ufffd")
    message = f"{bad} undecodable byte sequence(s) replaced with U+FFFD"
    return [f"{fmt}-undecodable-bytes: {message}"] if bad else []


def decode_or_fail(data: bytes, path: str) -> tuple[str, str]:
    if not data:
        raise PlanParseError(path, "file is empty")
    found = detect(data)
    if found is None or looks_binary(found[0]):
        raise PlanParseError(
            path, "looks binary, not a plan document (no text encoding fits its bytes)"
        )
    return found


def split_lines(text: str) -> list[str]:
    # Only \n, \r\n and \r end a line: str.splitlines() would also split on \f, \v and
    # U+2028, which would shift every later line number against the original file.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.endswith("\n"):
        text = text[:-1]
    return text.split("\n")


def read_txt(data: bytes, path: str) -> SourceText:
    text, encoding = decode_or_fail(data, path)
    if not text.strip():
        raise PlanParseError(path, "file has no text (only whitespace)")
    lines = split_lines(text)
    return SourceText(
        path=path,
        format="txt",
        encoding=encoding,
        lines=lines,
        origins=list(range(1, len(lines) + 1)),
        boxed=None,
        notes=replaced_note(text) if encoding == "utf-8" else [],
    )
