"""What a source is, checked the same way for the command line and the desk (pure): its kind,
its URL, its link pattern and its polling interval ("30m", "2h", "1d", "1h30m")."""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from ..errors import InvalidInput
from ..store.sources import NewSource

KINDS = ("list", "rss", "atom", "page")
KIND_NAMES = {"list": "列表页", "rss": "RSS", "atom": "Atom", "page": "单页"}
MIN_EVERY = 5 * 60  # polling an issuer more often than every five minutes is not polite
MAX_EVERY = 30 * 86400
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 7 * 86400}
_DURATION = re.compile(r"(\d+)\s*([smhdw])")
_NAME = re.compile(r"^[\w.\-]{1,100}$")


def parse_every(text: str) -> int:
    """Seconds of a duration written ``1h30m`` / ``2h`` / ``1d`` (between 5 minutes and 30 days)."""
    value = (text or "").strip().lower()
    parts = _DURATION.findall(value)
    if not value or "".join(f"{n}{u}" for n, u in parts) != value.replace(" ", ""):
        raise InvalidInput(f"interval {text!r}: write it like 30m, 2h, 1d or 1h30m")
    seconds = sum(int(n) * _UNITS[u] for n, u in parts)
    if not MIN_EVERY <= seconds <= MAX_EVERY:
        raise InvalidInput(f"interval {text!r}: between 5m and 30d")
    return seconds


def every_text(seconds: int) -> str:
    """``5400`` -> ``1h30m`` (the inverse of ``parse_every``)."""
    parts = []
    for unit in ("d", "h", "m", "s"):
        count, seconds = divmod(seconds, _UNITS[unit])
        if count:
            parts.append(f"{count}{unit}")
    return "".join(parts) or "0s"


def host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower() + (f":{urlsplit(url).port}" if urlsplit(url).port else "")


def new_source(name: str, url: str, *, kind: str = "list", links: str | None = None, every: str = "1h",
               issuer: str | None = None) -> NewSource:
    """A source as typed by a person, checked: InvalidInput says what is wrong."""
    name, url = (name or "").strip(), (url or "").strip()
    if not _NAME.match(name):
        raise InvalidInput(f"name {name!r}: letters, digits, '.', '-' and '_', at most 100")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InvalidInput(f"URL {url!r}: an http:// or https:// address is needed")
    if kind not in KINDS:
        raise InvalidInput(f"kind {kind!r}: one of {', '.join(KINDS)}")
    links = (links or "").strip() or None
    if links is not None:
        if kind != "list":
            raise InvalidInput("--links is for list pages only: a feed names its articles itself")
        try:
            re.compile(links)
        except re.error as exc:
            raise InvalidInput(f"link pattern {links!r}: {exc}") from None
    issuer = " ".join((issuer or "").split()) or None
    if issuer is not None and len(issuer) > 200:
        raise InvalidInput("issuer: at most 200 characters")
    return NewSource(name=name, url=url, host=host_of(url), kind=kind, link_pattern=links, issuer=issuer,
                     every_seconds=parse_every(every))
