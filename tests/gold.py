"""Scoring against gold files (../shared/eval/SCHEMA.md), in process.

The matching rules are those of ../shared/eval/score.py (the project's outside scorer): a gold
event is found when an extracted one has the same dates (a deadline: the same end) and mentions
every `must_mention` word in its title or location. Kept in step with it by
test_fixtures.py::test_in_process_scorer_agrees_with_shared_scorer.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from calendar_service.extract import extract, read_document

FIXTURES = Path(__file__).parent / "fixtures" / "notices"
HOLDOUT = Path(__file__).parent / "fixtures" / "holdout"
# real notices copied from public pages, kept beside the checkout (never in it)
REAL = Path(__file__).resolve().parents[2] / "shared" / "eval" / "real"


def _norm(value, with_time):
    if value is None:
        return None
    return str(value)[:16] if with_time else str(value)[:10]


def same_dates(gold: dict, got: dict) -> bool:
    keys = ["end"] if gold["kind"] == "deadline" else ["start", "end"]
    for key in keys:
        g = gold.get(key)
        with_time = g is not None and "T" in str(g)
        if _norm(g, with_time) != _norm(got.get(key), with_time):
            return False
    return True


def mentions(gold: dict, got: dict) -> bool:
    text = (got.get("title") or "") + " " + (got.get("location") or "")
    return all(s in text for s in gold.get("must_mention", []))


@dataclass
class Score:
    found: int = 0
    gold: int = 0
    kinds_ok: int = 0
    extra: int = 0
    got: int = 0
    lines: list[str] = field(default_factory=list)

    def add(self, other: "Score") -> None:
        for name in ("found", "gold", "kinds_ok", "extra", "got"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.lines += other.lines

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 1.0

    @property
    def precision(self) -> float:
        return (self.got - self.extra) / self.got if self.got else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def kind_accuracy(self) -> float:
        return self.kinds_ok / self.found if self.found else 1.0

    def summary(self) -> str:
        return (f"recall {self.recall:.3f} ({self.found}/{self.gold}) precision {self.precision:.3f} "
                f"F1 {self.f1:.3f} kind {self.kind_accuracy:.3f} extra {self.extra}")


def score_notice(txt: Path, gold_path: Path) -> Score:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    text = read_document(txt.read_bytes(), txt.name)
    got = [e.to_json() for e in extract(text, date.fromisoformat(gold["published"]), file=txt.name)]
    score = Score(gold=len(gold["events"]), got=len(got))
    used: set[int] = set()
    for g in gold["events"]:
        hit = next((i for i, e in enumerate(got)
                    if i not in used and same_dates(g, e) and mentions(g, e)), None)
        if hit is None:
            score.lines.append(f"{txt.name}: MISSED {g['kind']} {g.get('start')}..{g.get('end')} "
                               f"{g.get('must_mention')}")
            continue
        used.add(hit)
        score.found += 1
        if got[hit]["kind"] == g["kind"]:
            score.kinds_ok += 1
        else:
            score.lines.append(f"{txt.name}: KIND want {g['kind']} got {got[hit]['kind']}: {got[hit]['title']}")
    for i, e in enumerate(got):
        if i in used or any(same_dates(o, e) and mentions(o, e) for o in gold.get("optional", [])):
            continue
        score.extra += 1
        score.lines.append(f"{txt.name}: EXTRA {e['kind']} {e['start']}..{e['end']} {e['title']}")
    return score


def gold_pairs(folder: Path = FIXTURES) -> list[tuple[Path, Path]]:
    return [(g.with_name(g.name[: -len(".gold.json")] + ".txt"), g)
            for g in sorted(folder.glob("*.gold.json"))]


def score_folder(folder: Path) -> tuple[Score, list[tuple[str, Score]]]:
    """The total over every gold file in folder, and each notice's own score."""
    total, rows = Score(), []
    for txt, gold_path in gold_pairs(folder):
        score = score_notice(txt, gold_path)
        total.add(score)
        rows.append((txt.stem, score))
    return total, rows


def real_table(rows: list[tuple[str, Score]]) -> str:
    """One line per notice (name, found, gold, kinds right, extra): what review diffs."""
    lines = ["notice\tfound\tgold\tkind_ok\textra"]
    lines += [f"{name}\t{s.found}\t{s.gold}\t{s.kinds_ok}\t{s.extra}" for name, s in rows]
    return "\n".join(lines) + "\n"
