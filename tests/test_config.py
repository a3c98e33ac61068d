"""Configuration (issue 13): every setting declared once, read by its type, refused in one line when
wrong, and the same instance folder, database, secret key and mail folder for every process."""
from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from calendar_service import create_app
from calendar_service.config import ConfigurationError, default_instance_path, load_config
from calendar_service.settings import SETTINGS

ROOT = Path(__file__).resolve().parents[1]
CLI = Path(sys.executable).with_name("calendar-service")
sys.path.insert(0, str(ROOT / "scripts"))

import settings_table  # noqa: E402


def clean_env(**values: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CALENDAR_")}
    env.update(values)
    return env


def test_every_setting_is_declared_once_with_a_description_and_a_default_in_its_range():
    names = [s.name for s in SETTINGS]
    assert len(names) == len(set(names))
    for s in SETTINGS:
        assert s.description and "\n" not in s.description, s.name
        if s.low is not None and s.default is not None:
            assert s.low <= s.default <= s.high, s.name


def test_the_readme_table_is_the_one_generated_from_the_declarations():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert settings_table.in_readme(readme) == settings_table.render(), \
        "README's settings table is stale: run .venv/bin/python scripts/settings_table.py --write"


@pytest.mark.parametrize(("variable", "value", "expected"), [
    # the traps: a password is the text typed, never JSON
    ("CALENDAR_ADMIN_PASSWORD", "true-password", "true-password"),
    ("CALENDAR_ADMIN_PASSWORD", "trueTRUE", "trueTRUE"),
    ("CALENDAR_ADMIN_PASSWORD", "12345678", "12345678"),
    ("CALENDAR_ADMIN_PASSWORD", "nullnull", "nullnull"),
    ("CALENDAR_SECRET_KEY", "12345", "12345"),
    ("CALENDAR_SECRET_KEY", "1e3", "1e3"),
    ("CALENDAR_FEED_NAME", "true", "true"),
    ("CALENDAR_FEED_PAST_DAYS", "60", 60),
    ("CALENDAR_REVIEW_THRESHOLD", "0.9", 0.9),
    ("CALENDAR_REVIEW_THRESHOLD", "1", 1.0),
    ("CALENDAR_FEED_GZIP", "false", False),
    ("CALENDAR_FEED_GZIP", "On", True),
    ("CALENDAR_AS_OF", "2022-10-18", date(2022, 10, 18)),
    ("CALENDAR_TIMEZONE", "America/New_York", "America/New_York"),
    ("CALENDAR_FEED_PAST_DAYS", "", 30),  # empty: the default
])
def test_each_value_is_read_as_its_setting_declares(variable, value, expected):
    config = load_config({variable: value})
    assert config[variable.removeprefix("CALENDAR_")] == expected
    assert type(config[variable.removeprefix("CALENDAR_")]) is type(expected)


@pytest.mark.parametrize(("variable", "value", "said"), [
    ("CALENDAR_FEED_PAST_DAYS", "1e3", "CALENDAR_FEED_PAST_DAYS='1e3': expected an integer from 0 to 3650"),
    ("CALENDAR_FEED_PAST_DAYS", "99999", "CALENDAR_FEED_PAST_DAYS='99999': out of range: expected from 0 to 3650"),
    ("CALENDAR_FEED_PAST_DAYS", "thirty", "CALENDAR_FEED_PAST_DAYS='thirty': expected an integer"),
    ("CALENDAR_REVIEW_THRESHOLD", "nan", "CALENDAR_REVIEW_THRESHOLD='nan': expected a number from 0 to 1"),
    ("CALENDAR_REVIEW_THRESHOLD", "1.5", "CALENDAR_REVIEW_THRESHOLD='1.5': out of range"),
    ("CALENDAR_FEED_GZIP", "null", "CALENDAR_FEED_GZIP='null': expected true or false"),
    ("CALENDAR_ADMIN_PASSWORD", " ", "CALENDAR_ADMIN_PASSWORD=…: blank"),
    ("CALENDAR_ADMIN_PASSWORD", "0", "CALENDAR_ADMIN_PASSWORD=…: shorter than 8 characters"),
    ("CALENDAR_ADMIN_PASSWORD", "false", "CALENDAR_ADMIN_PASSWORD=…: shorter than 8 characters"),
    ("CALENDAR_ADMIN_PASSWORD", "null", "CALENDAR_ADMIN_PASSWORD=…: shorter than 8 characters"),
    ("CALENDAR_ADMIN_PASSWORD", " a long password", "CALENDAR_ADMIN_PASSWORD=…: starts or ends with white space"),
    ("CALENDAR_SECRET_KEY", "  ", "CALENDAR_SECRET_KEY=…: blank"),
    ("CALENDAR_AS_OF", "0001-01-01", "CALENDAR_AS_OF='0001-01-01': expected a date from 1900-01-01"),
    ("CALENDAR_AS_OF", "18.10.2022", "CALENDAR_AS_OF='18.10.2022': expected a date YYYY-MM-DD"),
    ("CALENDAR_TIMEZONE", "Mars/Olympus", "CALENDAR_TIMEZONE='Mars/Olympus': not a time zone"),
    ("CALENDAR_PUBLIC_URL", "calendar.example.cn", "CALENDAR_PUBLIC_URL='calendar.example.cn': expected a URL"),
    ("CALENDAR_DATABASE_URL", "mysql://u:pw@h/d", "CALENDAR_DATABASE_URL='mysql://…': expected a URL starting"),
    ("CALENDAR_SMTP_URL", "http://mail", "CALENDAR_SMTP_URL=…: expected a URL starting smtp:// or smtps://"),
    ("CALENDAR_FEED_NAME", "公告\n日历", "CALENDAR_FEED_NAME='公告\\n日历': control characters"),
    ("CALENDAR_ADMIN_PASSWROD", "whatever1", "CALENDAR_ADMIN_PASSWROD: no such setting (did you mean "
                                            "CALENDAR_ADMIN_PASSWORD?)"),
])
def test_a_wrong_value_is_refused_in_one_line_naming_the_variable(variable, value, said):
    with pytest.raises(ConfigurationError) as caught:
        load_config({variable: value})
    message = str(caught.value)
    assert message.startswith(said) and "\n" not in message
    if "PASSWORD" in variable or "SECRET" in variable or "SMTP" in variable:
        assert value.strip() == "" or value not in message  # a secret is never repeated


def test_page_size_cannot_exceed_the_largest_page():
    with pytest.raises(ConfigurationError, match="CALENDAR_API_PAGE_SIZE=600: more than CALENDAR_API_MAX_PAGE_SIZE=500"):
        load_config({"CALENDAR_API_PAGE_SIZE": "600"})


def test_variables_of_the_tests_are_not_settings():
    assert load_config({"CALENDAR_TEST_POSTGRES_URL": "postgresql://x"})["FEED_PAST_DAYS"] == 30


@pytest.mark.parametrize("command", [["extract", "notices/jiaozuo-daily-2022-10-18.txt"], ["events"], ["db", "upgrade"],
                                     ["ingest", "notices"], ["reminders", "status"], ["scheduler"], ["serve"]])
def test_every_command_stops_at_start_on_a_wrong_value(command, tmp_path):
    env = clean_env(CALENDAR_SECRET_KEY="12345", CALENDAR_FEED_PAST_DAYS="1e3",
                    CALENDAR_DATABASE_URL=f"sqlite:///{tmp_path / 'never.sqlite3'}")
    result = subprocess.run([str(CLI), *command], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == ["Error: CALENDAR_FEED_PAST_DAYS='1e3': expected an integer from 0 to 3650"]
    assert not (tmp_path / "never.sqlite3").exists()


def test_create_app_refuses_a_wrong_value_too(monkeypatch):
    monkeypatch.setenv("CALENDAR_ADMIN_PASSWORD", " ")
    with pytest.raises(ConfigurationError, match="^CALENDAR_ADMIN_PASSWORD=…: blank"):
        create_app()


def test_a_secret_key_of_digits_is_a_string_and_sessions_work(monkeypatch, tmp_path):
    """CALENDAR_SECRET_KEY=12345 made every page with a session answer 500 (it became the number 12345)."""
    monkeypatch.setenv("CALENDAR_SECRET_KEY", "12345")
    monkeypatch.setenv("CALENDAR_ADMIN_PASSWORD", "true-true")
    monkeypatch.setenv("CALENDAR_DATABASE_URL", f"sqlite:///{tmp_path / 'db.sqlite3'}")
    app = create_app()
    assert app.config["SECRET_KEY"] == "12345"
    assert app.test_client().get("/admin/login").status_code == 200


def test_the_default_instance_folder_is_flasks_whatever_the_current_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    config = load_config({})
    assert config["INSTANCE_PATH"] == str(ROOT / "instance") == str(default_instance_path())
    assert config["DATABASE_URL"] == f"sqlite:///{ROOT / 'instance' / 'calendar.sqlite3'}"
    assert config["MAIL_DIR"] == str(ROOT / "instance" / "mail")


def test_the_instance_folder_of_the_environment_places_database_and_mail(tmp_path):
    config = load_config({"CALENDAR_INSTANCE_PATH": str(tmp_path / "env")})
    assert config["DATABASE_URL"] == f"sqlite:///{tmp_path / 'env' / 'calendar.sqlite3'}"
    assert config["MAIL_DIR"] == str(tmp_path / "env" / "mail")
    url = "postgresql+psycopg://calendar@db.example/calendar"
    assert load_config({"CALENDAR_DATABASE_URL": url, "CALENDAR_INSTANCE_PATH": str(tmp_path)})["DATABASE_URL"] == url


def test_create_app_uses_the_instance_folder_of_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("CALENDAR_INSTANCE_PATH", str(tmp_path / "data"))
    monkeypatch.delenv("CALENDAR_SECRET_KEY", raising=False)
    app = create_app()
    assert app.instance_path == str(tmp_path / "data")
    assert app.config["DATABASE_URL"] == f"sqlite:///{tmp_path / 'data' / 'calendar.sqlite3'}"
    assert app.config["SECRET_KEY"] == (tmp_path / "data" / "secret_key").read_text().strip()
    app.extensions["calendar_db"].dispose()


def test_serve_the_commands_and_the_scheduler_share_one_store_from_any_directory(tmp_path):
    """The issue's split: with only CALENDAR_INSTANCE_PATH set, ingest wrote one database while the
    reminders created another in the checkout. Now every command names the same one, run from
    another directory, and nothing appears in the current directory."""
    instance, elsewhere = tmp_path / "instance", tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = clean_env(CALENDAR_INSTANCE_PATH=str(instance))
    expected = f"database: sqlite:///{instance / 'calendar.sqlite3'}"
    notice = ROOT / "notices" / "jiaozuo-daily-2022-10-18.txt"
    said = []
    for command in (["ingest", str(notice)], ["events", "--kind", "closure"], ["reminders", "status"],
                    ["reminders", "run-once", "--now", "2022-10-18T09:00"], ["db", "upgrade"]):
        result = subprocess.run([str(CLI), *command], cwd=elsewhere, env=env, capture_output=True, text=True,
                                timeout=120)
        assert result.returncode == 0, result.stderr
        said.append(result.stderr.splitlines()[0])
    assert said == [expected] * 5
    assert (instance / "secret_key").is_file() and (instance / "calendar.sqlite3").is_file()
    assert list(elsewhere.iterdir()) == []
