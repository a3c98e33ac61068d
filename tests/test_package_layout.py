"""The promises of the layout (README "How the package is laid out", issue 14), held against the code:
only the store touches SQL, arrows run one way, a kind's meaning is spelled in one module, the
command line loads only what a command needs, and the README's tables list the files there are."""
from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

from calendar_service.kinds import CATEGORIES, KINDS

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "calendar_service"
STORE = PACKAGE / "store"
#: the extractor's own folder is its engineer's (it is being rewritten beside this work)
EXTRACT = PACKAGE / "extract"


def modules(folder: Path = PACKAGE) -> list[Path]:
    return sorted(p for p in folder.rglob("*.py") if "migrations" not in p.parts)


def name_of(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(path: Path) -> set[str]:
    """Absolute names of the modules ``path`` imports (relative imports resolved; ``from a import b``
    counts as a and a.b, since b may be a module)."""
    package = name_of(path) if path.name == "__init__.py" else name_of(path).rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[:len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([node.module] if node.module else []))
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def test_only_the_store_touches_sessions_sql_and_models():
    # requests.Session (sources/fetch.py) is HTTP's, not the database's
    rules = [re.compile(r"(?<!requests\.)\bSession\b"), re.compile(r"\bselect\("), re.compile(r"\bstore\.models\b")]
    offenders = []
    for path in modules():
        if STORE in path.parents:
            continue
        text = path.read_text(encoding="utf-8")
        offenders += [f"{path.relative_to(ROOT)}: {rule.pattern}" for rule in rules if rule.search(text)]
        offenders += [f"{path.relative_to(ROOT)}: imports {name}" for name in imported(path)
                      if name.split(".")[0] in ("sqlalchemy", "alembic") or name.startswith("calendar_service.store.models")]
    assert offenders == []


@pytest.mark.parametrize("folder", ["reminders", "store"])
def test_reminders_and_the_store_do_not_import_the_web(folder):
    offenders = [f"{path.relative_to(ROOT)} imports {name}" for path in modules(PACKAGE / folder)
                 for name in imported(path) if name.startswith("calendar_service.web")]
    assert offenders == []


@pytest.mark.parametrize("module", ["ics", "kinds", "chinese", "zones", "errors", "config", "settings", "documents",
                                    "places", "issuers", "articles"])
def test_the_pure_modules_import_nothing_above_them(module):
    above = ("calendar_service.store", "calendar_service.web", "calendar_service.reminders", "calendar_service.cli",
             "flask", "sqlalchemy")
    names = imported(PACKAGE / f"{module}.py")
    assert [n for n in names if n.startswith(above)] == []


def test_no_blueprint_imports_the_web_package_itself():
    """Blueprints take db/today/links from web/context.py: web/__init__.py imports them, not back."""
    offenders = [f"{path.name}" for path in modules(PACKAGE / "web") if path.name != "__init__.py"
                 and "calendar_service.web" in {n for n in imported(path) if not n.startswith("calendar_service.web.")}]
    assert offenders == []


def test_kinds_are_spelled_only_in_kinds_py():
    """No "deadline" (or another kind's value) as a string outside kinds.py and the extractor:
    code asks kinds.py what a kind means."""
    values = {str(kind) for kind in KINDS}
    offenders = []
    for path in modules():
        if path == PACKAGE / "kinds.py" or EXTRACT in path.parents:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and node.value in values:
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.value!r}")
    assert offenders == []


def test_the_stylesheet_draws_each_kind_in_its_colour():
    css = (ROOT / "static" / "site.css").read_text(encoding="utf-8")
    declared = dict(re.findall(r"--([a-z_]+):\s*(#[0-9a-f]{6})", css))
    assert {str(kind): declared.get(str(kind)) for kind in KINDS} == {str(k): m.colour for k, m in KINDS.items()}


def test_the_stylesheet_marks_each_category_in_its_colour():
    css = (ROOT / "static" / "site.css").read_text(encoding="utf-8")
    declared = dict(re.findall(r"--cat-([a-z_]+):\s*(#[0-9a-f]{6})", css))
    assert declared == {str(c): m.colour for c, m in CATEGORIES.items()}


def test_extract_loads_no_database_web_or_mail_code(tmp_path):
    """``calendar-service extract`` imports only the command's module: not SQLAlchemy, Alembic, Flask
    or the mailer (README "Extracting events from notices")."""
    notice = tmp_path / "n.txt"
    notice.write_text("公告\n即日起至2022年12月25日缴费。\n", encoding="utf-8")
    probe = ("import sys\nfrom calendar_service.cli import main\n"
             f"main(['extract', {str(notice)!r}, '--published', '2022-10-18', '--format', 'json'], "
             "standalone_mode=False)\n"
             "heavy = ['sqlalchemy', 'alembic', 'flask', 'calendar_service.reminders.mailer', 'calendar_service.store']\n"
             "print('LOADED', [m for m in heavy if m in sys.modules])\n")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "LOADED []"


def readme_tables() -> dict[Path, set[str]]:
    """folder -> the file names the README's "How it works (`folder`…" table lists."""
    tables, folder = {}, None
    for line in (ROOT / "README.md").read_text(encoding="utf-8").splitlines():
        heading = re.match(r"How it works \(`(calendar_service/[^`]*)`", line)
        if heading:
            folder = ROOT / heading.group(1)
            tables[folder] = set()
        elif folder is not None and line.startswith("|"):
            first = line.split("|")[1]
            tables[folder].update(re.findall(r"`([^`]+)`", first))
        elif folder is not None and tables[folder] and not line.strip():
            folder = None
    return tables


def test_the_readme_tables_list_the_files_there_are():
    tables = readme_tables()
    assert {PACKAGE, PACKAGE / "cli", PACKAGE / "store", PACKAGE / "web", PACKAGE / "reminders"} <= set(tables)
    for folder, listed in tables.items():
        present = {p.name for p in folder.iterdir() if p.suffix in (".py", ".toml") and p.name != "__init__.py"}
        present |= {f"{p.name}/" for p in folder.iterdir() if p.is_dir() and not p.name.startswith("__")}
        assert listed - {"__init__.py"} == present, folder.relative_to(ROOT)  # __init__.py: listed where it holds much
