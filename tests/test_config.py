"""Configuration: defaults, CALENDAR_* variables read as Flask reads them, the documented list."""
from __future__ import annotations

import os
import re
from pathlib import Path

from flask import Flask

from calendar_service.config import DEFAULTS, load_config, prefixed_env

README = Path(__file__).resolve().parents[1] / "README.md"


def test_it_defaults_to_sqlite_in_the_instance_folder_of_the_current_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    config = load_config({})
    assert config["DATABASE_URL"] == f"sqlite:///{tmp_path / 'instance' / 'calendar.sqlite3'}"
    assert config["INSTANCE_PATH"] == str(tmp_path / "instance")


def test_the_instance_folder_comes_from_the_app_or_the_environment(tmp_path):
    env = {"CALENDAR_INSTANCE_PATH": str(tmp_path / "env")}
    assert load_config(env)["DATABASE_URL"] == f"sqlite:///{tmp_path / 'env' / 'calendar.sqlite3'}"
    app = load_config(env, instance_path=tmp_path / "app")
    assert app["DATABASE_URL"] == f"sqlite:///{tmp_path / 'app' / 'calendar.sqlite3'}"


def test_a_database_url_wins_over_the_default(tmp_path):
    url = "postgresql+psycopg://calendar@db.example/calendar"
    assert load_config({"CALENDAR_DATABASE_URL": url, "CALENDAR_INSTANCE_PATH": str(tmp_path)})["DATABASE_URL"] == url


def test_it_reads_the_environment_exactly_as_flask_does(monkeypatch):
    env = {
        "CALENDAR_DATABASE_URL": "postgresql+psycopg://u@h/d",
        "CALENDAR_SQLITE_BUSY_TIMEOUT": "5000",
        "CALENDAR_FLAG": "true",
        "CALENDAR_LIST": "[1, 2]",
        "CALENDAR_SMTP__HOST": "mail.example",
        "CALENDAR_SMTP__PORT": "25",
        "CALENDARX": "not ours",
        "OTHER_DATABASE_URL": "not ours",
    }
    for name in list(os.environ):
        if name.startswith("CALENDAR"):
            monkeypatch.delenv(name)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    app = Flask(__name__)
    before = dict(app.config)
    app.config.from_prefixed_env("CALENDAR")
    from_flask = {k: v for k, v in app.config.items() if k not in before}
    assert prefixed_env(env) == from_flask
    assert from_flask["SMTP"] == {"HOST": "mail.example", "PORT": 25}
    assert load_config(env)["SQLITE_BUSY_TIMEOUT"] == 5000


def test_the_readme_documents_every_variable():
    from calendar_service.web import WEB_DEFAULTS

    documented = set(re.findall(r"`CALENDAR_([A-Z0-9_]+)`", README.read_text(encoding="utf-8")))
    assert set(DEFAULTS) | set(WEB_DEFAULTS) <= documented
