"""Property tests for the forms this layer reads: any mix of them resolves without crashing and
every span it gives runs forward, within a sane distance of publication."""
from datetime import date

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from calendar_service.extract import extract
from calendar_service.extract.mentions import find_mentions
from calendar_service.extract.resolve import resolve_mention

PIECES = ["年初一", "正月初八", "除夕", "元宵节", "2026 1 12 日", "3 3 日", "2020年1028日", "至522日",
          "722(周五)", "(星期一)", "星期四晚八时", "由", "于", "及", "、", ",、", "首班车起至", "末班车止",
          "2015年2月、6月", "的期限均为当月15日", "本月27日", "下月3日", "元月7日", "今晚10点", "下半夜4点",
          "昨凌晨4时", "翌日早上五时", "两天的", "23时50分", "至", "—", "~", "-", "11月30", "12月2日",
          "6月7、8、9日", "上班", "分时段", "(顺延至十二月一日)", "十一月三十日", "末班车时间延长至次日0:30",
          "正常开园", "直至道路重开", "即日(", "2月9日", ")起", "上周四(19日)", "周六(14日)", "2月29日",
          "12月31日24时", "零时", "。", "\n", "停电", "封闭"]
texts = st.lists(st.sampled_from(PIECES), max_size=25).map("".join)
published = st.dates(min_value=date(1995, 1, 1), max_value=date(2045, 12, 31))


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts, published)
# (found by this test: a list's shared hours ending on a glued date a fortnight before the list)
@example("6月7、8、9日下半夜4点下半夜4点至522日", date(2000, 1, 1))
def test_spans_run_forward_and_stay_near_publication(text, pub):
    anchor = None
    for m in find_mentions(text):
        assert 0 <= m.start <= m.end <= len(text)
        for span in resolve_mention(m, pub, anchor):
            if span.end is not None:
                assert span.start.day <= span.end.day
            assert abs(span.start.day.year - pub.year) <= 110  # a written year may be far, not absurd
            anchor = (span.end or span.start).day


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts, published)
# (found by this test: an open start's day joined to an end at an hour gave a date and a datetime)
@example("除夕首班车起至年初一翌日早上五时", date(2000, 1, 1))
def test_extraction_of_these_forms_gives_sane_events(text, pub):
    for event in extract(text, pub):
        if event.start is not None and event.end is not None:
            assert event.start <= event.end
