"""Links of list pages and entries of feeds (pure)."""
from __future__ import annotations

from datetime import date

from calendar_service.sources.listing import read_feed, read_list_page

from .issuer import list_page

PAGE = "http://a.example/tzgg/index.html"


def test_a_list_page_gives_its_article_links_once_in_order_and_its_next_page():
    body = list_page([("2022/t1.html", "第一篇", "2022-10-18"), ("/tzgg/2022/t2.html", "第二篇", "2022-10-19"),
                      ("2022/t1.html#top", "第一篇", ""), ("/about/", "关于我们", ""),
                      ("https://other.example/t3.html", "外站", ""), ("javascript:void(0)", "打印", "")],
                     next_page="index_1.html").encode()
    listing = read_list_page(body, PAGE, "utf-8", None)
    assert [(e.url, e.title, e.published) for e in listing.entries] == [
        ("http://a.example/tzgg/2022/t1.html", "第一篇", date(2022, 10, 18)),
        ("http://a.example/tzgg/2022/t2.html", "第二篇", date(2022, 10, 19))]
    assert listing.next_page == "http://a.example/tzgg/index_1.html"
    pattern = read_list_page(body, PAGE, "utf-8", r"other\.example")
    assert [e.url for e in pattern.entries] == ["https://other.example/t3.html"]


def test_an_entry_whose_shown_date_changed_has_a_new_fingerprint():
    before = read_list_page(list_page([("t1.html", "通告", "2022-10-18")]).encode(), PAGE, None, None)
    after = read_list_page(list_page([("t1.html", "通告", "2022-10-21 更新")]).encode(), PAGE, None, None)
    same = read_list_page(list_page([("t1.html", "通告", "2022-10-18")]).encode(), PAGE, None, None)
    assert before.entries[0].fingerprint != after.entries[0].fingerprint
    assert before.entries[0].fingerprint == same.entries[0].fingerprint


def test_an_atom_feed_gives_its_entries_with_their_dates():
    body = """<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>公告</title>
    <id>urn:x</id><updated>2022-11-08T00:00:00Z</updated>
    <entry><title>停水通知</title><id>urn:1</id><link href="/n/1.html"/><updated>2022-11-07T02:00:00Z</updated></entry>
    <entry><title>停电通知</title><id>urn:2</id><link href="http://a.example/n/2.html"/>
      <published>2022-11-06T02:00:00Z</published><updated>2022-11-08T02:00:00Z</updated></entry></feed>"""
    listing = read_feed(body.encode(), "http://a.example/atom.xml")
    assert [(e.url, e.title, e.published) for e in listing.entries] == [
        ("http://a.example/n/1.html", "停水通知", date(2022, 11, 7)),
        ("http://a.example/n/2.html", "停电通知", date(2022, 11, 6))]
