"""The identity of an extracted event: its UID is a digest that must never change for the same item."""
import hashlib

from calendar_service.extract.events import make_uid, sha256


def test_uids_are_the_sha256_they_always_were():
    # events.py takes sha256 from the C module hashlib wraps (no OpenSSL load); the digest is the
    # same, and so is every UID a calendar already holds (worked out before the change)
    assert sha256(b"x").hexdigest() == hashlib.sha256(b"x").hexdigest()
    assert make_uid("k", "closure", "人民路", 0) == "2fcdff41a68d8b1cd2861e6c@calendar-service"
