"""Helpers of the reminder tests: a real SMTP server (aiosmtpd) on 127.0.0.1, subscriptions made
directly in the store, the items most tests remind of, one pass at a given time, what the outbox
holds, and the environment of dispatcher processes."""
from __future__ import annotations

import email
import os
import re
import socket
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from email import policy
from pathlib import Path

from aiosmtpd.controller import Controller
from sqlalchemy import select

from calendar_service.reminders import reminders_for
from calendar_service.store.models import Event, OutboxRow, Subscription
from calendar_service.store.subscriptions import selection_key

WORKER = Path(__file__).with_name("reminder_worker.py")
CLI = Path(sys.executable).with_name("calendar-service")
MESSAGE_ID = re.compile(rb"^Message-ID: (<[^>]+>)", re.MULTILINE | re.IGNORECASE)


@dataclass
class Received:
    mail_from: str
    recipients: list[str]
    data: bytes

    @property
    def message_id(self) -> str:
        return MESSAGE_ID.search(self.data).group(1).decode()

    @property
    def message(self) -> email.message.EmailMessage:
        return email.message_from_bytes(self.data, policy=policy.default)


@dataclass
class SMTPSink:
    """aiosmtpd in a thread, bound to a port chosen by the system (kept across stop/start).

    ``refuse(address, reply, times)`` answers RCPT TO for that address with ``reply`` (e.g.
    ``451 4.3.0 try later``) the next ``times`` times (``None``: always).
    """

    port: int = 0
    messages: list[Received] = field(default_factory=list)
    refusals: dict[str, list] = field(default_factory=dict)
    tries: Counter = field(default_factory=Counter)  # RCPT TO per address, accepted or not
    _controller: Controller | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}"

    def start(self) -> SMTPSink:
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(128)
        self.port = listener.getsockname()[1]
        self._controller = _Controller(self, listener)
        self._controller.start()
        return self

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def refuse(self, address: str, reply: str, times: int | None = None) -> None:
        self.refusals[address] = [reply, times]

    def ids(self) -> Counter:
        with self._lock:
            return Counter(m.message_id for m in self.messages)

    def to(self, address: str) -> list[Received]:
        with self._lock:
            return [m for m in self.messages if address in m.recipients]

    def wait_for(self, count: int, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while len(self.messages) < count and time.monotonic() < deadline:
            time.sleep(0.05)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        self.tries[address] += 1
        rule = self.refusals.get(address)
        if rule is not None and rule[1] != 0:
            if rule[1] is not None:
                rule[1] -= 1
            return rule[0]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self._lock:
            self.messages.append(Received(envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
        return "250 OK: queued"


class _Controller(Controller):
    """aiosmtpd's controller on a socket we bound ourselves (it cannot be told to use port 0)."""

    def __init__(self, handler, listener: socket.socket):
        super().__init__(handler, hostname="127.0.0.1", port=listener.getsockname()[1])
        self._listener = listener

    def _create_server(self):
        return self.loop.create_server(self._factory_invoker, sock=self._listener)


def subscribe(db, address: str, confirmed: datetime, **values) -> int:
    """An active subscription made directly in the store; its id."""
    now = confirmed
    values.setdefault("timezone", "Asia/Shanghai")
    kinds, q = values.pop("kinds", None), values.pop("q", None)
    category, place = values.pop("category", None), values.pop("place", None)
    with db.write() as session:
        row = Subscription(email=address, email_key=address.lower(),
                           selection_key=selection_key(kinds, q, category, place), kinds=kinds, q=q,
                           category=category, place=place, digest=values.pop("digest", False), status="active",
                           created_at=now, updated_at=now, confirmed_at=now, **values)
        session.add(row)
        session.flush()
        return row.id


def run(app, now: datetime):
    """One materialise + dispatch pass at ``now``; the dispatch result."""
    return reminders_for(app).at(now).run_once()[1]


def rows(app) -> dict[str, tuple[str, int]]:
    """key -> (state, attempts) of every outbox row, in the order they were made."""
    with app.extensions["calendar_db"].read() as session:
        return {r.key: (r.state, r.attempts) for r in session.scalars(select(OutboxRow).order_by(OutboxRow.id))}


def subjects(smtp: SMTPSink) -> list[str]:
    return [str(m.message["Subject"]) for m in smtp.messages]


def event_id(db, uid: str) -> int:
    with db.read() as session:
        return session.scalar(select(Event.id).where(Event.uid == uid))


def worker_env(database_url: str, smtp: SMTPSink, **settings) -> dict[str, str]:
    """The environment of a dispatcher process on this database and SMTP server."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CALENDAR_")}
    env.update(CALENDAR_DATABASE_URL=database_url, CALENDAR_SMTP_URL=smtp.url, CALENDAR_SECRET_KEY="test secret",
               CALENDAR_PUBLIC_URL="https://calendar.example.cn", CALENDAR_MAIL_FROM="公告日历 <calendar@example.cn>")
    env.update({f"CALENDAR_{name}": str(value) for name, value in settings.items()})
    return env


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


CONFIRMED = utc(2022, 10, 1)  # subscriptions of most tests were confirmed then
FEE = dict(uid="fee@test", kind="deadline", title="城乡居民医保集中缴费", start=None, end=date(2022, 12, 25))
ROAD = dict(uid="road@test", title="龙源路与山阳路交叉口半幅封闭施工", location="龙源路与山阳路交叉口",
            start=date(2022, 10, 20), end=date(2023, 1, 1))


def later(moment: datetime, **delta) -> datetime:
    return moment + timedelta(**delta)
