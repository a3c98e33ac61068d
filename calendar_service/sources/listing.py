"""What a list page or a feed points to: its articles (URL, title, date, and a fingerprint of the
entry, so that an entry that changed is fetched again) and, for list pages, the next page.

List pages are parsed with lxml; an article link is one whose absolute URL matches the source's
pattern (without one: a link on the same host whose path looks like a document, not a folder,
and is not the list itself). The fingerprint of a list entry is the text of the list item
holding the link (title and date as shown), so an issuer's "updated" date or new title shows.
Feeds (RSS 0.9x-2.0, Atom) are read with feedparser.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date
from urllib.parse import urldefrag, urljoin, urlsplit

from ..errors import UnreadableArticle
from .text import decode_html

NEXT_WORDS = ("下一页", "下页", "后一页", "next", "›", "»", ">")
ENTRY_TAGS = ("li", "tr", "dd", "dt", "article")
DOCUMENT_PATH = re.compile(r"[^/]+\.(s?html?|php|aspx?|jsp|pdf|docx?|png|jpe?g)$|/\d{3,}[^/]*$", re.I)
DOCUMENT_QUERY = re.compile(r"(^|&)(id|aid|articleid|docid)=", re.I)
_DATE = re.compile(r"(20\d\d)[-/.年](\d{1,2})[-/.月](\d{1,2})")


@dataclass(frozen=True)
class Entry:
    url: str
    title: str
    fingerprint: str  # sha256 of what the list or feed shows of the article
    published: date | None = None


@dataclass(frozen=True)
class Listing:
    entries: list[Entry]
    next_page: str | None = None


def read_list_page(body: bytes, url: str, charset: str | None, pattern: str | None) -> Listing:
    """The article links of a list page (in page order, each once) and its next page."""
    import lxml.html

    page = lxml.html.document_fromstring(decode_html(body, charset, url))
    matcher = re.compile(pattern) if pattern else None
    entries, seen, next_page = [], {url}, None
    for anchor in page.iter("a"):
        href = (anchor.get("href") or "").strip()
        if not href or href.startswith(("javascript:", "mailto:", "#")):
            continue
        target = urldefrag(urljoin(url, href))[0]
        label = " ".join(anchor.text_content().split())
        if next_page is None and (label.lower() in NEXT_WORDS or (anchor.get("rel") or "").lower() == "next"):
            if target not in seen:
                next_page = target
            continue
        if target in seen or not _is_article(target, url, matcher):
            continue
        seen.add(target)
        holder = _entry_of(anchor)
        shown = " ".join(holder.text_content().split()) if holder is not None else label
        entries.append(Entry(target, label or target, fingerprint(shown), _first_date(shown)))
    return Listing(entries, next_page)


def read_feed(body: bytes, url: str) -> Listing:
    """The entries of an RSS or Atom feed; UnreadableArticle if it is neither."""
    import feedparser

    parsed = feedparser.parse(body, response_headers={"content-location": url})
    if parsed.bozo and not parsed.entries:
        raise UnreadableArticle(f"{url}: not an RSS or Atom feed ({parsed.get('bozo_exception')})")
    entries, seen = [], set()
    for item in parsed.entries:
        # dict.get: feedparser's own get maps a missing "updated" to "published" with a warning
        link = urldefrag(urljoin(url, dict.get(item, "link") or dict.get(item, "id") or ""))[0]
        if not link or link in seen or urlsplit(link).scheme not in ("http", "https"):
            continue
        seen.add(link)
        shown = "\n".join(str(dict.get(item, k) or "") for k in ("id", "title", "updated", "published", "summary"))
        stamp = dict.get(item, "published_parsed") or dict.get(item, "updated_parsed")
        published = date(*stamp[:3]) if stamp else None
        entries.append(Entry(link, " ".join(str(dict.get(item, "title") or link).split()), fingerprint(shown), published))
    return Listing(entries)


def fingerprint(shown: str) -> str:
    return hashlib.sha256(" ".join(shown.split()).encode("utf-8")).hexdigest()


def _is_article(target: str, page: str, matcher: re.Pattern | None) -> bool:
    if urlsplit(target).scheme not in ("http", "https"):
        return False
    if matcher is not None:
        return matcher.search(target) is not None
    parts = urlsplit(target)
    if parts.netloc != urlsplit(page).netloc:
        return False
    return DOCUMENT_PATH.search(parts.path) is not None or DOCUMENT_QUERY.search(parts.query) is not None


def _entry_of(anchor):
    """The list item (li, table row, …) holding a link, or its parent."""
    node = anchor.getparent()
    for _ in range(4):
        if node is None:
            break
        if node.tag in ENTRY_TAGS:
            return node
        node = node.getparent()
    return anchor.getparent()


def _first_date(text: str) -> date | None:
    match = _DATE.search(text)
    if match is None:
        return None
    try:
        return date(*map(int, match.groups()))
    except ValueError:
        return None
