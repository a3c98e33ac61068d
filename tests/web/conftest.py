"""Fixtures the web tests share."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from calendar_service.ingest import collect, ingest

SEED = Path(__file__).resolve().parents[2] / "notices" / "jiaozuo-daily-2022-10-18.txt"


@pytest.fixture
def seed(app, tmp_path):
    """The seed newspaper page ingested into the app's store, as `serve` would."""
    folder = tmp_path / "notices"
    folder.mkdir()
    shutil.copy(SEED, folder / SEED.name)
    files, _ = collect([folder], report=lambda *a: None)
    ingest(app.extensions["calendar_db"], files, report=lambda *a: None)
