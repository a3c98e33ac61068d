"""calendar-service: Chinese public notices turned into calendar events.

``create_app`` is the Flask application factory; nothing is created at import time.
"""
from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def create_app(test_config: Mapping[str, object] | None = None):
    """The web application: declared defaults, then ``CALENDAR_*`` from the environment, then
    ``test_config``; a wrong setting raises ``ConfigurationError`` naming the variable.

    Every process goes through here (``serve``, the commands over the store, ``scheduler``,
    gunicorn's ``calendar_service:create_app()``), so the instance folder, the database, the secret
    key and the mail folder are the same for all of them. The store is not migrated here
    (``calendar-service serve`` and ``db upgrade`` do that), so that many gunicorn workers can start
    without racing on the schema.
    """
    from flask import Flask

    from .config import load_config
    from .web import init_app

    config = load_config(overrides=test_config)
    app = Flask(__name__, instance_path=config["INSTANCE_PATH"], instance_relative_config=True,
                template_folder=str(TEMPLATES))
    app.config.from_mapping(config)
    init_app(app)
    return app
