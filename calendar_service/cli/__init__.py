"""The ``calendar-service`` command line.

``main`` is the click group (``group.py``): a module per group of commands, imported only when one
of its commands runs, so ``calendar-service extract`` (pure extraction) starts without SQLAlchemy,
Alembic, Flask or the mailer. Commands over the store build the app with ``create_app``, as
``serve``, ``scheduler`` and gunicorn do, and say which database they use.

The console script is ``run``. ``extract`` is run once per file by scripts and scorers, so ``run``
starts it without click (it parses its own arguments, ``extract.py``) and with the extractor's
compiled patterns kept between runs (``regex_cache.py``); through ``main`` it is the same command.
"""
from __future__ import annotations

import gc
import os
import sys


def run() -> None:
    """The console script."""
    if sys.argv[1:2] == ["extract"]:
        from . import regex_cache

        # Importing the extractor makes tens of thousands of objects that live until the end: the
        # default collector would sweep them over and over (~13 ms of a run); a larger first
        # generation still bounds what a long notice leaves behind.
        gc.set_threshold(50_000, 20, 20)
        regex_cache.keep_bytecode()
        from .extract import main as extract

        try:
            with regex_cache.kept():
                code = extract(sys.argv[2:])
            sys.stdout.flush()
            sys.stderr.flush()
        except BrokenPipeError:
            # the reader went away ("| head"): nothing more to say, and no traceback (as click does)
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            code = 1
        # Everything is written and the caches saved; tearing the interpreter down (freeing every
        # module and pattern one by one) would cost ~40 ms more of each run, paid once per file.
        os._exit(code)
    from .group import main

    main()


def __getattr__(name: str):
    # ``from calendar_service.cli import main``: the click group, imported (with click) when asked for
    if name == "main":
        from .group import main

        return main
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
