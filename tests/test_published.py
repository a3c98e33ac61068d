"""Publication dates inferred from documents when the caller gives none."""
from datetime import date

from calendar_service.extract import infer_published


def test_the_signature_date_wins():
    text = "关于停水的通知\n定于2023年11月25日停水。\n\n市自来水公司\n2023年11月20日\n"
    guess = infer_published(text)
    assert (guess.date, guess.reason) == (date(2023, 11, 20), "the signature date")


def test_a_signature_in_chinese_numerals():
    guess = infer_published("定于十二月一日停水。\n某某公司\n二〇二二年十一月二十八日\n")
    assert guess.date == date(2022, 11, 28)


def test_a_labelled_dateline():
    guess = infer_published("停水公告\n发布时间:2025-04-01  来源:供水公司\n定于4月9日停水。")
    assert (guess.date, guess.reason) == (date(2025, 4, 1), "the dateline")


def test_no_full_date_means_no_guess():
    assert infer_published("定于4月9日停水。") is None
