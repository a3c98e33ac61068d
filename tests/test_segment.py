"""Pages into notices and sentences: headings, column breaks mended, offsets kept."""
from calendar_service.extract.segment import split_notices, split_sentences

PAGE = (
    "# 第一篇\n\n"
    "市委组织力量对全市二十个重点项目的推进情况进行了深\n\n入研究,确立了新的思路。\n\n"
    "筹资标准提高\n\n"
    "# 第二篇\n\n短句。\n"
)


def test_headings_start_notices():
    notices = split_notices(PAGE)
    assert [n.heading for n in notices] == ["第一篇", "第二篇"]
    assert PAGE[notices[1].start:notices[1].end].strip() == "短句。"


def test_a_column_break_inside_a_sentence_is_mended_and_offsets_still_point_at_the_page():
    first = split_notices(PAGE)[0]
    sentences = split_sentences(PAGE, first.start, first.end)
    mended = next(s for s in sentences if "深入研究" in s.text)
    assert mended.text.startswith("市委组织力量") and mended.text.endswith("新的思路。")
    assert PAGE[mended.start:mended.end].replace("\n", "") == mended.text
    assert mended.original_text(PAGE) == mended.text
    # a position after the break maps past the removed blank line
    at = mended.text.index("入研究")
    assert PAGE[mended.original_offset(at)] == "入"


def test_a_short_line_is_a_heading_not_the_start_of_the_next_paragraph():
    first = split_notices(PAGE)[0]
    texts = [s.text for s in split_sentences(PAGE, first.start, first.end)]
    assert "筹资标准提高" in texts


def test_form_fields_are_not_joined_into_one_sentence():
    text = "停电时间:2024年5月21日(星期二)上午8时至下午6时\n停电线路:10千伏罗店线\n"
    texts = [s.text for s in split_sentences(text, 0, len(text))]
    assert texts == ["停电时间:2024年5月21日(星期二)上午8时至下午6时", "停电线路:10千伏罗店线"]


def test_a_letter_spaced_title_is_no_table_row():
    # a table's header row heads its columns; a title spaced out letter by letter heads the notice
    [notice] = split_notices("停  水  通  知\n定于5月6日8:00至18:00人民路停水。\n")
    assert notice.heading == "停  水  通  知"
    [notice] = split_notices("停电时间   停电线路   停电范围\n5月6日8:00至18:00   10kV城北线   城北村\n")
    assert notice.heading is None
