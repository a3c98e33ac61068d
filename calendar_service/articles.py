"""The articles of a stored notice: a newspaper page holds several, each under its own ``#``
heading; any other notice is one. Pure: text in, ``Article`` values with offsets out.

The pieces are the extractor's own (``extract.segment.split_notices`` on the text as it reads it),
so that an event's source offsets always fall inside one article. Pieces are then put together as
a reader sees the page: a deeper heading under an article ("## 高质量发展的路子更清晰更明确" under
"# 焦作:唱响高质量发展主旋律") is a section of it, unless it heads a notice of its own ("### …半封闭
施工公告": a boxed notice printed under the story); what stands above the first ``#`` heading (a
page's banner "迎盛会 献礼二十大") belongs to no article. A page with fewer than two articles is one
article: the whole notice.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .extract.normalise import analysis_text
from .extract.segment import split_notices
from .issuers import issuers_of, names_in

_MARKED = re.compile(r"[ \t\u3000]*(#{1,6})[ \t\u3000]*(.*?)[\s#]*$")
# the heading of a notice printed inside a page, as the extractor reads a title line (segment.py)
_NOTICE_TITLE = re.compile(r"(?:公告|通告|通知|公示|启事|提示|告知书|告示|声明)\s*(?:\([^)]{1,6}\))?$")


@dataclass(frozen=True)
class Article:
    number: int  # 1, 2 … in page order (its address: /notices/<key>/<number> on a page of several)
    heading: str | None
    start: int  # its heading line (or the notice's start)
    body: int  # the text under the heading
    end: int
    issuers: tuple[str, ...]  # issuers.issuers_of: who signs it, or whom its heading names


def articles_of(text: str) -> tuple[Article, ...]:
    """The articles of ``text``: several for a newspaper page, else one covering it all."""
    return _articles(text)


@lru_cache(maxsize=512)  # read per request on event and notice pages, and per notice by the issuer index
def _articles(text: str) -> tuple[Article, ...]:
    analysed = analysis_text(text)  # same length: offsets hold for both
    parts: list[list] = []  # [level, heading, start, body, end]
    for piece in split_notices(analysed):
        line_start = analysed.rfind("\n", 0, max(piece.start - 1, 0)) + 1
        marked = _MARKED.match(analysed, line_start, piece.start) if piece.heading else None
        if marked is None:  # a title line or the page's banner: part of what came before, if anything
            if parts:
                parts[-1][4] = piece.end
            continue
        level = len(marked.group(1))
        if parts and level > parts[-1][0] and not _NOTICE_TITLE.search(piece.heading):
            parts[-1][4] = piece.end  # a section of the article above
            continue
        parts.append([level, piece.heading, line_start, piece.start, piece.end])
    if len(parts) < 2:
        heading = split_notices(analysed)[0].heading if analysed.strip() else None
        return (Article(1, heading, 0, 0, len(text), issuers_of(analysed, 0, len(text), heading)),)
    return tuple(Article(n, heading, start, body, end, issuers_of(analysed, body, end, heading))
                 for n, (_, heading, start, body, end) in enumerate(parts, 1))


def article_at(articles: tuple[Article, ...], offset: int) -> Article | None:
    """The article holding ``offset`` (an event's source), or None (a page's banner)."""
    return next((a for a in articles if a.start <= offset < a.end), None)


def several(articles: tuple[Article, ...]) -> bool:
    """Is this a page of several articles, each with its own page?"""
    return len(articles) > 1


def issuers_at(articles: tuple[Article, ...], offset: int, source_issuer: str | None = None) -> tuple[str, ...]:
    """The issuers of the item whose source sentence starts at ``offset``: its article's, else
    those the notice's source names (``source_issuer``, as an operator wrote it)."""
    article = article_at(articles, offset)
    if article is not None and article.issuers:
        return article.issuers
    return tuple(names_in(source_issuer, strict=False))
