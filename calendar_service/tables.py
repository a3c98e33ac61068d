"""Word lists and patterns kept as data: the TOML files beside the modules that read them.

Read from the module's own folder rather than through ``importlib.resources``: the package is
always installed as files, and ``importlib.resources`` imports ``tempfile`` and the compressors
with it, ~12 ms of every ``calendar-service extract`` run.
"""
from __future__ import annotations

import tomllib
from pathlib import Path


def load_table(module_file: str, name: str) -> dict:
    """The TOML file ``name`` in the folder of ``module_file`` (pass ``__file__``)."""
    return tomllib.loads(Path(module_file).with_name(name).read_text("utf-8"))
