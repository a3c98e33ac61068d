"""Shared fixtures. Each section belongs to the feature that needs it; add sections, keep others'."""
from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

# --- ics-check: the real parsers from ../shared/ics-check (feeds, issue 4) -------------------------

ICS_CHECK_DIR = Path(os.environ.get("ICS_CHECK_DIR", Path(__file__).resolve().parents[2] / "shared" / "ics-check"))
ICS_CHECK_HOME = Path(os.environ.get("ICS_CHECK_HOME", Path.home() / ".cache" / "ics-check"))


def _ics_check_tool(name: str) -> Path:
    script = ICS_CHECK_DIR / name
    if script.is_file() and (ICS_CHECK_HOME / "venv" / "bin" / "python").is_file():
        return script
    message = (f"ics-check is not installed ({script}, parsers in {ICS_CHECK_HOME}); "
               f"run bash {ICS_CHECK_DIR / 'install.sh'}")
    if os.environ.get("CALENDAR_TEST_REQUIRE_ICS_CHECK") == "1":
        pytest.fail(message)
    pytest.skip(message)


def _run(args: list[str]) -> subprocess.CompletedProcess:
    return subprocess.run(args, capture_output=True, text=True, timeout=300)


@pytest.fixture
def ics_check(tmp_path):
    """ics_check(body_bytes) runs check_ics.sh (lint + 9 parsers) on the bytes; fails unless PASS."""
    script = _ics_check_tool("check_ics.sh")

    def check(body: bytes, name: str = "feed.ics") -> str:
        path = tmp_path / name
        path.write_bytes(body)
        result = _run(["bash", str(script), str(path)])
        assert result.returncode == 0, f"check_ics.sh failed:\n{result.stdout}\n{result.stderr}"
        return result.stdout

    return check


@pytest.fixture
def ics_diff(tmp_path):
    """ics_diff(old_bytes, new_bytes) runs diff_ics.sh (update semantics); fails on its errors."""
    script = _ics_check_tool("diff_ics.sh")

    def diff(old: bytes, new: bytes) -> str:
        (tmp_path / "old.ics").write_bytes(old)
        (tmp_path / "new.ics").write_bytes(new)
        result = _run(["bash", str(script), str(tmp_path / "old.ics"), str(tmp_path / "new.ics")])
        assert result.returncode == 0, f"diff_ics.sh failed:\n{result.stdout}\n{result.stderr}"
        return result.stdout

    return diff


@pytest.fixture
def ics_check_url():
    """ics_check_url(url) runs check_url.sh (HTTP side, then check_ics.sh on the body)."""
    script = _ics_check_tool("check_url.sh")

    def check(url: str) -> str:
        result = _run(["bash", str(script), url])
        assert result.returncode == 0, f"check_url.sh {url} failed:\n{result.stdout}\n{result.stderr}"
        return result.stdout

    return check
