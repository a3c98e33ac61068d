"""The index of traditional characters that decides whether a notice goes through OpenCC."""
from __future__ import annotations

import subprocess
import sys

from calendar_service.extract.normalise import TRADITIONAL_FILE, simplified, traditional_chars_of_opencc


def test_the_index_is_in_step_with_the_installed_opencc():
    # derived, never edited: when OpenCC's tables change, rerun scripts/traditional_chars.py
    assert TRADITIONAL_FILE.read_text("utf-8").strip() == traditional_chars_of_opencc()


def test_the_index_holds_the_characters_of_traditional_notices_and_not_simplified_ones():
    held = set(TRADITIONAL_FILE.read_text("utf-8").strip())
    assert {"運", "輸", "電", "時", "於", "後"} <= held  # 運輸署, 停電, 時, 於, 後 (checked by hand)
    assert not {"运", "输", "电", "时", "于", "后", "停", "水", "路"} & held


def _in_a_fresh_process(code: str) -> str:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()


def test_a_simplified_notice_is_read_without_loading_opencc():
    out = _in_a_fresh_process(
        "import sys; from calendar_service.extract.normalise import simplified;"
        "t = '定于10月20日8:00至18:00,幸福小区停水。'; print(simplified(t) == t, 'opencc' in sys.modules)")
    assert out == "True False"


def test_a_traditional_notice_is_still_converted_with_its_length_kept():
    out = _in_a_fresh_process(
        "import sys; from calendar_service.extract.normalise import simplified;"
        "print(simplified('運輸署宣布,10月1日停電。'), 'opencc' in sys.modules)")
    assert out == "运输署宣布,10月1日停电。 True"
    # one traditional character among simplified ones is enough
    assert simplified("人民路於10月1日封闭") == "人民路于10月1日封闭"
