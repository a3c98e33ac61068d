"""The review desk's sources section (/admin/sources): add a list page, feed or page to follow,
pause or resume it, ask for a poll at the scheduler's next tick, and see the health of each
(last poll, last new notice, failures in a row, the last error). Polling itself happens in the
scheduler process, never in a web request. The routes hang on the desk's blueprint, so its
login, CSRF and no-store rules hold here too."""
from __future__ import annotations

from datetime import UTC, datetime

from flask import current_app, flash, redirect, render_template, request, url_for

from ..errors import InvalidInput, SourceNotFound
from ..sources.spec import KIND_NAMES, every_text, new_source
from ..store import sources as stored
from .admin import _refuse, bp
from .context import db

HEALTH_NAMES = {"ok": "正常", "new": "尚未轮询", "failing": "失败", "broken": "已中断", "paused": "已暂停"}
ACTION_NOTES = {"pause": "已暂停，不再轮询。", "resume": "已恢复，调度器下次运行时轮询。",
                "poll": "已排队，调度器下次运行时（最多约 {seconds} 秒后）轮询。"}


@bp.get("/sources")
def sources():
    broken_after = int(current_app.config["SOURCES_BROKEN_AFTER"])
    found = stored.list_sources(db())
    return render_template("admin/sources.html", sources=found, broken_after=broken_after,
                           health=lambda s: s.health(broken_after), health_names=HEALTH_NAMES,
                           kind_names=KIND_NAMES, every_text=every_text, form=request.args)


@bp.post("/sources")
def add_source():
    form = request.form
    try:
        new = new_source(form.get("name", ""), form.get("url", ""), kind=form.get("kind", "list"),
                         links=form.get("links"), every=form.get("every") or "1h", issuer=form.get("issuer"))
        stored.add_source(db(), new, datetime.now(UTC))
    except InvalidInput as exc:
        flash(f"没有添加：{exc}", "error")
        return redirect(url_for("admin.sources", **{k: v for k, v in form.items() if k != "csrf_token"}))
    flash(f"已添加信息源 {new.name}，调度器下次运行时开始轮询。")
    return redirect(url_for("admin.sources"))


@bp.post("/sources/<name>/<any(pause, resume, poll):action>")
def source_action(name: str, action: str):
    now = datetime.now(UTC)
    try:
        if action == "poll":
            stored.poll_soon(db(), name, now)
        else:
            stored.set_enabled(db(), name, action == "resume", now)
    except SourceNotFound:
        return _refuse(404, "没有这个信息源。")
    flash(f"{name}：" + ACTION_NOTES[action].format(seconds=current_app.config["SCHEDULER_SOURCES_SECONDS"]))
    return redirect(url_for("admin.sources") + f"#source-{name}")
