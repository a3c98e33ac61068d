"""Calendar entries keep their identity: matching new items to stored events (store/identity.py).

Pure matching first (values worked out by hand), then the real extractor and the real store on
SQLite and PostgreSQL: an edited sentence, a paragraph inserted at the top, a new headline, a
withdrawn and restored notice, a reviewer's correction, and a perturbed extractor re-reading every
fixture and real notice (``../shared/eval/real``, skipped with a message where it is absent).
"""
from __future__ import annotations

import dataclasses
import itertools
import json
import random
import sys
from datetime import date
from pathlib import Path

import pytest

from calendar_service import ingest as ingest_module
from calendar_service.documents import read_notice
from calendar_service.extract import ExtractedEvent, Kind
from calendar_service.extract.events import make_uid
from calendar_service.store import list_events, review, withdraw_notice
from calendar_service.store.identity import THRESHOLD, Item, assign, bigrams, dice, match, similarity, unique_uid

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from gold import FIXTURES, HOLDOUT, REAL  # noqa: E402
from .support import T0, T1, T2  # noqa: E402

PUBLISHED = date(2022, 10, 18)
NOTICE = """关于龙源路等道路施工期间交通管制的通告

因城市道路改造工程需要，现将有关事项通告如下：
一、2022年10月20日至2022年12月31日，龙源路与山阳路交叉口实行半幅封闭施工，过往车辆请绕行。
二、2022年11月1日至2022年11月15日，人民路（解放路至建设路段）全封闭施工。
三、沿线商户请于2022年10月25日前到区住建局办理临时占道登记手续。
四、2022年10月22日9时至17时，塔南路停水。

焦作市城市管理局
2022年10月18日
"""
# an edit elsewhere (the headline: items' titles come from it) and a paragraph at the top: the
# extractor's own UIDs of all four items change with either
HEADLINE = NOTICE.replace("关于龙源路等道路施工期间交通管制的通告", "关于龙源路、人民路施工期间交通组织调整的补充通告")
PARAGRAPH = NOTICE.replace("因城市道路改造工程需要", "为方便市民出行，现提前公布施工安排。\n\n因城市道路改造工程需要")


def item(uid="u", kind="closure", title="龙源路半幅封闭施工", location="龙源路", start=date(2022, 10, 20),
         end=date(2022, 12, 31), source="2022年10月20日至12月31日，龙源路半幅封闭施工。", at=0) -> Item:
    return Item(uid, kind, title, location, start, end, source, at, at + len(source))


# --- pure matching ---------------------------------------------------------------------------------

def test_bigram_dice_by_hand():
    # 龙源路口 -> 龙源 源路 路口; 龙源路段 -> 龙源 源路 路段: 2 of 3 shared, 2*2/6
    assert dice(bigrams("龙源路口"), bigrams("龙源路段")) == pytest.approx(2 / 3)
    assert dice(bigrams("停水"), bigrams("停电")) == 0.0
    assert dice(bigrams(""), bigrams("")) == 0.0


def test_similarity_by_hand():
    same = item()
    assert similarity(item(uid="v"), same) == pytest.approx(1.0)  # 0.4 + 0.3 + 0.3, no UID bonus
    assert similarity(item(kind="period"), same) == 0.0
    # the same sentence moved 30 characters down with a new end date: source 1 (text), subject 1,
    # dates 0.5 (the start kept): 0.4 + 0.3 + 0.15
    moved = item(uid="v", end=date(2023, 1, 15), at=30)
    assert similarity(moved, same) == pytest.approx(0.85)
    # an unrelated closure of the same notice shares no bigram of subject or sentence and no day
    other = item(uid="v", title="塔南路停水", location="塔南路", start=date(2023, 3, 1), end=date(2023, 3, 2),
                 source="2023年3月1日至2日塔南路停水。", at=200)
    assert similarity(other, same) < THRESHOLD


def test_the_assignment_maximises_the_total_not_first_come():
    # first-come would give row 0 its best column 0 (0.9) and leave row 1 with 0.1: 1.0 in all;
    # the best assignment crosses: 0.8 + 0.85 = 1.65
    assert sorted(assign([[0.9, 0.8], [0.85, 0.1]])) == [(0, 1), (1, 0)]
    assert assign([[0.2, 0.7, 0.4]]) == [(0, 1)]
    assert assign([[0.2], [0.6], [0.4]]) == [(1, 0)]


@pytest.mark.parametrize("shape", [(3, 3), (2, 4), (4, 2), (5, 5)])
def test_the_assignment_is_as_good_as_trying_every_one(shape):
    rows, cols = shape
    generator = random.Random(f"{rows}x{cols}")
    for _ in range(200):
        # few distinct values, so that best pairs often compete and the shortcut must step aside
        scores = [[generator.choice((0.1, 0.4, 0.5, 0.9)) for _ in range(cols)] for _ in range(rows)]
        chosen = assign(scores)
        assert len(chosen) == min(rows, cols)
        assert len({r for r, _ in chosen}) == len({c for _, c in chosen}) == len(chosen)
        best = max(sum(scores[r][c] for r, c in (zip(range(rows), perm) if rows <= cols else zip(perm, range(cols))))
                   for perm in itertools.permutations(range(max(rows, cols)), min(rows, cols)))
        assert sum(scores[r][c] for r, c in chosen) == pytest.approx(best)


def test_reordered_items_with_altered_titles_keep_their_partners():
    a = item("a", title="龙源路与山阳路交叉口半幅封闭", location="龙源路与山阳路交叉口", at=0)
    b = item("b", title="人民路（解放路至建设路段）全封闭", location="人民路（解放路至建设路段）", at=50,
             source="2022年10月20日至12月31日，人民路全封闭施工。")
    fee = item("c", kind="deadline", title="办理临时占道登记", location=None, start=None, end=date(2022, 10, 25),
               source="请于2022年10月25日前办理临时占道登记手续。", at=100)
    new = [dataclasses.replace(fee, uid="x"),
           dataclasses.replace(b, uid="y", title="人民路全封闭（调整）", location="人民路解放路至建设路段"),
           dataclasses.replace(a, uid="z", title="交叉口半幅封闭（调整）", location="龙源路山阳路交叉口")]
    assert match(new, [a, b, fee]) == {0: 2, 1: 1, 2: 0}


def test_an_unrelated_item_is_not_matched():
    stored = item()
    new = item(uid="v", title="建设路全封闭", location="建设路", start=date(2023, 5, 1), end=date(2023, 5, 9),
               source="2023年5月1日至9日，建设路全封闭。", at=400)
    assert match([new], [stored]) == {}


def test_unique_uid():
    assert unique_uid("abc@cs", set()) == "abc@cs"
    assert unique_uid("abc@cs", {"abc@cs"}) == "abc-2@cs"
    assert unique_uid("abc@cs", {"abc@cs", "abc-2@cs"}) == "abc-3@cs"


# --- the real extractor and the real store ---------------------------------------------------------

def ingest(db, text: str, *, key: str = "jz/notice.txt", published: date = PUBLISHED, force: bool = False, now=None):
    return ingest_module.ingest_text(db, key, text, source=key, published=published, force=force, now=now)


def by_uid(db) -> dict:
    return {e.uid: e for e in list_events(db, unpublished=True)}


def vevents(body: bytes) -> dict[bytes, bytes]:
    """The VEVENT blocks of a feed by their UID line."""
    found = {}
    for block in body.split(b"BEGIN:VEVENT\r\n")[1:]:
        block = block.split(b"END:VEVENT\r\n")[0]
        uid = next(line for line in block.split(b"\r\n") if line.startswith(b"UID:"))
        found[uid[4:]] = block
    return found


def edited_feeds(app, client, edited: str) -> tuple[bytes, bytes]:
    db = app.extensions["calendar_db"]
    ingest(db, NOTICE, now=T0)
    before = client.get("/calendar.ics").data
    assert ingest(db, edited, now=T1).outcome == "updated"
    return before, client.get("/calendar.ics").data


def test_editing_one_sentence_changes_only_that_item_in_the_feed(app, client, ics_diff):
    before, after = edited_feeds(app, client, NOTICE.replace("2022年10月25日前", "2022年10月28日前"))
    old, new = vevents(before), vevents(after)
    assert len(old) == 4 and old.keys() == new.keys()
    changed = [uid for uid in old if old[uid] != new[uid]]
    assert len(changed) == 1
    assert b"DTSTART;VALUE=DATE:20221028" in new[changed[0]] and b"SEQUENCE:1" in new[changed[0]]
    assert b"SEQUENCE:" not in old[changed[0]] or b"SEQUENCE:0" in old[changed[0]]
    report = ics_diff(before, after)
    assert "0 error(s), 0 warning(s), 4 -> 4 VEVENTs" in report, report
    assert "added:" not in report and "removed:" not in report, report


def test_a_paragraph_inserted_at_the_top_changes_nothing_a_calendar_shows(app, client, ics_diff):
    # the extractor's own UIDs all change here (its subjects and ordinals move): matching keeps them
    before, after = edited_feeds(app, client, PARAGRAPH)
    assert vevents(before) == vevents(after)
    report = ics_diff(before, after)
    assert "0 error(s), 0 warning(s), 4 -> 4 VEVENTs" in report, report


def test_a_client_that_keeps_what_it_saw_sees_no_duplicate_across_edits(app, client, ics_diff, ics_keeping_client):
    """khal and calcurse keep entries that leave a feed: a UID that changed would leave a twin."""
    db = app.extensions["calendar_db"]
    feeds = []
    for n, text in enumerate((NOTICE, HEADLINE, PARAGRAPH.replace("关于龙源路等道路施工期间交通管制的通告",
                                                                 "关于龙源路、人民路施工期间交通组织调整的补充通告"))):
        ingest(db, text, now=[T0, T1, T2][n])
        feeds.append(client.get("/calendar.ics").data)
    report = ics_diff(feeds[0], feeds[1])  # the new headline: titles change, as updates of the same entries
    assert "0 error(s), 0 warning(s), 4 -> 4 VEVENTs" in report and "added:" not in report, report
    assert vevents(feeds[1]) == vevents(feeds[2])  # then a paragraph at the top: nothing
    seen = ics_keeping_client(*feeds)
    assert [item["uid"] for item in seen] == sorted(e.uid for e in list_events(db))
    assert {item["status"] for item in seen} == {"CONFIRMED"}
    assert len({(item["start"], item["end"]) for item in seen}) == 4


def test_a_new_headline_keeps_every_uid(db):
    """The issue's case: an edit elsewhere changes other items' titles (their subjects): the
    entries are updated (SEQUENCE 1), never cancelled and re-added."""
    ingest(db, NOTICE)
    first = by_uid(db)
    result = ingest(db, HEADLINE)
    assert (result.events.added, result.events.cancelled) == (0, 0)
    now = by_uid(db)
    assert now.keys() == first.keys()
    assert all(e.status == "confirmed" for e in now.values())
    assert {e.sequence for e in now.values()} <= {0, 1} and result.events.changed >= 1


def test_a_withdrawn_and_restored_notice_gets_its_uids_back(db):
    ingest(db, NOTICE)
    first = by_uid(db)
    withdraw_notice(db, "jz/notice.txt")
    assert {e.status for e in by_uid(db).values()} == {"cancelled"}
    result = ingest(db, NOTICE + "\n（重新发布）\n")  # the issuer puts it back
    assert (result.events.added, result.events.changed, result.events.cancelled) == (0, 4, 0)
    now = by_uid(db)
    assert now.keys() == first.keys()
    assert {uid: (e.status, e.sequence) for uid, e in now.items()} == {uid: ("confirmed", 2) for uid in first}


def test_a_removed_item_is_cancelled_and_a_new_one_added(db):
    ingest(db, NOTICE)
    first = by_uid(db)
    edited = NOTICE.replace("四、2022年10月22日9时至17时，塔南路停水。", "四、2022年11月20日，建设路全天停电。")
    result = ingest(db, edited)
    assert (result.events.added, result.events.cancelled) == (1, 1)
    now = by_uid(db)
    cancelled = [uid for uid, e in now.items() if e.status == "cancelled"]
    assert len(cancelled) == 1 and "塔南路" in now[cancelled[0]].title and cancelled[0] in first
    assert len(now) == 5 and set(first) < set(now)


def test_a_reviewers_correction_survives_a_re_extraction_under_the_same_uid(db):
    ingest(db, NOTICE)
    fee = next(e for e in by_uid(db).values() if e.kind == "deadline")
    corrected = ExtractedEvent(
        uid=fee.uid, kind=Kind.DEADLINE, title="临时占道登记截止", start=None,
        end=date(2022, 10, 26), all_day=True, location="区住建局", description=fee.description,
        confidence=fee.confidence, source=fee.source)
    assert review.edit_event(db, corrected) is True
    assert review.edit_event(db, corrected) is False  # nothing a calendar shows changed the second time
    ingest(db, PARAGRAPH)
    now = by_uid(db)
    assert len(now) == 4 and (now[fee.uid].title, now[fee.uid].end, now[fee.uid].sequence) == (
        "临时占道登记截止", date(2022, 10, 26), 1)


def _perturbed(real):
    """The extractor with titles and places altered and items in reverse order: its own UIDs change
    (they hash the subject); what it read from the notice (kinds, dates, sentences) does not."""
    def extract(text, published, *, file=None, notice_key="", **options):
        events = list(reversed(real(text, published, file=file, notice_key=notice_key, **options)))
        out = []
        for n, e in enumerate(events):
            title = "（更新）" + e.title[1:]
            location = e.location[:-1] + "一带" if e.location else e.location
            out.append(dataclasses.replace(e, title=title, location=location,
                                           uid=make_uid(notice_key, e.kind, title, n)))
        return out
    return extract


def _identity(event) -> tuple:
    return (event.kind, event.start, event.end, event.source.start, event.source.end)


def _notices(folder: Path) -> list[tuple[str, str, date]]:
    found = []
    for txt in sorted(folder.glob("*.txt")):
        gold = json.loads(txt.with_suffix(".gold.json").read_text(encoding="utf-8"))
        found.append((txt.name, read_notice(txt.read_bytes(), str(txt)), date.fromisoformat(gold["published"])))
    return found


def _reextract_keeps_every_uid(db, monkeypatch, notices):
    refused = {}
    for name, text, published in notices:
        try:
            ingest(db, text, key=name, published=published)
        except ingest_module.NotStored as exc:
            refused[name] = str(exc)
    assert not refused, f"ingest refused: {refused}"
    first = {e.uid: _identity(e) for e in list_events(db, unpublished=True)}
    monkeypatch.setattr(ingest_module.extraction, "extract", _perturbed(ingest_module.extraction.extract))
    added = cancelled = 0
    for name, text, published in notices:
        result = ingest(db, text, key=name, published=published, force=True)
        added, cancelled = added + result.events.added, cancelled + result.events.cancelled
    now = {e.uid: _identity(e) for e in list_events(db, unpublished=True)}
    lost = {uid: first[uid] for uid in first if now.get(uid) != first[uid]}
    assert (added, cancelled, lost) == (0, 0, {})
    assert len(first) >= 100
    return len(first)


def test_a_perturbed_extractor_keeps_every_uid_of_the_fixture_notices(db, monkeypatch):
    _reextract_keeps_every_uid(db, monkeypatch, _notices(FIXTURES) + _notices(HOLDOUT))


@pytest.mark.skipif(not REAL.is_dir(), reason=f"real notices not beside the checkout: {REAL} is absent")
def test_a_perturbed_extractor_keeps_every_uid_of_the_real_notices(db, monkeypatch):
    assert _reextract_keeps_every_uid(db, monkeypatch, _notices(REAL)) >= 400
