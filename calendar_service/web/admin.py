"""The review desk (/admin): paste or upload a notice, check what the extractor understood, correct
it, approve or reject each item, then publish.

Switched off (503 with an explanation) until ``CALENDAR_ADMIN_PASSWORD`` is set. A reviewer logs in
with that password; the session (a signed cookie) remembers them for ``ADMIN_SESSION_HOURS`` and
ends at once when the password changes. Every POST, the login included, must carry the session's
CSRF token. Failed logins are counted per address and refused for a while after too many
(per process: a brake on guessing, not an account lockout).
"""
from __future__ import annotations

import hashlib
import hmac
import re
import threading
import time
from collections import defaultdict, deque

from flask import (Blueprint, current_app, flash, redirect, render_template, request, session, url_for)
from werkzeug.exceptions import BadRequest

from .. import extract as extraction
from ..errors import InvalidInput, NoticeNotFound
from ..store import NoticeDraft, ReviewPolicy, content_hash, review, save_notice, withdraw_notice
from .admin_forms import UPLOAD_MAX_BYTES, edited_event, form_value, notice_text, published_date
from .context import db
from .marks import Mark, blocks, date_mentions
from .pages import page_helpers
from .security import CSRF_FIELD, check_csrf, csrf_token

bp = Blueprint("admin", __name__, url_prefix="/admin")
LOGIN_WINDOW_SECONDS = 15 * 60
LOGIN_FAILURES_ALLOWED = 10
REVIEW_NAMES = {"pending": "待审核", "approved": "已通过 · 待发布", "published": "已发布", "rejected": "已驳回"}
_KEY = re.compile(r"^[^\x00-\x1f\x7f]{1,200}$")
_failures: dict[str, deque] = defaultdict(deque)
_failures_lock = threading.Lock()


@bp.context_processor
def _helpers():
    return {**page_helpers(), "csrf_token": csrf_token, "csrf_field": CSRF_FIELD, "review_names": REVIEW_NAMES,
            "admin": True}


@bp.before_request
def _guard():
    if not current_app.config.get("ADMIN_PASSWORD"):
        return render_template("admin/disabled.html"), 503
    if request.content_length and request.content_length > UPLOAD_MAX_BYTES:
        return _refuse(413, "上传的内容太大（最多 5 MB）。")
    if request.method == "POST":
        try:
            check_csrf()
        except BadRequest:
            return _refuse(400, "表单缺少安全令牌（CSRF）或已过期。请返回、刷新页面后再提交。")
    if request.endpoint != "admin.login" and not _logged_in():
        if request.method == "GET":
            return redirect(url_for("admin.login", next=request.full_path.rstrip("?")))
        return _refuse(401, "请先登录审核台。")


@bp.after_request
def _no_store(response):
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/login", methods=["GET", "POST"])
def login():
    target = _safe_next(request.values.get("next"))
    if request.method == "GET":
        csrf_token()
        return render_template("admin/login.html", next=target)
    address = request.remote_addr or "?"
    if _too_many_failures(address):
        return render_template("admin/login.html", next=target,
                               error="失败次数过多，请 15 分钟后再试。"), 429
    given = request.form.get("password", "")
    if not hmac.compare_digest(given.encode(), str(current_app.config["ADMIN_PASSWORD"]).encode()):
        _record_failure(address)
        return render_template("admin/login.html", next=target, error="密码不正确。"), 401
    session.clear()  # a fresh session: new CSRF token, nothing carried over from before the login
    session["admin"] = {"at": time.time(), "key": _password_key()}
    csrf_token()
    return redirect(target)


@bp.post("/logout")
def logout():
    session.clear()
    flash("已退出审核台。")
    return redirect(url_for("admin.login"))


@bp.get("/")
def index():
    return render_template("admin/index.html", queue=review.queue(db()), recent=review.recent_notices(db()),
                           threshold=float(current_app.config["REVIEW_THRESHOLD"]))


@bp.post("/notices")
def add_notice():
    try:
        text, name = notice_text()
        published = published_date(text)
        key = (request.form.get("key") or "").strip() or f"desk/{published.isoformat()}-{content_hash(text)[:10]}"
        if not _KEY.match(key):
            raise InvalidInput("公告编号不能含控制字符，最长 200 字。")
    except InvalidInput as exc:
        flash(str(exc), "error")
        return redirect(url_for("admin.index"))
    try:
        events = extraction.extract(text, published, file=name, notice_key=key)
    # Everything: the extractor is code the desk does not know, and a bug it has on one pasted text
    # (any error) must be shown to the reviewer, not take the desk down with a 500.
    except Exception as exc:
        flash(f"提取失败：{type(exc).__name__}: {exc}", "error")
        return redirect(url_for("admin.index"))
    draft = NoticeDraft(key=key, text=text, content_hash=content_hash(text), published=published,
                        source=name or "审核台粘贴")
    threshold = float(current_app.config["REVIEW_THRESHOLD"])
    result = save_notice(db(), draft, events, review=ReviewPolicy(threshold=threshold, publish=False))
    if result.outcome == "unchanged":
        flash("这则公告已经存在，内容没有变化。")
    elif not events:
        flash("公告已保存，但没有识别出带日期的事项。", "error")
    else:
        low = sum(e.confidence < threshold for e in events)
        flash(f"识别出 {len(events)} 条事项" + (f"，其中 {low} 条把握不大，请逐条核对" if low else "") + "。")
    return redirect(url_for("admin.notice", key=key))


@bp.get("/notices/<path:key>")
def notice(key: str):
    found = review.notice_for_review(db(), key)
    if found is None:
        return _refuse(404, "没有这则公告。")
    marked = [Mark(a, b, "date") for a, b in date_mentions(found.text)]
    marked += [Mark(e.event.source.start, e.event.source.end, "src", f"src-{n}", f"事项 {n}")
               for n, e in enumerate(found.events, 1)]
    return render_template("admin/notice.html", found=found, text=blocks(found.text, marked),
                           threshold=float(current_app.config["REVIEW_THRESHOLD"]), value_of=form_value)


@bp.post("/events/<uid>/edit")
def edit(uid: str):
    current = review.find_event(db(), uid)
    if current is None:
        return _refuse(404, "没有这个事项。")
    try:
        edited = edited_event(current.event)
    except InvalidInput as exc:
        flash(str(exc), "error")
    else:
        changed = review.edit_event(db(), edited)
        flash("已保存修改。" if changed else "没有改动。")
    return _back_to(current.event)


@bp.post("/events/<uid>/<any(approve, reject):decision>")
def decide(uid: str, decision: str):
    current = review.find_event(db(), uid)
    if current is None:
        return _refuse(404, "没有这个事项。")
    review.decide(db(), uid, approve=decision == "approve")
    flash("已通过，发布公告后公开。" if decision == "approve" else "已驳回。")
    return _back_to(current.event)


@bp.post("/publish/<path:key>")
def publish(key: str):
    try:
        count = review.publish_notice(db(), key)
    except NoticeNotFound:
        return _refuse(404, "没有这则公告。")
    flash(f"已发布：{count} 条事项现在出现在首页和日历订阅中。" if count else "公告已公开；没有待发布的事项。")
    return redirect(url_for("admin.notice", key=key))


@bp.post("/withdraw/<path:key>")
def withdraw(key: str):
    try:
        counts = withdraw_notice(db(), key)
    except NoticeNotFound:
        return _refuse(404, "没有这则公告。")
    flash(f"公告已撤回，{counts.cancelled} 条事项标记为已取消。")
    return redirect(url_for("admin.notice", key=key))


def _logged_in() -> bool:
    state = session.get("admin")
    if not isinstance(state, dict):
        return False
    age = time.time() - float(state.get("at", 0))
    fresh = 0 <= age < float(current_app.config["ADMIN_SESSION_HOURS"]) * 3600
    return fresh and hmac.compare_digest(str(state.get("key", "")), _password_key())


def _password_key() -> str:
    """Ties a session to the current password: changing it logs everyone out."""
    secret = str(current_app.config["SECRET_KEY"]).encode()
    return hmac.new(secret, str(current_app.config["ADMIN_PASSWORD"]).encode(), hashlib.sha256).hexdigest()[:32]


def _too_many_failures(address: str) -> bool:
    with _failures_lock:
        recent = _failures[address]
        while recent and recent[0] < time.monotonic() - LOGIN_WINDOW_SECONDS:
            recent.popleft()
        return len(recent) >= LOGIN_FAILURES_ALLOWED


def _record_failure(address: str) -> None:
    with _failures_lock:
        _failures[address].append(time.monotonic())


def _safe_next(target: str | None) -> str:
    """Only a path of the desk itself: never an open redirect."""
    if target and target.startswith("/admin") and not target.startswith("//") and "\\" not in target:
        return target
    return url_for("admin.index")


def _refuse(status: int, message: str):
    return render_template("admin/message.html", message=message, status=status), status


def _back_to(event):
    return redirect(url_for("admin.notice", key=event.notice_id) + f"#ev-{event.uid}")
