"""The event page that feed entries link back to (a minimal page; the resident-facing pages build on it)."""
from __future__ import annotations

from flask import Blueprint, abort, render_template

from ..feeds import KIND_NAMES
from . import db
from .queries import event_by_uid

bp = Blueprint("pages", __name__)


@bp.get("/events/<uid>")
def event(uid: str):
    stored = event_by_uid(db(), uid)
    if stored is None:
        abort(404, f"no event with uid {uid!r}")
    return render_template("events/detail.html", event=stored, kind_name=KIND_NAMES.get(stored.kind, stored.kind),
                           when=_when(stored))


def _when(event) -> str:
    def show(value):
        return value.strftime("%Y-%m-%d %H:%M") if hasattr(value, "hour") else value.isoformat()

    if event.start is not None and event.end is not None:
        return f"{show(event.start)} 至 {show(event.end)}"
    if event.start is not None:
        return f"自 {show(event.start)} 起"
    return f"截至 {show(event.end)}" if event.end is not None else ""
