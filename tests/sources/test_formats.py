"""Articles in each format to notice text: HTML (trafilatura), PDF with and without a text layer,
.docx, images by OCR, and what is refused with a reason."""
from __future__ import annotations

from datetime import date

import pytest

from calendar_service.errors import UnreadableArticle
from calendar_service.sources import ocr as ocr_module
from calendar_service.sources.fetch import Response
from calendar_service.sources.formats import OcrSettings, format_of, read_article
from calendar_service.sources.text import decode_html

from .issuer import FEES, ROAD, SCAN, WATER, article, files, scanned_pdf

OCR = OcrSettings("chi_sim", 60)


def reply(body: bytes, content_type: str = "text/html", url: str = "http://a.example/n.html", charset=None):
    return Response(url, 200, body, content_type, charset, None, None)


def nothing_fetched(url):
    raise AssertionError(f"fetched {url}")


def test_an_html_article_gives_its_main_text_title_and_date():
    page = article(*ROAD, published="2022-10-17").encode()
    document = read_article(reply(page), nothing_fetched, OCR)
    assert (document.title, document.published, document.format, document.ocr) == (ROAD[0], date(2022, 10, 17), "html", False)
    assert document.text.startswith(ROAD[0] + "\n\n" + "为加快城市建设")
    assert "版权所有" not in document.text and "首页" not in document.text  # the page's furniture is left out


def test_a_page_with_its_own_text_is_not_ocr_read_for_its_pictures():
    page = article(*ROAD, extra='<p><img src="/photo.jpg" alt="施工现场"></p>').encode()
    assert read_article(reply(page), nothing_fetched, OCR).attachment_url is None


def test_a_pdf_labelled_as_html_is_read_as_a_pdf():
    document = read_article(reply(files()["pdf"], "text/html"), nothing_fetched, OCR)
    assert document.format == "pdf" and "2022年11月8日8:00至18:00" in document.text


def test_a_word_file_gives_its_paragraphs_and_table_rows():
    document = read_article(reply(files()["docx"], "application/octet-stream"), nothing_fetched, OCR)
    assert document.format == "docx"
    assert document.text.splitlines() == [FEES[0], *FEES[1], "缴费渠道\t截止日期", "银行网点\t2022年12月25日"]


def test_a_scanned_pdf_is_read_by_ocr(ocr):
    document = read_article(reply(scanned_pdf(SCAN[1]), "application/pdf"), nothing_fetched, OCR)
    assert document.ocr and document.format == "pdf"
    text = document.text.replace("\n", "")
    assert "2022年11月5日至2022年11月20日对建设路" in text


def test_an_image_is_read_by_ocr_without_spaces_between_characters(ocr):
    document = read_article(reply(files()["png"], "image/png"), nothing_fetched, OCR)
    assert document.ocr and "定于2022年11月5日至" in document.text and "2022年11月20日对建设路" in document.text


def test_without_tesseract_the_error_says_what_to_install(monkeypatch):
    monkeypatch.setattr(ocr_module.shutil, "which", lambda program: None)
    with pytest.raises(UnreadableArticle, match="apt-get install tesseract-ocr tesseract-ocr-chi-sim"):
        read_article(reply(files()["png"], "image/png"), nothing_fetched, OCR)


@pytest.mark.parametrize("body, content_type, reason", [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500), "application/msword", "Word 97-2003 .doc"),
    (b"PK\x03\x04" + bytes(100), "application/zip", "zip is not a format read here"),
    (b"\x7fELF\x02\x01\x01" + bytes(300), "text/html", "binary content served as a web page"),
    (b"   ", "text/html", "empty page"),
    (b"\x00\x01binary", "text/plain", "binary file, not text"),
])
def test_what_is_not_a_notice_is_refused_with_the_reason(body, content_type, reason):
    with pytest.raises(UnreadableArticle, match=reason):
        read_article(reply(body, content_type), nothing_fetched, OCR)


def test_pages_are_decoded_as_declared_or_as_gbk_when_nothing_is_declared():
    text = "<html><body><p>" + WATER[1] + "</p></body></html>"
    assert WATER[1] in decode_html(text.encode("gbk"), None, "u")  # no declaration anywhere: GB18030
    assert WATER[1] in decode_html(text.encode("gbk"), "gb2312", "u")
    assert WATER[1] in decode_html(text.encode("utf-8"), "x-unknown-charset", "u")
    assert format_of(reply(b"BMW is a text", "text/plain")) == "text"  # "BM" starts a bitmap only when said so
