"""Every error the service raises on purpose, rooted at ``CalendarServiceError``.

One module, one root, as icalendar's ``error.py`` does it: a caller catches the narrowest class
it can act on, and ``except CalendarServiceError`` catches whatever the service itself refused,
never a programming error. Where a builtin was the documented contract (``ValueError`` for bad
input, ``LookupError`` for something missing), a class derives from it as well, so that code
written against the builtin keeps working.

The extractor's ``UnreadableDocument`` (a ``ValueError``) stays in ``calendar_service.extract``:
extraction is pure and imports nothing of the service.
"""
from __future__ import annotations


class CalendarServiceError(Exception):
    """The root: something the service refused or could not do, said in its message."""


# --- the store ------------------------------------------------------------------------------------

class StoreError(CalendarServiceError):
    """The store could not do what was asked."""


class StoreUnavailable(StoreError):
    """The database itself failed (unreachable, locked too long, disk full): stop the run."""


class Conflict(StoreUnavailable):
    """PostgreSQL rolled a transaction back to resolve a deadlock or a serialisation conflict:
    running it again may succeed (``save_notice`` does, a few times)."""


class SchemaOutOfDate(StoreError):
    """The database is not at the schema this code needs."""


class NotStored(StoreError, ValueError):
    """This one notice could not be stored (its events break the extract contract, or the
    database refused a row); the next one may be."""


class NotFound(StoreError, LookupError):
    """No such notice, event or subscription."""


class NoticeNotFound(NotFound):
    """No notice with that key."""


class EventNotFound(NotFound):
    """No event with that uid."""


class SourceNotFound(NotFound):
    """No source with that name."""


# --- what people send -----------------------------------------------------------------------------

class InvalidInput(CalendarServiceError, ValueError):
    """A value a person typed or sent is not acceptable; the message says why, in Chinese when a
    resident or a reviewer reads it."""


class InvalidChoice(InvalidInput):
    """A subscription field is wrong: ``field`` names it (``POST /api/subscriptions`` says which)."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


class TokenError(InvalidInput):
    """A link's token is forged, of another purpose, or too old (``expired``)."""

    def __init__(self, message: str, *, expired: bool = False):
        super().__init__(message)
        self.expired = expired


class RateLimited(CalendarServiceError):
    """Too many requests from one client address (says nothing about any mail address)."""


class ConfigurationError(CalendarServiceError, ValueError):
    """A setting cannot work (a malformed ``CALENDAR_SMTP_URL``, a ``MAIL_FROM`` without address)."""


# --- mail -----------------------------------------------------------------------------------------

class MailError(CalendarServiceError):
    """A mail was not sent. ``connection``: the server could not be used at all (unreachable,
    login refused), which is the operator's to fix, not the recipient's fault."""

    def __init__(self, message: str, *, connection: bool = False):
        super().__init__(message)
        self.connection = connection


class TransientError(MailError):
    """Try again later (4xx, a timeout, the server unreachable)."""


class PermanentError(MailError):
    """This message will never be accepted (5xx)."""


# --- sources (issuers' sites followed by the scheduler) -----------------------------------------

class SourceError(CalendarServiceError):
    """A source, or one of its articles, could not be read this time; the message says why in
    words an operator acts on (it is shown on the desk and by ``sources list``)."""


class FetchError(SourceError):
    """An HTTP request failed. ``transient``: a timeout, a refused connection, 429 or 5xx, worth
    another try later; otherwise (404, robots.txt, too large) trying again changes nothing soon."""

    def __init__(self, message: str, *, transient: bool = False):
        super().__init__(message)
        self.transient = transient


class UnreadableArticle(SourceError):
    """An article or attachment was fetched but holds no text we can read (binary served as a
    page, an unknown format, a failed OCR)."""
