"""What a kind of item means to a resident, said once: its Chinese label and name, its colour, the
day a calendar places it on, and how long it stays current.

The feeds (``ics.py``), the pages, the API, the reminders and the store's queries all read these
tables and functions; none of them spells ``"deadline"`` or a label of its own. The rules:

- a **due** kind (a deadline) is about its last day: it is placed on ``end`` (the due date),
  counted down to and reminded of before it; the window before it (即日起…) is only described.
  Every other kind is placed on its first day, or on its end when only that is known;
- an item is **current** on a day when its last day is that day or later; an open-ended one
  (no end: "从10月17日起暂停…", never a due kind) for ``OPEN_ENDED_DAYS`` (``CALENDAR_OPEN_ENDED_DAYS``)
  after it was last **confirmed**: its first day, or the publication date of its notice when that
  is later (an issuer re-publishing or amending the notice confirms it), so that years of "until
  further notice" do not pile up in lists or feeds; its page then says since when it is
  unconfirmed. (Feeds do not stretch open-ended items to a horizon: that would change their bytes
  every day; they drop them once, when they stop being current.)

Categories (DESIGN.md, "Categories") get the same treatment: ``CATEGORIES`` holds their labels
and colours, ``category_label``/``category_name`` read them, and ``derive_category`` is the one
place a category is worked out for an item that came without one (rows stored before the column,
migration 0007): the extractor's own cue words first, the kind after.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from .extract import Category, Kind
from .extract.categories import category_of

__all__ = ["CATEGORIES", "Category", "DUE_KINDS", "KINDS", "Kind", "Meaning", "OPEN_ENDED_DAYS", "category_label",
           "category_name", "confirmed_on", "derive_category", "due_date", "headline_label", "is_current", "is_due",
           "label", "local_day", "name", "placed_on", "unconfirmed_since"]


@dataclass(frozen=True)
class Meaning:
    """How a kind (or a category) is shown."""

    label: str  # short: badges, feed titles (【封闭】…), CATEGORIES of a VEVENT, mail subjects
    name: str  # long: calendar names, filters, what a subscription follows
    colour: str  # the CSS colour of its badges (static/site.css, --<value>; a test keeps them in step)


KINDS: dict[Kind, Meaning] = {
    Kind.CLOSURE: Meaning("封闭", "道路与设施封闭", "#c2410c"),
    Kind.DEADLINE: Meaning("截止", "办理截止", "#b91c1c"),
    Kind.SERVICE_CHANGE: Meaning("服务调整", "服务调整", "#7c3aed"),
    Kind.PERIOD: Meaning("有效期", "有效期", "#0f766e"),
    Kind.EVENT: Meaning("活动", "活动", "#1d4ed8"),
}

#: Kinds whose item is about its last day, the due date.
DUE_KINDS = frozenset({Kind.DEADLINE})

#: An open-ended item stays current this many days after it was last confirmed (the default of
#: ``CALENDAR_OPEN_ENDED_DAYS``).
OPEN_ENDED_DAYS = 180


def label(kind: str) -> str:
    """The short label of a kind (封闭); an unknown kind is shown as itself."""
    return _said(KINDS, kind, "label")


def name(kind: str) -> str:
    """The long name of a kind (道路与设施封闭); an unknown kind is shown as itself."""
    return _said(KINDS, kind, "name")


def _said(table: dict, key: str, what: str) -> str:
    meaning = table.get(key)
    return getattr(meaning, what) if meaning else str(key)


def is_due(kind: str) -> bool:
    return kind in DUE_KINDS


def due_date(kind: str, end: date | datetime | None) -> date | datetime | None:
    """The due date (``end``) of an item of a due kind, else None (not a due item, or no end)."""
    return end if end is not None and is_due(kind) else None


def placed_on(kind: str, start: date | datetime | None, end: date | datetime | None) -> date | datetime | None:
    """The moment a calendar places an item on: a due item on its end, anything else on its start
    (on its end when only that is known); None without any date."""
    due = due_date(kind, end)
    if due is not None:
        return due
    return start if start is not None else end


def is_current(kind: str, start: date | datetime | None, end: date | datetime | None, today: date, *,
               confirmed: date | None = None, open_ended_days: int = OPEN_ENDED_DAYS) -> bool:
    """Under way or coming on ``today`` (the home page's list and the feeds; the store asks the same
    in SQL). ``confirmed``: the publication date of the item's notice."""
    if end is not None:
        return local_day(end) >= today
    if is_due(kind) or start is None:
        return False
    return confirmed_on(start, confirmed) >= today - timedelta(days=open_ended_days)


def confirmed_on(start: date | datetime, confirmed: date | None) -> date:
    """The day an open-ended item was last confirmed: its first day, or its notice's date if later."""
    return max(local_day(start), confirmed) if confirmed is not None else local_day(start)


def unconfirmed_since(kind: str, start: date | datetime | None, end: date | datetime | None, today: date, *,
                      confirmed: date | None = None, open_ended_days: int = OPEN_ENDED_DAYS) -> date | None:
    """The day an open-ended item was last confirmed, when that is so long ago that it is no longer
    current (its page says so); None for every other item."""
    if end is not None or is_due(kind) or start is None:
        return None
    if is_current(kind, start, end, today, confirmed=confirmed, open_ended_days=open_ended_days):
        return None
    return confirmed_on(start, confirmed)


def local_day(value: date | datetime) -> date:
    """The day of a value in its own zone (all-day values are days already)."""
    return value.date() if isinstance(value, datetime) else value


CATEGORIES: dict[Category, Meaning] = {
    Category.ROAD: Meaning("道路", "道路交通", "#c2410c"),
    Category.WATER: Meaning("停水", "供水", "#0369a1"),
    Category.POWER: Meaning("停电", "供电", "#ca8a04"),
    Category.GAS: Meaning("燃气", "燃气", "#ea580c"),
    Category.HEATING: Meaning("供暖", "供暖", "#b45309"),
    Category.NETWORK: Meaning("网络", "通信网络", "#4f46e5"),
    Category.TRANSIT: Meaning("公交", "公共交通", "#15803d"),
    Category.VENUE: Meaning("场馆", "场馆设施", "#7c3aed"),
    Category.GOVERNMENT: Meaning("政务", "政务服务", "#1d4ed8"),
    Category.FEES: Meaning("缴费", "税费社保", "#b91c1c"),
    Category.REGISTRATION: Meaning("报名", "报名考试", "#0f766e"),
    Category.HEALTH: Meaning("医疗", "医疗卫生", "#be185d"),
    Category.HOLIDAY: Meaning("假日", "节假日", "#a16207"),
    Category.OTHER: Meaning("其他", "其他", "#5d6773"),
}

#: What an item without any cue word is about, by its kind: notices close roads far more often than
#: anything else, so a closure that names nothing else is a road; other kinds stay "other".
KIND_CATEGORY: dict[Kind, Category] = {Kind.CLOSURE: Category.ROAD}


def category_label(category: str) -> str:
    """The short label of a category (停电); an unknown one is shown as itself."""
    return _said(CATEGORIES, category, "label")


def category_name(category: str) -> str:
    """The long name of a category (供电); an unknown one is shown as itself."""
    return _said(CATEGORIES, category, "name")


def headline_label(kind: str, category: str | None) -> str:
    """The label a mail subject leads with (【停电提醒】): the category's when it says more than
    "other", else the kind's (【截止提醒】)."""
    if category and category in CATEGORIES and category != Category.OTHER:
        return category_label(category)
    return label(kind)


def derive_category(kind: str, title: str, location: str | None, sentence: str) -> Category:
    """The category of a stored item from its kind and words: the extractor's cue words
    (``extract/categories.toml``) over its title and place, then its source sentence at half
    weight; without a cue strong enough, ``KIND_CATEGORY`` of its kind, else other."""
    found = category_of((title or "", location or ""), (sentence or "",))
    if found is not Category.OTHER:
        return found
    return KIND_CATEGORY.get(kind, Category.OTHER)
