"""What a person may type for a source (pure)."""
from __future__ import annotations

import pytest

from calendar_service.errors import InvalidInput
from calendar_service.sources.spec import every_text, host_of, new_source, parse_every


@pytest.mark.parametrize("text, seconds", [("30m", 1800), ("2h", 7200), ("1d", 86400), ("1h30m", 5400),
                                           ("1w", 604800), (" 90m ", 5400), ("5m", 300)])
def test_intervals_read_as_people_write_them(text, seconds):
    assert parse_every(text) == seconds
    assert parse_every(every_text(seconds)) == seconds


@pytest.mark.parametrize("text", ["", "1", "h", "1x", "4m", "31d", "1h 30", "-1h", "1.5h"])
def test_other_intervals_are_refused(text):
    with pytest.raises(InvalidInput):
        parse_every(text)


def test_a_source_is_checked_before_it_is_stored():
    source = new_source("jz-zjj", "https://ZJJ.example.cn:8443/tzgg/", links=r"t\d+\.html$", issuer=" 住建局 ")
    assert (source.host, source.kind, source.issuer, source.every_seconds) == ("zjj.example.cn:8443", "list", "住建局", 3600)
    assert host_of("http://a.example/x") == "a.example"
    for bad in [dict(name="有 空格", url="http://a.example/"), dict(name="a", url="file:///etc/passwd"),
                dict(name="a", url="http://a.example/", kind="mail"), dict(name="a", url="http://a/", links="(")]:
        with pytest.raises(InvalidInput):
            new_source(**bad)
