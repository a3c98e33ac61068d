"""What every ``--help`` ends with: an example of the command, kept as data in one place (read by
click's commands and by ``extract``'s own parser alike).

Dates on the command line are ``YYYY-MM-DD`` (1900–2199); moments are ISO 8601
(``2022-10-18T09:00:00+08:00``); intervals are ``30m``, ``2h``, ``1d``, ``1h30m``.
"""
from __future__ import annotations

DATES = "Dates are YYYY-MM-DD (1900-2199)."

#: command path -> example lines (as typed in a shell, from the checkout)
EXAMPLES: dict[str, tuple[str, ...]] = {
    "": ("calendar-service serve --as-of 2022-10-18", "calendar-service COMMAND --help"),
    "extract": ("calendar-service extract notices/*.txt",
                "calendar-service extract page.txt --published 2022-10-18 --format json"),
    "ingest": ("calendar-service ingest notices/",
               "calendar-service ingest page.txt --published 2022-10-18 --id jiaozuo/2022-10-18"),
    "events": ("calendar-service events --kind closure --from 2022-10-01 --to 2022-12-31 --q 龙源路 --format table",),
    "notice": ("calendar-service notice withdraw jiaozuo-daily-2022-10-18.txt",),
    "notice withdraw": ("calendar-service notice withdraw jiaozuo-daily-2022-10-18.txt",),
    "db": ("calendar-service db upgrade",),
    "db upgrade": ("calendar-service db upgrade",),
    "serve": ("calendar-service serve --as-of 2022-10-18",
              "calendar-service serve --host 0.0.0.0 --port 8080 --no-scheduler"),
    "scheduler": ("CALENDAR_DATABASE_URL=postgresql+psycopg://calendar@db/calendar calendar-service scheduler",),
    "reminders": ("calendar-service reminders run-once --now 2022-12-24T09:00:00+08:00",
                  "calendar-service reminders status"),
    "reminders run-once": ("calendar-service reminders run-once --now 2022-12-24T09:00:00+08:00",),
    "reminders status": ("calendar-service reminders status",),
    "sources": ("calendar-service sources add jz-power https://power.example.cn/rss.xml --kind rss --every 30m",
                "calendar-service sources list --check"),
    "sources add": ("calendar-service sources add jz-zjj https://zjj.example.cn/tzgg/index.html "
                    "--links '/tzgg/\\d{6}/t\\d+\\.html$' --every 2h --issuer 焦作市住房和城乡建设局",),
    "sources list": ("calendar-service sources list --check",),
    "sources poll": ("calendar-service sources poll jz-zjj",),
    "sources pause": ("calendar-service sources pause jz-zjj",),
    "sources resume": ("calendar-service sources resume jz-zjj",),
    "sources remove": ("calendar-service sources remove jz-zjj",),
}


def example_block(path: str) -> str | None:
    """The ``Example`` block of a command."""
    lines = EXAMPLES.get(path)
    if not lines:
        return None
    return "Example:\n" + "\n".join(f"  {line}" for line in lines)


def epilog(path: str) -> str | None:
    """The block as a click epilog (``\\b`` keeps click from re-wrapping the lines)."""
    block = example_block(path)
    return None if block is None else "\b\n" + block
