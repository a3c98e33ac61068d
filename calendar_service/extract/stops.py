"""What words say is stopped: a supply or a road (STOPS_HERE), what a span of works brings "during"
it or "then" (期间, 届时), and a stop said to be under way as the notice is written (现已暂时关闭, or
said undated before its reopening), for the items that sentences and their neighbours give."""
from __future__ import annotations

import re

from .clauses import substance

STOPS_HERE = re.compile(r"停水|停电|停气|停暖|停止供|暂停供|封闭|封路|管制")

# "…于2025年12月5日至2027年4月30日开展综合提升。项目实施期间,市博物馆暂停对外开放。": what the span
# means for residents is said in the next sentence, of "that time"
# "施工期间,…暂停对外开放"; "届时,张庄路…将会停水": what the span before brings
_DURING_THAT = re.compile(r"^\s*+(?:(?:[^,。;!?\d]{0,10}?)期间|(?P<then>届时))\s*+,?\s*+(?P<what>[^。;!?]+)")
_WORKS = re.compile(r"提升|改造|施工|维修|维护|整修|修缮|升级|护养|检修|装修|建设|改建|扩建|作业|迁改|迁建|抢修|更换|合口|切换")
# (a stop of supply or road, as STOPS_HERE; or a place shut: 暂停开放, 闭馆, 停业, 禁止…通行)
CLOSED_THEN = re.compile(rf"{STOPS_HERE.pattern}|暂停(?:对外)?开放|闭馆|停止开放|暂停营业|停业|禁止(?:车辆|机动车|行人)?通行")


def works_in(sentence: str) -> bool:
    return bool(_WORKS.search(sentence))


def closed_during(next_sentence: str) -> tuple[str, bool] | None:
    """The clause of the sentence after a span that says something is closed "during" it, if it
    does: the works' own item ("项目实施期间,…暂停对外开放"), or a second one beside a race's or an
    exam's ("比赛期间,赛道沿线道路禁止车辆通行"); and whether it said so "then" (届时), of whatever the
    span was."""
    during = _DURING_THAT.match(next_sentence)
    if during is None or not CLOSED_THEN.search(during.group("what")):
        return None
    return during.group("what").strip(" ,"), bool(during.group("then"))


# "该游泳池现已暂时关闭", "人民路目前已封闭", "幸福小区现已停水": a stop under way as the notice is written
# (现/目前 say it is so now: "报名系统已关闭", "去年已停运的公交12路" only say it was done)
_CLOSED_NOW = re.compile(rf"(?:现已|现|目前已?|现在已?)\s*+(?:暂时|临时|全面|全部|紧急)?\s*+(?:{CLOSED_THEN.pattern}|关闭|闭园|"
                         r"停运|停航|停驶|中断|停止(?:运营|运行|服务|通行)|暂停(?:服务|运营|通行))"
                         r"|供应\s*+(?:现已|已经?|现)?\s*+(?:暂停|中断|停止)")  # "沖廁水供應暫停", Hong Kong's word


def closed_now(before: str, said_before: str) -> tuple[str, int] | None:
    """Where a stop is said to be under way: in the words `before` a reopening, or in the sentence
    before it; the text and the offset it is said at."""
    for text in (before, said_before):
        if hit := _CLOSED_NOW.search(text):
            return text, hit.start()
    return None


def undated_stop(before: str) -> tuple[str, int] | None:
    """Where the words before a sentence's first date say a stop, outside its reasons ("…用户停水或降压
    供水,预计今天22点…恢复供水"; not "由于停电检修,营业厅…恢复营业", nor "停水期间请储水,…恢复")."""
    hit = next((h for h in STOPS_HERE.finditer(substance(before)) if not _STOP_TIME_WORD.match(before, h.end())), None)
    return (before, hit.start()) if hit else None


_STOP_TIME_WORD = re.compile(r"\s*+(?:期间|前|后|时|的)")
