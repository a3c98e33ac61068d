"""Places named in notices: roads and their segments, junctions, facilities, power lines, venues."""
from __future__ import annotations

import re
from functools import lru_cache
from .chars import HAN, NAME_CHAR, NAME_START

# "在市发改委第二会议室(香港中路11号)举行…": a venue phrase before the verb
VENUE = re.compile(r"在([^,。在]{2,30}?)(?=举行|举办|召开|开展|进行|展出|演出|上演|组织)")
# 路 ends a road's name, but not in 公交路线, 游行路线 or 路面湿滑 (中山路线缆, 人民路面层 keep theirs),
# nor in Taiwan's 網路 (the network) or a cable's 杆路
_LU = "(?<![网杆])路(?!线(?!缆|杆|路)|况|面(?!层))"
_SUFFIXES = ("服务中心 工业园 产业园 科技园 体育场 交叉口 体育馆 游泳池 泳池 动物园 植物园 隧道 新村 新区 区域 大学 学院 中学(?!业) 小学(?!业) 幼儿园 机场 大厅 校区 园区 大街 景区 立交 家园 公园 小区 学校 "
             f"花园 大道 路口 广场 社区 胡同 高速 中心 礼堂 车站 市场(?!监管|监督|主体|秩序|准入) 路段 片区 码头 医院 街道 剧院 {_LU} 巷 馆 村 邨 苑 街 "
             "镇 站 楼(?!层) 桥").split()  # 高楼层 is a storey, not a building
# 里: a Taiwan village or neighbourhood (三鹿里), never 阿里山 or 里程, nor 公里, 这里 (_NOT_A_PLACE)
_SUFFIXES.append("里(?![山程面边头外内弄巷河湖坡桥庄屯铺堡营沟塘港村])")
# 街道 before 街, 路段 before 路: longest word first, whatever lookahead follows it
_PLACE_SUFFIX = "(?:" + "|".join(sorted(_SUFFIXES, key=lambda w: len(w.split("(?")[0]), reverse=True)) + ")"
_NAME = NAME_CHAR
# a place name does not start with a number, nor with the 线 of "2号线前门站"
# (nor with what follows a year's 年: "2024年度…小区", "2024年初中学业…")
_NAME_START = r"(?<![A-Za-z0-9号])(?!(?<=年)[度初底末])" + NAME_START
# 道 alone names a road in Hong Kong (弥敦道, 轩尼诗道), never after the words it ends otherwise
_ROAD = rf"(?:{_LU}|街(?!道|办)|大道|大街|巷|胡同|高速|公路|大桥|桥|隧道|(?<![报知渠频轨味管赛通人街车跑隧栈引匝航坡步地改占绕让便走行])道(?![路理德具歉别]))"
JUNCTION = re.compile(rf"({_NAME}{{1,10}}?{_ROAD})(?:与|和|、)({_NAME}{{1,8}}?{_ROAD})"
                       rf"(?:交叉口|路口|交汇处|十字路口|丁字路口)?")
SEGMENT = re.compile(rf"({_NAME}{{1,10}}?{_ROAD})(\({_NAME}{{1,10}}?(?:至|到|-|—){_NAME}{{1,12}}\))?")
# Hong Kong and Macao name a stretch of road by the two places it lies between: "介乎崗陵街與臘八街
# 之間的一段馬大臣街", "龍翔道(東行)介乎大磡道與斧山道的全線", Macao's "打鐵斜巷與綠豆圍之間的一段下環街";
# the whole phrase is the place
_BETWEEN = (rf"(?:介乎[^与,。]{{2,12}}?|(?<![^\s,。;:、(]){_NAME_START}{_NAME}{{1,11}}?)与[^与,。]{{2,12}}?之间的?(?:一段|部分)?"
            rf"{_NAME}{{1,10}}?(?:{_ROAD}|走廊|干线|通道|天桥)(?:\([^()]{{1,10}}\))?"
            rf"|{_NAME_START}{_NAME}{{0,9}}?{_ROAD}(?:\([^()]{{1,6}}\)|[东南西北]行)?介乎[^与,。]{{2,12}}?与[^与,。]{{2,12}}?"
            rf"(?:之间)?的(?:一段|全线|路段)(?:行车道|行车线|车道)?")
BETWEEN = re.compile(_BETWEEN)
_PLACE = re.compile(rf"({_NAME_START}{_NAME}{{0,11}}?{_PLACE_SUFFIX})()")
# a place word right after a place goes on with it: "社区" + "服务中心", and a settlement named
# after a road or a bridge ("岔路" + "镇", "和平路" + "小区")
# (and a road's own parts: "肖家坝大道" + "连接线", "北四环" + "辅路")
_MORE = re.compile(r"(?:连接线|辅路|主路|匝道|引道|服务中心|中心|大厅|大楼|分馆|分中心|办事处|营业厅|广场|公园|镇|乡|村|社区|街道|小区|新村|花园|家园|城区|站)")
_POWER_LINE = re.compile(r"()((?:" + HAN + r"{1,6}(?:站|变))?\s*\d+\s*(?:千伏|kV|KV|kv|Kv)\s*(?:[^\W_]|#){1,8}?(?:线|回|支线)(?:\d+#?(?:杆|台区))?)")
# words that cannot be inside a place name: the name starts after the last of them
# Single characters that often sit inside names (前门站, 和平路, 外环路, 至善路) cut only where a
# function word precedes them ("对", "至", "起"): the cut is at the last such word.
_NOT_IN_PLACE = re.compile(r"^.*(?:周[一二三四五六日天末]|星期[一二三四五六日天]|根据|按照|依据|依照|参照|配合|影响|波及|(?:上|下)?半年|年度|年初|年底|年末|今年|明年|去年|当年|本年|对|在|于|将|从|自(?!由路)|经(?!济|开|营|贸)|是|为|了|的|期间|施工|实施|进行|计划|定于|办理|"
                           r"其中|以及|及|或|目前|已经|已|完成|正在|停止|暂停|暂时|包括|涉及|即将|例如|拟|亦|且|要|做好|我们|所属|今日|昨日|明日|按|可|此次|不得|超过|使用|时段|留意|确保|开放|公示|我校|本校|(?<!自)由|如(?!意)|占用|分段|停用|中断|上跨|参加|申报|上传至|往(?!来)|时间|日期|请|本市|我市|全市|本区|我区|本县|我县|以内|以外|市民(?!中心|之家|服务中心|广场|公园)|车辆|行人|广大|需要|因|结合|门前|附近|以前|以后|之前|之后|"
                           r"周边|范围|区域|地点|位置|线路|封闭|管制|禁止|绕行|通行|上午|下午|晚上|全天|当天|当日|届时|:|"
                           r"到|向|去|前往|通过|受|不含|导语|预计|估计|以(?![色上下])|登录|登陆|选择|方便|熟悉|携带|带上|凭|持|迁至|迁往|搬至|\d+年度?|"
                           r"(?<=[日时号])(?:至|到|起|前|后)|(?<=[路街道巷桥站村镇区县市口段])(?:至|到|起|和|与|往|向|等))")
# A one-character suffix needs a name of two characters before it: 开馆, 网站, 一楼 are not places.
_NOT_A_PLACE = re.compile(r"(?:开|闭|休|停|建|进|出|入)(?:馆|园|站|店|楼)$|网站$|(?:封|绕|改|修)路$|(?:公|这|那|哪|家|心|城|夜|千|万|百|十|邻)里$"
                          r"|^(?:和|及|与|或|的|等|其)(?:路|街|道|巷)$")  # "管制时间和路段": 和路 is no road
_NOT_PLACES = {"封路", "绕路", "改路", "修路", "上路", "开馆", "闭馆", "网站", "环路", "一楼", "二楼", "三楼", "车站", "本站", "该站", "全站", "上街", "逛街",
               "全馆", "全园", "全校", "士站", "原路"}  # (士站: what is left of 的士站; 原路退票: back the way it was paid)
_VAGUE_PLACE = re.compile(r"^分(?:片|区)|以下|如下|下列|上述|相关|部分|周边|有关|所有|各|^每|全市|全区|全县|这些|那些|哪些|其他|其它|本市|我市|本区|我区|本县|我县|该")
_GENERIC_PLACES = {"公路", "高速", "高速公路", "大桥", "路段", "道路", "街道", "中心", "社区", "小区", "区域",
                   "片区", "大厅", "服务中心", "窗口", "景区", "学校", "医院", "校区", "园区", "路口", "游泳池", "泳池",
                   "中小学", "中学", "小学", "大学", "学院", "幼儿园",
                   # kinds of places, not one: "镇村线路", "城镇居民", "宾馆酒店", "到社区服务站办理"
                   "农村", "城镇", "镇村", "乡村", "宾馆", "酒店", "商场", "超市", "场馆", "地铁站", "服务站", "市场"}


# What a text must hold for each reading to match anywhere in it: far faster to look for than the
# readings themselves, which try every start of a name
_HINTS = {JUNCTION: re.compile(_ROAD), SEGMENT: re.compile(_ROAD), _POWER_LINE: re.compile(r"千伏|[kK][vV]"),
          _PLACE: re.compile(_PLACE_SUFFIX)}


@lru_cache(maxsize=8192)
def find_place(text: str) -> str | None:
    """The venue ("在人民广场开展…"), else the place named first in text: a junction, a road and its
    segment, a power line, a village, a facility (at one position, the longer reading wins)."""
    venue = VENUE.search(text)
    if venue and len(venue.group(1)) <= 16:
        return venue.group(1)
    candidates: list[tuple[int, int, int, str]] = [(m.start(), m.end(), -1, m.group())
                                                  for m in BETWEEN.finditer(text)][:1] if "介乎" in text or "之间" in text else []
    for rank, rx in enumerate((JUNCTION, SEGMENT, _POWER_LINE, _PLACE)):
        if not _HINTS[rx].search(text):
            continue  # the word each reading ends in is not in the text (most texts name no place)
        for m in rx.finditer(text):
            name = _name_in(text, m.start(1), m.end(1))
            if rx is JUNCTION:
                place = name + m.group()[len(m.group(1)):]
            else:
                place = name + (m.group(2) or "")
                if rx is _PLACE or rx is SEGMENT and not m.group(2):
                    while (more := _MORE.match(text, m.start(1) + len(m.group(1)) + len(place) - len(name))):
                        place += more.group()
            if len(place) >= 2 and place not in _GENERIC_PLACES and place not in _NOT_PLACES \
                    and not place.isdigit() and not _VAGUE_PLACE.search(place) and not _NOT_A_PLACE.search(place):
                at = m.end(1) - len(name)
                candidates.append((at, at + len(place), rank, place))
                break
    if not candidates:
        return None
    candidates.sort()
    first = candidates[0]
    # "迎胜站10KV科山线" over "迎胜站": at one place, the longest reading
    # (a reading that starts later, inside the first, does not cut its head off: "黄龙体育中心…道路"
    # is not "龙体育中心…道路")
    overlapping = [c for c in candidates if c[0] == first[0]]
    best = max(overlapping, key=lambda c: (c[1] - c[0], -c[2]))
    # "长春新区的长德新区": the place of a place is the narrower one
    if text.startswith("的", best[1]) and (inner := find_place(text[best[1] + 1:best[1] + 24])) \
            and text.startswith(inner, best[1] + 1):
        return inner
    return best[3]


def _name_in(text: str, start: int, end: int) -> str:
    """text[start:end] from where a name may start. A reading is at most a dozen characters long, so
    its start may fall inside a word that cannot be in a name ("影|响大园区南港里塔脚一路"): a word
    across the start cuts it too."""
    own = name_start(text[start:end])
    wider = name_start(text[max(0, start - 3):end])
    return wider if len(wider) < len(own) else own


def name_start(text: str) -> str:
    """`text` from where a place's name may start: after the last word that cannot be inside one
    ("对", "在", "我市", "期间" …)."""
    return _NOT_IN_PLACE.sub("", text)


# The ways one kind of place is called: "水泊梁山风景区" is "水泊梁山景区"
_SAME_KIND = re.compile(r"(?:风景名胜区|风景区|旅游区|旅游景区|景区)$")


def same_place(a: str, b: str) -> bool:
    """Whether two names of places name one place, more or less fully ("湖口乡东兴村" and "东兴村")."""
    a, b = _SAME_KIND.sub("景区", a), _SAME_KIND.sub("景区", b)
    return a in b or b in a
