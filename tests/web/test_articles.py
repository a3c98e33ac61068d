"""One notice page per article of a newspaper page (issue 12, item 5). The seed page holds nine
articles under "#" headings (the three "##" sections of "焦作:唱响高质量发展主旋律" are sections of it,
the two "###" boxed notices are notices of their own); each gets /notices/<key>/<n>, titled by its
own headline, and each event page links to its article."""
from __future__ import annotations

import re

import pytest


PAGE = "/notices/jiaozuo-daily-2022-10-18.txt"
HEADLINES = ["西大井1919大型铜雕《觉醒》落成亮相", "焦作:唱响高质量发展主旋律", "我市2023年度城乡居民医保缴费开始",
             "新河商务区高压线路归并改造工程 龙源路综合舱龙源路与山阳路交叉口 半封闭施工公告", "我市医保业务办理有变化",
             "新河商务区高压线路归并改造工程 龙源路综合舱龙源路与民主路交叉口 半封闭施工公告",
             "农商行焦作分行 多措并举助力小微企业纾困解难", "支持稳住经济大盘 焦作银行保险业助企纾困在行动",
             "河南理工大学喜获省级 教学技能大赛多个奖项"]


def html(client, path: str):
    response = client.get(path, headers={"Accept": "text/html"})
    return response, response.get_data(as_text=True)


def test_the_page_lists_its_nine_articles_with_links(client, seed):
    response, page = html(client, PAGE)
    assert response.status_code == 200 and "<h1>迎盛会 献礼二十大 · 9 篇</h1>" in page
    contents = re.findall(r'<li><a href="/notices/jiaozuo-daily-2022-10-18\.txt/(\d+)">([^<]+)</a>', page)
    assert contents == [(str(n), h) for n, h in enumerate(HEADLINES, 1)]
    assert "本版文章（9 篇）" in page and "本版全文" in page


def test_an_article_page_has_its_own_headline_text_items_and_neighbours(client, seed):
    response, page = html(client, PAGE + "/4")
    assert response.status_code == 200
    assert f"<h1>{HEADLINES[3]}</h1>" in page and f"<title>{HEADLINES[3]} ·" in page
    assert "第 4 篇，共 9 篇" in page and f'<a href="{PAGE}">迎盛会 献礼二十大 · 9 篇</a>' in page
    items = re.findall(r'class="item-title" href="/events/[^"]+">([^<]+)</a>', page)
    assert items == ["龙源路与山阳路交叉口东侧机动车道半幅封闭施工"]
    assert "从公告中提取的事项（1）" in page
    text = page[page.index('class="notice-text"'):]
    assert "根据龙源路综合舱施工安排" in text and "龙源路与民主路" not in text and "医保" not in text
    assert f'href="{PAGE}/3" rel="prev"' in page and f'href="{PAGE}/5" rel="next"' in page


def test_sections_belong_to_their_article(client, seed):
    _, page = html(client, PAGE + "/2")
    assert "<h1>焦作:唱响高质量发展主旋律</h1>" in page
    assert "<h3>高质量发展的路子更清晰更明确</h3>" in page and "<h3>高质量发展的成效更显著更明显</h3>" in page
    assert "从公告中提取的事项（0）" in page and "唱响高质量发展主旋律</h3>" not in page
    first, last = html(client, PAGE + "/1")[1], html(client, PAGE + "/9")[1]
    assert 'rel="prev"' not in first and 'rel="next"' not in last


def test_each_event_page_links_to_its_article(client, seed):
    home = client.get("/").get_data(as_text=True)
    expected = {"龙源路与山阳路交叉口东侧机动车道半幅封闭施工": 4, "龙源路与民主路交叉口东侧机动车道及慢车道封闭盾构顶进施工": 6,
                "服务大厅窗口暂不提供线下经办服务": 5, "医保待遇享受期": 3}
    for title, n in expected.items():
        uid = re.search(rf'href="/events/([^"]+)">[^<]*{title}', home).group(1)
        _, page = html(client, f"/events/{uid}")
        assert f'<dt>来源</dt><dd><a href="{PAGE}/{n}">{HEADLINES[n - 1]}</a>' in page, title
        assert f'<a href="{PAGE}/{n}">查看整篇文章</a>' in page


@pytest.mark.parametrize("number", ["0", "10", "99999", "01", "x"])
def test_an_article_that_is_not_there_is_a_chinese_404(client, seed, number):
    response, page = html(client, f"{PAGE}/{number}")
    assert response.status_code == 404 and ("没有找到这篇文章" in page or "没有找到这则公告" in page)


def test_a_notice_of_one_article_has_no_article_pages(client, publish):
    publish("one.txt", dict(uid="one@test", title="人民路封闭"), text="关于人民路封闭的通告\n\n人民路封闭。\n")
    response, page = html(client, "/notices/one.txt")
    assert response.status_code == 200 and "本版文章" not in page and "<h1>关于人民路封闭的通告</h1>" in page
    assert html(client, "/notices/one.txt/1")[0].status_code == 404
    _, event = html(client, "/events/one@test")
    assert '<a href="/notices/one.txt">' in event


def test_a_notice_whose_own_key_ends_in_a_number_wins(client, publish):
    text = "# 甲\n\n甲文。\n\n# 乙\n\n乙文。\n"
    publish("paper.txt", dict(uid="p@test", title="甲"), text=text)
    publish("paper.txt/2", dict(uid="q@test", title="另一则"), text="另一则公告\n\n正文。\n")
    assert "<h1>另一则公告</h1>" in html(client, "/notices/paper.txt/2")[1]
    assert "<h1>甲</h1>" in html(client, "/notices/paper.txt/1")[1]
