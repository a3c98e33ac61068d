"""Property tests: whatever text or bytes come in, extraction neither crashes nor invents nonsense."""
from datetime import date, datetime

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from calendar_service.extract import UnreadableDocument, extract, read_document

# Text built from the pieces notices are made of, so the generator reaches the interesting paths.
PIECES = ["2022年", "二〇二三年", "10月", "十二月", "18日", "三十一日", "至", "到", "~", "-", "起",
          "前", "截止", "止", "恢复", "次日", "即日", "明年", "次年", "本周六", "下周一", "(星期二)",
          "8:00", "上午9时", "晚上二十时三十分", "24时", "月底", "下旬", "、", ",", "。", "\n", "\n\n",
          "# ", "停水", "封闭施工", "缴费", "有效期", "举行", "暂停办理", "同比", "出生", "人民路",
          "2022.10.18", "2022-10-18", "１０月", "32日", "13月", "0月", "2月30日", "99999年"]
notice_text = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=5)), max_size=40).map("".join)
published = st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31))


def _day(value):
    return value.date() if isinstance(value, datetime) else value


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(notice_text, published)
# a lone tone-marked letter after a character reads as a pinyin gloss: the source still points at
# the sentence in the notice as given
@example("停水ì00\x852022年2022年2022年2022年2022年2022年2022年2022年次日", date(2000, 1, 1))
def test_any_text_gives_sane_events(text, pub):
    for event in extract(text, pub):
        data = event.to_json()  # serialisable
        assert data["kind"] in {"closure", "deadline", "service_change", "period", "event"}
        assert event.title
        if event.start is not None and event.end is not None:
            assert event.start <= event.end
        for value in (event.start, event.end):
            if value is not None:
                assert abs(_day(value).year - pub.year) <= 10
        assert text[event.source.start:event.source.end].replace("\n", "").replace(" ", "") \
            .startswith(event.source.text.replace(" ", "")[:1])


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000), published)
def test_any_bytes_are_read_or_refused(data, pub):
    try:
        text = read_document(data, "x.txt")
    except UnreadableDocument as exc:
        assert str(exc)  # a reason to show the user
        return
    for event in extract(text, pub):
        if event.start is not None and event.end is not None:
            assert event.start <= event.end


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 12), st.integers(1, 28), published)
def test_month_day_year_is_within_a_year_of_publication(month, day, pub):
    events = extract(f"{month}月{day}日,人民路封闭施工。", pub)
    for event in events:
        assert abs((_day(event.start) - pub).days) <= 366
