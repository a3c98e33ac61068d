"""The issuer's site on 127.0.0.1 and pollers over the ``db`` fixture's store (SQLite and PostgreSQL)."""
from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from .issuer import build
from .website import Site

#: what the tests change in the settings: no waiting between requests or retries, a short timeout
TEST_SETTINGS = {"SOURCES_HOST_DELAY": 0, "SOURCES_RETRY_SECONDS": 0, "SOURCES_TIMEOUT": 1.5, "SOURCES_RETRIES": 1,
                 "SOURCES_MAX_BYTES": 8 * 1024 * 1024, "REVIEW_THRESHOLD": 0, "TIMEZONE": "Asia/Shanghai"}


@pytest.fixture
def site():
    server = Site().start()
    build(server)
    yield server
    server.stop()


@pytest.fixture
def settings():
    from calendar_service.config import load_config

    config = load_config({})
    config.update(TEST_SETTINGS)
    return config


@pytest.fixture
def make_poller(db, settings):
    """make_poller(**settings) -> a Poller on the test store; closed after the test."""
    from calendar_service.sources.poller import Poller

    made = []

    def make(**changes):
        poller = Poller(db, {**settings, **changes})
        made.append(poller)
        return poller

    yield make
    for poller in made:
        poller.close()


def ocr_available() -> None:
    """Skip (or fail, where CI installed OCR: CALENDAR_TEST_REQUIRE_OCR=1) without tesseract and chi_sim."""
    missing = [p for p in ("tesseract", "pdftoppm") if shutil.which(p) is None]
    if not missing:
        languages = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True).stdout.split()
        if "chi_sim" not in languages:
            missing.append("tesseract's chi_sim language data")
    if missing:
        message = (f"OCR tests need {', '.join(missing)}: apt-get install tesseract-ocr tesseract-ocr-chi-sim "
                   f"poppler-utils")
        if os.environ.get("CALENDAR_TEST_REQUIRE_OCR") == "1":
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture
def ocr():
    ocr_available()
