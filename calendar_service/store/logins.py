"""The review desk's logins in the database: brakes on guessing and the sessions they open.

**Brakes.** Each attempt is *reserved* before the password is compared: in one write transaction
the rows of its brakes (a client address, a browser that logged in before, the account) are
locked, and either every brake admits one more attempt and counts it, or none is touched and the
caller learns how long to wait. Counting first is what makes the cap hold across gunicorn workers:
two workers cannot both see "9 of 10" and both try. (SQLite: ``BEGIN IMMEDIATE`` serialises the
writers; PostgreSQL: ``SELECT … FOR UPDATE`` on rows locked in key order, so never a deadlock.)
A brake has a cap per window (none for the account) and a backoff: after ``free`` attempts in the
window each next one waits ``backoff`` seconds, doubled per attempt up to ``MAX_BACKOFF``. A
successful login clears the brakes of that client, so the right password never stays locked out
longer than a window, and gives its reserved attempt back to the account.

**Sessions.** A row per logged-in reviewer, keyed by the hash of the random id in their cookie.
"""
from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, or_, select

from .database import Database, insert_for
from .models import DeskSession, LoginBrake

MAX_BACKOFF = timedelta(minutes=5)


@dataclass(frozen=True)
class Brake:
    """One counter an attempt must pass: ``cap`` attempts per window (None: no cap), and a backoff
    after ``free`` attempts."""

    key: str
    cap: int | None
    free: int


@dataclass(frozen=True)
class Policy:
    window: timedelta
    backoff: float  # seconds; 0: no backoff


def brake_key(kind: str, value: str) -> str:
    """``kind:<hash>``: the table never holds an address in clear."""
    return f"login:{kind}:{hashlib.sha256(value.encode()).hexdigest()[:40]}"


def admit(db: Database, brakes: Sequence[Brake], now: datetime, policy: Policy) -> float:
    """Reserve one attempt under every brake: 0.0 when admitted (and counted), else the seconds to
    wait before one would be (and nothing counted)."""
    ordered = sorted(brakes, key=lambda b: b.key)
    with db.write() as session:
        for brake in ordered:
            session.execute(insert_for(session, LoginBrake).values(key=brake.key, window_start=now, attempts=0)
                            .on_conflict_do_nothing(index_elements=["key"]))
        rows = {row.key: row for row in session.scalars(
            select(LoginBrake).where(LoginBrake.key.in_([b.key for b in ordered]))
            .order_by(LoginBrake.key).with_for_update())}
        wait = timedelta(0)
        for brake in ordered:
            row = rows[brake.key]
            if row.window_start + policy.window <= now:  # a new window: the count starts again
                row.window_start, row.attempts, row.next_at = now, 0, None
            if brake.cap is not None and row.attempts >= brake.cap:
                wait = max(wait, row.window_start + policy.window - now)
            if row.next_at is not None and row.next_at > now:
                wait = max(wait, row.next_at - now)
        if wait > timedelta(0):
            return max(wait.total_seconds(), 1.0)
        for brake in ordered:
            row = rows[brake.key]
            row.attempts += 1
            delay = _backoff(row.attempts, brake.free, policy.backoff)
            row.next_at = now + delay if delay else None
    return 0.0


def succeeded(db: Database, cleared: Sequence[Brake], refunded: Sequence[Brake]) -> None:
    """A login with the right password: the client's brakes start from zero; the account's get the
    reserved attempt back and lose their wait (a reviewer's success is not an attacker's try)."""
    with db.write() as session:
        if cleared:
            session.execute(delete(LoginBrake).where(LoginBrake.key.in_([b.key for b in cleared])))
        for row in session.scalars(select(LoginBrake).where(LoginBrake.key.in_([b.key for b in refunded]))
                                   .with_for_update()):
            row.attempts, row.next_at = max(0, row.attempts - 1), None


def _backoff(attempts: int, free: int, base: float) -> timedelta | None:
    if base <= 0 or attempts < free:
        return None
    return min(timedelta(seconds=base * 2 ** min(attempts - free, 30)), MAX_BACKOFF)


def open_session(db: Database, id_hash: str, password_key: str, now: datetime, lifetime: timedelta) -> None:
    with db.write() as session:
        session.add(DeskSession(id_hash=id_hash, password_key=password_key, created_at=now, expires_at=now + lifetime))


def session_open(db: Database, id_hash: str, password_key: str, now: datetime) -> bool:
    """True while the session exists, has not expired and belongs to the current password."""
    with db.read() as session:
        row = session.get(DeskSession, id_hash)
        return row is not None and row.expires_at > now and row.password_key == password_key


def close_session(db: Database, id_hash: str) -> None:
    with db.write() as session:
        session.execute(delete(DeskSession).where(DeskSession.id_hash == id_hash))


def prune(db: Database, now: datetime, *, window: timedelta) -> int:
    """Delete ended sessions and brakes whose window and wait are over; how many rows went."""
    with db.write() as session:
        gone = session.execute(delete(DeskSession).where(DeskSession.expires_at <= now)).rowcount
        gone += session.execute(delete(LoginBrake).where(
            LoginBrake.window_start <= now - window,
            or_(LoginBrake.next_at.is_(None), LoginBrake.next_at <= now))).rowcount
    return gone
