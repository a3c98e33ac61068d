"""The regex cache of one-shot commands: patterns come back identical, damage costs only time."""
import marshal
import os
import re
import re._compiler
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

from calendar_service.cli import regex_cache

SEED = Path(__file__).resolve().parents[2] / "notices" / "jiaozuo-daily-2022-10-18.txt"


def fresh(template: str) -> str:
    """A pattern ``re`` has not compiled (and cached in memory) in this process yet."""
    return template.replace("TAG", uuid.uuid4().hex)


def test_patterns_from_the_file_match_as_freshly_compiled_ones(tmp_path):
    path = tmp_path / "regex.marshal"
    pattern = fresh(r"TAG|(?P<road>[^\W\d_]{2,6}?路)(?:与(?P<cross>[一-龥]{2,6}?路))?交叉口")
    with regex_cache.kept(path):
        re.compile(pattern, re.I)
    assert (pattern, int(re.I)) in marshal.loads(path.read_bytes())

    re.purge()
    with regex_cache.kept(path):
        cached = re.compile(pattern, re.I)
    fresh_compile = re._compiler.compile(pattern, re.I)  # the hook is gone again
    text = "人民路与解放路交叉口封闭; 建设路交叉口"
    assert [m.groupdict() for m in cached.finditer(text)] == [m.groupdict() for m in fresh_compile.finditer(text)]
    assert cached.match(text).group("road", "cross") == ("人民路", "解放路")
    assert (cached.flags, cached.groups, cached.groupindex) == (fresh_compile.flags, 2, {"road": 1, "cross": 2})


def test_the_hook_is_removed_after_the_block(tmp_path):
    before = re._compiler.compile
    with regex_cache.kept(tmp_path / "regex.marshal"):
        assert re._compiler.compile is not before
    assert re._compiler.compile is before


def test_a_damaged_file_is_replaced_and_nothing_fails(tmp_path):
    path = tmp_path / "regex.marshal"
    path.write_bytes(b"\x00not marshal at all\xff" * 10)
    pattern = fresh(r"TAG(\d+)月")
    with regex_cache.kept(path):
        assert re.compile(pattern).pattern == pattern
    assert (pattern, 0) in marshal.loads(path.read_bytes())


def test_code_the_engine_refuses_is_compiled_afresh(tmp_path):
    # A file from another build of the same Python version: _sre.compile validates the code.
    path = tmp_path / "regex.marshal"
    pattern = fresh(r"TAG(\d{1,2})日")
    path.write_bytes(marshal.dumps({(pattern, 0): (32, [999, 1, 2, 3], 0, {}, (None,))}))
    with regex_cache.kept(path):
        compiled = re.compile(pattern)
    assert compiled.search(f"{pattern[:32]}12日").group(1) == "12"
    assert marshal.loads(path.read_bytes())[(pattern, 0)][1] != [999, 1, 2, 3]


def test_an_unwritable_place_only_costs_the_saving(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("a file, not a directory")
    with regex_cache.kept(blocker / "sub" / "regex.marshal"):
        assert re.compile(fresh(r"TAG\d")).search("x") is None


def test_the_console_script_writes_the_cache_and_prints_the_same_events(tmp_path):
    script = shutil.which("calendar-service", path=os.path.dirname(sys.executable))
    assert script, "the console script is installed beside the interpreter (pip install -e .)"
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path), "PYTHONDONTWRITEBYTECODE": "1"}
    command = [script, "extract", str(SEED), "--published", "2022-10-18", "--format", "json"]
    first = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    files = list((tmp_path / "calendar-service").glob("regex-*.marshal"))
    assert len(files) == 1 and len(marshal.loads(files[0].read_bytes())) > 100
    second = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    assert second.stdout == first.stdout and '"title"' in first.stdout
    # PYTHONDONTWRITEBYTECODE: the modules' bytecode is kept in the cache folder, not beside them
    kept = list((tmp_path / "calendar-service" / "pycache").rglob("pipeline*.pyc"))
    assert kept and all("calendar_service" in str(p) for p in kept)


def test_bytecode_is_left_to_python_where_it_may_write_it(monkeypatch):
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    monkeypatch.setattr(sys, "pycache_prefix", None)
    regex_cache.keep_bytecode()
    assert sys.pycache_prefix is None and sys.dont_write_bytecode is False


def test_bytecode_goes_to_the_cache_folder_where_python_may_not_write_beside_the_sources(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    monkeypatch.setattr(sys, "pycache_prefix", None)
    regex_cache.keep_bytecode()
    assert sys.pycache_prefix == str(tmp_path / "calendar-service" / "pycache")
    assert sys.dont_write_bytecode is False


def test_word_lists_are_kept_parsed_and_read_afresh_once_edited(tmp_path, monkeypatch):
    from calendar_service import tables

    path = tmp_path / "regex.marshal"
    lists = tmp_path / "words.toml"
    lists.write_text('cues = [["停水", 1.0]]\n', encoding="utf-8")
    module = str(tmp_path / "reader.py")  # load_table reads beside the module that asks
    with regex_cache.kept(path):
        assert tables.load_table(module, "words.toml") == {"cues": [["停水", 1.0]]}
    assert tables.kept is None  # lent only within the block

    def no_parsing(_path):
        raise AssertionError("parsed again")

    monkeypatch.setattr(tables, "_parsed", no_parsing)
    with regex_cache.kept(path):
        assert tables.load_table(module, "words.toml") == {"cues": [["停水", 1.0]]}  # from the file
    monkeypatch.undo()

    lists.write_text('cues = [["停水", 1.0], ["停电", 1.0]]\n', encoding="utf-8")
    with regex_cache.kept(path):
        assert tables.load_table(module, "words.toml") == {"cues": [["停水", 1.0], ["停电", 1.0]]}


def test_a_word_list_marshal_cannot_keep_costs_only_its_own_saving(tmp_path):
    from calendar_service import tables

    path = tmp_path / "regex.marshal"
    (tmp_path / "dated.toml").write_text("since = 2024-10-01\n", encoding="utf-8")
    pattern = fresh(r"TAG(\d+)号")
    with regex_cache.kept(path):
        assert str(tables.load_table(str(tmp_path / "reader.py"), "dated.toml")["since"]) == "2024-10-01"
        re.compile(pattern)
    kept = marshal.loads(path.read_bytes())
    assert (pattern, 0) in kept and not any(key[0] == "table" for key in kept)


def _a_dataclass():
    import dataclasses

    @dataclasses.dataclass(frozen=True)
    class Closure:
        road: str
        days: int = 1

    return Closure


def test_dataclass_methods_come_compiled_from_the_file_and_behave_the_same(tmp_path, monkeypatch):
    import dataclasses

    path = tmp_path / "regex.marshal"
    with regex_cache.kept(path):
        first = _a_dataclass()
    assert not hasattr(dataclasses, "exec")  # the hook is gone after the block
    kept = marshal.loads(path.read_bytes())
    assert any(key[0] == "code" and "def __init__(self,road:" in key[1] for key in kept)

    def no_compiling(*_args, **_kwargs):
        raise AssertionError("compiled again")

    monkeypatch.setattr(regex_cache, "compile", no_compiling, raising=False)
    with regex_cache.kept(path):
        again = _a_dataclass()
    monkeypatch.undo()
    a, b = again("人民路", 3), again("人民路", 3)
    assert a == b and hash(a) == hash(b) and repr(a).endswith("Closure(road='人民路', days=3)")
    assert again("解放路").days == 1 and first("人民路", 3) != a  # (two classes, made apart)
    try:
        a.days = 4
    except dataclasses.FrozenInstanceError:
        pass
    else:
        raise AssertionError("a frozen dataclass took an assignment")


def one_run(path, patterns: list[str]) -> dict:
    """Compile `patterns` in one run kept in `path` (fresh from the file, as a new process would),
    and return the file's table afterwards."""
    re.purge()
    with regex_cache.kept(path):
        for pattern in patterns:
            re.compile(pattern)
    return marshal.loads(path.read_bytes())


def test_patterns_no_run_uses_any_more_are_dropped_once_they_are_most_of_the_file(tmp_path):
    # a day of editing patterns leaves their old versions behind; a run that finds the file mostly
    # of patterns it did not use keeps only its own (and the word lists), even adding none
    path = tmp_path / "regex.marshal"
    stale = [fresh(rf"TAG{n}(\d+)号") for n in range(300)]
    table = one_run(path, stale)
    assert sum(1 for key in table if key[0] in stale) == 300
    table[("table", str(tmp_path / "gone.toml"), 10, 123)] = {"words": ["停水"]}  # a list since edited away
    path.write_bytes(marshal.dumps(table))
    table = one_run(path, stale[:1])  # from the file: nothing new
    assert (stale[0], 0) in table and not any((pattern, 0) in table for pattern in stale[1:])
    assert not any(key[0] == "table" for key in table)


def test_a_file_mostly_in_use_keeps_what_this_run_did_not_need(tmp_path):
    # other notices' patterns, fewer than this run's own, stay for when they come back
    path = tmp_path / "regex.marshal"
    others = [fresh(rf"TAG{n}(\d+)楼") for n in range(20)]
    one_run(path, others)
    mine = [fresh(rf"TAG{n}(\d+)层") for n in range(60)]
    table = one_run(path, mine)
    assert all((pattern, 0) in table for pattern in mine + others)
