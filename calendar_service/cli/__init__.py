"""The ``calendar-service`` command line (click): one module per group of commands, imported only
when one of its commands runs.

So ``calendar-service extract`` (pure extraction) starts without SQLAlchemy, Alembic, Flask or
the mailer, and a new group is one module plus one line in ``COMMANDS``. Every command first reads
the settings (``config.load_config``, which imports none of those): a wrong ``CALENDAR_*`` value
stops it with one line naming the variable. Commands over the store build the app with
``create_app``, as ``serve``, ``scheduler`` and gunicorn do, and say which database they use.
"""
from __future__ import annotations

import importlib
import sys

import click

from .examples import FullHelpGroup, epilog

#: command -> (module of this package, the click command in it)
COMMANDS = {
    "extract": ("extract", "extract_command"),
    "ingest": ("store", "ingest_command"),
    "events": ("store", "events_command"),
    "notice": ("store", "notice_group"),
    "db": ("store", "db_group"),
    "serve": ("serve", "serve_command"),
    "scheduler": ("reminders", "scheduler_command"),
    "reminders": ("reminders", "reminders_group"),
    "sources": ("sources", "sources_group"),
}


class LazyGroup(FullHelpGroup):
    """A group whose commands are imported when they are asked for (to run, or for ``--help``)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        found = COMMANDS.get(cmd_name)
        if found is None:
            return None
        module, name = found
        command = getattr(importlib.import_module(f"{__name__}.{module}"), name)
        if command.epilog is None:
            command.epilog = epilog(cmd_name)
        return command


    def invoke(self, ctx: click.Context):
        from ..errors import ConfigurationError

        try:
            return super().invoke(ctx)
        except ConfigurationError as exc:  # a setting that went wrong later than at start (a test_config)
            raise click.ClickException(str(exc)) from None


@click.group(cls=LazyGroup, epilog=epilog(""))
def main():
    """calendar-service: 把公告变成日历事件 / turn Chinese notices into calendar events."""
    from ..config import load_config
    from ..errors import ConfigurationError

    try:  # every command, even one that reads no setting: a wrong one stops here, in one line
        load_config()
    except ConfigurationError as exc:
        raise click.ClickException(str(exc)) from None


#: commands often run once per file by scripts: their compiled patterns are kept between runs
ONE_SHOT = {"extract"}


def run() -> None:
    """The console script: ``main``, with the regex cache around commands run once per file."""
    from . import regex_cache

    if sys.argv[1:2] and sys.argv[1] in ONE_SHOT:
        with regex_cache.kept():  # main() exits through the block, which saves the cache
            main()
    else:
        main()
