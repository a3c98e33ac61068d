"""The click group: one module per group of commands, imported only when one of its commands runs,
so a new group is one module plus one line in ``COMMANDS``. Every command first reads the settings
(``config.load_config``, which imports no store, web or mail code): a wrong ``CALENDAR_*`` value
stops it with one line naming the variable.
"""
from __future__ import annotations

import importlib

import click

from .examples import epilog

#: command -> (module of this package, the click command in it)
COMMANDS = {
    "ingest": ("store", "ingest_command"),
    "events": ("store", "events_command"),
    "notice": ("store", "notice_group"),
    "db": ("store", "db_group"),
    "serve": ("serve", "serve_command"),
    "scheduler": ("reminders", "scheduler_command"),
    "reminders": ("reminders", "reminders_group"),
    "sources": ("sources", "sources_group"),
}
#: commands that parse their own arguments, without click -> the module holding ``main(argv)`` and
#: ``SUMMARY``
OWN_PARSERS = {"extract": "extract"}


class FullHelpGroup(click.Group):
    """A group that names each command with its whole first sentence, wrapped rather than cut, and
    gives itself and its commands their examples."""

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, command.get_short_help_str(limit=1000)))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        command = super().get_command(ctx, cmd_name)
        if command is not None and command.epilog is None:
            path = " ".join(p for p in (ctx.command_path.partition(" ")[2], cmd_name) if p)
            command.epilog = epilog(path)
        return command


class LazyGroup(FullHelpGroup):
    """A group whose commands are imported when they are asked for (to run, or for ``--help``)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*COMMANDS, *OWN_PARSERS])

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in OWN_PARSERS:
            return _own_parser(cmd_name, importlib.import_module(f"{__package__}.{OWN_PARSERS[cmd_name]}"))
        found = COMMANDS.get(cmd_name)
        if found is None:
            return None
        module, name = found
        command = getattr(importlib.import_module(f"{__package__}.{module}"), name)
        if command.epilog is None:
            command.epilog = epilog(cmd_name)
        return command

    def invoke(self, ctx: click.Context):
        from ..errors import ConfigurationError

        try:
            return super().invoke(ctx)
        except ConfigurationError as exc:  # a setting that went wrong later than at start (a test_config)
            raise click.ClickException(str(exc)) from None


def _own_parser(name: str, module) -> click.Command:
    """A command that hands its arguments, ``--help`` included, to its module's own parser."""

    @click.command(name, help=module.SUMMARY, add_help_option=False,
                   context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
    @click.argument("args", nargs=-1, type=click.UNPROCESSED)
    @click.pass_context
    def command(ctx: click.Context, args: tuple[str, ...]) -> None:
        ctx.exit(module.main(list(args)))

    return command


@click.group(cls=LazyGroup, epilog=epilog(""))
def main():
    """calendar-service: 把公告变成日历事件 / turn Chinese notices into calendar events."""
    from ..config import load_config
    from ..errors import ConfigurationError

    try:  # every command, even one that reads no setting: a wrong one stops here, in one line
        load_config()
    except ConfigurationError as exc:
        raise click.ClickException(str(exc)) from None
