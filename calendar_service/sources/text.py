"""Bytes of a web page to its markup as text, in the encoding the page declares (HTTP header,
then ``<meta charset>``), else UTF-8, else GB18030 (which reads GBK and GB2312); a "page" that
is binary (NUL bytes, control characters: an executable or an archive served as text/html) is
refused with a clear reason rather than handed to the extractor as gibberish.

Plain-text articles go through ``calendar_service.documents.read_notice`` instead, which holds
the same rules for files.
"""
from __future__ import annotations

import codecs
import re

from ..errors import UnreadableArticle

_META = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-z0-9_\-]+)""", re.I)
#: what Chinese sites declare, read as the superset that decodes all of it
_WIDER = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030"}


def decode_html(body: bytes, charset: str | None, url: str) -> str:
    """The page's text (markup included); UnreadableArticle when it is empty, binary or undecodable."""
    if not body.strip():
        raise UnreadableArticle(f"{url}: empty page")
    if body.startswith(codecs.BOM_UTF8):
        return _checked(body[3:].decode("utf-8", errors="replace"), url)
    if body.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _checked(body.decode("utf-16", errors="replace"), url)
    if b"\x00" in body[:4096]:
        raise UnreadableArticle(f"{url}: binary content served as a web page (NUL bytes), not text")
    declared = [charset] if charset else []
    meta = _META.search(body[:4096])
    if meta:
        declared.append(meta.group(1).decode("ascii").lower())
    for name in [*declared, "utf-8", "gb18030"]:
        name = _WIDER.get(name, name)
        try:
            return _checked(body.decode(name), url)
        except LookupError:  # a charset Python does not know: try the next guess
            continue
        except UnicodeDecodeError:
            continue
    raise UnreadableArticle(f"{url}: not text in its declared encoding, UTF-8 or GB18030/GBK")


def _checked(text: str, url: str) -> str:
    sample = text[:8192]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f")
    odd = sum(1 for ch in sample if ch == "\ufffd" or 0xE000 <= ord(ch) <= 0xF8FF)  # replacement, private use
    if controls > max(2, len(sample) // 100) or odd > max(8, len(sample) // 20):
        raise UnreadableArticle(f"{url}: binary or garbled content served as a web page, not text")
    return text
