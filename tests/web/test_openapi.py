"""schemathesis: generated requests for every operation in /api/openapi.json, responses checked against it.

(Each operation is driven with ``as_strategy`` inside an ordinary test: schemathesis's own
``from_fixture`` decorator does not run under pytest 9.2, it reads a removed ``_nodeid``.)
"""
from __future__ import annotations

from datetime import date

import pytest

from calendar_service.web.openapi import openapi_document

schemathesis = pytest.importorskip("schemathesis", reason="schemathesis is in the [test] extra")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from schemathesis import GenerationMode  # noqa: E402

PATHS = openapi_document("http://localhost")["paths"]
# Negative cases need a parameter with a constraint to break (a bare string path parameter has none).
CASES = [(f"GET {path}", mode) for path, item in PATHS.items()
         for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
         if mode == GenerationMode.POSITIVE or any(p["in"] == "query" for p in item["get"]["parameters"])]


@pytest.fixture
def api_schema(app, publish):
    publish("2022/10/seed.txt",
            dict(uid="a@test", title="龙源路与山阳路交叉口半幅封闭施工", location="龙源路与山阳路交叉口"),
            dict(uid="b@test", kind="deadline", title="城乡居民医保集中缴费", start=None, end=date(2022, 12, 25)),
            dict(uid="c@test", kind="service_change", title="医保服务大厅", start=date(2022, 10, 17), end=None))
    return schemathesis.openapi.from_wsgi("/api/openapi.json", app)


@pytest.mark.parametrize("label, mode", CASES, ids=[f"{label}-{mode}" for label, mode in CASES])
def test_the_api_matches_its_openapi_document(api_schema, label, mode):
    operation = api_schema.find_operation_by_label(label)

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=30, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
    def check(case):
        case.call_and_validate()

    check()
