"""The desk's sources section and the notice page's origin links, on SQLite and PostgreSQL,
against the issuer's site on 127.0.0.1 (tests/sources)."""
from __future__ import annotations

import html
from datetime import UTC, datetime

from calendar_service.sources.poller import Poller
from calendar_service.sources.spec import new_source
from calendar_service.store import sources as stored
from sources.conftest import TEST_SETTINGS, ocr_available, site  # noqa: F401 (site: the fixture)
from sources.issuer import LINKS

from .test_admin import browser, desk_app, get, login, post  # noqa: F401 (fixtures)


def poll(app, *names):
    poller = Poller(app.extensions["calendar_db"], {**app.config, **TEST_SETTINGS})
    try:
        return poller.poll_now(list(names))
    finally:
        poller.close()


def test_a_reviewer_adds_pauses_and_sees_the_health_of_sources(desk_app, browser, site):  # noqa: F811 (fixtures)
    db = desk_app.extensions["calendar_db"]
    csrf = login(browser)
    page = get(browser, "/admin/sources").get_data(as_text=True)
    assert "还没有信息源" in page
    response = post(browser, "/admin/sources", {"csrf_token": csrf, "name": "jz", "url": site.url("/gongkai/index.html"),
                                                "kind": "list", "links": LINKS, "every": "2h", "issuer": "焦作市人民政府"})
    assert response.status_code == 302
    refused = post(browser, "/admin/sources", {"csrf_token": csrf, "name": "bad", "url": "ftp://x", "every": "1h"})
    assert "没有添加" in get(browser, refused.headers["Location"]).get_data(as_text=True)
    stored.add_source(db, new_source("slow", site.url("/missing.html"), kind="page"), datetime.now(UTC))
    for _ in range(3):
        poll(desk_app, "slow")
    page = html.unescape(get(browser, "/admin/sources").get_data(as_text=True))
    assert "焦作市人民政府" in page and "每 2h" in page and "尚未轮询" in page
    assert "已中断" in page and "连续失败 3 次" in page and "/missing.html: HTTP 404 Not Found" in page
    assert post(browser, "/admin/sources/jz/pause", {"csrf_token": csrf}).status_code == 302
    assert not stored.source_by_name(db, "jz").enabled and "已暂停" in get(browser, "/admin/sources").get_data(as_text=True)
    post(browser, "/admin/sources/jz/resume", {"csrf_token": csrf})
    assert stored.source_by_name(db, "jz").enabled
    assert post(browser, "/admin/sources/nope/poll", {"csrf_token": csrf}).status_code == 404
    assert post(browser, "/admin/sources/jz/pause", {}).status_code == 400  # CSRF holds here too


def test_the_section_is_behind_the_login(desk_app, browser):
    assert get(browser, "/admin/sources").status_code == 302


def test_a_notice_read_by_ocr_says_so_beside_a_link_to_the_original(app, client, site):  # noqa: F811
    ocr_available()
    db = app.extensions["calendar_db"]
    stored.add_source(db, new_source("jz", site.url("/gongkai/index.html"), links=r"t10[35]\.html$",
                                     issuer="焦作市人民政府"), datetime.now(UTC))
    [(_, report)] = poll(app, "jz")
    assert report.new == 2
    scanned = client.get("/notices/" + site.url("/gongkai/2022/t105.html")).get_data(as_text=True)
    assert f'<a href="{site.url("/gongkai/2022/t105.html")}" rel="noreferrer">查看原文</a>' in scanned
    assert site.url("/files/t105.png") in scanned and "自动识别（OCR）" in scanned and "建设路" in scanned
    typed = client.get("/notices/" + site.url("/gongkai/2022/t103.html")).get_data(as_text=True)
    assert "查看原文" in typed and "附件原件" in typed and "OCR" not in typed
