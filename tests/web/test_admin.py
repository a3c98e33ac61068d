"""The review desk (/admin) through Flask's test client, on SQLite and PostgreSQL."""
from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from datetime import UTC, date, datetime, timedelta
from io import BytesIO
from pathlib import Path

import icalendar
import pytest

from calendar_service.extract import ExtractedEvent, SourceRef
from calendar_service.store import NoticeDraft, ReviewPolicy, save_notice
from calendar_service.web.security import _instance_secret

PASSWORD = "correct horse battery staple"
NOTICE = """关于人民路夜间封闭施工的通告

因雨水管网改造需要，人民路（解放路至建设路段）将于2022年10月24日至2022年10月30日封闭施工，请过往车辆绕行。

焦作市公安交通管理支队
2022年10月20日"""


@pytest.fixture
def desk_app(app):
    app.config["ADMIN_PASSWORD"] = PASSWORD
    return app


@pytest.fixture
def browser(desk_app):
    """A test client that sends cookies over https, as the public URL says the site is served."""
    return desk_app.test_client()


def token(client, url: str = "/admin/login") -> str:
    html = client.get(url, base_url="https://calendar.example.cn").get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def post(client, url: str, data: dict | None = None, **kwargs):
    return client.post(url, data=data or {}, base_url="https://calendar.example.cn", **kwargs)


def get(client, url: str):
    return client.get(url, base_url="https://calendar.example.cn")


def login(client) -> str:
    response = post(client, "/admin/login", {"password": PASSWORD, "csrf_token": token(client)})
    assert response.status_code == 302 and response.headers["Location"] == "/admin/"
    return token(client, "/admin/")


def paste(client, csrf: str, text: str = NOTICE, **fields) -> str:
    response = post(client, "/admin/notices", {"text": text, "csrf_token": csrf, **fields})
    assert response.status_code == 302, response.get_data(as_text=True)
    return response.headers["Location"]


def test_without_a_password_the_desk_is_switched_off_and_says_how_to_switch_it_on(client):
    response = client.get("/admin/")
    assert response.status_code == 503 and "CALENDAR_ADMIN_PASSWORD" in response.get_data(as_text=True)
    assert client.post("/admin/login", data={"password": ""}).status_code == 503


def test_a_wrong_password_and_a_missing_csrf_token_are_refused(browser):
    csrf = token(browser)
    wrong = post(browser, "/admin/login", {"password": "guess", "csrf_token": csrf})
    assert wrong.status_code == 401 and "密码不正确" in wrong.get_data(as_text=True)
    missing = post(browser, "/admin/login", {"password": PASSWORD})
    assert missing.status_code == 400 and "CSRF" in missing.get_data(as_text=True)
    forged = post(browser, "/admin/login", {"password": PASSWORD, "csrf_token": "x" * 43})
    assert forged.status_code == 400
    assert get(browser, "/admin/").status_code == 302  # still not logged in


def test_every_form_of_the_desk_needs_the_token(browser):
    csrf = login(browser)
    location = paste(browser, csrf)
    html = get(browser, location).get_data(as_text=True)
    forms = re.findall(r'<form method="post" action="([^"]+)"', html)
    assert len(forms) >= 4  # logout, publish, and edit/approve/reject per event
    for action in forms:
        assert post(browser, action, {"title": "x"}).status_code == 400, action
    assert f'name="csrf_token" value="{csrf}"' in html


def test_pages_of_the_desk_need_a_login(browser):
    assert get(browser, "/admin/").headers["Location"].startswith("/admin/login?next=/admin/")
    csrf = token(browser)
    refused = post(browser, "/admin/notices", {"text": NOTICE, "csrf_token": csrf})
    assert refused.status_code == 401


def test_paste_edit_approve_publish_reaches_the_home_page_and_the_feed(browser, client):
    csrf = login(browser)
    location = paste(browser, csrf)
    assert location.startswith("/admin/notices/desk/2022-10-20-")
    key = location.removeprefix("/admin/notices/")
    review_page = get(browser, location).get_data(as_text=True)
    assert "人民路" in review_page and "把握度" in review_page and "已通过 · 待发布" in review_page
    assert "人民路" not in client.get("/").get_data(as_text=True)  # nothing public before publishing
    uid = re.search(r'id="ev-([^"]+)"', review_page).group(1)
    edited = post(browser, f"/admin/events/{uid}/edit", {
        "csrf_token": csrf, "kind": "closure", "title": "人民路（解放路至建设路段）封闭施工",
        "start": "2022-10-24", "end": "2022-11-06", "location": "人民路", "description": "请绕行"})
    assert edited.status_code == 302 and edited.headers["Location"].endswith(f"#ev-{uid}")
    assert "已保存修改" in get(browser, location).get_data(as_text=True)
    assert post(browser, f"/admin/publish/{key}", {"csrf_token": csrf}).status_code == 302
    home = re.sub(r"<[^>]+>", "", client.get("/").get_data(as_text=True))
    assert "人民路（解放路至建设路段）封闭施工" in home and "10月24日(周一)至11月6日" in home
    feed = icalendar.Calendar.from_ical(client.get("/calendar.ics").data)
    [event] = [e for e in feed.walk("VEVENT") if "人民路" in str(e["SUMMARY"])]
    assert event.decoded("DTEND").isoformat() == "2022-11-07" and int(event["SEQUENCE"]) == 0


def test_rejecting_a_published_event_cancels_it_in_the_feed(browser, client, publish):
    publish("road.txt", {"uid": "road", "title": "龙源路封闭"})
    csrf = login(browser)
    assert post(browser, "/admin/events/road/reject", {"csrf_token": csrf}).status_code == 302
    [event] = icalendar.Calendar.from_ical(client.get("/calendar.ics").data).walk("VEVENT")
    assert str(event["STATUS"]) == "CANCELLED" and int(event["SEQUENCE"]) == 1
    assert "审核人员已撤销此事项" in client.get("/events/road").get_data(as_text=True)


def test_low_confidence_items_wait_in_the_queue_until_approved_and_published(browser, client, publish):
    event = ExtractedEvent(uid="unsure", kind="closure", title="没把握的封闭", start=date(2022, 10, 20),
                           end=date(2022, 10, 21), all_day=True, location=None, description="", confidence=0.3,
                           source=SourceRef("a.txt", "没把握的封闭", 0, 6))
    save_notice(browser.application.extensions["calendar_db"],
                NoticeDraft("a.txt", "没把握的封闭", "h", date(2022, 10, 18)), [event], review=ReviewPolicy(threshold=0.5))
    csrf = login(browser)
    index = get(browser, "/admin/").get_data(as_text=True)
    assert 'href="/admin/notices/a.txt"' in index and "等待处理（1）" in index
    review_page = get(browser, "/admin/notices/a.txt").get_data(as_text=True)
    assert "待审核" in review_page and 'class="confidence low">把握度 30%' in review_page
    post(browser, "/admin/events/unsure/approve", {"csrf_token": csrf})
    assert 'href="/events/unsure"' not in client.get("/").get_data(as_text=True)
    post(browser, "/admin/publish/a.txt", {"csrf_token": csrf})
    assert 'href="/events/unsure"' in client.get("/").get_data(as_text=True)
    assert "等待处理（0）" in get(browser, "/admin/").get_data(as_text=True)


@pytest.mark.parametrize(("fields", "message"), [
    ({"start": "2022/10/40"}, "开始要写成"),
    ({"end": "2022-10-01"}, "结束不能早于开始"),
    ({"start": "2022-10-24 08:00"}, "要么都写时间"),
    ({"title": ""}, "标题不能为空"),
    ({"kind": "party"}, "请选择事项类型"),
    ({"kind": "deadline", "end": ""}, "截止事项需要结束日期"),
])
def test_invalid_edits_are_explained_and_change_nothing(browser, client, publish, fields, message):
    publish("road.txt", {"uid": "road", "title": "龙源路封闭"})
    csrf = login(browser)
    form = {"csrf_token": csrf, "kind": "closure", "title": "龙源路封闭", "start": "2022-10-18", "end": "2022-10-31"}
    form.update(fields)
    post(browser, "/admin/events/road/edit", form)
    assert message in get(browser, "/admin/notices/road.txt").get_data(as_text=True)
    assert client.get("/api/events/road").get_json()["sequence"] == 0


def test_timed_edits_keep_the_zone(browser, client, publish):
    publish("road.txt", {"uid": "road", "title": "龙源路封闭"})
    csrf = login(browser)
    post(browser, "/admin/events/road/edit", {"csrf_token": csrf, "kind": "closure", "title": "夜间封闭",
                                             "start": "2022-10-24 22:00", "end": "2022-10-25 06:00"})
    data = client.get("/api/events/road").get_json()
    assert (data["start"], data["end"], data["all_day"]) == ("2022-10-24T22:00:00+08:00", "2022-10-25T06:00:00+08:00", False)


def test_an_upload_in_gbk_is_read_like_ingest_reads_it(browser):
    csrf = login(browser)
    response = post(browser, "/admin/notices", {"csrf_token": csrf, "text": "",
                                                "file": (BytesIO(NOTICE.encode("gb18030")), "notice.txt")},
                    content_type="multipart/form-data")
    assert response.status_code == 302
    assert "人民路" in get(browser, response.headers["Location"]).get_data(as_text=True)


def test_an_empty_paste_is_explained(browser):
    csrf = login(browser)
    post(browser, "/admin/notices", {"csrf_token": csrf, "text": "  "})
    assert "请粘贴公告全文" in get(browser, "/admin/").get_data(as_text=True)


def test_sessions_end_after_their_hours_and_when_the_password_changes(browser, desk_app, monkeypatch):
    login(browser)
    assert get(browser, "/admin/").status_code == 200
    desk_app.extensions["calendar_clock"] = lambda: datetime.now(UTC) + timedelta(hours=13)
    assert get(browser, "/admin/").status_code == 302
    del desk_app.extensions["calendar_clock"]
    login(browser)
    desk_app.config["ADMIN_PASSWORD"] = "a new password"
    assert get(browser, "/admin/").status_code == 302


def test_guessing_is_slowed_down(browser, desk_app):
    desk_app.config["LOGIN_BACKOFF_SECONDS"] = 0  # the cap alone (tests/web/test_logins.py: the backoff)
    csrf = token(browser)
    for _ in range(desk_app.config["LOGIN_FAILURES_PER_ADDRESS"]):
        assert post(browser, "/admin/login", {"password": "guess", "csrf_token": csrf}).status_code == 401
    assert post(browser, "/admin/login", {"password": PASSWORD, "csrf_token": csrf}).status_code == 429


def test_login_redirects_only_inside_the_desk(browser):
    csrf = token(browser)
    response = post(browser, "/admin/login", {"password": PASSWORD, "csrf_token": csrf, "next": "//evil.example/x"})
    assert response.headers["Location"] == "/admin/"


def test_desk_pages_are_not_cached_and_the_cookie_is_locked_down(browser):
    response = get(browser, "/admin/login")
    assert response.headers["Cache-Control"] == "no-store"
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" in cookie


def test_the_secret_key_is_generated_once_per_instance_folder(tmp_path):
    first = _instance_secret(tmp_path)
    assert len(first) == 64 and _instance_secret(tmp_path) == first
    assert (tmp_path / "secret_key").stat().st_mode & 0o777 == 0o600


def test_serve_keeps_items_below_the_threshold_for_review_and_says_so(tmp_path):
    """A real `serve` with CALENDAR_REVIEW_THRESHOLD=0.9: the seed page's less certain items wait."""
    root = Path(__file__).resolve().parents[2]
    shutil.copytree(root / "notices", tmp_path / "notices")
    env = {k: v for k, v in os.environ.items() if not k.startswith("CALENDAR_")}
    env.update(CALENDAR_DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}", CALENDAR_REVIEW_THRESHOLD="0.9",
               CALENDAR_SECRET_KEY="test")
    process = subprocess.Popen([str(Path(sys.executable).with_name("calendar-service")), "serve", "--port", "0",
                                "--as-of", "2022-10-18"], cwd=tmp_path, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True)
    try:
        lines = []
        for line in process.stderr:
            lines.append(line)
            if "serving" in line:
                break
        said = "".join(lines)
        assert "events below the review threshold wait at /admin (set CALENDAR_ADMIN_PASSWORD" in said, said
        base = re.search(r"on (http://127\.0\.0\.1:\d+)/", said).group(1)
        with urllib.request.urlopen(base + "/api/events", timeout=10) as response:
            titles = [e["title"] for e in json.load(response)["events"]]
        assert any("集中缴费" in t for t in titles)  # 0.95: published at once
        assert not any("服务大厅" in t for t in titles)  # 0.63: waits for a person
    finally:
        process.send_signal(signal.SIGINT)
        process.communicate(timeout=20)


def test_a_notice_past_the_reading_budget_is_refused_in_one_line(browser, desk_app):
    desk_app.config["EXTRACT_BUDGET_SECONDS"] = 0.1  # the fix: a time budget, with a clear error
    csrf = login(browser)
    long = "关于龙源路施工的通告\n" + "根据施工安排，2022年10月18日至2023年1月1日对龙源路与山阳路交叉口半幅封闭施工。\n" * 4000
    response = post(browser, "/admin/notices", {"csrf_token": csrf, "text": long, "published": "2022-10-17"})
    assert response.status_code == 302 and response.headers["Location"] == "/admin/"
    assert "无法读取：took too long to read" in get(browser, "/admin/").get_data(as_text=True)
