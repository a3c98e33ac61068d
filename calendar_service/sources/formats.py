"""An article as fetched (a page, or a document linked directly) to the notice text it holds.

The format is read from the bytes first and the Content-Type second, because issuers' servers
often label a PDF ``application/octet-stream`` or a binary ``text/html``:

| format | read with |
|---|---|
| HTML page | trafilatura (``html.py``): main text, title, publication date; the documents it links in its main text are read too, and its images by OCR when the page is a stub around them |
| PDF | pypdf's text layer; a PDF whose pages are mostly scans goes to OCR (``ocr.py``) |
| Word .docx | python-docx |
| PNG, JPEG, GIF, TIFF, BMP, WebP | tesseract OCR |
| plain text | ``calendar_service.documents.read_notice``, as ``ingest`` reads files (UTF-8, GB18030, UTF-16, binary refused) |
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from .. import extract as extraction
from ..documents import read_notice
from ..errors import SourceError, UnreadableArticle
from .documents import docx_text, pdf_text
from .fetch import Response
from .ocr import image_text, pdf_pages_text

MAGIC = ((b"%PDF-", "pdf"), (b"PK\x03\x04", "zip"), (b"\x89PNG\r\n\x1a\n", "image"), (b"\xff\xd8\xff", "image"),
         (b"GIF87a", "image"), (b"GIF89a", "image"), (b"II*\x00", "image"), (b"MM\x00*", "image"),
         (b"BM", "image"), (b"\xd0\xcf\x11\xe0", "ole"))
MAX_ATTACHMENTS = 4  # documents and images of one article that are read
STUB_CHARS = 50  # a page with less main text than this ("详见下图") is a wrapper around its images: OCR them


@dataclass
class Document:
    text: str
    format: str  # html, pdf, docx, image, text
    title: str | None = None
    published: date | None = None
    attachment_url: str | None = None  # the first document or image read beside the page
    ocr: bool = False  # some of ``text`` was read by OCR


@dataclass(frozen=True)
class OcrSettings:
    languages: str
    timeout: float


def format_of(response: Response) -> str:
    head = response.body[:16]
    for magic, name in MAGIC:
        if head.startswith(magic):
            if name == "image" and magic == b"BM" and "image" not in response.content_type:
                continue  # "BM" also starts ordinary text
            if name == "zip":
                return "docx" if b"word/" in response.body[:65536] else "zip"
            return name
    if head[8:12] == b"WEBP" and head.startswith(b"RIFF"):
        return "image"
    kind = response.content_type
    if "html" in kind or "xml" in kind or not kind:
        return "html"
    if kind.startswith("text/"):
        return "text"
    return f"unknown ({kind})"


def read_article(response: Response, fetch: Callable[[str], Response], ocr: OcrSettings) -> Document:
    """The notice text of a fetched article; ``fetch`` gets its attachments (politely).

    UnreadableArticle when nothing readable is there; a failed attachment fails the article,
    so that it is tried again rather than stored without the part that was the notice."""
    kind = format_of(response)
    if kind != "html":
        return _read_file(response.body, kind, response.url, ocr)
    from .html import read_html

    page = read_html(response.body, response.url, response.charset)
    parts, attachment, read_by_ocr = [page.text], None, False
    wanted = page.attachments + (page.images if _stub(page.text) else [])
    for url in wanted[:MAX_ATTACHMENTS]:
        try:
            document = _read_file((reply := fetch(url)).body, format_of(reply), url, ocr)
        except SourceError as exc:
            raise UnreadableArticle(f"attachment {url}: {exc}") from None
        parts.append(document.text)
        attachment = attachment or url
        read_by_ocr = read_by_ocr or document.ocr
    title = page.title
    if title and not page.text.lstrip().startswith(title):
        parts.insert(0, title)  # the notice's heading: the extractor reads its kind and subject there
    text = "\n\n".join(p.strip() for p in parts if p.strip())
    if not text.strip():
        raise UnreadableArticle(f"{response.url}: no text in the page or its attachments")
    return Document(text + "\n", "html", title, page.published, attachment, read_by_ocr)


def _read_file(data: bytes, kind: str, url: str, ocr: OcrSettings) -> Document:
    if kind == "pdf":
        text, pages, scanned = pdf_text(data)
        if not text.strip() or scanned * 2 > pages:  # mostly scans: their text is in the images
            text = pdf_pages_text(data, languages=ocr.languages, timeout=ocr.timeout)
            return _document(text, "pdf", url, ocr=True)
        return _document(text, "pdf", url)
    if kind == "docx":
        return _document(docx_text(data), "docx", url)
    if kind == "image":
        return _document(image_text(data, languages=ocr.languages, timeout=ocr.timeout), "image", url, ocr=True)
    if kind == "text":
        try:
            return _document(read_notice(data, "article.txt"), "text", url)
        except extraction.UnreadableDocument as exc:
            raise UnreadableArticle(f"{url}: {exc}") from None
    if kind == "ole":
        raise UnreadableArticle(f"{url}: a Word 97-2003 .doc (or another old Office file): only .docx, PDF "
                                f"and images are read; ask the issuer for one of those")
    raise UnreadableArticle(f"{url}: {kind} is not a format read here (HTML, PDF, .docx, images, text)")


def _document(text: str, kind: str, url: str, *, ocr: bool = False) -> Document:
    if not text.strip():
        raise UnreadableArticle(f"{url}: no text in the {kind}" + (" (OCR read nothing)" if ocr else ""))
    return Document(text, kind, ocr=ocr)


def _stub(text: str) -> bool:
    return len("".join(text.split())) < STUB_CHARS
