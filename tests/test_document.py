"""Input as people have it: encodings, BOMs, line ends, HTML pages, and input that is not text."""
import codecs
from datetime import date

import pytest

from calendar_service.extract import UnreadableDocument, extract, read_document

NOTICE = "定于2022年10月20日至25日对人民路封闭施工。\n"


@pytest.mark.parametrize("data", [
    NOTICE.encode("utf-8"),
    codecs.BOM_UTF8 + NOTICE.encode("utf-8"),
    NOTICE.encode("gb18030"),
    NOTICE.encode("gbk"),
    NOTICE.encode("utf-16"),  # with its BOM, as Windows Notepad saves it
    NOTICE.replace("\n", "\r\n").encode("utf-8"),
])
def test_encodings_give_the_same_text(data):
    assert read_document(data, "n.txt") == NOTICE


def test_full_width_digits_are_read():
    text = read_document("定于２０２２年１０月２０日至２５日对人民路封闭施工。".encode("gbk"), "n.txt")
    [event] = extract(text, date(2022, 10, 18))
    assert (event.start, event.end) == (date(2022, 10, 20), date(2022, 10, 25))
    # offsets index the text as given, full-width characters and all
    assert text[event.source.start:event.source.end] == event.source.text


def test_html_page_text_is_taken_from_the_markup():
    page = ("<!DOCTYPE html><html><head><title>t</title><style>p{color:red}</style>"
            "<script>var d='2022年11月1日至3日停水';</script></head><body>"
            "<h1>关于人民路封闭施工的通告</h1><p>定于2022年10月20日至25日对人民路&nbsp;封闭施工。</p>"
            "</body></html>")
    text = read_document(page.encode("utf-8"), "page.html")
    assert "<" not in text and "var d" not in text
    assert text.startswith("# 关于人民路封闭施工的通告")
    events = extract(text, date(2022, 10, 18))
    assert [(e.start, e.end) for e in events] == [(date(2022, 10, 20), date(2022, 10, 25))]


@pytest.mark.parametrize("data,reason", [
    (b"", "empty"),
    (b"  \n\r\n ", "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary"),
    (bytes(range(1, 32)) * 20, "binary"),
    (b"caf\xff\x80" * 50, "UTF-8"),
    (b"<html><body><script>x</script></body></html>", "empty"),
    (b"\xff\xfe\x00\xd8\x41\x00", "not valid utf-16-le text at byte 2"),  # a BOM, then an unpaired surrogate (the fuzzer's find)
])
def test_unreadable_input_gives_a_reason(data, reason):
    with pytest.raises(UnreadableDocument, match=reason):
        read_document(data, "bad.txt")
