"""The pages residents read: what is on now and next (/), an event (/events/<uid>), a notice
(/notices/<key>, and each article of a newspaper page: /notices/<key>/<n>) and how to subscribe
(/feeds). Chinese, no script, readable on a phone.

Every page respects ``today()`` (``--as-of``) and shows public items only. Styles come from
``static/`` (served at /assets/); templates live in ``templates/pages`` and ``templates/events``.
"""
from __future__ import annotations

import re

from dataclasses import replace
from datetime import date, datetime, timedelta
from itertools import groupby
from pathlib import Path
from urllib.parse import urlencode

from flask import Blueprint, abort, current_app, render_template, request, url_for

from .. import kinds
from ..articles import article_at, articles_of, issuers_at, several
from ..chinese import countdown, day, short_day, span, span_html
from ..issuers import names_in
from ..kinds import CATEGORIES, KINDS
from ..store import EventFilter, event_by_uid, page_of_events
from ..store.articles import origin_of
from ..store.history import changes_of
from ..store.listing import category_counts, kind_counts, latest_notices, notice_by_key, notice_title, recent_past, upcoming
from .context import db, open_ended_days, source_url, today
from .feeds import category_arg, feed_name, kind_arg, query_text
from .links import feed_links, google_event_link, panel_path, qr_svg
from .listing import GROUPS, ended, place
from .marks import Mark, article_around, blocks, date_mentions
from .page_cache import cached
from .provenance import article_link
from .provenance import index as issuer_index

STATIC = Path(__file__).resolve().parents[2] / "static"
bp = Blueprint("pages", __name__, static_folder=str(STATIC), static_url_path="/assets")
GROUP_NOTES = {"today": "正在进行和今天的事项", "week": "本周内开始或截止", "later": "", "past": ""}
FIELD_NAMES = {"status": "状态", "kind": "类型", "title": "标题", "start": "开始", "end": "结束",
               "location": "地点", "description": "说明"}
STATUS_NAMES = {"confirmed": "有效", "cancelled": "已取消"}
MAX_PAGE = 10_000
PANEL_ISSUERS = 12  # the busiest issuers offered on /feeds; /issuers lists them all


@bp.context_processor
def _helpers():
    return page_helpers()


def page_helpers() -> dict:
    """Names every page template may use (the review desk shares them)."""
    return {"site_name": current_app.config["FEED_NAME"], "kinds": KINDS, "kind_name": kinds.name,
            "kind_label": kinds.label, "categories": CATEGORIES,
            "category_label": kinds.category_label, "category_name": kinds.category_name, "due_date": kinds.due_date, "span": span, "span_html": span_html, "countdown": countdown, "day": day, "short_day": short_day,
            "today": today(), "reminders_link": reminders_link}


def reminders_link(kind: str | None = None, q: str | None = None, category: str | None = None,
                   place: str | None = None) -> str:
    """The email-reminder form (calendar_service/web/subscriptions.py) for the same selection."""
    args = {k: v for k, v in (("kind", kind), ("q", q), ("category", category), ("place", place)) if v}
    return f"/subscribe?{urlencode(args)}" if args else "/subscribe"


@bp.get("/")
@cached
def home():
    kind, category, q, page = kind_arg(), category_arg(), query_text(), _page_arg()
    past_shown = request.args.get("past") == "1"
    day_ = today()
    size = int(current_app.config["PAGE_SIZE"])
    events, total = upcoming(db(), day_, kind=kind, q=q, limit=size, offset=(page - 1) * size, category=category,
                             open_ended_days=open_ended_days())
    items = [place(event, day_) for event in events]
    if page > 1 and not items and total:
        abort(404, "没有这一页")
    groups = [(key, GROUPS[key], GROUP_NOTES[key], list(members)) for key, members in groupby(items, lambda i: i.group)]
    counts = kind_counts(db(), day_, q=q, category=category, open_ended_days=open_ended_days())
    by_category = category_counts(db(), day_, q=q, kind=kind, open_ended_days=open_ended_days())
    past_days = int(current_app.config["FEED_PAST_DAYS"])
    past = ([ended(e) for e in recent_past(db(), day_, days=past_days, kind=kind, q=q, category=category)]
            if past_shown else [])
    pages = max(1, -(-total // size))
    return _page("pages/home.html", kind=kind, category=category, q=q, groups=groups, total=total, counts=counts,
                 all_count=sum(counts.values()), category_counts=by_category,
                 category_all=sum(by_category.values()), past=past, past_shown=past_shown, page=page,
                 pages=pages, latest=latest_notices(db()) if total == 0 else [], link=_home_link,
                 feed=feed_links(feed_name(kind, q, category), kind, q, category),
                 panel=panel_path(kind, q, category))


@bp.get("/events/<uid>")
@cached
def event(uid: str):
    stored = event_by_uid(db(), uid)
    if stored is None:
        return _missing("没有找到这个事项", "它可能还在审核中，或者链接有误。")
    notice = notice_by_key(db(), stored.notice_id)
    origin = origin_of(db(), stored.notice_id) if notice is not None else None
    excerpt, heading, articles, article = [], None, (), None
    if notice is not None:
        articles = articles_of(notice.text)
        article = article_at(articles, stored.source.start)
        if several(articles) and article is not None:  # the article of the page it was read from
            heading, start, end = article.heading, article.body, article.end
        else:
            heading, start, end = article_around(notice.text, stored.source.start)
        marked = [Mark(stored.source.start, stored.source.end, "src", "source", "事项出处")]
        marked += [Mark(a, b, "date") for a, b in date_mentions(notice.text) if start <= a < end]
        excerpt = blocks(notice.text, marked, start, end)
    history = changes_of(db(), uid)
    similar = [feed_links(kinds.name(stored.kind), stored.kind)]
    if stored.category in CATEGORIES and stored.category != "other":
        similar.insert(0, feed_links(kinds.category_name(stored.category), category=stored.category))
    place = place_word(stored.location)
    if place:
        similar.append(feed_links(f"含“{place}”的事项", None, place))
    issuers = issuers_at(articles, stored.source.start, origin.issuer if origin else None) if notice else ()
    return _page("events/detail.html", event=stored, notice=notice, excerpt=excerpt, heading=heading,
                 origin=origin, issuers=issuers,
                 source_link=article_link(stored.notice_id, article, articles),
                 notice_name=heading or (notice_title(notice.text, notice.key) if notice else stored.notice_id),
                 history=[_change_lines(c) for c in history], cancelled_by=_cancelled_by(stored, notice, history),
                 unconfirmed=kinds.unconfirmed_since(stored.kind, stored.start, stored.end, today(),
                                                     confirmed=notice.published if notice else None,
                                                     open_ended_days=open_ended_days()),
                 open_ended_days=open_ended_days(),
                 google=google_event_link(stored), ics=url_for("feeds.event", uid=stored.uid),
                 similar=similar, place=place)


@bp.get("/notices/<path:key>")
@cached
def notice(key: str):
    """A notice; on a page of several articles, also each article: /notices/<key>/<n> (a notice
    whose own key ends so wins: keys are looked up whole first)."""
    found = notice_by_key(db(), key)
    if found is None:
        page_key, _, number = key.rpartition("/")
        if page_key and re.fullmatch(r"[1-9][0-9]{0,3}", number):
            return _article(page_key, int(number))
        return _missing("没有找到这则公告", "它可能还在审核中，或者链接有误。")
    articles, origin = articles_of(found.text), origin_of(db(), key)
    marked = [Mark(a, b, "date") for a, b in date_mentions(found.text)]
    marked += [Mark(e.source.start, e.source.end, "src", f"src-{n}", f"事项 {n}：{e.title}")
               for n, e in enumerate(found.events, 1)]
    contents = [(a, url_for("pages.notice", key=f"{key}/{a.number}"),
                 sum(a.start <= e.source.start < a.end for e in found.events))
                for a in articles] if several(articles) else []
    issuers = articles[0].issuers if not several(articles) else ()
    return _page("pages/notice.html", notice=found, title=notice_title(found.text, found.key),
                 source=source_url(found.key, found.source), origin=origin, contents=contents,
                 issuers=issuers or names_in(origin.issuer if origin else None, strict=False),
                 text=blocks(found.text, marked), dates=len(date_mentions(found.text)))


def _article(key: str, number: int):
    """Article ``number`` of the page ``key``: its own headline, text, items and issuers."""
    found = notice_by_key(db(), key)
    articles = articles_of(found.text) if found is not None else ()
    if not several(articles) or number > len(articles):
        return _missing("没有找到这篇文章", "这一版没有这个编号的文章，或者链接有误。")
    article, origin = articles[number - 1], origin_of(db(), key)
    events = [e for e in found.events if article.start <= e.source.start < article.end]
    mentions = [(a, b) for a, b in date_mentions(found.text) if article.body <= a < article.end]
    marked = [Mark(a, b, "date") for a, b in mentions]
    marked += [Mark(e.source.start, e.source.end, "src", f"src-{n}", f"事项 {n}：{e.title}")
               for n, e in enumerate(events, 1)]
    return _page("pages/notice.html", notice=replace(found, events=events), title=article.heading,
                 source=source_url(found.key, found.source), origin=origin, contents=[],
                 issuers=issuers_at(articles, article.body, origin.issuer if origin else None),
                 article=article, count=len(articles), page_title=notice_title(found.text, found.key),
                 page_link=url_for("pages.notice", key=key),
                 previous=article_link(key, articles[number - 2], articles) if number > 1 else None,
                 following=article_link(key, articles[number], articles) if number < len(articles) else None,
                 text=blocks(found.text, marked, article.body, article.end), dates=len(mentions))


@bp.get("/feeds")
@cached
def subscribe_panel():
    kind, category, q = kind_arg(), category_arg(), query_text()
    current = feed_links(feed_name(kind, q, category), kind, q, category)
    kind_choices = [feed_links("全部事项")] + [feed_links(meaning.name, k) for k, meaning in KINDS.items()]
    if q:
        kind_choices.append(feed_links(f"搜索“{q}”", None, q))
    category_choices = [feed_links(meaning.name, category=c) for c, meaning in CATEGORIES.items()]
    past = timedelta(days=int(current_app.config["FEED_PAST_DAYS"]))
    held = EventFilter(kind=kind, start=today() - past, q=q, status="confirmed", category=category)
    return _page("pages/feeds.html", kind=kind, category=category, q=q, current=current,
                 count=page_of_events(db(), held, limit=1, offset=0).total, kind_choices=kind_choices,
                 category_choices=category_choices, qr=qr_svg(current.panel, "扫码在手机上打开本页"),
                 issuers=issuer_index().listed()[:PANEL_ISSUERS])


def place_word(location: str | None) -> str | None:
    """The first road or street named in a place ("龙源路与山阳路交叉口" -> "龙源路"), else the place."""
    if not location:
        return None
    for mark in ("大道", "大街", "路", "街", "巷"):
        at = location.find(mark)
        if 0 < at <= 12:
            return location[:at + len(mark)]
    return location[:30]


def _page(template: str, **context):
    return render_template(template, **context)  # ETag and 304: page_cache


def _missing(title: str, detail: str):
    return render_template("pages/missing.html", title=title, detail=detail), 404


def _page_arg() -> int:
    value = request.args.get("page", "1")
    # ASCII digits, a few of them: str.isdigit() also says yes to "²" (int() refuses it) and to
    # thousands of digits (past int()'s limit), both 500s rather than a 400
    if not re.fullmatch(r"[0-9]{1,7}", value) or not 1 <= int(value) <= MAX_PAGE:
        abort(400, "page must be a positive integer")
    return int(value)


def _home_link(**changes) -> str:
    """This page's address with some arguments changed (None drops one)."""
    args = {k: v for k, v in request.args.items() if k in ("kind", "category", "q", "past", "page")}
    args.update(changes)
    args = {k: v for k, v in args.items() if v not in (None, "")}
    return url_for("pages.home", **args)


def _change_lines(change) -> tuple:
    lines = []
    for name, (old, new) in change.fields.items():
        label = FIELD_NAMES.get(name, name)
        if name == "description":
            lines.append(f"{label}已更新")
        else:
            lines.append(f"{label}：{_shown(name, old)} → {_shown(name, new)}")
    return change, lines


def _shown(name: str, value: str | None) -> str:
    if value is None:
        return "未定" if name in ("start", "end") else "无"
    if name == "status":
        return STATUS_NAMES.get(value, value)
    if name == "kind":
        return kinds.name(value)
    if name in ("start", "end"):
        moment = datetime.fromisoformat(value) if "T" in value else date.fromisoformat(value)
        return span(moment, moment)
    return value


def _cancelled_by(event, notice, history) -> str | None:
    if event.status != "cancelled":
        return None
    if notice is not None and notice.status == "withdrawn":
        return "发布单位已撤回这则公告。"
    for change in history:
        if "status" in change.fields:
            return "审核人员已撤销此事项。" if change.origin == "review" else "公告更新后不再包含此事项。"
    return "此事项已取消。"
