"""A notice as every entry point reads it (``extract``, ``ingest``, ``serve``, the review desk):
bytes to text where any failure is the documented one-line refusal, and a publication date inside
the range where calendar arithmetic holds.

The extractor's ``read_document`` refuses what it recognises as unreadable with
``UnreadableDocument`` (since the fuzzer found it, also a UTF-16 byte-order mark before an unpaired
surrogate). Any decoding error that still escapes it is turned into the same refusal here, at the
one place the service reads documents through, so no caller sees a traceback or answers 500.

Publication dates: the extractor resolves years against the publication date and steps a year
either way, so year 1 overflows and year 9999 is meaningless; notices are dated within
``EARLIEST``..``LATEST``, and anything outside (typed, or read from a document's signature) is
refused with a message that names the date.
"""
from __future__ import annotations

from datetime import date

from . import extract as extraction
from .errors import InvalidInput

EARLIEST = date(1900, 1, 1)
LATEST = date(2199, 12, 31)


class PublishedOutOfRange(InvalidInput):
    """A publication date outside EARLIEST..LATEST."""


def read_notice(data: bytes, name: str = "") -> str:
    """The text of a notice file or upload; ``UnreadableDocument`` (one line) when there is none."""
    try:
        return extraction.read_document(data, name)
    except UnicodeError as exc:
        where = getattr(exc, "start", None)
        at = f" at byte {where}" if isinstance(where, int) else ""
        encoding = getattr(exc, "encoding", None) or "the declared encoding"
        raise extraction.UnreadableDocument(f"not valid {encoding} text{at} ({getattr(exc, 'reason', exc)})") from None


def check_published(value: date, *, how: str = "given") -> date:
    """``value`` when a notice may be dated so; ``how`` says where it came from (for the message)."""
    if not EARLIEST <= value <= LATEST:
        raise PublishedOutOfRange(f"publication date {value.isoformat()} ({how}) is outside "
                                  f"{EARLIEST.isoformat()}..{LATEST.isoformat()}")
    return value


def published_of(text: str, given: date | None) -> tuple[date, str] | None:
    """The publication date to extract against and where it came from: ``given``, else the one the
    document states (signature, dateline, an early date); None when neither. Out-of-range dates
    raise ``PublishedOutOfRange``."""
    if given is not None:
        return check_published(given), "given"
    guess = extraction.infer_published(text)
    if guess is None:
        return None
    return check_published(guess.date, how=f"inferred from {guess.reason}"), guess.reason
