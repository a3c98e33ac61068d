"""The review desk's hand-made items (/admin): add an item to a notice (one the extractor found
nothing in, most often), split an item that joins two roads or two spans into two, merge two items
of a notice into one. The store does the work (store/manual.py); the routes hang on the desk's
blueprint, so its login, CSRF and no-store rules hold here too. A mistake is said on the notice's
page in one Chinese line, never a 500."""
from __future__ import annotations

from flask import flash, redirect, request, url_for

from ..errors import EventNotFound, InvalidInput, NotStored
from ..store import manual, review
from .admin import _back_to, _refuse, bp, notice_page
from .admin_forms import merge_choice, new_item, split_parts
from .context import db


@bp.post("/add/<path:key>")
def add_item(key: str):
    found = review.notice_for_review(db(), key)
    if found is None:
        return _refuse(404, "没有这则公告。")
    try:
        uid = manual.add_item(db(), key, new_item(found))
    except (InvalidInput, NotStored) as exc:  # said above the form, which keeps what was typed
        flash(_said(exc), "error")
        return notice_page(found, added=request.form), 400
    flash("已添加事项，点“发布已通过的事项”后公开。")
    return redirect(url_for("admin.notice", key=key) + f"#ev-{uid}")


@bp.post("/events/<uid>/split")
def split_item(uid: str):
    current = review.find_event(db(), uid)
    if current is None:
        return _refuse(404, "没有这个事项。")
    try:
        first, second = split_parts(current.event)
        manual.split_item(db(), uid, first, second)
    except (InvalidInput, NotStored) as exc:
        flash(_said(exc), "error")
    else:
        flash("已拆分为两条事项：第一部分保留原编号，第二部分是新事项。")
    return _back_to(current.event)


@bp.post("/events/<uid>/merge")
def merge_items(uid: str):
    current = review.find_event(db(), uid)
    if current is None:
        return _refuse(404, "没有这个事项。")
    try:
        other, title = merge_choice()
        manual.merge_items(db(), uid, other, title=title)
    except EventNotFound:
        flash("要并入的事项不存在，请刷新页面后重选。", "error")
    except (InvalidInput, NotStored) as exc:
        flash(_said(exc), "error")
    else:
        flash("已合并：保留此事项，另一条已取消。")
    return _back_to(current.event)


def _said(exc: Exception) -> str:
    """The one line a reviewer reads: the form's own message, or the store's refusal of a value."""
    return str(exc) if isinstance(exc, InvalidInput) else f"无法保存：{exc}"
