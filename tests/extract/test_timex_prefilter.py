"""The scan's first-character lookahead (timex.PREFILTER) is a speed-up only: it must change no match."""
import re
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from calendar_service.extract import timex
from calendar_service.extract.normalise import analysis_text

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from gold import FIXTURES, REAL  # noqa: E402

UNFILTERED = re.compile(timex.PATTERN.pattern[len(timex.PREFILTER):], re.VERBOSE)
ALPHABET = "0123456789年月日号时点分:.-/至到、及和起前后止(周星期一二三四五六七八九十〇零两今明昨次翌当同本下上即晚早凌午夜元除初正农大约 ,。"


def spans(rx: re.Pattern, text: str) -> list[tuple[int, int, str | None]]:
    return [(m.start(), m.end(), m.lastgroup) for m in rx.finditer(text)]


def test_the_prefilter_changes_no_match_on_the_notices_at_hand():
    # the scan reads the analysis text (width folded, simplified), as the extractor gives it
    texts = [analysis_text(p.read_text(encoding="utf-8")) for p in sorted(FIXTURES.glob("*.txt"))]
    if REAL.is_dir():
        texts += [analysis_text(p.read_text(encoding="utf-8")) for p in sorted(REAL.glob("*.txt"))]
    for text in texts:
        assert spans(timex.PATTERN, text) == spans(UNFILTERED, text)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=60))
def test_the_prefilter_changes_no_match_on_any_text(text):
    assert spans(timex.PATTERN, text) == spans(UNFILTERED, text)
