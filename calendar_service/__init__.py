"""calendar-service: Chinese public notices turned into calendar events.

``create_app`` is the Flask application factory; nothing is created at import time.
"""
from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def create_app(test_config: Mapping[str, Any] | None = None):
    """The web application: defaults, then ``CALENDAR_*`` from the environment, then ``test_config``.

    The store is not migrated here (``calendar-service serve`` and ``db upgrade`` do that), so
    that many gunicorn workers can start without racing on the schema.
    """
    from flask import Flask

    from .config import load_config
    from .web import init_app

    app = Flask(__name__, instance_relative_config=True, template_folder=str(TEMPLATES))
    # load_config reads CALENDAR_* exactly as app.config.from_prefixed_env("CALENDAR") would, and
    # also fills in DATABASE_URL from the instance folder; the CLI shares that one reading.
    app.config.from_mapping(load_config(instance_path=app.instance_path))
    if test_config:
        app.config.from_mapping(test_config)
    init_app(app)
    return app
