"""Mails as bytes ready to send: text + HTML from ``templates/emails/<name>-{subject,body}.…``,
an ``.ics`` attachment (``METHOD:PUBLISH``) for the items, and the headers mail clients and
providers look at.

- ``Message-ID`` comes from the outbox row's key: a reminder sent again after a crash carries the
  same one (receivers can tell the copy), and no two reminders share one.
- ``Subject`` and display names are Chinese: they are written as RFC 2047 encoded words; bodies
  are UTF-8 in base64, so the whole message is 7-bit, with CRLF line ends.
- ``Auto-Submitted: auto-generated`` (RFC 3834) keeps vacation auto-replies away.
- Reminders carry ``List-Unsubscribe`` with an https link and ``List-Unsubscribe-Post:
  List-Unsubscribe=One-Click`` (RFC 8058): a mail client unsubscribes with one POST, no login.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from email.header import Header
from email.headerregistry import Address
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.policy import compat32
from email.utils import format_datetime, formataddr, parseaddr
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from .. import ics, kinds
from ..chinese import countdown, day, span
from ..errors import ConfigurationError
from .tokens import Tokens

TEMPLATES = Path(__file__).resolve().parents[2] / "templates" / "emails"
# SMTP wants CRLF (many servers refuse a bare LF); headers are written as given, so that a long
# List-Unsubscribe URL stays on its line; the Subject is folded into encoded words beforehand.
WIRE = compat32.clone(linesep="\r\n", max_line_length=None)


@dataclass(frozen=True)
class Mail:
    """A message ready for a transport: envelope, identity and the exact bytes."""

    sender: str
    recipient: str
    message_id: str
    data: bytes


@dataclass(frozen=True)
class Item:
    """One item of a mail: the event and what to say about it."""

    event: object  # StoredEvent
    url: str
    when: str
    left: str  # 还剩 7 天 / 明天开始 / …


@dataclass(frozen=True)
class Composer:
    site_name: str
    sender: Address
    base_url: str
    tokens: Tokens
    zone: tzinfo  # the service's zone: all-day dates are days there

    @classmethod
    def create(cls, *, site_name: str, mail_from: str | None, base_url: str, tokens: Tokens, zone: tzinfo):
        return cls(site_name, sender_address(mail_from, site_name, base_url), base_url.rstrip("/"), tokens, zone)

    def url(self, path: str) -> str:
        return self.base_url + path

    def links(self, subscription) -> dict[str, str]:
        make = self.tokens.make
        return {
            "manage_url": self.url(f"/subscribe/manage/{make('manage', subscription.id, subscription.email_key)}"),
            "unsubscribe_url": self.url(f"/unsubscribe/{make('unsubscribe', subscription.id, subscription.email_key)}"),
        }

    def item(self, event, now: datetime) -> Item:
        today = now.astimezone(self.zone).date()
        due = kinds.due_date(event.kind, event.end)
        if due is not None:
            when = f"{span(due, due)} 截止"
        else:
            when = span(event.start, event.end)
        left = countdown(event.kind, event.start, event.end, today)
        return Item(event, self.url(f"/events/{event.uid}"), when, left.text if left else "")

    def compose(self, template: str, row, subscription, now: datetime, *, events=(), unsubscribe: bool = True,
                **context) -> Mail:
        """The mail for outbox ``row`` to ``subscription`` from ``templates/emails/<template>-…``."""
        context.update(site_name=self.site_name, subscription=subscription, selection=describe_selection(subscription),
                       now=now, today=now.astimezone(self.zone).date(), **self.links(subscription))
        # utf-8 parts are base64: 7-bit clean for any server, 8BITMIME or not (Chinese text grows by a
        # third, not threefold as in quoted-printable). The compat32 MIME classes build a message
        # about five times faster than EmailMessage's header registry; the result is the same.
        body = MIMEMultipart("alternative", _subparts=[MIMEText(_render(f"{template}-body.txt", context), "plain", "utf-8"),
                                                       MIMEText(_render(f"{template}-body.html", context), "html", "utf-8")])
        if events:
            attachment = MIMEText(self.ics(events), "calendar", "utf-8")
            attachment.set_param("method", "PUBLISH")
            attachment.add_header("Content-Disposition", "attachment", filename="event.ics")
            body = MIMEMultipart("mixed", _subparts=[body, attachment])
        identity = message_id(row.key, self.sender.domain)
        body["From"] = formataddr((self.sender.display_name, self.sender.addr_spec), charset="utf-8")
        body["To"] = subscription.email
        subject = " ".join(_render(f"{template}-subject.txt", context).split())
        body["Subject"] = Header(subject, "utf-8").encode(linesep="\r\n", maxlinelen=76)
        body["Date"] = format_datetime(now)
        body["Message-ID"] = identity
        body["Auto-Submitted"] = "auto-generated"
        body["X-Auto-Response-Suppress"] = "All"
        if unsubscribe:
            body["List-Unsubscribe"] = f"<{context['unsubscribe_url']}>"
            body["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
        return Mail(self.sender.addr_spec, subscription.email, identity, body.as_bytes(policy=WIRE))

    def ics(self, events) -> str:
        """The events as one ``METHOD:PUBLISH`` calendar, VEVENTs exactly as the feeds write them."""
        return _ics(tuple(events), self.site_name, self.base_url)


def message_id(key: str, domain: str) -> str:
    """``<hash of the outbox key>@domain``: the same for every sending of one outbox row."""
    return f"<{hashlib.sha256(key.encode()).hexdigest()[:32]}@{domain}>"


def sender_address(mail_from: str | None, site_name: str, base_url: str) -> Address:
    if mail_from:
        name, address = parseaddr(mail_from)
        if "@" not in address:
            raise ConfigurationError(f"CALENDAR_MAIL_FROM needs an address, got {mail_from!r}")
        user, domain = address.rsplit("@", 1)
        return Address(display_name=name or site_name, username=user, domain=domain)
    host = base_url.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0] or "localhost"
    if host.replace(".", "").isdigit():
        host = "localhost"
    return Address(display_name=site_name, username="noreply", domain=host)


def anchor_words(label: str | None) -> str | None:
    """An outbox anchor in words: "due:2022-12-25" -> 2022年12月25日(周日)截止."""
    if not label or ":" not in label:
        return None
    what, value = label.split(":", 1)
    moment = datetime.fromisoformat(value) if "T" in value else date.fromisoformat(value)
    words = span(moment, moment)
    return f"{words}截止" if what == "due" else f"{words}开始"


def describe_selection(subscription) -> str:
    """What a subscription follows, in words: 全部事项 / 封闭、截止 / 含“龙源路”的封闭 / 停电类事项 /
    “龙源路”的停电类事项."""
    names = "、".join(kinds.name(k) for k in subscription.kinds or ())
    if subscription.category:
        names = f"{kinds.category_label(subscription.category)}类{names or '事项'}"
    names = names or "全部事项"
    if subscription.q:
        names = f"含“{subscription.q}”的{names}"
    return f"“{subscription.place}”的{names}" if subscription.place else names


def describe_leads(subscription) -> str:
    if subscription.lead_days:
        return "、".join(f"提前 {n} 天" for n in sorted(subscription.lead_days, reverse=True))
    return "截止前 7 天和 1 天，其他事项开始前 1 天"


def describe_quiet(subscription) -> str | None:
    if subscription.quiet_start is None or subscription.quiet_end is None:
        return None
    return f"{_hhmm(subscription.quiet_start)}–{_hhmm(subscription.quiet_end)}"


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


@lru_cache(maxsize=1)
def _environment() -> Environment:
    environment = Environment(loader=FileSystemLoader(str(TEMPLATES)), undefined=StrictUndefined,
                              autoescape=select_autoescape(["html"]), trim_blocks=True, lstrip_blocks=True,
                              keep_trailing_newline=True)
    environment.globals.update(day=day, describe_leads=describe_leads, describe_quiet=describe_quiet,
                               describe_selection=describe_selection, kind_label=kinds.label,
                               headline_label=kinds.headline_label)
    return environment


def _render(name: str, context: dict) -> str:
    return _environment().get_template(name).render(context)


@lru_cache(maxsize=256)  # every subscriber of an item gets the same attachment: render it once
def _ics(events: tuple, site_name: str, base_url: str) -> str:
    options = ics.FeedOptions(name=site_name, event_url=lambda e: f"{base_url}/events/{e.uid}")
    return ics.render_publish(events, options).decode("utf-8")
