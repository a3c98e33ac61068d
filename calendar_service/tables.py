"""Word lists and patterns kept as data: the TOML files beside the modules that read them.

Read from the module's own folder rather than through ``importlib.resources``: the package is
always installed as files, and ``importlib.resources`` imports ``tempfile`` and the compressors
with it, ~12 ms of every ``calendar-service extract`` run.

A one-shot command may lend a dict in ``kept`` (``cli/regex_cache.py`` keeps it on disk between
runs): parsing the word lists with ``tomllib`` is ~6 ms of every ``extract``. An entry is keyed by
the file's path, size and modification time, so an edited list is read afresh.
"""
from __future__ import annotations

import os

kept: dict | None = None


def load_table(module_file: str, name: str) -> dict:
    """The TOML file ``name`` in the folder of ``module_file`` (pass ``__file__``)."""
    path = os.path.join(os.path.dirname(module_file), name)
    if kept is None:
        return _parsed(path)
    stat = os.stat(path)
    key = ("table", path, stat.st_size, stat.st_mtime_ns)
    table = kept.get(key)
    if not isinstance(table, dict):
        table = kept[key] = _parsed(path)
    return table


def _parsed(path: str) -> dict:
    import tomllib  # (not needed where the lists come kept)

    with open(path, encoding="utf-8") as f:
        return tomllib.loads(f.read())
