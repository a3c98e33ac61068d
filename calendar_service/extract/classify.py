"""The kind of a dated item, read from the cue words around its date (vocab.toml).

Every cue in the sentence votes for its kind with its weight, more when it is near the date and
in the same clause. Trap cues (statistics, history, birth dates) vote to drop the item. Markers
read next to the date (…前, 截止, 起, 恢复) add their own evidence.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache

from .vocab import NEUTRAL, REPORT, Cue, vocabulary

CLAUSE_BREAK = re.compile(r"[,;:。!?]")
# a stop said between the two hours of its range, inside the time expression
INNER_DEED = re.compile(r"停水|停电|停气|停暖|断电|封闭|停止供水|停止供电")
_FRAMING = re.compile(r"[^,;:。!?]{0,5}?期间")
MARKER_VOTES = {  # evidence from the words right next to the date
    "due": {"deadline": 6.0},
    "reopen": {"closure": 2.0, "service_change": 2.0},
    "open_start": {"service_change": 1.0},
    "hours": {"service_change": 10.0},
    "since": {"trap": 8.0},
    "as_of": {"trap": 3.0, "deadline": 3.0},
    "valid_for": {"period": 12.0},
    "born": {"trap": 20.0},
}


# markers that only guess a kind when no cue word speaks at all
_ONLY_UNCUED = {"open_start"}


@dataclass(frozen=True)
class Verdict:
    kind: str | None  # None: not an item (a trap, or no cue at all)
    score: float
    margin: float  # lead of the winner over the runner-up, for confidence
    cues: tuple[str, ...]
    trapped: bool = False  # a trap cue outvoted every kind: not an item, whatever frames it


def classify(sentence: str, spans: list[tuple[int, int]], markers: set[str]) -> Verdict:
    """Kind of the item dated by the date expressions at `spans` of the sentence."""
    votes: dict[str, float] = {}
    strongest: dict[str, float] = {}
    seen: list[str] = []
    for start, end, cue in _near(cue_hits(sentence), spans):
        placed = _distance(sentence, spans, start, end)
        if placed is None:
            if not INNER_DEED.fullmatch(sentence, start, end):
                continue  # inside a date expression itself
            placed = (0, "")  # "从上午9时停水至下午5时": the deed between the hours of its range
        dist, between = placed
        label = cue.label
        if label == REPORT:
            if start < spans[0][0] and (CLAUSE_BREAK.search(between) or _ANNOUNCED_FOR.fullmatch(between)):
                # "发布停气通知,4日22:00至次日8:00", "市府宣布于2月20日起…": the date is what is announced
                continue
            label = "trap"  # "12月3日讯", and "讯(记者 伍文)元宵佳节是…节日" in one breath
        weight = cue.weight / (1 + dist / 12)
        if not CLAUSE_BREAK.search(between):
            weight *= 2
        if start >= spans[0][1]:
            weight *= 1.5  # the predicate follows its date: "10月17日…实行交通管制"
        if _FRAMING.match(sentence, end):
            weight *= 0.3  # "开幕式彩排期间," frames the date, it is not the item
        if any(lo <= start < hi for lo, hi in _reasons(sentence)):
            weight *= 0.3  # "公交204路因道路封闭施工影响临时绕行": why, not what happens
        strongest[label] = max(strongest.get(label, 0.0), weight)
        votes[label] = votes.get(label, 0.0) + weight
        seen.append(cue.pattern)
    # the strongest cue decides; more cues of the same kind only add a little (登记…申请…登记
    # must not outvote one 暂停受理)
    votes = {label: strongest[label] + 0.25 * (total - strongest[label]) for label, total in votes.items()}
    cued = bool(votes)
    for marker in markers:
        if marker in _ONLY_UNCUED and cued:
            continue  # "由下午约二时起,…的道路会封闭": what the cue says, however far, not the 起
        for label, weight in MARKER_VOTES.get(marker, {}).items():
            votes[label] = votes.get(label, 0.0) + weight
    kinds = sorted(((v, k) for k, v in votes.items() if k != "trap"), reverse=True)
    if not kinds:
        return Verdict(None, 0.0, 0.0, tuple(seen), trapped=votes.get("trap", 0.0) > 0)
    best, kind = kinds[0]
    runner = kinds[1][0] if len(kinds) > 1 else 0.0
    if votes.get("trap", 0.0) > best:
        return Verdict(None, best, 0.0, tuple(seen), trapped=True)
    if kind == "service_change" and _supply_stops(sentence):
        kind = "closure"  # "食水供应,将于四月三十日…暂停": a supply that stops is an outage
        seen.append(_SUPPLY_STOP_CUE)  # a cue of its own: what frames the line does not overrule it
    return Verdict(kind, best, best - runner, tuple(seen))


_ANNOUNCED_FOR = re.compile(r"\s*+(?:将|拟|决定)?\s*+(?:于|自|从)\s*+")


# why something happens, said inside the clause of what happens: "因道路封闭施工影响", "受台风影响",
# "鉴于…部分路段封闭施工影响"
_REASON_PHRASE = re.compile(r"(?:因为?|由于|鉴于)[^,;。:]{1,24}?(?:影响|需要|原因|所致)|受[^,;。:]{1,16}?影响")


@lru_cache(maxsize=1024)
def _reasons(sentence: str) -> tuple[tuple[int, int], ...]:
    return tuple(m.span() for m in _REASON_PHRASE.finditer(sentence))


@lru_cache(maxsize=1024)  # read once per sentence, however many items it holds
def _supply_stops(sentence: str) -> bool:
    return bool(_SUPPLY_STOPS.search(sentence) and vocabulary().utility.search(sentence)
                and not _COUNTER.search(sentence))


_SUPPLY_STOP_CUE = "a supply stops"
_COUNTER = re.compile(r"业务|办理|缴费|窗口|营业厅")  # a counter that pauses is a service change
_SUPPLY_STOPS = re.compile(r"暂停|停止|中断|暂不|不能|无法|受到影响|受影响")


@lru_cache(maxsize=4096)
def cue_hits(sentence: str) -> tuple[tuple[int, int, Cue], ...]:
    """Every cue word in a sentence (a sentence with several dates is classified several times)."""
    vocab = vocabulary()
    hits = ((m.start(), m.end(), vocab.cue_at(sentence, m.start(), m.end())) for m in vocab.regex.finditer(sentence))
    return tuple(hit for hit in hits if hit[2].label != NEUTRAL)  # a neutral name swallows the cue inside it


# a cue this far from its date weighs an eleventh of its weight: past it, nothing (a line of a
# thousand dates must not make each of them weigh every cue of the line)
_REACH = 120


def _near(hits: tuple, spans: list[tuple[int, int]]) -> tuple:
    if not hits or hits[-1][0] - hits[0][0] <= 2 * _REACH:
        return hits
    lo = min(s for s, _ in spans) - _REACH
    hi = max(e for _, e in spans) + _REACH
    return hits[bisect_left(hits, lo, key=_start):bisect_right(hits, hi, key=_start)]


def _start(hit: tuple) -> int:
    return hit[0]


def _distance(sentence: str, spans, start: int, end: int) -> tuple[int, str] | None:
    """Distance from a cue to the nearest date expression, and the text between them."""
    best = None
    for lo, hi in spans:
        if end <= lo:
            option = (lo - end, sentence[end:lo])
        elif start >= hi:
            option = (start - hi, sentence[hi:start])
        else:
            return None
        if best is None or option[0] < best[0]:
            best = option
    return best


@lru_cache(maxsize=4096)  # one sentence holds many items, each asking for the same deed
def deed_of(kind: str, *texts: str) -> str | None:
    """The strongest cue of `kind` in the first of `texts` that has one ("停电" over "检修"): the
    deed a title names when the item's own line does not."""
    for text in texts:
        best = None
        for start, end, cue in cue_hits(text):
            if cue.label == kind and (best is None or (cue.weight, end - start) > best[0]):
                best = ((cue.weight, end - start), text[start:end])
        if best is not None:
            return best[1]
    return None
