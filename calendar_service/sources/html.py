"""An HTML article reduced to the notice: its main text by trafilatura (navigation, footers and
sidebars dropped; tables kept as rows), its title and publication date from the page's metadata
(trafilatura's htmldate reads ``<meta>`` tags such as ``PubDate`` and ``article:published_time``
and the page's own dateline), and the documents and images of the page outside its furniture, which
are often the notice itself ("详见附件", a scanned page).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from urllib.parse import urldefrag, urljoin, urlsplit

from .text import decode_html

ATTACHMENT = re.compile(r"\.(pdf|docx?|png|jpe?g|gif|tiff?|bmp|webp)$", re.I)
IMAGE = re.compile(r"\.(png|jpe?g|gif|tiff?|bmp|webp)$", re.I)
FURNITURE_TAGS = {"header", "nav", "footer", "aside"}
FURNITURE_NAMES = re.compile(r"\b(nav|navbar|menu|header|footer|banner|logo|sidebar|breadcrumbs?|share|copyright)\b")
#: an image smaller than this (declared width or height) is an icon or a logo, not a notice
MIN_IMAGE_SIDE = 200


@dataclass
class HtmlArticle:
    title: str | None
    published: date | None
    text: str  # the main text
    attachments: list[str] = field(default_factory=list)  # absolute URLs of documents the page links
    images: list[str] = field(default_factory=list)  # absolute URLs of images the page shows


def read_html(body: bytes, url: str, charset: str | None) -> HtmlArticle:
    import lxml.html
    import trafilatura

    markup = decode_html(body, charset, url)
    tree = lxml.html.document_fromstring(markup)
    attachments, images = _embedded(tree, url)  # before trafilatura, which prunes the tree it is given
    found = trafilatura.bare_extraction(tree, url=url, with_metadata=True, include_tables=True,
                                        include_comments=False, favor_recall=True, config=_config(),
                                        date_extraction_params={"extensive_search": False, "original_date": True})
    title = published = None
    text = ""
    if found is not None:
        title, text = found.title, found.text or ""
        published = _day(found.date)
    if not title:
        head = tree.find(".//title")
        title = " ".join(head.text_content().split()) if head is not None else None
    text = "\n".join(line.strip() for line in text.splitlines() if line.strip())
    return HtmlArticle(title=title, published=published, text=text, attachments=attachments, images=images)


def _embedded(tree, url: str) -> tuple[list[str], list[str]]:
    """(documents linked, images shown) outside the page's furniture: not in a header, navigation,
    footer or sidebar, and no image smaller than an icon. trafilatura's main text is no guide
    here: it drops a paragraph that is only a link, which is how issuers attach a notice."""
    attachments, images = [], []
    for element in tree.iter("a", "img"):
        if any(_furniture(parent) for parent in element.iterancestors()):
            continue
        if element.tag == "a":
            target = urldefrag(urljoin(url, (element.get("href") or "").strip()))[0]
            if ATTACHMENT.search(urlsplit(target).path) and _web(target) and target not in attachments:
                attachments.append(target)
            continue
        sides = [element.get("width", ""), element.get("height", "")]
        if any(side.isdigit() and int(side) < MIN_IMAGE_SIDE for side in sides):
            continue
        target = urldefrag(urljoin(url, (element.get("src") or "").strip()))[0]
        if _web(target) and target not in images and target not in attachments:
            images.append(target)
    return attachments, images


def _furniture(element) -> bool:
    if element.tag in FURNITURE_TAGS:
        return True
    names = f"{element.get('class', '')} {element.get('id', '')}".lower()
    return FURNITURE_NAMES.search(names) is not None


@lru_cache(maxsize=1)
def _config():
    """trafilatura's defaults, but short articles ("详见附件") are kept rather than dropped, and no
    signal-based timeout (pollers run in threads)."""
    from trafilatura.settings import use_config

    config = use_config()
    config.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")
    config.set("DEFAULT", "MIN_EXTRACTED_SIZE", "1")
    config.set("DEFAULT", "MIN_OUTPUT_SIZE", "1")
    return config


def _web(url: str) -> bool:
    return urlsplit(url).scheme in ("http", "https")


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None
