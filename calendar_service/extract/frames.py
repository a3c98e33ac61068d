"""What frames a sentence (its row or record, the lead-in over it, its headings, the notice's
heading and kind) and the kind of item it gives: from the sentence's own cue words, else from
what frames it (items.py reads the dates; assemble.py builds the frame)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from .classify import Verdict, classify
from .clauses import without_caveats

_SELF_REFERENCE = re.compile(r"本(?:通告|公告|办法|规定|措施|意见|细则|方案|通知|决定|条例)[^,。]{0,4}自?$|"
                             r"本(?:通告|公告|办法|规定|措施|意见|细则|方案|通知|决定|条例)自")
_WEAK = 2.0  # a framing context's score below which the notice's own kind is the better guess


@dataclass(frozen=True)
class Frame:
    """What surrounds a sentence, for an item its own words do not complete (assemble.py)."""

    contexts: tuple[str, ...] = ()  # nearest first: the row or record, the lead-in, headings, the heading
    topic: str = ""  # the notice heading's subject
    prior: str | None = None  # the notice's own kind, from its headline and lead
    day: date | None = None  # the row's date, for a line that gives only hours
    window: tuple | None = None  # hours a caption gives every date below it (Unit, Unit)
    said_before: str = ""  # the sentence before, in its line or the paragraph above


NO_FRAME = Frame()


def kind_of(sentence: str, spans: list[tuple[int, int]], markers: set[str],
            frame: Frame) -> tuple[Verdict, str | None]:
    """The item's kind from its sentence; when the sentence has no cue, from what frames it (the
    row, the record, the lead-in, the headings, the notice's heading), else the notice's own kind."""
    verdict = classify(without_caveats(sentence), spans, markers)
    if verdict.kind in ("event", "deadline"):
        # "(二)交通管制时间" over "6月6日下午13:30—17:30,考生看考场…,对考点附近的部分路段实行交通管制",
        # a column "暂停时间" over "积分兑换:7月30日00:00至06:00": the field of a stop says what its
        # dates are, whatever they are held for or whatever the row's service is called (an
        # opening-hours heading says no such thing: its lines close and open)
        for context in frame.contexts:
            said = _framed(context, frozenset(markers)) if _TIME_FIELD.search(context) else None
            if said and said.kind in _STOPS and said.cues and said.score >= _WEAK and _STOPPED.search(context):
                return said, context
    if verdict.kind == "deadline" and frame.prior in _STOPS and _SERVICE_LABEL.match(sentence, 0, spans[0][0]) \
            and not _WORDS_AFTER.search(sentence, spans[-1][1]):
        # "积分兑换:7月30日00:00至06:00" in a notice of suspended services: the label names what stops
        return Verdict(frame.prior, verdict.score, 0.0, verdict.cues), None
    # (a kind guessed from 起 alone, with no cue word, yields to what frames the line: "11月1日6时起,
    # 黄龙体育中心一环以内道路;" then "北山街…和白堤实施交通管制。")
    if (verdict.kind is None or not verdict.cues) and not verdict.trapped:
        for context in (*frame.contexts, frame.topic):
            if not context:
                continue
            # the context read as if it stood right before the line (classified once per context:
            # a long line with many dates does not re-read it for each)
            framed = _framed(context, frozenset(markers))
            if framed.kind and (framed.score >= _WEAK or not frame.prior):
                # a trap word elsewhere (通告表示…) says nothing of this line; nor does a weak word
                # of a generic field ("实施时间") outweigh what the notice announces
                return framed, context
        if frame.prior and verdict.kind is None:
            return Verdict(frame.prior, 1.0, 0.0, ()), None
    topic = frame.topic
    if topic and _SELF_REFERENCE.search(sentence) and verdict.kind == "service_change":
        # "本通告自11月1日起施行": what takes effect is what the heading announces (货车限行)
        about = classify(topic, [(0, 0)], markers)
        verdict = about if about.kind else verdict
    return verdict, None


_STOPS = ("closure", "service_change")
_SERVICE_LABEL = re.compile(r"(?:\d{1,2}[、.])?(?:(?!时间|日期|截止|期限|最后)[^,。;:])++:\s*+$")
_WORDS_AFTER = re.compile(r"[^\W\d_]")
_STOPPED = re.compile(r"停|暂停|封闭|管制|管控|中断|限行|禁行")  # not opening hours: "开放时间", "营业时间"
# a short heading that names the dates below it: "交通管制时间", "(二)停水时段:"
_TIME_FIELD = re.compile(r"^[^,;。]{0,12}(?:时间|时段)\s*:?\s*$")


@lru_cache(maxsize=1024)
def _framed(context: str, markers: frozenset[str]) -> Verdict:
    return classify(context + ":", [(len(context) + 1, len(context) + 1)], set(markers))
