"""Issue 13, input: unreadable documents are the one-line refusal everywhere (desk, extract, ingest),
publication dates outside 1900-2199 are refused, request bodies are cut off while they stream
(chunked ones too, through a real HTTP server), and query parameters that feed arithmetic are 400s."""
from __future__ import annotations

import json
import re
import socket
import subprocess
import sys
import threading
import time
from datetime import date
from io import BytesIO
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from calendar_service.documents import PublishedOutOfRange, check_published, read_notice
from calendar_service.extract import UnreadableDocument
from calendar_service.store import review

ROOT = Path(__file__).resolve().parents[2]
CLI = Path(sys.executable).with_name("calendar-service")
PASSWORD = "correct horse battery staple"
BASE = "https://calendar.example.cn"
#: the issue's input: a UTF-16 (LE) byte-order mark, then an unpaired high surrogate and more
UTF16_BROKEN = b"\xff\xfe" + "公告".encode("utf-16-le") + b"\x00\xd8\x41\x00" + "封闭".encode("utf-16-le")
GOOD = "关于人民路封闭施工的通告\n人民路将于2022年10月24日至2022年10月30日封闭施工。\n2022年10月20日\n"


def test_the_reader_refuses_a_utf16_bom_before_invalid_code_units_in_one_line():
    with pytest.raises(UnreadableDocument) as caught:
        read_notice(UTF16_BROKEN, "broken.txt")
    assert str(caught.value) == "not valid utf-16-le text at byte 6 (illegal UTF-16 surrogate)"


@pytest.mark.parametrize("day", [date(1, 1, 1), date(9999, 12, 31), date(1899, 12, 31), date(2200, 1, 1)])
def test_publication_dates_outside_the_sane_range_are_refused(day):
    with pytest.raises(PublishedOutOfRange, match=f"publication date {day.isoformat()} \\(given\\) is outside "
                                                   "1900-01-01..2199-12-31"):
        check_published(day)


def test_extract_refuses_the_broken_file_in_one_line_and_goes_on(tmp_path):
    (tmp_path / "broken.txt").write_bytes(UTF16_BROKEN)
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    result = subprocess.run([str(CLI), "extract", str(tmp_path / "broken.txt"), str(tmp_path / "good.txt"),
                             "--format", "json"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert errors == [f"error: {tmp_path / 'broken.txt'}: not valid utf-16-le text at byte 6 (illegal UTF-16 surrogate)"]
    assert "Traceback" not in result.stderr
    events = json.loads(result.stdout)
    assert {e["start"] for e in events} == {"2022-10-24"}


@pytest.mark.parametrize("value", ["0001-01-01", "9999-12-31"])
def test_a_published_option_out_of_range_is_a_usage_error(tmp_path, value):
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    result = subprocess.run([str(CLI), "extract", str(tmp_path / "good.txt"), "--published", value],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and "expected a date from 1900-01-01 to 2199-12-31" in result.stderr
    assert "Traceback" not in result.stderr


def test_ingest_refuses_the_broken_file_and_stores_the_others(tmp_path, database_url):
    folder = tmp_path / "notices"
    folder.mkdir()
    (folder / "broken.txt").write_bytes(UTF16_BROKEN)
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    env = {"CALENDAR_DATABASE_URL": database_url, "PATH": "/usr/bin:/bin"}
    result = subprocess.run([str(CLI), "ingest", str(folder)], capture_output=True, text=True, timeout=120, env=env)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"error: {folder / 'broken.txt'}: not valid utf-16-le text" in result.stderr
    assert result.stdout.startswith("notices: new 1, updated 0, unchanged 0, failed 1;")


@pytest.fixture
def desk(app):
    app.config.update(ADMIN_PASSWORD=PASSWORD, UPLOAD_MAX_BYTES=1024 * 1024)
    client = app.test_client()
    html = client.get("/admin/login", base_url=BASE).get_data(as_text=True)
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
    client.post("/admin/login", data={"password": PASSWORD, "csrf_token": csrf}, base_url=BASE)
    html = client.get("/admin/", base_url=BASE).get_data(as_text=True)
    client.csrf = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
    return client


def _flashed(client) -> str:
    return client.get("/admin/", base_url=BASE).get_data(as_text=True)


def test_the_desk_shows_the_refusal_of_an_unreadable_upload_never_a_500(desk, app):
    """The issue: this upload answered 500, three times out of three."""
    for _ in range(3):
        answer = desk.post("/admin/notices", base_url=BASE, content_type="multipart/form-data",
                           data={"csrf_token": desk.csrf, "file": (BytesIO(UTF16_BROKEN), "broken.txt")})
        assert answer.status_code == 302 and answer.headers["Location"] == "/admin/"
        assert "无法读取：not valid utf-16-le text" in _flashed(desk)
    assert review.recent_notices(app.extensions["calendar_db"]) == []


@pytest.mark.parametrize("published", ["0001-01-01", "9999-12-31"])
def test_the_desk_refuses_publication_dates_out_of_range(desk, app, published):
    """(The extractor's own inference never reads a year outside 1900-2099, so a typed date is the
    way in; an inferred one would get the same refusal from documents.published_of.)"""
    answer = desk.post("/admin/notices", base_url=BASE, data={"csrf_token": desk.csrf, "text": GOOD,
                                                              "published": published})
    assert answer.status_code == 302 and "发布日期超出范围：应在 1900-01-01 至 2199-12-31 之间。" in _flashed(desk)
    assert review.recent_notices(app.extensions["calendar_db"]) == []


def test_an_upload_over_the_limit_is_refused_whole(desk, app):
    """Just over UPLOAD_MAX_BYTES (1 MiB here) the form says so; far over it, the request is cut
    off (413) before its body is read. Neither stores anything."""
    just_over = GOOD.encode() * (1024 * 1024 // len(GOOD.encode()) + 1)
    answer = desk.post("/admin/notices", base_url=BASE, **_upload(desk.csrf, just_over))
    assert answer.status_code == 302 and "公告太大（最多 1024 KB）" in _flashed(desk)
    answer = desk.post("/admin/notices", base_url=BASE, **_upload(desk.csrf, just_over * 2))
    assert answer.status_code == 413 and "没有保存任何内容" in answer.get_data(as_text=True)
    assert review.recent_notices(app.extensions["calendar_db"]) == []


def _upload(csrf: str, data: bytes) -> dict:
    """A multipart body as bytes (the test client would spool a big one to a temporary file that
    stays open when the app refuses it unread)."""
    body = (f'--B\r\nContent-Disposition: form-data; name="csrf_token"\r\n\r\n{csrf}\r\n--B\r\n'
            'Content-Disposition: form-data; name="file"; filename="big.txt"\r\n\r\n').encode() + data + b"\r\n--B--\r\n"
    return {"data": body, "content_type": "multipart/form-data; boundary=B"}


@pytest.mark.parametrize("url", ["/calendar.ics?alarm=99999999999999999999d", "/calendars/closure.ics?alarm=99999w",
                                 "/?page=99999999999999999999", "/?page=²", "/?page=" + "9" * 5000,
                                 "/api/events?limit=99999999999999999999", "/api/events?offset=-1",
                                 "/api/events?from=99999-01-01", "/feeds?q=" + "路" * 101])
def test_query_parameters_that_feed_arithmetic_are_range_checked(client, url):
    """The issue: ?alarm=99999999999999999999d was an OverflowError (500)."""
    assert client.get(url).status_code == 400


def test_an_event_feed_checks_its_alarm_too(client, publish):
    publish("n.txt", dict(uid="a@test", title="人民路封闭施工"))
    assert client.get("/events/a@test.ics?alarm=99999999999999999999d").status_code == 400
    assert client.get("/events/a@test.ics?alarm=1d").status_code == 200


# --- through a real HTTP server: bodies cut off while they stream ----------------------------------

@pytest.fixture
def served(app):
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_port
    server.shutdown()
    server.server_close()


def _send_chunked(port: int, path: str, head: bytes, filler: int, *, headers: str = "") -> tuple[int, float]:
    """POST ``head`` then ``filler`` bytes of notice text, chunked, without Content-Length; the
    status the server answers and the seconds it took. Stops sending when the server hangs up."""
    started = time.monotonic()
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall((f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n{headers}"
                      "Connection: close\r\n\r\n").encode())
        piece = ("公告" * 32768).encode()[:65536]
        try:
            sock.sendall(b"%x\r\n%s\r\n" % (len(head), head))
            sent = 0
            while sent < filler:
                sock.sendall(b"%x\r\n%s\r\n" % (len(piece), piece))
                sent += len(piece)
            sock.sendall(b"0\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server answered and closed: what follows is read below
        answer = b""
        try:
            while b"\r\n" not in answer:
                data = sock.recv(4096)
                if not data:
                    break
                answer += data
        except ConnectionResetError:
            pass
    return int(answer.split(b" ", 2)[1]), time.monotonic() - started


def test_a_chunked_30_mb_upload_is_cut_off_not_stored(app, served):
    """The issue: a 30 MB chunked upload without Content-Length was accepted (302) and stored cut."""
    app.config.update(ADMIN_PASSWORD=PASSWORD)
    client = app.test_client()  # a logged-in session, its cookie then sent over the socket
    html = client.get("/admin/login").get_data(as_text=True)
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
    client.post("/admin/login", data={"password": PASSWORD, "csrf_token": csrf})
    html = client.get("/admin/").get_data(as_text=True)
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
    cookies = "; ".join(f"{c.key}={c.value}" for c in client._cookies.values())
    head = (f'--B\r\nContent-Disposition: form-data; name="csrf_token"\r\n\r\n{csrf}\r\n--B\r\n'
            'Content-Disposition: form-data; name="file"; filename="big.txt"\r\nContent-Type: text/plain\r\n\r\n').encode()
    status, seconds = _send_chunked(served, "/admin/notices", head, 30 * 1024 * 1024,
                                    headers=f"Cookie: {cookies}\r\nContent-Type: multipart/form-data; boundary=B\r\n")
    assert status == 413 and seconds < 20
    assert review.recent_notices(app.extensions["calendar_db"]) == []


def test_other_requests_are_cut_off_at_64_kib(served):
    status, _ = _send_chunked(served, "/api/subscriptions", b'{"email": "', 1024 * 1024,
                              headers="Content-Type: application/json\r\n")
    assert status == 413
