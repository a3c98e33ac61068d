"""Every ``--help`` is whole: each command listed with its whole first sentence (nothing cut to
"..."), an example of the command itself, and the format of every date and moment it takes."""
from __future__ import annotations

import click
import pytest
from click.testing import CliRunner

from calendar_service.cli import main


def paths(group: click.Group, ctx: click.Context, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = [prefix]
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        if isinstance(command, click.Group):
            found += paths(command, click.Context(command, info_name=name, parent=ctx), prefix + (name,))
        else:
            found.append(prefix + (name,))
    return found


ALL = paths(main, click.Context(main, info_name="calendar-service"))
DATE_OPTIONS = {"--published", "--as-of", "--from", "--to"}


def test_every_command_is_walked():
    assert ("sources", "add") in ALL and ("reminders", "run-once") in ALL and ("db", "upgrade") in ALL
    assert len(ALL) == 20  # the group, 5 commands, 4 groups (db, notice, reminders, sources) with 10 between them


@pytest.mark.parametrize("path", ALL, ids=lambda p: " ".join(p) or "main")
def test_help_is_whole_with_an_example_and_formats(path):
    result = CliRunner().invoke(main, [*path, "--help"], terminal_width=80)
    assert result.exit_code == 0, result.output
    text = result.output
    listed = text.split("Commands:\n", 1)[1].split("Example:", 1)[0] if "Commands:\n" in text else ""
    assert "..." not in listed  # click's mark of a cut sentence (the usage line's FILES... is not one)
    assert "Example:\n" in text
    example = text.split("Example:\n", 1)[1]
    assert f"calendar-service {' '.join(path)}".rstrip() in example  # an example of this very command
    section = text.split("Options:\n", 1)[1].split("Commands:\n", 1)[0].split("Example:", 1)[0]
    options = {word.rstrip(",") for line in section.splitlines() for word in line.split() if word.startswith("--")}
    for option in options & DATE_OPTIONS:
        block = section.split(option, 1)[1].split("\n  --", 1)[0]
        assert "YYYY-MM-DD" in block, (option, block)
    if "--now" in options:
        assert "ISO 8601" in section and "2022-12-24T09:00:00+08:00" in section
