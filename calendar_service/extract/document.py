"""Bytes as people save them (UTF-8 with or without BOM, GB18030/GBK, UTF-16, CRLF, HTML pages)
to the plain text the extractor reads, or a one-line reason why not."""
from __future__ import annotations

import codecs
import re

MAX_BYTES = 20 * 1024 * 1024  # a notice page is kilobytes; anything this big is not a notice


class UnreadableDocument(ValueError):
    """The input is empty, binary, too big or in no encoding we read."""


class TooLong(UnreadableDocument):
    """A document too long to read in the time a person waits (its size, or a reading budget
    that ran out): refused with a clear message rather than read for minutes."""


def read_document(data: bytes, name: str = "") -> str:
    """Decode and, for HTML pages, take the text out of the markup. Newlines become '\\n'."""
    if len(data) > MAX_BYTES:
        raise UnreadableDocument(f"too large ({len(data) // 1024 // 1024} MB; the limit is "
                                 f"{MAX_BYTES // 1024 // 1024} MB)")
    text = _decode(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _looks_like_html(text, name):
        from .html_text import html_to_text  # (html.parser only for pages: a text notice is most)

        text = html_to_text(text)
    if not text.strip():
        raise UnreadableDocument("empty document (no text)")
    return text


def _decode(data: bytes) -> str:
    if not data.strip():
        raise UnreadableDocument("empty file")
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return _checked(data.decode(encoding, errors="strict"))
            except UnicodeDecodeError as exc:  # a BOM before bytes that are not that encoding after all
                raise UnreadableDocument(f"not valid {exc.encoding} text at byte {exc.start} ({exc.reason})") from None
    if b"\x00" in data:
        raise UnreadableDocument("binary file, not text")
    for encoding in ("utf-8", "gb18030"):
        try:
            return _checked(data.decode(encoding))
        except UnicodeDecodeError:
            continue
    raise UnreadableDocument("not text in UTF-8 or GB18030/GBK")


def _checked(text: str) -> str:
    """GB18030 decodes many binary files without error: reject text full of control characters."""
    sample = text[:4096]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > max(2, len(sample) // 100) or "\x00" in text:
        # (a NUL after a byte order mark is no text either, and PostgreSQL would refuse to store it)
        raise UnreadableDocument("binary file, not text")
    return text


def _looks_like_html(text: str, name: str) -> bool:
    if name.lower().endswith((".html", ".htm", ".shtml", ".xhtml")):
        return True
    head = text[:1024].lstrip().lower()
    return head.startswith(("<!doctype html", "<html", "<?xml")) or bool(re.search(r"<(body|div|p)[\s>]", head))
