"""Fuzzing in the tests (issue 13): hypothesis over the bytes a notice arrives as (the reader, the
publication date, the extractor) and over the HTTP surface (every page, feed and API route with
arbitrary query strings, the subscription API with arbitrary JSON, the desk with arbitrary uploads).
The bounded campaign of the same strategies is ``benchmarks/fuzz.py``; schemathesis drives the API
by its OpenAPI document in tests/web/test_openapi.py."""
from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from calendar_service import extract as extraction
from calendar_service.documents import PublishedOutOfRange, published_of, read_notice
from fuzz_strategies import bom_then_bytes, document_bytes

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                         HealthCheck.function_scoped_fixture])


@FUZZ
@given(document_bytes())
def test_any_bytes_are_read_or_refused_in_one_line_and_extraction_ends(data):
    try:
        text = read_notice(data, "fuzz.txt")
        found = published_of(text, None)
    except (extraction.UnreadableDocument, PublishedOutOfRange) as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    assert isinstance(text, str) and text.strip()
    extraction.extract(text, found[0] if found else date(2022, 10, 18), file="fuzz.txt", budget=30)


@FUZZ
@given(bom_then_bytes())
def test_a_byte_order_mark_before_anything_is_never_a_traceback(data):
    """The issue: 485 of 14,582 fuzz inputs raised UnicodeDecodeError from the document reader."""
    try:
        read_notice(data, "fuzz.txt")
    except extraction.UnreadableDocument as exc:
        assert "\n" not in str(exc)


GET_ROUTES = ["/", "/calendar.ics", "/calendars/closure.ics", "/calendars/deadline.ics", "/events/a@test",
              "/events/a@test.ics", "/notices/n.txt", "/feeds", "/subscribe", "/api/events", "/api/events/a@test",
              "/api/notices/n.txt", "/admin/login", "/subscribe/confirm/x", "/subscribe/manage/x", "/unsubscribe/x"]
PARAMS = ["q", "kind", "alarm", "page", "past", "from", "to", "limit", "offset", "status", "next"]
VALUES = st.one_of(st.text(max_size=40), st.from_regex(r"[+-]?[0-9]{1,30}[wdhm]?", fullmatch=True),
                   st.sampled_from(["99999999999999999999d", "²", "9" * 5000, "0001-01-01", "9999-12-31",
                                    "/admin\r\nX: y", "\x00", "%00", "closure"]))


@pytest.fixture
def surface(app, publish):
    app.config["ADMIN_PASSWORD"] = "correct horse battery staple"
    publish("n.txt", dict(uid="a@test", title="人民路封闭施工"))
    return app.test_client()


@FUZZ
@given(route=st.sampled_from(GET_ROUTES), query=st.dictionaries(st.sampled_from(PARAMS), VALUES, max_size=4))
def test_no_page_feed_or_api_route_answers_500_to_any_query(surface, route, query):
    response = surface.get(route, query_string=query)
    assert response.status_code < 500, (route, query, response.status_code)


JSON_VALUES = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
                           lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner,
                                                                                        max_size=4), max_leaves=12)
FIELDS = st.sampled_from(["email", "kinds", "q", "lead_days", "digest", "quiet_hours", "timezone"])


@FUZZ
@given(body=st.one_of(st.dictionaries(FIELDS, JSON_VALUES, max_size=7), JSON_VALUES))
def test_the_subscription_api_answers_any_json_without_500(mail_app, surface, body):
    response = surface.post("/api/subscriptions", json=body)
    assert response.status_code in (202, 400, 429), (body, response.status_code)


@pytest.fixture
def logged_in(surface):
    html = surface.get("/admin/login").get_data(as_text=True)
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
    surface.post("/admin/login", data={"password": "correct horse battery staple", "csrf_token": csrf})
    html = surface.get("/admin/").get_data(as_text=True)
    surface.csrf = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
    return surface


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(data=document_bytes(), published=st.one_of(st.just(""), st.dates().map(date.isoformat), st.text(max_size=12)))
@example(data=b"\xff\xfe\x00\x00", published="")  # a NUL after a BOM (PostgreSQL refuses it): found once
def test_the_desk_refuses_or_stores_any_upload_never_500(logged_in, data, published):
    from io import BytesIO

    response = logged_in.post("/admin/notices", content_type="multipart/form-data",
                              data={"csrf_token": logged_in.csrf, "published": published,
                                    "file": (BytesIO(data), "fuzz.txt")})
    assert response.status_code == 302, response.status_code
