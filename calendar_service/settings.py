"""Every ``CALENDAR_*`` setting, declared once: its type, default, allowed range and what it does.

``config.py`` reads the environment against this table (a value of the wrong type or out of range
stops every command at start, in one line naming the variable); the README's configuration table
is generated from it (``scripts/settings_table.py``; ``tests/test_config.py`` fails when it is
stale). A new setting is one ``Setting`` line here, in the section of the feature that reads it.

Kinds: ``int`` and ``float`` (decimal digits only: ``1e3`` is not an integer), ``bool``
(true/false, 1/0, yes/no, on/off), ``text`` (one line), ``secret`` (a string exactly as typed,
never parsed; blank is refused), ``path``, ``url`` (one of ``schemes``), ``date`` (YYYY-MM-DD),
``zone`` (an IANA time zone). An empty value means the default.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .kinds import OPEN_ENDED_DAYS

MIB = 1024 * 1024


@dataclass(frozen=True)
class Setting:
    name: str  # without the CALENDAR_ prefix
    kind: str
    default: Any
    description: str
    low: float | None = None  # int and float: the allowed range, inclusive
    high: float | None = None
    shown: str | None = None  # the default as the README says it, when it is computed or None
    schemes: tuple[str, ...] = ()  # url: the schemes allowed
    min_length: int = 1  # text and secret


SETTINGS: tuple[Setting, ...] = (
    # --- where the data lives (every command and gunicorn resolve these alike: config.load_config)
    Setting("INSTANCE_PATH", "path", None, "folder of instance data: the default SQLite file, the generated "
            "secret key, the mail folder", shown="`instance/` beside the package (Flask's instance folder)"),
    Setting("DATABASE_URL", "url", None, "SQLAlchemy URL of the store, e.g. `postgresql+psycopg://calendar@db/calendar` "
            "(`postgresql://` and `postgres://` mean psycopg 3 too)", shown="SQLite file `<instance>/calendar.sqlite3`",
            schemes=("sqlite", "postgresql", "postgres", "postgresql+psycopg")),
    Setting("SQLITE_BUSY_TIMEOUT", "int", 30_000, "milliseconds a SQLite writer waits for another process's write "
            "lock before failing", low=0, high=600_000),
    # --- feeds, pages and the API
    Setting("TIMEZONE", "zone", "Asia/Shanghai", "the zone \"today\" is taken in by feeds, pages and reminders"),
    Setting("AS_OF", "date", None, "`YYYY-MM-DD` to use as \"today\" in feeds and pages", shown="none (the real date)"),
    Setting("PUBLIC_URL", "url", None, "`https://host/prefix` of the site: links in feeds and mails; https also "
            "means Secure cookies and HSTS", shown="none (the request's host)", schemes=("http", "https")),
    Setting("FEED_NAME", "text", "公告日历", "calendar name of the feeds and sender name of the mails"),
    Setting("FEED_PAST_DAYS", "int", 30, "`/calendar.ics` keeps items that ended at most this many days ago",
            low=0, high=3650),
    Setting("FEED_CANCELLED_DAYS", "int", 30, "feeds keep a cancelled item this many days after its cancellation "
            "(so that subscribers' clients learn of it), then leave it out; the store and the API keep it",
            low=0, high=3650),
    Setting("OPEN_ENDED_DAYS", "int", OPEN_ENDED_DAYS, "an item without an end (\"until further notice\") leaves "
            "the feeds and the home page's list this many days after it was last confirmed (its start, or its "
            "notice's date if later)", low=1, high=36_500),
    Setting("FEED_REFRESH_HOURS", "float", 6, "`REFRESH-INTERVAL` / `X-PUBLISHED-TTL` of feeds (how often clients "
            "are asked to poll)", low=0.25, high=24 * 30),
    Setting("FEED_CACHE_BYTES", "int", 64 * MIB, "feed bodies cached per process (and as much again for "
            "page and API bodies)", low=0, high=64 * 1024 * MIB),
    Setting("FEED_GZIP", "bool", True, "send feeds of 32 KiB or more gzip-compressed to clients that accept it "
            "(own `ETag`, `Vary: Accept-Encoding`)"),
    Setting("REVISION_CHECK_SECONDS", "float", 0, "above 0: reuse the store revision this long before asking the "
            "database again", low=0, high=3600),
    Setting("API_PAGE_SIZE", "int", 50, "events per API page by default (at most `API_MAX_PAGE_SIZE`)",
            low=1, high=10_000),
    Setting("API_MAX_PAGE_SIZE", "int", 500, "largest API page a client may ask for", low=1, high=10_000),
    Setting("PAGE_SIZE", "int", 50, "items per page of the home page", low=1, high=1000),
    Setting("REVIEW_THRESHOLD", "float", 0.5, "ingested events whose extraction confidence is lower wait at the "
            "review desk instead of being published; `0` publishes everything", low=0, high=1),
    # --- the review desk and the HTTP edge
    Setting("ADMIN_PASSWORD", "secret", None, "password of the review desk at `/admin` (8 characters or more, "
            "taken exactly as typed)", shown="none (review desk switched off)", min_length=8),
    Setting("ADMIN_SESSION_HOURS", "float", 12, "a reviewer is logged out this long after logging in (and at "
            "once by logging out or a password change)", low=0.05, high=24 * 30),
    Setting("SECRET_KEY", "secret", None, "signs session cookies and the links in mails; set the same value on "
            "every machine", shown="generated into `<instance>/secret_key`"),
    Setting("LOGIN_FAILURES_PER_ADDRESS", "int", 10, "failed desk logins one client address (or one browser that "
            "logged in before) may make per `LOGIN_WINDOW_SECONDS`; then 429", low=1, high=10_000),
    Setting("LOGIN_WINDOW_SECONDS", "int", 900, "the window those failures are counted in", low=10, high=86_400),
    Setting("LOGIN_BACKOFF_SECONDS", "float", 1, "after 3 failures in a row a client waits this long before its "
            "next try, doubled per failure up to 5 minutes (the account as a whole after "
            "`LOGIN_FAILURES_PER_ADDRESS`); `0`: no waiting", low=0, high=300),
    Setting("EXTRACT_BUDGET_SECONDS", "float", 20, "time extraction may take on one notice at ingest (files, "
            "sources) and on the review desk; past it that notice is refused with a one-line reason and the "
            "others go on", low=0.1, high=3600),
    Setting("UPLOAD_MAX_BYTES", "int", 5 * MIB, "largest notice the review desk accepts (pasted or uploaded; "
            "the request is cut off while it streams); other requests get 64 KiB", low=1024, high=20 * MIB),
    Setting("TRUSTED_PROXIES", "int", 0, "how many reverse proxies in front set `X-Forwarded-For`/`-Proto`/`-Host`/"
            "`-Prefix` (werkzeug's ProxyFix); `0`: those headers are ignored", low=0, high=5),
    # --- email reminders
    Setting("SMTP_URL", "secret", None, "where reminders are sent: `smtp://user:password@host:587` (STARTTLS) or "
            "`smtps://user:password@host:465`; `?starttls=off` / `require`; user and password URL-encoded",
            shown="none (mail goes to files)", schemes=("smtp", "smtps")),
    Setting("SMTP_TIMEOUT", "float", 30, "seconds for connecting to and talking with the SMTP server (a timeout "
            "is retried later)", low=1, high=600),
    Setting("MAIL_FROM", "text", None, "sender of every mail, e.g. `公告日历 <calendar@example.cn>`; its domain "
            "also ends every `Message-ID`", shown="`<FEED_NAME> <noreply@<host of PUBLIC_URL>>`"),
    Setting("MAIL_DIR", "path", None, "without `SMTP_URL`, each mail is written here as an `.eml` file",
            shown="`<instance>/mail`"),
    Setting("REMINDER_HOUR", "int", 9, "reminders go out at this hour of the subscriber's day (after their quiet "
            "hours)", low=0, high=23),
    Setting("REMINDER_LEASE_SECONDS", "float", 300, "a dispatcher owns the reminders it claimed this long; keep "
            "it well above a batch's sending time", low=10, high=86_400),
    Setting("REMINDER_BATCH", "int", 20, "reminders a dispatcher claims at a time", low=1, high=10_000),
    Setting("REMINDER_RETRY_SECONDS", "float", 60, "wait after a temporary failure; doubles per attempt up to 16 "
            "times this", low=1, high=86_400),
    Setting("REMINDER_MAX_ATTEMPTS", "int", 8, "temporary refusals (4xx) of one mail before it is given up",
            low=1, high=100),
    Setting("SCHEDULER_MATERIALISE_SECONDS", "float", 60, "how often the scheduler turns subscriptions and events "
            "into outbox rows", low=0.1, high=86_400),
    Setting("SCHEDULER_DISPATCH_SECONDS", "float", 10, "how often it sends what is due", low=0.1, high=86_400),
    Setting("SCHEDULER_PRUNE_SECONDS", "float", 3600, "how often it deletes spent rate-limit counters, login "
            "brakes and ended desk sessions", low=10, high=86_400),
    Setting("CONFIRM_TOKEN_HOURS", "float", 72, "a confirmation link works this long", low=1, high=24 * 365),
    Setting("MANAGE_TOKEN_DAYS", "float", 30, "a \"manage your subscription\" link works this long", low=1, high=3650),
    Setting("UNSUBSCRIBE_TOKEN_DAYS", "float", 365, "an unsubscribe link (in every reminder) works this long",
            low=1, high=3650),
    Setting("MAIL_PER_ADDRESS_PER_HOUR", "int", 3, "confirmation and link mails to one address per hour; more "
            "requests are answered alike but send nothing", low=1, high=1000),
    Setting("REQUESTS_PER_IP_PER_HOUR", "int", 30, "subscribe and resend requests from one client address per "
            "hour, then 429 (counted in the database)", low=1, high=1_000_000),
    # --- sources: issuers' pages and feeds polled by the scheduler (README "Following issuers' sites")
    Setting("SCHEDULER_SOURCES_SECONDS", "float", 60, "how often the scheduler looks for sources due a poll (each "
            "source has its own interval, `--every`)", low=0.1, high=86_400),
    Setting("SOURCES_USER_AGENT", "text", None, "the User-Agent of every request to issuers' sites; put a contact "
            "address in it", shown="`calendar-service/<version> (+<PUBLIC_URL>)`"),
    Setting("SOURCES_TIMEOUT", "float", 20, "seconds to connect, and for the whole of one response; longer is a "
            "(retried) failure", low=1, high=600),
    Setting("SOURCES_MAX_BYTES", "int", 8 * MIB, "a page or attachment larger than this is refused, by its "
            "`Content-Length` or while reading", low=1024, high=1024 * MIB),
    Setting("SOURCES_HOST_DELAY", "float", 2, "seconds between two requests to one host (a longer robots.txt "
            "`Crawl-delay` wins)", low=0, high=3600),
    Setting("SOURCES_RETRIES", "int", 2, "more tries of a request after a timeout, a refused connection, 429 or "
            "5xx", low=0, high=10),
    Setting("SOURCES_RETRY_SECONDS", "float", 2, "wait before the first retry, doubling for each further one (a "
            "`Retry-After` up to 60 s wins)", low=0, high=3600),
    Setting("SOURCES_MAX_PAGES", "int", 5, "list pages followed per poll (page 2 and later only while the page "
            "before held something new)", low=1, high=100),
    Setting("SOURCES_BROKEN_AFTER", "int", 3, "failed polls in a row after which a source shows as broken (desk, "
            "`sources list --check`)", low=1, high=1000),
    Setting("SOURCES_LEASE_SECONDS", "float", 900, "a poller owns a source it claimed this long; after that (it "
            "died) another may poll it. Keep it above a poll's time", low=10, high=86_400),
    Setting("SOURCES_WORKERS", "int", 2, "sources (of different hosts) one scheduler process polls at once",
            low=1, high=64),
    Setting("SOURCES_OCR_LANGUAGES", "text", "chi_sim", "tesseract's `-l` for images and scanned PDFs "
            "(`chi_sim+eng` reads Latin words better)"),
    Setting("SOURCES_OCR_TIMEOUT", "float", 120, "seconds tesseract (or pdftoppm) may take on one page",
            low=1, high=3600),
)

BY_NAME: dict[str, Setting] = {s.name: s for s in SETTINGS}
DEFAULTS: dict[str, Any] = {s.name: s.default for s in SETTINGS}
