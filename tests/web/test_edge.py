"""Issue 13 at the HTTP edge: CORS only on the feeds and the read API, forwarded headers trusted only
when configured, HSTS when the public URL is https, addresses checked by email-validator, and a
notice's identity and public address (never a server path) in the API and on its page."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from calendar_service import create_app
from calendar_service.errors import InvalidChoice
from calendar_service.reminders.choices import email

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(("url", "cors"), [
    ("/calendar.ics", True), ("/calendars/closure.ics", True), ("/api/events", True), ("/api/openapi.json", True),
    ("/admin/", False), ("/admin/login", False), ("/", False), ("/feeds", False), ("/subscribe", False),
    ("/healthz", False),
])
def test_cors_only_on_the_feeds_and_the_read_api(app, url, cors):
    """The issue: Access-Control-Allow-Origin: * was on /admin pages too."""
    app.config["ADMIN_PASSWORD"] = "correct horse battery staple"
    client = app.test_client()
    for method in (client.get, client.options):
        response = method(url)
        assert ("Access-Control-Allow-Origin" in response.headers) is cors, (method, url)
    assert "Access-Control-Allow-Origin" not in client.post("/api/subscriptions", json={}).headers


@pytest.mark.parametrize(("public_url", "hsts"), [("https://calendar.example.cn", True),
                                                  ("http://calendar.example.cn", False), (None, False)])
def test_hsts_when_the_public_url_is_https_even_behind_a_proxy_speaking_http(app, public_url, hsts):
    app.config["PUBLIC_URL"] = public_url
    response = app.test_client().get("/", base_url="http://127.0.0.1")
    assert ("Strict-Transport-Security" in response.headers) is hsts


def _app_with(database_url, **config):
    return create_app({"TESTING": True, "DATABASE_URL": database_url, "SECRET_KEY": "test secret",
                       "AS_OF": "2022-10-18", **config})


def test_forwarded_headers_are_ignored_unless_proxies_are_trusted(app, database_url):
    forwarded = {"X-Forwarded-For": "198.51.100.9", "X-Forwarded-Proto": "https", "X-Forwarded-Host": "cal.example"}
    untrusted = app.test_client().get("/api/openapi.json", headers=forwarded)
    assert untrusted.json["servers"][0]["url"].startswith("https://calendar.example.cn")  # PUBLIC_URL of the fixture
    plain = _app_with(database_url)
    seen = plain.test_client().get("/api/openapi.json", headers=forwarded, base_url="http://127.0.0.1")
    assert seen.json["servers"][0]["url"] == "http://127.0.0.1"
    trusting = _app_with(database_url, TRUSTED_PROXIES=1)
    seen = trusting.test_client().get("/api/openapi.json", headers=forwarded, base_url="http://127.0.0.1")
    assert seen.json["servers"][0]["url"] == "https://cal.example"
    assert seen.headers["Strict-Transport-Security"]  # the proxy said the client came over TLS
    for made in (plain, trusting):
        made.extensions["calendar_db"].dispose()


def test_a_trusted_proxy_gives_the_login_brake_the_clients_address(database_url):
    """Behind a proxy every request comes from the proxy: without ProxyFix one guesser would lock
    out everyone; with it each client address has its own brake."""
    desk = _app_with(database_url, TRUSTED_PROXIES=1, ADMIN_PASSWORD="correct horse battery staple",
                     LOGIN_FAILURES_PER_ADDRESS=2, LOGIN_BACKOFF_SECONDS=0)
    import re

    def guess(address: str, password: str = "wrong guess") -> int:
        client = desk.test_client()
        html = client.get("/admin/login", headers={"X-Forwarded-For": address}).get_data(as_text=True)
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
        return client.post("/admin/login", data={"password": password, "csrf_token": csrf},
                           headers={"X-Forwarded-For": address}).status_code

    from calendar_service.store import upgrade

    upgrade(desk.extensions["calendar_db"])
    assert [guess("198.51.100.1") for _ in range(3)] == [401, 401, 429]
    assert guess("198.51.100.2", "correct horse battery staple") == 302
    desk.extensions["calendar_db"].dispose()


@pytest.mark.parametrize("address", ["a@exa\x00mple.cn", "a@exa\x1bmple.cn", "a@exa\x7fmple.cn", "a\x00b@example.cn",
                                     "a\x1b@example.cn", "a\x7f@example.cn", "a@example.cn\r\nRCPT TO:<x@evil.example>",
                                     "a@example..cn", "a@-example.cn", "a@localhost", "a@example", "@example.cn",
                                     "a b@example.cn", "a@[127.0.0.1]", "\"a\"@example.cn"])
def test_addresses_with_control_characters_or_bad_domains_are_refused(address):
    """The issue: NUL, ESC and DEL passed validation in mail domains and were sent in RCPT TO."""
    with pytest.raises(InvalidChoice) as caught:
        email(address)
    assert caught.value.field == "email"


@pytest.mark.parametrize(("given", "kept"), [("Resident@Example.CN", "Resident@example.cn"),
                                            ("a.b+tag@mail.example.cn", "a.b+tag@mail.example.cn"),
                                            ("居民@例子.中国", None), ("x@例子.中国", "x@xn--fsqu00a.xn--fiqs8s")])
def test_good_addresses_are_kept_with_an_ascii_domain(given, kept):
    if kept is None:  # a non-ASCII local part would need SMTPUTF8 on the way: refused, said
        with pytest.raises(InvalidChoice):
            email(given)
    else:
        assert email(given) == kept


def test_a_control_character_address_never_reaches_the_mail_server(mail_app, client, smtp):
    answer = client.post("/api/subscriptions", json={"email": "a@exa\x00mple.cn"})
    assert answer.status_code == 400 and answer.json["field"] == "email"
    from calendar_service.reminders import reminders_for

    reminders_for(mail_app).dispatch()
    assert smtp.messages == []


def test_the_api_and_pages_show_identity_and_public_address_never_a_server_path(app, tmp_path):
    """The issue: /api/events gave source.file as an absolute path of the server."""
    from calendar_service.ingest import collect, ingest
    from calendar_service.store import ReviewPolicy

    db = app.extensions["calendar_db"]
    folder = tmp_path / "srv" / "notices"
    folder.mkdir(parents=True)
    (folder / "jiaozuo.txt").write_bytes((ROOT / "notices" / "jiaozuo-daily-2022-10-18.txt").read_bytes())
    files, _ = collect([folder], report=print)
    ingest(db, files, report=print, review=ReviewPolicy(threshold=0))
    client = app.test_client()
    listing = client.get("/api/events?limit=500")
    notice = client.get("/api/notices/jiaozuo.txt")
    page = client.get("/notices/jiaozuo.txt")
    for body in (listing.get_data(as_text=True), notice.get_data(as_text=True), page.get_data(as_text=True)):
        assert str(tmp_path) not in body and "/srv/notices" not in body
    event = listing.json["events"][0]
    assert set(event["source"]) == {"notice", "url", "text", "start", "end"}
    assert event["source"]["notice"] == "jiaozuo.txt" and event["source"]["url"] is None
    assert notice.json["id"] == "jiaozuo.txt" and notice.json["source"] is None
    assert "编号 jiaozuo.txt" in page.get_data(as_text=True) and "原文出处" not in page.get_data(as_text=True)


def test_a_notice_from_the_web_is_shown_with_its_address(app, publish):
    url = "https://www.jiaozuo.gov.cn/notices/2022/10/18.html"
    publish(url, dict(uid="w@test", title="人民路封闭施工"))
    client = app.test_client()
    assert client.get("/api/events/w@test").json["source"]["url"] == url
    assert json.loads(client.get(f"/api/notices/{url}").data)["source"] == url
    assert f'<a href="{url}" rel="nofollow noopener noreferrer">原文出处</a>' in client.get(f"/notices/{url}").text
