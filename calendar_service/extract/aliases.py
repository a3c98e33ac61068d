"""Short names a notice gives itself: "城乡居民基本医疗保险(以下简称“居民医保”)".

Official notices name their subject in full once and by a short name after; residents use the
short one ("居民医保", "汇算", "年检", "车管所"), so titles do too.
"""
from __future__ import annotations

import re

_DEFINITION = re.compile(r"\(\s*(?:以下|下文)?简称\s*[“\"'‘《]?([^”\"'’》)]{1,12}?)[”\"'’》]?\s*\)")
# words that end what comes before a full name in its clause ("为做好我市2020年度…")
_CUT = re.compile(r"的|对|将|为|做好|关于|开展|我市|本市|我县|本县|我区|本区|全市|全县|全区|年度")


def aliases(text: str) -> dict[str, str]:
    """Full name -> short name, for every "(以下简称…)" in text."""
    out: dict[str, str] = {}
    for m in _DEFINITION.finditer(text):
        short = m.group(1).strip()
        before = re.split(r"[,。;:!?、《》“”\"]", text[max(0, m.start() - 40):m.start()])[-1].strip()
        # every reading of where the full name starts, longest first: "2020年度城乡居民基本医疗保险"
        # and "城乡居民基本医疗保险" both become "居民医保"
        for cut in [0, *(c.end() for c in _CUT.finditer(before))]:
            full = before[cut:].strip()
            if 2 <= len(short) < len(full) <= 20 and len(full) >= 4:
                out.setdefault(full, short)
    return out


def shortened(title: str, names: dict[str, str]) -> str:
    title = _DEFINITION.sub("", title)  # "高考(以下简称“高考”)" says its short name once in the notice, not in a title
    for full in sorted(names, key=len, reverse=True):
        title = title.replace(full, names[full])
    return title
