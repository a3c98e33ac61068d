"""Configuration: the declared settings (``settings.py``) read from ``CALENDAR_*`` variables.

Every value is parsed by the type its setting declares and checked against its range: nothing is
guessed from the shape of the text (``true`` stays the string ``true`` for a password, ``1e3`` is
not an integer, ``12345`` is a string when it is a key). A wrong value, or a ``CALENDAR_*`` name no
setting declares, raises ``ConfigurationError`` with one line naming the variable; the command
line prints that line and stops, ``create_app`` (gunicorn) refuses to start.

Paths resolve the same for every process, whatever its current directory: the instance folder is
``CALENDAR_INSTANCE_PATH`` (made absolute against the directory it was given in) or Flask's
instance folder of this package, and the SQLite file and the mail folder default to places in it.
``serve``, every command, ``scheduler`` and gunicorn all go through ``create_app``, which reads
this. Nothing here runs at import.
"""
from __future__ import annotations

import os
import re
import sys
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

from .errors import ConfigurationError
from .settings import BY_NAME, DEFAULTS, SETTINGS, Setting

PREFIX = "CALENDAR_"
#: variables only the tests read (README "Configuration"); never settings of the service
TEST_PREFIX = "CALENDAR_TEST_"
SQLITE_FILE = "calendar.sqlite3"
_INT = re.compile(r"[+-]?\d{1,18}")
_FLOAT = re.compile(r"[+-]?(\d{1,18}(\.\d{0,18})?|\.\d{1,18})")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_BOOLS = {"true": True, "1": True, "yes": True, "on": True, "false": False, "0": False, "no": False, "off": False}

__all__ = ["DEFAULTS", "SETTINGS", "ConfigurationError", "default_database_url", "default_instance_path",
           "load_config", "parse_value"]


def load_config(env: Mapping[str, str] | None = None, *, overrides: Mapping[str, Any] | None = None
                ) -> dict[str, Any]:
    """Defaults, then ``CALENDAR_*`` from ``env`` (the process environment by default), then
    ``overrides`` (typed values: ``create_app``'s test_config), with the paths resolved."""
    env = os.environ if env is None else env
    config = dict(DEFAULTS)
    for key in sorted(env):
        if key.startswith(PREFIX) and not key.startswith(TEST_PREFIX):
            name = key.removeprefix(PREFIX)
            setting = BY_NAME.get(name)
            if setting is None:
                raise ConfigurationError(f"{key}: no such setting{_suggestion(name)}")
            if env[key] != "":  # empty means the default
                config[name] = parse_value(setting, env[key])
    config.update(overrides or {})
    _check_together(config)
    config["INSTANCE_PATH"] = str(Path(config["INSTANCE_PATH"] or default_instance_path()).absolute())
    if not config["DATABASE_URL"]:
        config["DATABASE_URL"] = default_database_url(config["INSTANCE_PATH"])
    if not config["MAIL_DIR"]:
        config["MAIL_DIR"] = str(Path(config["INSTANCE_PATH"]) / "mail")
    else:
        config["MAIL_DIR"] = str(Path(config["MAIL_DIR"]).absolute())
    return config


def parse_value(setting: Setting, text: str) -> Any:
    """``text`` (an environment value) as ``setting`` declares it, or ConfigurationError."""
    variable = PREFIX + setting.name
    try:
        return _PARSERS[setting.kind](setting, text)
    except ValueError as exc:
        raise ConfigurationError(f"{variable}={_shown(setting, text)}: {exc}") from None


def default_instance_path() -> Path:
    """Flask's instance folder for this package: ``instance/`` beside it in a checkout, or
    ``<prefix>/var/calendar_service-instance`` when installed into site-packages."""
    package = Path(__file__).resolve().parent
    if package.parent.name in ("site-packages", "dist-packages"):
        return Path(sys.prefix) / "var" / "calendar_service-instance"
    return package.parent / "instance"


def default_database_url(instance_path: str | os.PathLike) -> str:
    return f"sqlite:///{Path(instance_path).absolute() / SQLITE_FILE}"


def _number(setting: Setting, text: str, pattern: re.Pattern, convert) -> int | float:
    if not pattern.fullmatch(text.strip()):
        raise ValueError(f"expected {'an integer' if convert is int else 'a number'}{_range(setting)}")
    value = convert(text.strip())
    if (setting.low is not None and value < setting.low) or (setting.high is not None and value > setting.high):
        raise ValueError(f"out of range: expected{_range(setting)}")
    return value


def _bool(setting: Setting, text: str) -> bool:
    try:
        return _BOOLS[text.strip().lower()]
    except KeyError:
        raise ValueError("expected true or false (also 1/0, yes/no, on/off)") from None


def _text(setting: Setting, text: str) -> str:
    if _CONTROL.search(text):
        raise ValueError("control characters are not allowed")
    if not text.strip():
        raise ValueError("blank")
    return text.strip()


def _secret(setting: Setting, text: str) -> str:
    """Exactly as typed: a secret is never parsed, trimmed or lower-cased."""
    if not text.strip():
        raise ValueError("blank: unset the variable instead")
    if text != text.strip():
        raise ValueError("starts or ends with white space (a quoting mistake?)")
    if _CONTROL.search(text):
        raise ValueError("control characters are not allowed")
    if len(text) < setting.min_length:
        raise ValueError(f"shorter than {setting.min_length} characters")
    if setting.schemes:
        _url(setting, text)
    return text


def _url(setting: Setting, text: str) -> str:
    text = _text(setting, text)
    scheme = text.split("://", 1)[0].lower() if "://" in text else ""
    if scheme not in setting.schemes or not text.split("://", 1)[1]:
        raise ValueError(f"expected a URL starting {' or '.join(s + '://' for s in setting.schemes)}")
    return text


def _date(setting: Setting, text: str) -> date:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text.strip()):
        raise ValueError("expected a date YYYY-MM-DD")
    value = date.fromisoformat(text.strip())
    if not date(1900, 1, 1) <= value <= date(2199, 12, 31):
        raise ValueError("expected a date from 1900-01-01 to 2199-12-31")
    return value


def _zone(setting: Setting, text: str) -> str:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(text.strip())
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError("not a time zone (e.g. Asia/Shanghai)") from None
    return text.strip()


_PARSERS = {
    "int": lambda s, t: _number(s, t, _INT, int),
    "float": lambda s, t: _number(s, t, _FLOAT, float),
    "bool": _bool, "text": _text, "secret": _secret, "url": _url, "date": _date, "zone": _zone,
    "path": _text,
}


def _check_together(config: Mapping[str, Any]) -> None:
    """What one setting cannot say alone."""
    if int(config["API_PAGE_SIZE"]) > int(config["API_MAX_PAGE_SIZE"]):
        raise ConfigurationError(f"{PREFIX}API_PAGE_SIZE={config['API_PAGE_SIZE']}: more than "
                                 f"{PREFIX}API_MAX_PAGE_SIZE={config['API_MAX_PAGE_SIZE']}")


def _range(setting: Setting) -> str:
    if setting.low is None and setting.high is None:
        return ""
    return f" from {_number_text(setting.low)} to {_number_text(setting.high)}"


def _number_text(value: float | None) -> str:
    return "…" if value is None else f"{value:g}" if isinstance(value, float) else str(value)


def _shown(setting: Setting, text: str) -> str:
    """The value in an error line: secrets are never repeated, long values are cut."""
    if setting.kind == "secret":
        return "…"
    if setting.kind == "url" and "://" in text:  # a database URL may carry a password
        return repr(text.split("://", 1)[0] + "://…")
    return repr(text if len(text) <= 60 else text[:57] + "...")


def _suggestion(name: str) -> str:
    import difflib  # only for a misspelt setting, never on the way of a one-shot `extract`

    close = difflib.get_close_matches(name, BY_NAME, n=1)
    return f" (did you mean {PREFIX}{close[0]}?)" if close else f" (see the README's list of {PREFIX}* settings)"
