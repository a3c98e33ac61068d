"""Places read from locations (calendar_service/places.py, its words in places.toml): junctions
written either way are the same two roads, segments name their end roads, villages and districts
are places too; and on the real notices' place names (../shared/eval/real/, written by annotators
as the subject of an item) the reader gives each name back as itself."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from calendar_service.places import normalised, places_in

REAL = Path(__file__).resolve().parents[2] / "shared" / "eval" / "real"
ENDINGS = re.compile(r"(大道|大街|路|街|巷|胡同|高速|公路|大桥|桥|隧道|村|社区|小区|花园|家园|苑|新区|区|县|镇|乡|街道)$")


@pytest.mark.parametrize(("location", "expected"), [
    ("龙源路与山阳路交叉口", ["龙源路", "山阳路"]),
    ("山阳路龙源路口", ["山阳路", "龙源路"]),  # the same junction written the other way
    ("龙源路与民主路交叉口东侧机动车道及慢车道", ["龙源路", "民主路"]),  # 民主路 holds 主路: not cut there
    ("人民路（解放路至建设路段）", ["人民路", "解放路", "建设路"]),
    ("解放区焦东路", ["解放区", "焦东路"]),
    ("中华大街北段", ["中华大街"]),  # 大街 wins over 街
    ("西关村、东关村", ["西关村", "东关村"]),
    ("市社会医疗保险中心", []),
    ("", []),
    (None, []),
])
def test_places_in(location, expected):
    assert [p.name for p in places_in(location)] == expected


def test_kinds_and_a_name_is_one_place_or_none():
    assert [(p.name, p.kind) for p in places_in("温县西关村焦作路")] == [("温县", "district"), ("西关村", "village"),
                                                                       ("焦作路", "road")]
    assert normalised("龙源路") == "龙源路" and normalised(" 龙源路口 ") == "龙源路"
    assert normalised("路") is None and normalised("龙源路与山阳路") is None and normalised("医保中心") is None


def test_the_real_notices_place_names_read_as_themselves():
    if not REAL.is_dir():
        pytest.skip(f"the real notices are not beside the checkout ({REAL}); see README 'Extracting events'")
    words = set()
    for gold in REAL.glob("*.gold.json"):
        data = json.loads(gold.read_text(encoding="utf-8"))
        for item in data.get("events", []) + data.get("optional", []):
            words.update(item.get("must_mention", []))
    # names of places: Chinese characters before a place ending (not bus lines like 16路, not 路 alone)
    names = sorted(w for w in words if ENDINGS.search(w) and re.fullmatch(r"[\u4e00-\u9fff]{2,}", w))
    assert len(names) >= 120
    misread = [w for w in names if normalised(w) != w]
    # known (4 of 156): 云路村 and 岔路镇 read as the roads 云路 and 岔路 (路 inside a name), 怡和街 is cut
    # at 和 (a joining word), 隧道 alone is no name; at most 3% may be misread
    assert len(misread) <= 0.03 * len(names), misread
