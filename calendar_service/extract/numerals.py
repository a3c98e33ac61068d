"""Chinese numerals (一, 十八, 二十四, 〇二), full-width forms and digits run together (1028) to plain values."""
from __future__ import annotations

from .chars import runs_translated

DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
          "六": 6, "七": 7, "八": 8, "九": 9}

# Full-width ASCII (U+FF01..U+FF5E) maps one-to-one onto ASCII, so offsets survive the mapping.
# A few look-alikes that notices use as range dashes or separators are folded in too.
_WIDE = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_WIDE.update({0x3000: 0x20, 0x301C: ord("~"), 0x2236: ord(":"), 0xFE30: ord(":")})


_FOLDED = runs_translated(_WIDE)


def fold_width(text: str) -> str:
    """Full-width digits, letters and punctuation to ASCII; the length never changes."""
    return _FOLDED(text)


_SCORES = {"廿": 20, "卅": 30}
_TENS = {"十", "百", *_SCORES}


def to_int(token: str) -> int:
    """'18' -> 18, '十八' -> 18, '二十四' -> 24, '廿八' -> 28, '二〇二二' -> 2022 (digit by digit)."""
    if token.isdigit():
        return int(token)
    if not _TENS.intersection(token):
        value = 0
        for ch in token:
            value = value * 10 + DIGITS[ch]
        return value
    total, current = 0, 0
    for ch in token:
        if ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch in _SCORES:  # 廿八 is 28, 卅 is 30: the old single characters for twenty and thirty
            total += _SCORES[ch]
            current = 0
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
        else:
            current = DIGITS[ch]
    return total + current


def glued_month_day(digits: str) -> tuple[int, int] | None:
    """'1028' -> (10, 28), '522' -> (5, 22); None when the digits split two ways ('112' is 1/12
    or 11/2) or no way at all."""
    splits = [(digits[:k], digits[k:]) for k in (1, 2) if len(digits[k:]) in (1, 2) and len(digits[:k]) <= 2]
    valid = [(int(m), int(d)) for m, d in splits  # a day may have a leading zero only as 1105
             if m[0] != "0" and (d[0] != "0" or len(digits) == 4) and 1 <= int(m) <= 12 and 1 <= int(d) <= 31]
    return valid[0] if len(valid) == 1 else None
