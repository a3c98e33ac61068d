"""The review desk (/admin): paste or upload a notice, check what the extractor understood, correct
it (items can also be added, split or merged by hand: web/admin_items.py), approve or reject each
item, then publish.

Switched off (503 with an explanation) until ``CALENDAR_ADMIN_PASSWORD`` is set. A reviewer logs in
with that password; the session (a row in the store, its id in a signed cookie) lasts
``ADMIN_SESSION_HOURS`` and ends at once on logout or when the password changes. Every POST, the
login included, must carry the session's CSRF token. Login attempts are braked in the database,
per client address, per trusted browser and per account (``web/logins.py``).
"""
from __future__ import annotations

import re

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from werkzeug.exceptions import BadRequest

from .. import extract as extraction
from ..errors import InvalidInput, NoticeNotFound
from ..store import NoticeDraft, ReviewPolicy, content_hash, review, save_notice, withdraw_notice
from .admin_forms import edited_event, form_value, notice_text, published_date
from .context import db
from .logins import Attempt, end_session, logged_in, password_matches, start_session
from .marks import Mark, blocks, date_mentions, sentences
from .pages import page_helpers
from .security import CSRF_FIELD, check_csrf, csrf_token

bp = Blueprint("admin", __name__, url_prefix="/admin")
REVIEW_NAMES = {"pending": "待审核", "approved": "已通过 · 待发布", "published": "已发布", "rejected": "已驳回"}
_KEY = re.compile(r"^[^\x00-\x1f\x7f]{1,200}$")
#: where a login may send the reviewer on: a path of the desk, no control characters, spaces or
#: backslashes (``next=/admin\r\n…`` would put a line break into the Location header)
_NEXT = re.compile(r"/admin(?:[/?#][^\x00-\x20\x7f\\]*)?")


@bp.context_processor
def _helpers():
    return {**page_helpers(), "csrf_token": csrf_token, "csrf_field": CSRF_FIELD, "review_names": REVIEW_NAMES,
            "admin": True}


@bp.before_request
def _guard():
    if not current_app.config.get("ADMIN_PASSWORD"):
        return render_template("admin/disabled.html"), 503
    if request.method == "POST":
        try:
            check_csrf()
        except BadRequest:
            return _refuse(400, "表单缺少安全令牌（CSRF）或已过期。请返回、刷新页面后再提交。")
    if request.endpoint != "admin.login" and not logged_in():
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
    attempt = Attempt.current()
    wait = attempt.admit()
    if wait:
        seconds = int(wait + 0.999)
        error = f"尝试次数过多，请 {seconds} 秒后再试。" if seconds < 120 else f"尝试次数过多，请 {seconds // 60 + 1} 分钟后再试。"
        return render_template("admin/login.html", next=target, error=error), 429, {"Retry-After": str(seconds)}
    if not password_matches(request.form.get("password", "")):
        return render_template("admin/login.html", next=target, error="密码不正确。"), 401
    start_session()  # a fresh session: new CSRF token, nothing carried over from before the login
    csrf_token()
    response = redirect(target)
    attempt.succeeded(response)
    return response


@bp.post("/logout")
def logout():
    end_session()
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
        events = extraction.extract(text, published, file=name, notice_key=key,
                                    budget=float(current_app.config["EXTRACT_BUDGET_SECONDS"]))
    except extraction.UnreadableDocument as exc:  # TooLong: past the reading budget
        flash(f"无法读取：{exc}", "error")
        return redirect(url_for("admin.index"))
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
    return notice_page(found)


def notice_page(found: review.NoticeForReview, added=None) -> str:
    """A notice's desk page; ``added``: the add form as sent, shown again after a mistake."""
    marked = [Mark(a, b, "date") for a, b in date_mentions(found.text)]
    marked += [Mark(e.event.source.start, e.event.source.end, "src", f"src-{n}", f"事项 {n}")
               for n, e in enumerate(found.events, 1)]
    return render_template("admin/notice.html", found=found, text=blocks(found.text, marked),
                           threshold=float(current_app.config["REVIEW_THRESHOLD"]), value_of=form_value,
                           sentences=sentences(found.text), added=added or {})


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


def _safe_next(target: str | None) -> str:
    """Only a path of the desk itself: never an open redirect, never a header split."""
    if target and _NEXT.fullmatch(target):
        return target
    return url_for("admin.index")


@bp.errorhandler(413)
def _too_large(error):
    """Cut off while streaming (werkzeug stops reading at the limit): said on the desk's own page."""
    limit = int(current_app.config["UPLOAD_MAX_BYTES"])
    return _refuse(413, f"提交的内容太大（公告最多 {limit // 1024} KB），没有保存任何内容。")


def _refuse(status: int, message: str):
    return render_template("admin/message.html", message=message, status=status), status


def _back_to(event):
    return redirect(url_for("admin.notice", key=event.notice_id) + f"#ev-{event.uid}")
