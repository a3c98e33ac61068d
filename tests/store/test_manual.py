"""Items made by hand at the desk (store/manual.py), on SQLite and PostgreSQL: added, split, merged,
and what a re-extraction of the notice does to them (nothing)."""
from __future__ import annotations

import dataclasses
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from calendar_service.errors import EventNotFound, InvalidInput
from calendar_service.extract import Category, ExtractedEvent, Kind, SourceRef
from calendar_service.store import (NoticeDraft, ReviewPolicy, content_hash, event_by_uid, list_events, revision,
                                    save_notice, withdraw_notice)
from calendar_service.store import manual, review
from calendar_service.store.history import changes_of
from calendar_service.store.rendered import feed_events

from .support import T0, T1, T2

SHANGHAI = ZoneInfo("Asia/Shanghai")
T3 = T0 + timedelta(hours=3)
DESK = ReviewPolicy(threshold=0.6, publish=False)
#: a notice the extractor reads nothing from (no date it can place), and one sentence of it
EMPTY = "关于人民公园东门临时关闭的通知\n因设施维修，人民公园东门将于本月二十日前后临时关闭，具体时间另行通知。\n人民公园管理处"
SENTENCE = "因设施维修，人民公园东门将于本月二十日前后临时关闭，具体时间另行通知。"
#: one sentence joining two roads, which the extractor read as one item
ROADS = "关于道路施工的通告\n因管网改造，2022年10月20日至10月25日人民路、建设路封闭施工，请绕行。"
ROADS_SENTENCE = "因管网改造，2022年10月20日至10月25日人民路、建设路封闭施工，请绕行。"


def draft(text: str, key: str) -> NoticeDraft:
    return NoticeDraft(key=key, text=text, content_hash=content_hash(text), published=date(2022, 10, 18), source=key)


def item(title: str, start, end, *, text: str = EMPTY, sentence: str = SENTENCE, uid: str = "ignored",
         kind: Kind = Kind.CLOSURE, category: Category = Category.VENUE, location: str | None = "人民公园东门",
         confidence: float = 1.0) -> ExtractedEvent:
    at = text.index(sentence)
    timed = isinstance(start or end, datetime)
    return ExtractedEvent(uid=uid, kind=kind, title=title, start=start, end=end, all_day=not timed,
                          location=location, description="", confidence=confidence,
                          source=SourceRef("park.txt", sentence, at, at + len(sentence)), category=category)


def road(uid: str = "roads", **changes) -> ExtractedEvent:
    base = item("人民路、建设路封闭施工", date(2022, 10, 20), date(2022, 10, 25), text=ROADS, sentence=ROADS_SENTENCE,
                uid=uid, category=Category.ROAD, location="人民路、建设路", confidence=0.9)
    return dataclasses.replace(base, **changes)


def states(db, key: str) -> dict[str, tuple[str, str, bool]]:
    return {r.event.uid: (r.review, r.event.status, r.manual) for r in review.notice_for_review(db, key).events}


def test_an_item_added_to_a_notice_without_items_waits_for_publishing_then_is_public_and_rendered(db):
    save_notice(db, draft(EMPTY, key="park.txt"), [], now=T0, review=DESK)
    before = revision(db)
    uid = manual.add_item(db, "park.txt", item("人民公园东门临时关闭", date(2022, 10, 20), date(2022, 10, 21)), now=T1)
    assert revision(db) > before
    assert uid.endswith("@calendar-service") and len(uid.partition("@")[0]) == 24
    assert states(db, "park.txt") == {uid: ("approved", "confirmed", True)}
    assert event_by_uid(db, uid) is None  # a person made it; publishing the notice shows it
    assert review.publish_notice(db, "park.txt", now=T2) == 1
    shown = event_by_uid(db, uid)
    assert (shown.title, shown.start, shown.end, shown.all_day, shown.sequence) == (
        "人民公园东门临时关闭", date(2022, 10, 20), date(2022, 10, 21), True, 0)
    assert (shown.category, shown.source.text, shown.source.start) == ("venue", SENTENCE, 16)
    [feed] = feed_events(db)
    assert feed.uid == uid and feed.vevent is not None  # rendered when stored, as ingest renders
    assert f"UID:{uid}".encode() in feed.vevent and b"DTEND;VALUE=DATE:20221022" in feed.vevent


def test_a_timed_item_keeps_its_hours_and_zone(db):
    save_notice(db, draft(EMPTY, key="park.txt"), [], now=T0, review=DESK)
    start, end = datetime(2022, 10, 20, 8, 30, tzinfo=SHANGHAI), datetime(2022, 10, 20, 17, 0, tzinfo=SHANGHAI)
    uid = manual.add_item(db, "park.txt", item("东门关闭", start, end), now=T1)
    review.publish_notice(db, "park.txt", now=T2)
    shown = event_by_uid(db, uid)
    assert (shown.start.isoformat(), shown.end.isoformat(), shown.all_day) == (
        "2022-10-20T08:30:00+08:00", "2022-10-20T17:00:00+08:00", False)
    assert b"DTSTART;TZID=Asia/Shanghai:20221020T083000" in feed_events(db)[0].vevent


def test_two_items_of_one_title_get_two_uids(db):
    save_notice(db, draft(EMPTY, key="park.txt"), [], now=T0, review=DESK)
    first = manual.add_item(db, "park.txt", item("东门关闭", date(2022, 10, 20), None), now=T1)
    second = manual.add_item(db, "park.txt", item("东门关闭", date(2022, 10, 27), None), now=T1)
    assert first != second and second == first.replace("@", "-2@")


def test_re_extraction_neither_cancels_nor_duplicates_an_added_item(db):
    save_notice(db, draft(EMPTY, key="park.txt"), [], now=T0, review=DESK)
    uid = manual.add_item(db, "park.txt", item("人民公园东门临时关闭", date(2022, 10, 20), date(2022, 10, 21)), now=T1)
    review.publish_notice(db, "park.txt", now=T1)
    save_notice(db, draft(EMPTY, key="park.txt"), [], now=T2, force=True, review=DESK)  # still nothing found
    assert states(db, "park.txt") == {uid: ("published", "confirmed", True)}
    # a better extractor finds the same item: it is the added one, not a second entry
    found = item("人民公园东门临时关闭", date(2022, 10, 20), None, uid="extracted-1", confidence=0.7)
    save_notice(db, draft(EMPTY, key="park.txt"), [found], now=T3, force=True, review=DESK)
    assert states(db, "park.txt") == {uid: ("published", "confirmed", True)}
    assert event_by_uid(db, uid).end == date(2022, 10, 21) and event_by_uid(db, uid).sequence == 0


def test_an_unrelated_extracted_item_is_added_beside_the_hand_made_one(db):
    save_notice(db, draft(EMPTY, key="park.txt"), [], now=T0, review=DESK)
    uid = manual.add_item(db, "park.txt", item("人民公园东门临时关闭", date(2022, 10, 20), date(2022, 10, 21)), now=T1)
    other = item("人民公园门票预约截止", None, date(2022, 11, 30), uid="fees-1", kind=Kind.DEADLINE,
                 sentence="人民公园管理处", location=None)
    save_notice(db, draft(EMPTY + "\n", key="park.txt"), [other], now=T2, review=DESK)
    assert states(db, "park.txt") == {uid: ("approved", "confirmed", True),
                                      "fees-1": ("approved", "confirmed", False)}
    save_notice(db, draft(EMPTY, key="park.txt"), [], now=T3, review=DESK)  # the extracted one went away
    assert states(db, "park.txt") == {uid: ("approved", "confirmed", True),
                                      "fees-1": ("approved", "cancelled", False)}


def test_withdrawal_cancels_an_added_item_and_a_new_text_brings_it_back(db):
    save_notice(db, draft(EMPTY, key="park.txt"), [], now=T0)
    uid = manual.add_item(db, "park.txt", item("东门关闭", date(2022, 10, 20), None), now=T0)
    review.publish_notice(db, "park.txt", now=T0)
    withdraw_notice(db, "park.txt", now=T1)
    assert event_by_uid(db, uid).status == "cancelled"
    with pytest.raises(InvalidInput, match="已撤回"):
        manual.add_item(db, "park.txt", item("西门关闭", date(2022, 10, 20), None), now=T1)
    save_notice(db, draft(EMPTY + "（更正）", key="park.txt"), [], now=T2)
    assert (event_by_uid(db, uid).status, event_by_uid(db, uid).sequence) == ("confirmed", 2)


def test_a_split_keeps_the_uid_for_one_part_and_gives_the_other_a_new_one(db):
    save_notice(db, draft(ROADS, key="roads.txt"), [road()], now=T0)  # public at once (ingest)
    first = road(title="人民路封闭施工", location="人民路")
    second = road(title="建设路封闭施工", location="建设路", start=date(2022, 10, 22))
    new = manual.split_item(db, "roads", first, second, now=T1)
    assert new != "roads"
    kept, part = event_by_uid(db, "roads"), event_by_uid(db, new)
    assert (kept.title, kept.location, kept.start, kept.sequence) == ("人民路封闭施工", "人民路", date(2022, 10, 20), 1)
    assert [c.fields for c in changes_of(db, "roads")] == [
        {"title": ("人民路、建设路封闭施工", "人民路封闭施工"), "location": ("人民路、建设路", "人民路")}]
    # the other part is public at once (the item was), as a first version
    assert (part.title, part.start, part.end, part.sequence, part.category) == (
        "建设路封闭施工", date(2022, 10, 22), date(2022, 10, 25), 0, "road")
    assert states(db, "roads.txt") == {"roads": ("published", "confirmed", False), new: ("published", "confirmed", True)}
    # the extractor still reads one item: it stays the kept part, and the other part stays
    save_notice(db, draft(ROADS, key="roads.txt"), [road(uid="again")], now=T2, force=True)
    assert {e.uid: (e.title, e.status) for e in list_events(db)} == {
        "roads": ("人民路封闭施工", "confirmed"), new: ("建设路封闭施工", "confirmed")}


def test_a_split_of_an_unpublished_item_waits_for_publishing_too(db):
    save_notice(db, draft(ROADS, key="roads.txt"), [road(confidence=0.3)], now=T0, review=DESK)
    new = manual.split_item(db, "roads", road(title="人民路封闭施工"), road(title="建设路封闭施工"), now=T1)
    assert states(db, "roads.txt") == {"roads": ("approved", "confirmed", False), new: ("approved", "confirmed", True)}
    assert review.publish_notice(db, "roads.txt", now=T2) == 2


def test_a_merge_keeps_one_uid_over_both_spans_and_cancels_the_other(db):
    east = road(uid="east", title="人民路东段封闭", start=date(2022, 10, 20), end=date(2022, 10, 22))
    west = road(uid="west", title="人民路西段封闭", start=date(2022, 10, 23), end=date(2022, 10, 25))
    save_notice(db, draft(ROADS, key="roads.txt"), [east, west], now=T0)
    manual.merge_items(db, "east", "west", title="人民路封闭", now=T1)
    kept, gone = event_by_uid(db, "east"), event_by_uid(db, "west")
    assert (kept.title, kept.start, kept.end, kept.status, kept.sequence) == (
        "人民路封闭", date(2022, 10, 20), date(2022, 10, 25), "confirmed", 1)
    assert (gone.status, gone.sequence) == ("cancelled", 1)  # a normal cancellation for subscribers
    assert b"STATUS:CANCELLED" in {f.uid: f.vevent for f in feed_events(db)}["west"]
    assert states(db, "roads.txt") == {"east": ("published", "confirmed", False),
                                       "west": ("rejected", "cancelled", False)}
    # the extractor reads both halves again: the merge stands
    save_notice(db, draft(ROADS, key="roads.txt"), [east, west], now=T2, force=True)
    assert {e.uid: (e.title, e.end, e.status) for e in list_events(db)} == {
        "east": ("人民路封闭", date(2022, 10, 25), "confirmed"), "west": ("人民路西段封闭", date(2022, 10, 25), "cancelled")}


def test_a_merge_of_an_open_ended_and_a_timed_item_is_open_ended_and_all_day(db):
    timed = road(uid="night", start=datetime(2022, 10, 21, 22, 0, tzinfo=SHANGHAI),
                 end=datetime(2022, 10, 22, 6, 0, tzinfo=SHANGHAI), all_day=False)
    open_ended = road(uid="open", start=date(2022, 10, 24), end=None)
    save_notice(db, draft(ROADS, key="roads.txt"), [timed, open_ended], now=T0)
    manual.merge_items(db, "night", "open", now=T1)
    kept = event_by_uid(db, "night")
    assert (kept.start, kept.end, kept.all_day, kept.title) == (date(2022, 10, 21), None, True, "人民路、建设路封闭施工")


@pytest.mark.parametrize(("keep", "other", "message"), [
    ("east", "east", "不能把事项和它自己合并"),
    ("east", "elsewhere", "只能合并同一则公告的事项"),
    ("east", "refused", "已驳回或已取消的事项不能合并"),
])
def test_merges_a_person_should_not_make_are_refused_and_change_nothing(db, keep, other, message):
    save_notice(db, draft(ROADS, key="roads.txt"), [road(uid="east"), road(uid="refused", title="另一条路")], now=T0)
    save_notice(db, draft("别的公告", key="other.txt"), [road(uid="elsewhere")], now=T0)
    review.decide(db, "refused", approve=False, now=T0)
    before = revision(db)
    with pytest.raises(InvalidInput, match=message):
        manual.merge_items(db, keep, other, now=T1)
    assert revision(db) == before and event_by_uid(db, "east").sequence == 0


def test_splitting_a_cancelled_item_and_unknown_items_are_refused(db):
    save_notice(db, draft(ROADS, key="roads.txt"), [road()], now=T0)
    review.decide(db, "roads", approve=False, now=T1)
    with pytest.raises(InvalidInput, match="不能拆分"):
        manual.split_item(db, "roads", road(), road(), now=T2)
    with pytest.raises(EventNotFound):
        manual.merge_items(db, "roads", "nope", now=T2)
    with pytest.raises(EventNotFound):
        manual.split_item(db, "nope", road(), road(), now=T2)
