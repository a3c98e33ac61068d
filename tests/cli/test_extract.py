"""`calendar-service extract`: the JSON contract (DESIGN.md), table output, bad files in a batch."""
import json
from pathlib import Path

from click.testing import CliRunner

from calendar_service.cli import main

SEED = Path(__file__).resolve().parents[2] / "notices" / "jiaozuo-daily-2022-10-18.txt"
CONTRACT_FIELDS = {"uid", "kind", "title", "start", "end", "all_day", "location", "description",
                   "confidence", "source"}


def run(*args):
    return CliRunner().invoke(main, list(args))


def test_json_has_the_contract_fields():
    result = run("extract", str(SEED), "--published", "2022-10-18", "--format", "json")
    assert result.exit_code == 0, result.output
    events = json.loads(result.stdout)
    assert len(events) == 5
    text = SEED.read_text(encoding="utf-8")
    for e in events:
        assert CONTRACT_FIELDS <= set(e)
        assert e["kind"] in {"closure", "deadline", "service_change", "period", "event"}
        assert set(e["source"]) == {"file", "text", "start", "end"}
        # the offsets point at the sentence (column breaks aside) in the file
        assert text[e["source"]["start"]:e["source"]["end"]].replace("\n", "") == e["source"]["text"]
    service = next(e for e in events if e["kind"] == "service_change")
    assert service["end"] is None  # open-ended


def test_uids_are_stable_across_runs_and_differ_between_items():
    a = json.loads(run("extract", str(SEED), "--published", "2022-10-18", "--format", "json").stdout)
    b = json.loads(run("extract", str(SEED), "--published", "2022-10-18", "--format", "json").stdout)
    assert [e["uid"] for e in a] == [e["uid"] for e in b]
    assert len({e["uid"] for e in a}) == len(a)


def test_edited_dates_keep_the_uid(tmp_path):
    notice = tmp_path / "n.txt"
    notice.write_text("定于2022年10月20日至25日对人民路封闭施工。", encoding="utf-8")
    before = json.loads(run("extract", str(notice), "--published", "2022-10-18", "--format", "json").stdout)
    notice.write_text("定于2022年10月22日至30日对人民路封闭施工。", encoding="utf-8")
    after = json.loads(run("extract", str(notice), "--published", "2022-10-18", "--format", "json").stdout)
    assert before[0]["uid"] == after[0]["uid"]
    assert before[0]["end"] != after[0]["end"]


def test_published_is_inferred_and_reported_on_stderr():
    result = run("extract", str(SEED), "--format", "json")
    assert result.exit_code == 0
    assert "published 2022-10-17" in result.stderr and "signature" in result.stderr
    assert len(json.loads(result.stdout)) >= 5


def test_bad_files_are_named_and_the_others_still_processed(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(range(256)))
    result = run("extract", str(empty), str(SEED), str(binary), str(tmp_path / "missing.txt"),
                 "--published", "2022-10-18", "--format", "json")
    assert result.exit_code != 0
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 3
    assert any("empty.txt" in line and "empty" in line for line in errors)
    assert any("image.txt" in line and "binary" in line for line in errors)
    assert any("missing.txt" in line for line in errors)
    assert len(json.loads(result.stdout)) == 5


def test_table_is_aligned():
    result = run("extract", str(SEED), "--published", "2022-10-18", "--format", "table")
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["kind", "start", "end", "title", "location"]
    from calendar_service.cli.table import display_width
    # every row's second column starts at the same display column
    starts = {display_width(line[:line.index("20")]) for line in lines[2:]}
    assert len(starts) == 1
    assert any("龙源路与山阳路" in line for line in lines)


def test_bad_published_date_is_a_usage_error():
    result = run("extract", str(SEED), "--published", "2022-13-45")
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.output


def test_the_console_script_runs_extract_without_click_and_prints_what_the_group_prints():
    import subprocess
    import sys
    probe = ("import os, sys\n"
             "leave = os._exit  # the script ends the process itself, once all is written\n"
             "os._exit = lambda code: (print('CLICK LOADED', 'click' in sys.modules, file=sys.stderr),\n"
             "                         sys.stderr.flush(), leave(code))\n"
             f"sys.argv = ['calendar-service', 'extract', {str(SEED)!r}, '--published', '2022-10-18', "
             "'--format', 'json']\n"
             "from calendar_service.cli import run\nrun()\n")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "CLICK LOADED False" in done.stderr
    through_group = run("extract", str(SEED), "--published", "2022-10-18", "--format", "json")
    assert json.loads(done.stdout) == json.loads(through_group.stdout)


def test_help_of_extract_is_its_own_parsers_with_an_example():
    result = run("extract", "--help")
    assert result.exit_code == 0
    assert "--published YYYY-MM-DD" in result.stdout and "Example:\n  calendar-service extract" in result.stdout
