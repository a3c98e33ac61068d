"""Every compiled pattern of the extractor timed on long runs of one character: the regex blow-ups
a fuzzer rarely meets (issue 13).

    .venv/bin/python benchmarks/patterns.py [--length 300] [--limit 2.0] [--top 15]

Each pattern (module-level ``re.Pattern`` objects and dicts of them in ``calendar_service.extract``,
and the cue vocabulary) reads every string of ``--length`` copies of one character (blanks, tabs,
newlines, digits, Chinese characters and punctuation a notice is made of) followed by a short tail
that makes a match fail late ("5", "号楼", ")" …), with ``finditer`` and ``sub``. Printed: the
slowest patterns with their worst string, and every pattern stopped at ``--limit`` seconds.

Nested or consecutive optional blank runs retried at every position were the blow-ups found:
300 blanks after "自10月20日9:00" took 19 s to extract (stop 19). A pattern read only on a bounded
window (16 characters after a date) may be slow here and harmless there: read the slow ones in
their code before changing them.
"""
from __future__ import annotations

import argparse
import importlib
import pkgutil
import re
import signal
import time

import calendar_service.extract as package
from calendar_service.extract.vocab import vocabulary

FILLS = (" ", "\t", "\n", "的", "1", "0", "一", "路", "、", "(", "日", "年", "月", "号", "至", ",", ":", "a", "x")
TAILS = ("5", "x", "", "日", "号楼", "路", ")", "。")


class _Stopped(Exception):
    pass


def _stop(*_args):
    raise _Stopped


def patterns() -> list[tuple[str, re.Pattern]]:
    found = []
    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern):
                found.append((f"{info.name}.{name}", value))
            elif isinstance(value, dict):
                found += [(f"{info.name}.{name}[{key}]", v) for key, v in value.items() if isinstance(v, re.Pattern)]
    found.append(("vocab.vocabulary().regex", vocabulary().regex))
    return found


def worst_case(rx: re.Pattern, length: int, limit: float) -> tuple[float, str]:
    worst = (0.0, "")
    for fill in FILLS:
        for tail in TAILS:
            text = fill * length + tail
            started = time.perf_counter()
            try:
                signal.setitimer(signal.ITIMER_REAL, limit)
                for _ in rx.finditer(text):
                    pass
                rx.sub("", text)
                signal.setitimer(signal.ITIMER_REAL, 0)
                seconds = time.perf_counter() - started
            except _Stopped:
                seconds = float("inf")
            if seconds > worst[0]:
                worst = (seconds, f"{fill!r} x {length} + {tail!r}")
    return worst


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--length", type=int, default=300)
    parser.add_argument("--limit", type=float, default=2.0, help="seconds after which a pattern is stopped")
    parser.add_argument("--top", type=int, default=15)
    args = parser.parse_args()
    signal.signal(signal.SIGALRM, _stop)
    found = patterns()
    rows = sorted(((*worst_case(rx, args.length, args.limit), name) for name, rx in found), reverse=True)
    print(f"{len(found)} patterns, runs of {args.length} characters; slowest first:")
    for seconds, text, name in rows[:args.top]:
        shown = "stopped" if seconds == float("inf") else f"{seconds:.3f} s"
        print(f"  {shown:>9}  {name}  on {text}")
    stopped = [name for seconds, _, name in rows if seconds == float("inf")]
    print(f"stopped at {args.limit} s: {len(stopped)}" + (f" ({', '.join(stopped)})" if stopped else ""))


if __name__ == "__main__":
    main()
