"""Hypothesis strategies over the bytes a notice may arrive as (tests/test_fuzz_documents.py and the
bounded campaign of benchmarks/fuzz.py share them).

Random bytes alone rarely get past the decoder, so most inputs start from real notices (the seed
page, the fixture and held-out notices), cut to a window, encoded as people save them (UTF-8 with
and without BOM, GB18030, UTF-16 with either BOM, HTML around the text) and then damaged: bytes
replaced, inserted, deleted, a piece of another notice spliced in, a byte-order mark put in front
of bytes that do not follow it (the issue's UTF-16 case). Besides those, text made of the pieces
the date scanner reacts to (years 1 and 9999 among them) and plain random bytes.
"""
from __future__ import annotations

import codecs
from functools import lru_cache
from pathlib import Path

from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[1]
WINDOW = 3000  # characters of a notice taken at a time: long enough for its structure, quick to read
ENCODINGS = ("utf-8", "utf-8-sig", "gb18030", "utf-16-le", "utf-16-be", "utf-16")
BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, b"")
PIECES = ("2022年", "二〇二二年", "10月", "十月", "18日", "0001年", "9999年", "1月1日", "2月30日", "13月",
          "至", "到", "—", "~", "起", "止", "截止", "前", "即日起", "次日", "8:00", "24时", "上午9时", "星期二",
          "(星期二)", "春节期间", "月底", "下旬", "封闭施工", "停水", "暂停办理", "举行", "公告", "通告",
          "一、", "（一）", "1.", "：", "\n", "\n\n", "\t", " ", "　", "#", "<p>", "</p>", "<div>", "<br>",
          "&amp;", "&#0;", "\r\n", "\x00", "\ufeff", "\ud800", "路", "交叉口", "社区服务中心", "特此通告")


@lru_cache(maxsize=1)
def corpus() -> tuple[str, ...]:
    files = [ROOT / "notices" / "jiaozuo-daily-2022-10-18.txt"]
    for folder in ("tests/fixtures/notices", "tests/fixtures/holdout"):
        files += sorted((ROOT / folder).glob("*.txt"))
    return tuple(path.read_text(encoding="utf-8") for path in files)


def _encode(text: str, encoding: str, html: bool) -> bytes:
    if html:
        text = f"<!doctype html><html><head><title>公告</title></head><body><p>{text}</p></body></html>"
    try:
        return text.encode(encoding, errors="surrogatepass")  # a lone surrogate, as a broken file has it
    except UnicodeEncodeError:  # codecs without surrogatepass (GB18030) drop it
        return text.encode(encoding, errors="ignore")


@st.composite
def notice_bytes(draw) -> bytes:
    """A window of a real notice, encoded one way or another."""
    texts = corpus()
    text = texts[draw(st.integers(0, len(texts) - 1))]
    start = draw(st.integers(0, max(0, len(text) - 1)))
    window = text[start:start + draw(st.integers(1, WINDOW))]
    return _encode(window, draw(st.sampled_from(ENCODINGS)), draw(st.booleans()))


@st.composite
def damaged(draw, base) -> bytes:
    """``base`` with up to eight edits: replace, insert or delete bytes, splice, a BOM put in front."""
    data = bytearray(draw(base))
    for _ in range(draw(st.integers(0, 8))):
        op = draw(st.sampled_from(("replace", "insert", "delete", "splice", "bom", "truncate")))
        at = draw(st.integers(0, len(data)))
        if op == "replace" and data:
            data[min(at, len(data) - 1)] = draw(st.integers(0, 255))
        elif op == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=8))
        elif op == "delete":
            del data[at:at + draw(st.integers(1, 8))]
        elif op == "splice":
            data[at:at] = draw(notice_bytes())[:512]
        elif op == "bom":
            data[0:0] = draw(st.sampled_from(BOMS))
        else:
            del data[at:]
    return bytes(data)


@st.composite
def edited_notice(draw) -> bytes:
    """A window of a real notice edited as text (pieces inserted, spans deleted or repeated), so the
    input still decodes and the extractor, not the decoder, is what it exercises."""
    texts = corpus()
    text = texts[draw(st.integers(0, len(texts) - 1))]
    start = draw(st.integers(0, max(0, len(text) - 1)))
    chars = list(text[start:start + draw(st.integers(1, WINDOW))])
    for _ in range(draw(st.integers(0, 12))):
        at = draw(st.integers(0, len(chars)))
        op = draw(st.sampled_from(("insert", "delete", "repeat")))
        if op == "insert":
            chars[at:at] = draw(st.sampled_from(PIECES))
        elif op == "delete":
            del chars[at:at + draw(st.integers(1, 40))]
        else:
            chars[at:at] = chars[at:at + draw(st.integers(1, 200))] * draw(st.integers(2, 20))
    return _encode("".join(chars), draw(st.sampled_from(ENCODINGS)), draw(st.booleans()))


def piece_text() -> st.SearchStrategy[bytes]:
    """Text made of the pieces the scanner and the layout react to, in any order and number."""
    return st.builds(lambda parts, encoding, html: _encode("".join(parts), encoding, html),
                     st.lists(st.sampled_from(PIECES), max_size=200), st.sampled_from(ENCODINGS), st.booleans())


def bom_then_bytes() -> st.SearchStrategy[bytes]:
    """A byte-order mark followed by anything: the issue's UTF-16 BOM before invalid code units."""
    return st.builds(lambda bom, rest: bom + rest, st.sampled_from(BOMS[:3]), st.binary(max_size=256))


def document_bytes() -> st.SearchStrategy[bytes]:
    """Every kind of input above."""
    return st.one_of(edited_notice(), edited_notice(), damaged(notice_bytes()), notice_bytes(), piece_text(),
                     damaged(piece_text()), bom_then_bytes(), st.binary(max_size=2048))
