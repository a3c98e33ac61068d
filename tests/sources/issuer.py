"""The issuer's site the source tests poll: a list page with two pages of article links, articles
in UTF-8 and GBK, one whose notice is an attached PDF, one a Word file, one a PNG (rendered from
Chinese text with a CJK font, read back by OCR), an RSS feed, and pages that misbehave.

Each notice's dates, road and kind are written here once; the tests check what the service made
of them against these words (read by a person: see ``EXPECTED``)."""
from __future__ import annotations

import io
import random
from functools import cache

from .website import HTML, Site

FONT = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
LINKS = r"/gongkai/\d{4}/t\d+\.html$"
ROBOTS = "User-agent: *\nDisallow: /private/\n"

ROAD = ("关于龙源路与山阳路交叉口封闭施工的通告",
        "为加快城市建设，我局决定于2022年10月18日至2023年1月1日对龙源路与山阳路交叉口实施半幅封闭施工，"
        "施工期间请过往车辆绕行。")
WATER = ("关于人民路沿线停水的通知",
         "因供水管网改造，定于2022年10月25日8:00至20:00对人民路沿线暂停供水，请用户提前做好储水准备。")
POWER = ("关于解放路沿线计划停电的通知",
         ["因线路检修，定于2022年11月8日8:00至18:00对解放路沿线计划停电。", "届时请用户做好准备。"])
FEES = ("关于城乡居民医疗保险集中缴费的通知",
        ["2023年度城乡居民医疗保险集中缴费期为即日起至2022年12月25日。", "请参保居民在截止日期前缴费。"])
SCAN = ("关于建设路封闭施工的通告",
        ["因雨污管网改造，定于2022年11月5日至", "2022年11月20日对建设路实施全封闭施工，", "请过往车辆绕行。",
         "焦作市交通运输局", "2022年11月1日"])
HEATING = ("关于2022-2023年供暖季开始供暖的通知",
           "今冬供暖期为2022年11月15日至2023年3月15日，请热用户做好准备。")
CONCERT = ("关于举办市民音乐会的公告", "市民音乐会定于2022年11月12日19:30在人民公园露天剧场举行。")


def article(title: str, body: str, *, published: str | None = None, extra: str = "", charset: str = "utf-8") -> str:
    """An article page as issuers' sites make them: navigation, the notice, a footer."""
    meta = f'<meta name="PubDate" content="{published} 09:30">' if published else ""
    paragraphs = "".join(f"<p>{line}</p>" for line in body.split("\n"))
    return (f'<!doctype html><html><head><meta charset="{charset}"><title>{title}_焦作市人民政府</title>{meta}</head>'
            f'<body><div class="nav"><a href="/">首页</a> | <a href="/gongkai/index.html">通知公告</a></div>'
            f'<div class="article"><h1>{title}</h1><div class="content">{paragraphs}{extra}</div></div>'
            f'<div class="footer"><p>主办：焦作市人民政府办公室 版权所有</p><p>网站标识码 4108000001</p></div>'
            f'</body></html>')


def list_page(entries: list[tuple[str, str, str]], next_page: str | None = None) -> str:
    items = "".join(f'<li><a href="{href}">{title}</a><span>{day}</span></li>' for href, title, day in entries)
    more = f'<a href="{next_page}">下一页</a>' if next_page else ""
    return (f'<!doctype html><html><head><meta charset="utf-8"><title>通知公告</title></head><body>'
            f'<div class="nav"><a href="/">首页</a></div><ul class="list">{items}</ul><div class="pages">{more}</div>'
            f'</body></html>')


def png(lines: list[str], *, size: int = 40) -> bytes:
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(FONT, size)
    image = Image.new("L", (size * 24, size * 2 + int(size * 1.6) * len(lines)), 255)
    draw = ImageDraw.Draw(image)
    for n, line in enumerate(lines):
        draw.text((size, size + int(size * 1.6) * n), line, font=font, fill=0)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def pdf(lines: list[str]) -> bytes:
    from fpdf import FPDF

    document = FPDF()
    document.add_page()
    document.add_font("wqy", "", FONT, collection_font_number=0)
    document.set_font("wqy", size=14)
    for line in lines:
        document.cell(0, 10, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(document.output())


def scanned_pdf(lines: list[str]) -> bytes:
    """A PDF with no text layer: one page that is a picture of the notice."""
    from fpdf import FPDF

    document = FPDF()
    document.add_page()
    document.image(io.BytesIO(png(lines, size=64)), x=10, y=10, w=190)
    return bytes(document.output())


def docx(title: str, lines: list[str]) -> bytes:
    import docx as word

    document = word.Document()
    document.add_heading(title, level=1)
    for line in lines:
        document.add_paragraph(line)
    table = document.add_table(rows=2, cols=2)
    for (row, col), text in {(0, 0): "缴费渠道", (0, 1): "截止日期", (1, 0): "银行网点", (1, 1): "2022年12月25日"}.items():
        table.cell(row, col).text = text
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@cache
def files() -> dict[str, bytes]:
    """The rendered documents, made once per test session (rendering takes a second)."""
    big = ("<html><body>" + "公告" * (10 * 1024 * 1024 // 6) + "</body></html>").encode()  # 10 MB of UTF-8
    return {"pdf": pdf([POWER[0], *POWER[1]]), "docx": docx(FEES[0], FEES[1]), "png": png(SCAN[1]), "big": big,
            "binary": random.Random(11).randbytes(200_000)}


def build(site: Site) -> None:
    """The whole site (call again after changing nothing: the same bytes)."""
    site.put("/robots.txt", ROBOTS, content_type="text/plain")
    site.put("/gongkai/index.html", list_page([
        ("/gongkai/2022/t101.html", ROAD[0], "2022-10-17"),
        ("/gongkai/2022/t102.html", WATER[0], "2022-10-20"),
        ("/gongkai/2022/t103.html", POWER[0], "2022-11-01"),
        ("/about.html", "关于我们", ""),  # not an article: the pattern leaves it out
    ], next_page="/gongkai/index_1.html"), etag='"list-1"')
    site.put("/gongkai/index_1.html", list_page([
        ("/gongkai/2022/t104.html", FEES[0], "2022-10-10"),
        ("/gongkai/2022/t105.html", SCAN[0], "2022-11-01"),
    ]))
    site.put("/gongkai/2022/t101.html", article(*ROAD, published="2022-10-17"), etag='"t101-1"')
    site.put("/gongkai/2022/t102.html", article(*WATER, published="2022-10-20", charset="gbk").encode("gbk"),
             content_type="text/html")  # no charset in the header: the page's <meta> says GBK
    site.put("/gongkai/2022/t103.html", article(POWER[0], "详见附件。", published="2022-11-01",
                                                extra='<p>附件：<a href="/files/t103.pdf">停电通知.pdf</a></p>'))
    site.put("/files/t103.pdf", files()["pdf"], content_type="application/octet-stream")
    site.put("/gongkai/2022/t104.html", article(FEES[0], "现将有关事项通知如下，详见附件。", published="2022-10-10",
                                                extra='<p><a href="/files/t104.docx">缴费通知.docx</a></p>'))
    site.put("/files/t104.docx", files()["docx"],
             content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    site.put("/gongkai/2022/t105.html", article(SCAN[0], "", published="2022-11-01",
                                                extra='<p><img src="/files/t105.png" alt="通告"></p>'))
    site.put("/files/t105.png", files()["png"], content_type="image/png")
    site.put("/rss.xml", rss(site, [("/news/n1.html", HEATING, "Mon, 07 Nov 2022 08:00:00 +0800"),
                                    ("/news/n2.html", CONCERT, "Tue, 08 Nov 2022 10:00:00 +0800")]),
             content_type="application/rss+xml; charset=utf-8")
    site.put("/news/n1.html", article(*HEATING))  # no <meta> date: the feed's pubDate is the notice's
    site.put("/news/n2.html", article(*CONCERT))
    site.put("/private/notice.html", article(*ROAD))
    site.put("/slow.html", article(*ROAD), hang=True)
    site.put("/flaky.html", article(*WATER, published="2022-10-20"), failures=[500])
    site.put("/big.html", files()["big"])
    site.put("/big-unannounced.html", files()["big"], declare_length=False)  # the size shows only while reading
    site.put("/binary.html", files()["binary"])  # served as text/html


def rss(site: Site, items: list[tuple[str, tuple[str, str], str]]) -> str:
    entries = "".join(f"<item><title>{title}</title><link>{site.url(path)}</link><guid>{site.url(path)}</guid>"
                      f"<pubDate>{day}</pubDate><description>{body[:20]}</description></item>"
                      for path, (title, body), day in items)
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>焦作市公告</title>'
            f'<link>{site.url("/")}</link><description>公告</description>{entries}</channel></rss>')


__all__ = ["HTML", "build"]
