"""`calendar-service ingest`, `events`, `db upgrade` and `notice withdraw`, on SQLite and PostgreSQL.

The events come from tests/fake_extractor.py (written into each notice), so these tests say what
ingest does with whatever the extractor finds; two tests at the end run the real extractor.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

import fake_extractor
from calendar_service.cli import main
from calendar_service.store import Database, head_revision, known_notices
from calendar_service.store import notices as store_notices
from calendar_service.store.models import Event
from fake_extractor import notice

FIXTURES = Path(__file__).parent / "fixtures" / "notices"
EXTRACT_FIELDS = {"uid", "kind", "title", "start", "end", "all_day", "location", "description", "confidence",
                  "source"}


@pytest.fixture
def cli(database_url, monkeypatch):
    """cli(*args) runs calendar-service against the test database with the fake extractor."""
    fake_extractor.install(monkeypatch)
    runner = CliRunner()

    def run(*args: str):
        return runner.invoke(main, [str(a) for a in args], env={"CALENDAR_DATABASE_URL": database_url},
                             catch_exceptions=False)

    run.url = database_url
    return run


def events(cli, *args: str) -> dict[str, dict]:
    result = cli("events", "--format", "json", *args)
    assert result.exit_code == 0, result.output
    return {e["uid"]: e for e in json.loads(result.stdout)}


def uid(key: str, item: str) -> str:
    return fake_extractor.uid(key, item)


@pytest.fixture
def folder(tmp_path):
    root = tmp_path / "notices"
    (root / "sub").mkdir(parents=True)
    (root / "a.txt").write_text(notice("road|closure|龙源路半幅封闭|2022-10-18|2023-01-01|龙源路",
                                       "fee|deadline|医保缴费|2022-10-18|2022-12-25|"), encoding="utf-8")
    (root / "sub" / "b.txt").write_text(notice("hall|service_change|服务大厅暂停线下服务|2022-10-17||"),
                                        encoding="utf-8")
    (root / "notes.md").write_text("not a notice", encoding="utf-8")
    return root


def test_it_ingests_a_folder_and_sums_up(cli, folder):
    result = cli("ingest", folder)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == (
        "notices: new 2, updated 0, unchanged 0, failed 0; events: added 3, changed 0, cancelled 0")
    stored = events(cli)
    assert set(stored) == {uid("a.txt", "road"), uid("a.txt", "fee"), uid("sub/b.txt", "hall")}
    road = stored[uid("a.txt", "road")]
    assert EXTRACT_FIELDS <= road.keys()
    assert (road["sequence"], road["status"], road["notice_id"], road["end"]) == (0, "confirmed", "a.txt", "2023-01-01")


def test_an_unchanged_reingest_changes_nothing(cli, folder):
    cli("ingest", folder)
    before = events(cli)
    result = cli("ingest", folder)
    assert result.stdout.splitlines()[-1] == (
        "notices: new 0, updated 0, unchanged 2, failed 0; events: added 0, changed 0, cancelled 0")
    assert cli("ingest", "--force", folder).stdout.splitlines()[-1].startswith("notices: new 0, updated 0, unchanged 2")
    assert events(cli) == before


def test_an_edited_notice_updates_the_same_entries(cli, folder):
    cli("ingest", folder)
    (folder / "a.txt").write_text(notice("road|closure|龙源路半幅封闭|2022-10-18|2023-01-15|龙源路",
                                         "new|event|说明会|2022-10-20|2022-10-20|"), encoding="utf-8")
    result = cli("ingest", folder)
    assert result.stdout.splitlines()[-1] == (
        "notices: new 0, updated 1, unchanged 1, failed 0; events: added 1, changed 1, cancelled 1")
    stored = events(cli)
    assert (stored[uid("a.txt", "road")]["sequence"], stored[uid("a.txt", "road")]["end"]) == (1, "2023-01-15")
    assert (stored[uid("a.txt", "fee")]["status"], stored[uid("a.txt", "fee")]["sequence"]) == ("cancelled", 1)
    assert stored[uid("sub/b.txt", "hall")]["sequence"] == 0


def test_failing_files_are_reported_and_skipped_with_nothing_half_written(cli, folder, monkeypatch):
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02\xff" * 20)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "trips.txt").write_text(notice("x|event|活动|2022-10-20||") + "@fail\n", encoding="utf-8")
    (folder / "undated.txt").write_text("公告正文，没有日期。\n", encoding="utf-8")
    (folder / "z_rolled_back.txt").write_text(notice("x|event|活动|2022-10-20||", "y|event|活动二|2022-10-21||"),
                                              encoding="utf-8")
    bump = store_notices.bump_revision

    def failing_bump(session, now):  # rows of the notice are flushed, then the database refuses
        session.flush()
        if session.scalar(select(Event.uid).where(Event.uid == uid("z_rolled_back.txt", "x"))):
            raise IntegrityError("INSERT …", {}, Exception("refused by the test"))
        bump(session, now)

    monkeypatch.setattr(store_notices, "bump_revision", failing_bump)
    result = cli("ingest", folder)
    assert result.exit_code == 1
    assert result.stdout.splitlines()[-1] == (
        "notices: new 2, updated 0, unchanged 0, failed 5; events: added 3, changed 0, cancelled 0")
    errors = result.stderr
    for name, reason in [("binary.txt", "binary file"), ("empty.txt", "empty file"),
                         ("trips.txt", "extraction failed: RuntimeError"), ("undated.txt", "--published"),
                         ("z_rolled_back.txt", "not stored: refused by the test")]:
        assert f"error: {folder / name}: " in errors and reason in errors, (name, errors)
    database = Database(cli.url)
    try:
        assert set(known_notices(database, ["a.txt", "sub/b.txt", "z_rolled_back.txt", "trips.txt"])) == {
            "a.txt", "sub/b.txt"}
    finally:
        database.dispose()
    assert not any(e["notice_id"] == "z_rolled_back.txt" for e in events(cli).values())


def test_an_explicit_id_names_the_notice(cli, folder):
    result = cli("ingest", folder / "a.txt", "--id", "notice-42")
    assert result.exit_code == 0, result.output
    assert {e["notice_id"] for e in events(cli).values()} == {"notice-42"}
    assert cli("ingest", folder, "--id", "x").exit_code == 2
    assert "exactly one file" in cli("ingest", folder / "a.txt", folder / "sub" / "b.txt", "--id", "x").output


def test_identities_are_relative_to_the_ingest_root(cli, tmp_path):
    for part in ("x", "y"):
        (tmp_path / part).mkdir()
        (tmp_path / part / "a.txt").write_text(notice(f"{part}|event|活动|2022-10-20||"), encoding="utf-8")
    result = cli("ingest", tmp_path / "x", tmp_path / "y")
    assert result.exit_code == 1 and "is already taken by" in result.stderr
    assert result.stdout.splitlines()[-1].startswith("notices: new 1, updated 0, unchanged 0, failed 1")
    result = cli("ingest", "--root", tmp_path, tmp_path / "x", tmp_path / "y", tmp_path / "y" / "a.txt")
    assert result.stdout.splitlines()[-1].startswith("notices: new 2, updated 0, unchanged 0, failed 0")
    assert {e["notice_id"] for e in events(cli).values()} >= {"x/a.txt", "y/a.txt"}


def test_a_single_file_is_known_by_its_name(cli, folder):
    cli("ingest", folder / "sub" / "b.txt")
    assert cli("ingest", folder / "sub").stdout.splitlines()[-1].startswith("notices: new 0, updated 0, unchanged 1")


def test_a_new_publication_date_reextracts(cli, folder):
    cli("ingest", folder / "a.txt")
    assert cli("ingest", folder / "a.txt", "--published", "2022-10-18").stdout.startswith(
        "notices: new 0, updated 0, unchanged 1")
    result = cli("ingest", folder / "a.txt", "--published", "2022-10-19")
    assert result.stdout.startswith("notices: new 0, updated 1, unchanged 0, failed 0; events: added 0, changed 2")


def test_a_progress_bar_only_for_more_than_a_handful_of_files(cli, tmp_path):
    for i in range(6):
        (tmp_path / f"n{i}.txt").write_text(notice(), encoding="utf-8")
    assert "ingest" in cli("ingest", tmp_path).stderr
    said = cli("ingest", tmp_path / "n0.txt", tmp_path / "n1.txt").stderr
    assert len(said.splitlines()) == 1 and said.startswith("database: ")  # which store, and no progress bar


def test_events_are_listed_by_kind_days_and_text(cli, folder):
    cli("ingest", folder)
    assert set(events(cli, "--kind", "deadline")) == {uid("a.txt", "fee")}
    assert set(events(cli, "--from", "2022-12-26")) == {uid("a.txt", "road"), uid("sub/b.txt", "hall")}
    assert set(events(cli, "--to", "2022-10-17")) == {uid("sub/b.txt", "hall")}
    assert set(events(cli, "--q", "龙源路")) == {uid("a.txt", "road")}
    table = cli("events", "--format", "table", "--notice", "a.txt").stdout
    assert table.splitlines()[0].split() == ["status", "kind", "start", "end", "title", "location", "seq", "notice"]
    assert "龙源路半幅封闭" in table and "服务大厅" not in table
    assert "(没有找到事件" in cli("events", "--format", "table", "--q", "没有这个词").stdout
    assert cli("events", "--from", "2022-13-01").exit_code == 2


def test_withdrawing_a_notice_cancels_its_events(cli, folder):
    cli("ingest", folder)
    result = cli("notice", "withdraw", "a.txt")
    assert (result.exit_code, result.stdout.strip()) == (0, "notice a.txt: withdrawn; events: cancelled 2")
    assert {e["status"] for e in events(cli, "--notice", "a.txt").values()} == {"cancelled"}
    assert cli("ingest", folder).stdout.splitlines()[-1].startswith("notices: new 0, updated 0, unchanged 2")
    missing = cli("notice", "withdraw", "nope.txt")
    assert missing.exit_code == 1 and "no notice 'nope.txt'" in missing.stderr


def test_the_schema_is_applied_by_db_upgrade_and_required_for_reading(cli):
    result = cli("events")
    assert result.exit_code == 1 and "calendar-service db upgrade" in result.stderr
    head = head_revision()  # the newest migration, whichever it is
    assert cli("db", "upgrade").stdout.endswith(f"schema {head} (upgraded from empty)\n")
    assert cli("db", "upgrade").stdout.endswith(f"schema {head} (already up to date)\n")
    assert json.loads(cli("events", "--format", "json").stdout) == []


def _fixture_folder(tmp_path: Path) -> Path:
    sources = sorted(FIXTURES.glob("*.txt")) or sorted((FIXTURES.parents[2] / "notices").glob("*.txt"))
    folder = tmp_path / "real"
    folder.mkdir()
    for path in sources[:8]:
        (folder / path.name).write_bytes(path.read_bytes())
    return folder


def test_the_real_extractor_ingests_fixtures_idempotently(database_url, tmp_path):
    folder = _fixture_folder(tmp_path)
    runner = CliRunner()

    def run(*args):
        return runner.invoke(main, [str(a) for a in args], env={"CALENDAR_DATABASE_URL": database_url},
                             catch_exceptions=False)

    first = run("ingest", folder).stdout.splitlines()[-1]
    stored = run("events", "--format", "json").stdout
    new = int(first.split("new ")[1].split(",")[0])
    failed = int(first.split("failed ")[1].split(";")[0])
    assert new + failed == len(list(folder.glob("*.txt")))
    assert run("ingest", folder).stdout.splitlines()[-1] == (
        f"notices: new 0, updated 0, unchanged {new}, failed {failed}; events: added 0, changed 0, cancelled 0")
    assert run("ingest", "--force", folder).stdout.splitlines()[-1].startswith(f"notices: new 0, updated 0, unchanged {new}")
    assert run("events", "--format", "json").stdout == stored
    for item in json.loads(stored):
        assert EXTRACT_FIELDS | {"sequence", "status", "notice_id"} <= item.keys()
        assert (item["sequence"], item["status"]) == (0, "confirmed")


def test_a_notice_past_the_extraction_budget_is_refused_and_the_others_are_stored(database_url, tmp_path):
    """Issue 15: ingest bounds the time extraction takes on one notice (CALENDAR_EXTRACT_BUDGET_SECONDS)."""
    (tmp_path / "long.txt").write_text("关于龙源路施工的通告\n" + "根据施工安排，2022年10月18日至2023年1月1日对"
                                       "龙源路与山阳路交叉口半幅封闭施工。\n" * 4000, encoding="utf-8")
    (tmp_path / "short.txt").write_text("关于人民路施工的通告\n2022年10月20日至10月30日人民路封闭施工。\n",
                                        encoding="utf-8")
    result = CliRunner().invoke(main, ["ingest", str(tmp_path), "--published", "2022-10-17"],
                                env={"CALENDAR_DATABASE_URL": database_url, "CALENDAR_EXTRACT_BUDGET_SECONDS": "0.1"})
    assert result.exit_code == 1, result.output
    assert f"error: {tmp_path / 'long.txt'}: not read: took too long to read: the reading budget ran out " \
           f"(0.1 s; CALENDAR_EXTRACT_BUDGET_SECONDS)" in result.stderr.splitlines()
    assert "notices: new 1," in result.stdout
