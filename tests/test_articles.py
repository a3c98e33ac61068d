"""The articles of a stored notice (calendar_service/articles.py): the seed page as a reader sees it
(nine articles: sections folded into theirs, boxed notices apart, the banner in none) and every
item the extractor reads from it inside the article it stands in."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from calendar_service.articles import article_at, articles_of, issuers_at, several
from calendar_service.extract import extract

SEED = Path(__file__).resolve().parents[1] / "notices" / "jiaozuo-daily-2022-10-18.txt"
SIGNERS = ("焦作市住房和城乡建设局", "焦作市公安交通管理支队")


def test_the_seed_page_is_nine_articles():
    text = SEED.read_text(encoding="utf-8")
    articles = articles_of(text)
    assert several(articles) and [a.number for a in articles] == list(range(1, 10))
    assert articles[1].heading == "焦作:唱响高质量发展主旋律"
    assert "## 高质量发展的成效更显著更明显" in text[articles[1].start:articles[1].end]  # a section of it
    assert text[articles[3].start:].startswith("### 新河商务区")  # a boxed notice: its own article
    assert [a.issuers for a in articles] == [(), (), (), SIGNERS, (), SIGNERS, (), (), ()]
    assert article_at(articles, text.index("迎盛会")) is None  # the banner is in no article
    assert all(a.end == b.start for a, b in zip(articles, articles[1:])) and articles[-1].end == len(text)


def test_every_seed_item_stands_in_its_article():
    text = SEED.read_text(encoding="utf-8")
    articles = articles_of(text)
    found = {e.title: article_at(articles, e.source.start).number for e in extract(text, date(2022, 10, 18))}
    assert found["龙源路与山阳路交叉口东侧机动车道半幅封闭施工"] == 4
    assert found["龙源路与民主路交叉口东侧机动车道及慢车道封闭盾构顶进施工"] == 6
    assert {n for title, n in found.items() if "医保" in title} == {3, 5}


def test_a_notice_is_one_article_and_its_source_names_who_the_signature_does_not():
    text = "关于人民路封闭的通告\n\n人民路10月24日起封闭。\n"
    (article,) = articles_of(text)
    assert (article.number, article.start, article.end, article.issuers) == (1, 0, len(text), ())
    assert issuers_at((article,), 5, "焦作市城市管理局、焦作市交警支队") == ("焦作市城市管理局", "焦作市交警支队")
    one_heading = "芜湖日报 2025年12月16日\n\n# 缴费进入倒计时\n正文\n"
    assert not several(articles_of(one_heading))
