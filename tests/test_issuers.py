"""Issuers' names (calendar_service/issuers.py, its words in issuers.toml): one spelling per
issuer whatever surrounds it in a signature, two issuers on one line read apart, and what is no
name (a date, a sentence, markup) refused."""
from __future__ import annotations

import pytest

from calendar_service.issuers import issuers_of, names_in, normalised

HOUSING = "焦作市住房和城乡建设局"


@pytest.mark.parametrize(("written", "expected"), [
    (HOUSING, HOUSING),
    (f"  {HOUSING}  ", HOUSING),
    (f"{HOUSING}（盖章）", HOUSING),
    (f"{HOUSING}(公章)", HOUSING),
    (f"{HOUSING}【印章】", HOUSING),
    (f"发布单位：{HOUSING}", HOUSING),
    (f"{HOUSING} 2022年10月17日", HOUSING),
    (f"{HOUSING}二〇二二年十月十七日", HOUSING),
    (f"{HOUSING} 2022.10.17", HOUSING),
    ("焦作市 住房和城乡建设局", HOUSING),  # blanks of OCR between Chinese characters
    ("焦作市住房和城乡建设局。", HOUSING),
    ("ＡＢＣ物业公司", "ABC物业公司"),  # full width folded
    ("2022年10月17日", None),
    ("局", None),
    ("", None),
    (None, None),
    ("施工期间请过往车辆绕行,注意安全。", None),  # a sentence
    ('<script>alert("x")</script>局', None),
    ("焦作市住建局/焦作市交警支队", None),  # two names: names_in reads them apart
    ("焦" * 41 + "局", None),
])
def test_a_name_is_written_one_way(written, expected):
    assert normalised(written) == expected
    if expected:
        assert normalised(expected) == expected  # a kept name is kept as it is


@pytest.mark.parametrize(("written", "strict", "expected"), [
    ("特此公告", True, None),  # a signature's other lines end like no issuer
    ("焦作日报", True, None),
    ("焦作日报", False, "焦作日报"),  # an operator's word for a source is taken as it is
    ("东平热力", True, "东平热力"),
])
def test_a_signature_name_must_end_like_an_issuer(written, strict, expected):
    assert normalised(written, strict=strict) == expected


@pytest.mark.parametrize(("line", "expected"), [
    (f"{HOUSING}、焦作市公安交通管理支队", [HOUSING, "焦作市公安交通管理支队"]),
    (f"{HOUSING}  焦作市公安交通管理支队", [HOUSING, "焦作市公安交通管理支队"]),
    (f"{HOUSING} 焦作市公安交通管理支队 2022年10月17日", [HOUSING, "焦作市公安交通管理支队"]),
    ("焦作市 住房和城乡建设局", [HOUSING]),
    (f"{HOUSING}、{HOUSING}（盖章）", [HOUSING]),
    ("2022年10月17日", []),
    ("", []),
])
def test_names_in_a_signature_line(line, expected):
    assert names_in(line) == expected


def test_issuers_are_the_signers_else_the_heading():
    signed = "关于封闭施工的通告\n\n龙源路10月18日起封闭施工。\n\n焦作市住房和城乡建设局\n焦作市公安交通管理支队\n2022年10月17日\n"
    assert issuers_of(signed, 0, len(signed), "关于封闭施工的通告") == (HOUSING, "焦作市公安交通管理支队")
    named = "闭馆期间暂停开放。\n"
    assert issuers_of(named, 0, len(named), "山西博物院关于闭馆的公告") == ("山西博物院",)
    news = "本报讯(记者杜玲)记者从市医保局获悉,缴费工作全面启动。\n"
    assert issuers_of(news, 0, len(news), "我市医保缴费开始") == ()
