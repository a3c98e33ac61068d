"""Signed, expiring links (itsdangerous), one salt per purpose.

A token carries a subscription id and a short hash of its address; it proves that whoever holds
it received mail at that address, so confirming, managing and unsubscribing need no login. A
confirmation token cannot unsubscribe and the other way round (different salts), and a token
for an address that no longer matches the subscription is refused.
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import datetime

from itsdangerous import BadSignature, SignatureExpired, TimestampSigner, URLSafeTimedSerializer

from ..errors import TokenError

PURPOSES = ("confirm", "manage", "unsubscribe")


def address_hash(email_key: str) -> str:
    return hashlib.sha256(email_key.encode()).hexdigest()[:12]


class Tokens:
    """Makes and reads the tokens of each purpose; ``clock`` gives the aware current time."""

    def __init__(self, secret: str, clock: Callable[[], datetime], max_age: dict[str, float]):
        self.clock = clock
        self.max_age = max_age
        signer = type("ClockSigner", (TimestampSigner,), {"get_timestamp": lambda _self: int(clock().timestamp())})
        self._serializers = {purpose: URLSafeTimedSerializer(secret, salt=f"calendar-service.{purpose}", signer=signer)
                             for purpose in PURPOSES}

    def make(self, purpose: str, subscription_id: int, email_key: str) -> str:
        return self._serializers[purpose].dumps([subscription_id, address_hash(email_key)])

    def read(self, purpose: str, token: str) -> tuple[int, str]:
        """(subscription id, address hash); TokenError if forged, of another purpose, or too old."""
        try:
            value = self._serializers[purpose].loads(token, max_age=self.max_age[purpose])
        except SignatureExpired:
            raise TokenError("链接已过期", expired=True) from None
        except BadSignature:
            raise TokenError("链接无效") from None
        if (not isinstance(value, list) or len(value) != 2 or not isinstance(value[0], int)
                or not isinstance(value[1], str)):
            raise TokenError("链接无效")
        return value[0], value[1]
