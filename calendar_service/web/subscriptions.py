"""Email reminders on the web: subscribe (form and JSON), confirm, manage, unsubscribe, resend.

- ``/subscribe`` (GET form, POST) and ``POST /api/subscriptions`` (JSON) answer the same whatever
  the address: a confirmation, or the links of an existing subscription, goes to the address
  itself. Too many requests from one client get 429; too many mails to one address are silently
  not sent (saying so would tell who is subscribed).
- Links in mails open pages with a button; only the POST acts, so a link scanner that fetches
  every URL in a mail confirms or unsubscribes nobody.
- ``POST /unsubscribe/<token>`` is also the RFC 8058 one-click target named in
  ``List-Unsubscribe``: no login, no cookie, no CSRF token (the signed token is the proof).
"""
from __future__ import annotations

from flask import Blueprint, current_app, jsonify, render_template, request, url_for

from ..errors import InvalidChoice, RateLimited, TokenError
from ..kinds import KINDS
from ..reminders import reminders_for
from ..reminders.choices import email as read_email
from ..reminders.choices import from_form, parse, preferences
from ..reminders.messages import describe_leads, describe_quiet, describe_selection
from ..reminders.tokens import address_hash
from ..store import subscriptions
from .context import db
from .pages import page_helpers

bp = Blueprint("subscriptions", __name__)
bp.context_processor(page_helpers)
LEADS = (1, 2, 3, 7, 14, 30)
ZONES = ("Asia/Shanghai", "Asia/Hong_Kong", "Asia/Taipei", "Asia/Tokyo", "Asia/Singapore", "Europe/London",
         "Europe/Berlin", "America/New_York", "America/Los_Angeles", "Australia/Sydney", "UTC")
SENT = "如果这个地址可以收信，我们已经给它发了一封邮件。请打开邮件里的链接完成确认。"


@bp.context_processor
def _form_helpers():
    return {"lead_choices": LEADS, "describe_leads": describe_leads,
            "describe_quiet": describe_quiet, "describe_selection": describe_selection,
            "reminder_hour": int(current_app.config["REMINDER_HOUR"]), "default_zone": current_app.config["TIMEZONE"],
            "quiet_times": _quiet_times, "zones_with": _zones_with, "current_values": _current_values}


def _quiet_times(current: str | None) -> list[str]:
    times = [f"{h:02d}:00" for h in range(24)]
    return sorted({*times, current}) if current and current not in times else times


def _zones_with(current: str | None) -> list[str]:
    zones = [current_app.config["TIMEZONE"], *ZONES]
    if current:
        zones.append(current)
    return list(dict.fromkeys(zones))


def _current_values(subscription) -> dict:
    def hhmm(minutes):
        return None if minutes is None else f"{minutes // 60:02d}:{minutes % 60:02d}"

    return {"lead_days": subscription.lead_days or [], "mode": "digest" if subscription.digest else "each",
            "quiet_start": hhmm(subscription.quiet_start), "quiet_end": hhmm(subscription.quiet_end),
            "timezone": subscription.timezone}


def _reminders():
    return reminders_for(current_app._get_current_object())


def _now():
    return _reminders().clock()


def _client() -> str:
    return request.remote_addr or "unknown"


@bp.get("/subscribe")
def form():
    values = {"kinds": [k for k in request.args.getlist("kind") if k in KINDS], "q": request.args.get("q", "")[:100],
              "category": request.args.get("category", "")[:32], "place": request.args.get("place", "")[:100]}
    return render_template("subscribe/form.html", values=values, error=None)


def _form_values(form) -> dict:
    """What the form showed, to fill it in again after a mistake."""
    names = ("email", "q", "category", "place", "mode", "quiet_start", "quiet_end", "timezone")
    return {**{name: form.get(name, "") for name in names}, "kinds": form.getlist("kinds"),
            "lead_days": form.getlist("lead_days")}


@bp.post("/subscribe")
def subscribe():
    data = from_form(request.form, default_zone=current_app.config["TIMEZONE"])
    try:
        choices = parse(data, default_zone=current_app.config["TIMEZONE"])
        subscriptions.request_subscription(db(), choices, _now(), client=_client(),
                                           limits=_reminders().limits)
    except InvalidChoice as exc:
        return render_template("subscribe/form.html", values=_form_values(request.form), error=exc), 400
    except RateLimited:
        return _too_many()
    return _private(render_template("subscribe/message.html", title="请查收邮件", text=SENT, email=choices.email))


@bp.post("/api/subscriptions")
def subscribe_json():
    data = request.get_json(silent=True)
    try:
        choices = parse(data, default_zone=current_app.config["TIMEZONE"])
        subscriptions.request_subscription(db(), choices, _now(), client=_client(),
                                           limits=_reminders().limits)
    except InvalidChoice as exc:
        return jsonify(status=400, error="Bad Request", message=exc.message, field=exc.field), 400
    except RateLimited:
        return jsonify(status=429, error="Too Many Requests", message="请求太频繁，请一小时后再试"), 429, \
            {"Retry-After": "3600"}
    return jsonify(status="accepted", message=SENT), 202


@bp.route("/subscribe/confirm/<token>", methods=["GET", "POST"])
def confirm(token: str):
    found, problem = _subscription("confirm", token)
    if problem:
        return problem
    if request.method != "POST":  # GET and HEAD only show the page
        return _private(render_template("subscribe/confirm.html", subscription=found, token=token))
    done = subscriptions.confirm(db(), found.id, _now())
    if done is None:
        return _message("订阅已退订", "这个订阅已经退订。如需再次接收提醒，请重新订阅。", status=409)
    manage_token = _reminders().tokens.make("manage", done.id, done.email_key)
    return _private(render_template("subscribe/confirmed.html", subscription=done,
                                    manage_url=url_for("subscriptions.manage", token=manage_token)))


@bp.route("/subscribe/manage/<token>", methods=["GET", "POST"])
def manage(token: str):
    found, problem = _subscription("manage", token)
    if problem:
        return problem
    error, saved = None, False
    if request.method == "POST":
        data = from_form(request.form, default_zone=current_app.config["TIMEZONE"], with_selection=False)
        try:
            chosen = preferences(data, default_zone=current_app.config["TIMEZONE"])
        except InvalidChoice as exc:
            error = exc
        else:
            saved = subscriptions.change_preferences(db(), found.id, chosen, _now())
            found, _ = _subscription("manage", token)
    unsubscribe_token = _reminders().tokens.make("unsubscribe", found.id, found.email_key)
    page = render_template("subscribe/manage.html", subscription=found, token=token, error=error, saved=saved,
                           unsubscribe_url=url_for("subscriptions.unsubscribe", token=unsubscribe_token))
    return _private(page, 400 if error else 200)


@bp.route("/unsubscribe/<token>", methods=["GET", "POST"])
def unsubscribe(token: str):
    """GET: a page with a button. POST: the button, or a mail client's RFC 8058 one-click POST."""
    found, problem = _subscription("unsubscribe", token)
    if problem:
        return problem
    if request.method != "POST":  # GET and HEAD only show the page
        return _private(render_template("subscribe/unsubscribe.html", subscription=found, token=token))
    subscriptions.unsubscribe(db(), found.id, _now())
    return _message("已退订", f"{found.email} 不会再收到「{describe_selection(found)}」的提醒。", resubscribe=True)


@bp.route("/subscribe/resend", methods=["GET", "POST"])
def resend():
    if request.method != "POST":  # GET and HEAD only show the page
        return render_template("subscribe/resend.html", error=None, email="")
    try:
        address = read_email(request.form.get("email", ""))
        subscriptions.request_links(db(), address.lower(), _now(), client=_client(),
                                    limits=_reminders().limits)
    except InvalidChoice as exc:
        return render_template("subscribe/resend.html", error=exc, email=request.form.get("email", "")), 400
    except RateLimited:
        return _too_many()
    return _message("请查收邮件", "如果这个地址订阅过提醒，我们已经把管理链接发给它。")


def _subscription(purpose: str, token: str):
    """(subscription, None) for a good token, else (None, the page that says what is wrong)."""
    try:
        subscription_id, address = _reminders().tokens.read(purpose, token)
    except TokenError as exc:
        text = ("链接已经过期。可以在下面输入邮箱地址，重新获取管理链接。" if exc.expired
                else "链接无效，可能复制不完整。可以在下面输入邮箱地址，重新获取链接。")
        return None, _message(str(exc), text, status=400, resend=True)
    found = subscriptions.subscription(db(), subscription_id)
    if found is None or address_hash(found.email_key) != address:  # the address changed since
        return None, _message("找不到这个订阅", "它可能已被删除。可以重新订阅。", status=404, resubscribe=True)
    return found, None


def _message(title: str, text: str, *, status: int = 200, resend: bool = False, resubscribe: bool = False):
    page = render_template("subscribe/message.html", title=title, text=text, email=None, resend=resend,
                           resubscribe=resubscribe)
    return _private(page, status)


def _too_many():
    response = _message("请求太频繁", "请一小时后再试。", status=429)
    response.headers["Retry-After"] = "3600"
    return response


def _private(page, status: int = 200):
    """Pages reached through a personal link: never cached, never indexed."""
    response = current_app.make_response((page, status))
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Robots-Tag"] = "noindex"
    return response

