"""Compiled regular expressions kept on disk between runs of a one-shot command.

Why: ``calendar-service extract`` is run once per file by scripts and scorers, and compiling the
extractor's ~300 patterns was ~70 ms of its ~190 ms cold start (CJK character classes are slow in
``re``'s pure-Python compiler). Python keeps no compiled patterns between processes, so this module
keeps the compiler's output (``re._compiler.compile`` hands ``_sre.compile`` a list of ints) in a
``marshal`` file under the user's cache directory, keyed by pattern and flags, one file per
interpreter build. ``_sre.compile`` validates that code, so a stale or damaged entry raises and is
recompiled, never run. Anything unexpected (another Python, an unwritable directory, a damaged
file) leaves ``re`` as it is: the cache only ever saves time.

A run that finds the file weighed down by patterns it did not use (more of their code than of its
own) rewrites it with only what it used: patterns edited away during development, old versions of
the 50 kB time scanner among them, would otherwise be read by every run for ever.

The same file keeps the word lists parsed from TOML (``tables.kept``), ~6 ms more of each run, and
the methods ``dataclasses`` writes for the extractor's two dozen dataclasses, compiled: ``dataclasses``
builds ``__init__``, ``__eq__`` … as source text and compiles each (~10 ms a run). Within the block
its ``exec`` takes the compiled code from the file (keyed by that source text, which fixes the code);
on an interpreter whose ``dataclasses`` no longer calls ``exec`` the hook is simply never used.
"""
from __future__ import annotations

import builtins
import contextlib
import dataclasses
import marshal
import os
import sys
import zlib
from collections.abc import Iterator
from pathlib import Path
from types import CodeType

_ENTRY_LIMIT = 5000  # patterns edited during development accumulate; start afresh past this


def cache_file() -> Path:
    """One file per interpreter build: the compiler's code is private to it."""
    import _sre

    build = zlib.crc32(f"{sys.version}|{_sre.MAGIC}".encode())  # (hashlib would cost 5 ms to import)
    return cache_root() / f"regex-{sys.implementation.cache_tag}-{build:08x}.marshal"


def cache_root() -> Path:
    """The service's folder in the user's cache directory (``$XDG_CACHE_HOME``, else ``~/.cache``)."""
    root = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(root) / "calendar-service"


def keep_bytecode() -> None:
    """Where ``PYTHONDONTWRITEBYTECODE`` is set, Python compiles every module from source on every
    run: ~60 ms of each ``extract``, which scorers pay once per file. Such a run keeps the bytecode
    in the service's cache folder instead (``sys.pycache_prefix``), never beside the sources, which
    is what that setting protects. Where Python writes bytecode as usual, nothing changes."""
    if sys.dont_write_bytecode and sys.pycache_prefix is None:
        sys.pycache_prefix = str(cache_root() / "pycache")
        sys.dont_write_bytecode = False


class _Recorder:
    """Stands in for the ``_sre`` module inside ``re._compiler`` and notes what it is asked to build."""

    def __init__(self, real):
        self._real = real
        self.last: tuple | None = None

    def __getattr__(self, name):
        return getattr(self._real, name)

    def compile(self, pattern, *rest):
        self.last = rest
        return self._real.compile(pattern, *rest)


class _Cache:
    def __init__(self, path: Path):
        self.path = path
        self.table: dict = _load(path)
        self.loaded = len(self.table)
        self.dirty = False
        self.used: set = set()  # the patterns this run compiled, from the file or afresh

    def compiler(self, original, sre):
        recorder = _Recorder(sre)

        def compile(p, flags=0):
            if not isinstance(p, (str, bytes)):
                return original(p, flags)
            key = (p, int(flags))
            self.used.add(key)
            built = self.table.get(key)
            if built is not None:
                try:
                    return sre.compile(p, *built)
                except Exception:  # noqa: BLE001 - code from another build: compile it afresh
                    del self.table[key]
            recorder.last = None
            compiled = original(p, flags)
            if recorder.last is not None:
                # marshal keeps plain ints only: the flags are a RegexFlag, the opcodes named ints
                flags_out, code, *rest = recorder.last
                self.table[key] = (int(flags_out), [int(op) for op in code], *rest)
                self.dirty = True
            return compiled

        return compile, recorder

    def exec(self, source, globals=None, locals=None, /):
        """``exec`` for ``dataclasses``: source text runs as the code compiled from it before."""
        if isinstance(source, str):
            key = ("code", source)
            self.used.add(key)
            code = self.table.get(key)
            if not isinstance(code, CodeType):
                code = self.table[key] = compile(source, "<string>", "exec")
            source = code
        return builtins.exec(source, globals, locals)

    def _mostly_unused(self) -> bool:
        """Whether the patterns this run did not use outweigh those it did, by the length of their
        code: other notices' few small patterns do not, old versions of the scanner's do."""
        used = unused = 0
        for key, value in self.table.items():
            if key[0] in _NOT_PATTERNS or not isinstance(value, tuple) or len(value) < 2:
                continue
            if key in self.used:
                used += len(value[1])
            else:
                unused += len(value[1])
        return unused > used

    def save(self) -> None:
        stale = self._mostly_unused()
        if not self.dirty and len(self.table) == self.loaded and not stale:
            return
        if stale:
            # patterns edited away accumulate (a megabyte after a day of edits, read by every run):
            # a run that finds most of the file unused keeps only what it used, and the word lists
            # as their files are now
            self.table = {k: v for k, v in self.table.items() if k in self.used or _current_list(k)}
        try:
            data = marshal.dumps(self.table)
        except ValueError:  # a word list with a value marshal does not keep (a TOML date): lists go
            data = marshal.dumps({k: v for k, v in self.table.items() if k[0] != "table"})
        with contextlib.suppress(OSError, ValueError):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            partial = self.path.with_suffix(f".{os.getpid()}.tmp")
            partial.write_bytes(data)
            os.replace(partial, self.path)  # readers see the old file or the new one, never half


_NOT_PATTERNS = ("table", "code")  # the first item of a word list's and a method's key


def _current_list(key: tuple) -> bool:
    """A word list's entry ("table", path, size, mtime) for its file as it is now."""
    if key[0] != "table":
        return False
    try:
        stat = os.stat(key[1])
    except OSError:
        return False
    return (stat.st_size, stat.st_mtime_ns) == tuple(key[2:4])


def _load(path: Path) -> dict:
    try:
        table = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    return table if isinstance(table, dict) and len(table) < _ENTRY_LIMIT else {}


@contextlib.contextmanager
def kept(path: Path | None = None) -> Iterator[None]:
    """Within the block, patterns compile from (and new ones are added to) the cache file."""
    try:
        import re._compiler as compiler
        original, sre = compiler.compile, compiler._sre
        cache = _Cache(path or cache_file())
    except (ImportError, AttributeError, OSError, RuntimeError):
        yield
        return
    compiler.compile, compiler._sre = cache.compiler(original, sre)
    from .. import tables

    tables.kept = cache.table  # entries keyed ("table", path, size, mtime): never a pattern's key
    dataclasses.exec = cache.exec  # found before the builtin by dataclasses' own code
    try:
        yield
    finally:
        compiler.compile, compiler._sre = original, sre
        tables.kept = None
        del dataclasses.exec
        cache.save()
