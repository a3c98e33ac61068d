"""What a subscriber asks for, read and checked once for the JSON API and the HTML form alike.

JSON (``POST /api/subscriptions``)::

    {"email": "a@example.cn", "kinds": ["deadline"], "q": "龙源路", "lead_days": [7, 1],
     "digest": false, "quiet_hours": {"start": "22:00", "end": "07:00"}, "timezone": "Asia/Shanghai",
     "category": "power", "place": "龙源路"}

Every field but ``email`` is optional: all kinds, no search, every category, every place (a road,
village or district as ``places`` names it), 7 and 1 days before a deadline and
the day before anything else starts, one mail per item, no quiet hours, the service's zone.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from email_validator import EmailNotValidError, validate_email

from ..errors import InvalidChoice
from ..kinds import CATEGORIES, KINDS
from ..places import normalised
from ..store.subscriptions import Choices, Preferences
from .timing import MAX_LEAD_DAYS

MAX_QUERY = 100
MAX_LEADS = 5
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_HHMM = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


def parse(data: Mapping, *, default_zone: str) -> Choices:
    """Choices from JSON-like data; InvalidChoice (with a Chinese message) names the bad field."""
    if not isinstance(data, Mapping):
        raise InvalidChoice("body", "请求内容应为 JSON 对象")
    unknown = set(data) - {"email", "kinds", "q", "lead_days", "digest", "quiet_hours", "timezone", "category",
                           "place"}
    if unknown:
        raise InvalidChoice(sorted(unknown)[0], f"未知字段：{', '.join(sorted(unknown))}")
    return Choices(email(data.get("email")), kinds(data.get("kinds")), query(data.get("q")),
                   preferences(data, default_zone=default_zone), category(data.get("category")),
                   place(data.get("place")))


def preferences(data: Mapping, *, default_zone: str) -> Preferences:
    digest = data.get("digest", False)
    if not isinstance(digest, bool):
        raise InvalidChoice("digest", "digest 应为 true 或 false")
    return Preferences(lead_days(data.get("lead_days")), digest, quiet_hours(data.get("quiet_hours")),
                       timezone(data.get("timezone"), default_zone))


def from_form(form, *, default_zone: str, with_selection: bool = True) -> dict:
    """The JSON-like data of the HTML form (checkbox lists, selects, a radio for the mode)."""
    data = {"digest": form.get("mode") == "digest", "timezone": form.get("timezone") or None,
            "lead_days": [_form_int(v) for v in form.getlist("lead_days")] or None}
    if form.get("quiet_start") or form.get("quiet_end"):
        data["quiet_hours"] = {"start": form.get("quiet_start", ""), "end": form.get("quiet_end", "")}
    if with_selection:
        kinds = form.getlist("kinds") or form.getlist("kind")  # "kind" as in the pages' own links
        data.update(email=form.get("email", ""), kinds=kinds or None, q=form.get("q") or None,
                    category=form.get("category") or None, place=form.get("place") or None)
    return data


def email(value) -> str:
    """The address as mail is sent to it: checked by email-validator (RFC 5321/5322 syntax, IDNA
    domains, no control characters anywhere, no special-use domains), the local part ASCII (no
    SMTPUTF8 needed on the way), the domain lower-cased in its ASCII form. Deliverability (DNS) is
    not asked: the confirmation mail is that test."""
    if not isinstance(value, str) or not value.strip():
        raise InvalidChoice("email", "请填写邮箱地址")
    value = unicodedata.normalize("NFC", value.strip())
    if len(value) > 254:
        raise InvalidChoice("email", "邮箱地址太长")
    try:
        found = validate_email(value, check_deliverability=False, allow_smtputf8=False)
    except EmailNotValidError:
        raise InvalidChoice("email", "邮箱地址格式不正确（例如 name@example.cn）") from None
    return f"{found.local_part}@{found.ascii_domain}"


def kinds(value) -> tuple[str, ...] | None:
    if value in (None, [], ""):
        return None
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(k, str) for k in value):
        raise InvalidChoice("kinds", "kinds 应为类型名称的列表")
    wrong = [k for k in value if k not in KINDS]
    if wrong:
        raise InvalidChoice("kinds", f"未知类型：{', '.join(wrong)}（可选：{', '.join(KINDS)}）")
    chosen = tuple(sorted(set(value)))
    return None if len(chosen) == len(KINDS) else chosen


def category(value) -> str | None:
    """A category key (power, water …) or None for every category."""
    if value in (None, ""):
        return None
    if not isinstance(value, str) or value not in CATEGORIES:
        raise InvalidChoice("category", f"未知分类（可选：{', '.join(CATEGORIES)}）")
    return str(value)


def place(value) -> str | None:
    """One road, village or district as the place index names it ("龙源路"), or None for anywhere."""
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise InvalidChoice("place", "place 应为文字")
    value = _CONTROL.sub("", unicodedata.normalize("NFC", value)).strip()
    found = normalised(value) if value and len(value) <= MAX_QUERY else None
    if found is None:
        raise InvalidChoice("place", "地点应为一条路、一个村或社区、一个区县的名称，例如：龙源路")
    return found


def query(value) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise InvalidChoice("q", "q 应为文字")
    value = _CONTROL.sub("", unicodedata.normalize("NFC", value)).strip()
    if len(value) > MAX_QUERY:
        raise InvalidChoice("q", f"搜索词最多 {MAX_QUERY} 个字")
    return value or None


def lead_days(value) -> tuple[int, ...] | None:
    if value in (None, []):
        return None
    if not isinstance(value, list) or not all(isinstance(n, int) and not isinstance(n, bool) for n in value):
        raise InvalidChoice("lead_days", "lead_days 应为天数的列表，例如 [7, 1]")
    if not all(1 <= n <= MAX_LEAD_DAYS for n in value):
        raise InvalidChoice("lead_days", f"提前天数应在 1 到 {MAX_LEAD_DAYS} 之间")
    chosen = tuple(sorted(set(value), reverse=True))
    if len(chosen) > MAX_LEADS:
        raise InvalidChoice("lead_days", f"最多选择 {MAX_LEADS} 个提前天数")
    return chosen


def quiet_hours(value) -> tuple[int, int] | None:
    if value in (None, {}, []):
        return None
    if isinstance(value, Mapping):
        value = [value.get("start"), value.get("end")]
    if not isinstance(value, list) or len(value) != 2:
        raise InvalidChoice("quiet_hours", "quiet_hours 应为 {\"start\": \"22:00\", \"end\": \"07:00\"}")
    start, end = (_minutes(v) for v in value)
    if start == end:
        raise InvalidChoice("quiet_hours", "免打扰的开始和结束时间不能相同")
    return start, end


def timezone(value, default: str) -> str:
    if value in (None, ""):
        return default
    if not isinstance(value, str) or value not in _zones():
        raise InvalidChoice("timezone", "未知时区（例如 Asia/Shanghai、America/New_York）")
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidChoice("timezone", "未知时区") from None
    return value


def _minutes(value) -> int:
    match = _HHMM.match(value.strip()) if isinstance(value, str) else None
    if not match:
        raise InvalidChoice("quiet_hours", "免打扰时间应写作 22:00 这样的时刻")
    return int(match.group(1)) * 60 + int(match.group(2))


def _form_int(value: str):
    return int(value) if value.strip().isdigit() else value


_ZONES: frozenset[str] | None = None


def _zones() -> frozenset[str]:
    global _ZONES
    if _ZONES is None:
        _ZONES = frozenset(available_timezones())
    return _ZONES
