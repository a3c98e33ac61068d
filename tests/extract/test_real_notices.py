"""The extractor on real notices copied from public pages (../shared/eval/real, never in the repo).

They are the yardstick the product is judged by: tables flattened into lines, label:value records,
lead-ins over lists, traditional characters, typos. Skips, saying why, where ../shared is absent.
"""
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from gold import REAL, real_table, score_folder  # noqa: E402

TABLE = Path(__file__).resolve().parents[1] / "fixtures" / "real_scores.tsv"
# Issue 9's bar: F1 0.90 and kind 0.95 on the real notices (measured 0.909 and 0.956 on 2026-11-28,
# see README). A change that takes either below it fails here.
F1_FLOOR = 0.90
KIND_FLOOR = 0.95

pytestmark = pytest.mark.skipif(not REAL.is_dir(), reason=f"real notices not beside the checkout: {REAL} is absent")


@pytest.fixture(scope="module")
def scored():
    return score_folder(REAL)


def test_real_notices_stay_above_their_floor(scored):
    total, _ = scored
    print(total.summary())
    assert total.gold >= 500
    assert total.f1 >= F1_FLOOR, total.summary()
    assert total.kind_accuracy >= KIND_FLOOR, total.summary()


def test_the_per_notice_table_is_current(scored):
    """tests/fixtures/real_scores.tsv shows in review which notices a change helped or broke."""
    _, rows = scored
    assert TABLE.read_text(encoding="utf-8") == real_table(rows), "stale: run scripts/real_scores.py"
