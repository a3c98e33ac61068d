"""Mail transports: SMTP (``CALENDAR_SMTP_URL``) or .eml files in a folder (no mail server needed).

``send`` raises ``TransientError`` when trying again later may work (4xx, timeouts, the server
unreachable or refusing our login) and ``PermanentError`` when it will not (5xx to this message).
A login or connection failure is the operator's to fix, not the recipient's fault, so it is
transient and marked ``connection=True``: the dispatcher stops its pass instead of burning
attempts on every reminder.
"""
from __future__ import annotations

import hashlib
import os
import smtplib
import socket
import ssl
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, unquote, urlsplit

from ..errors import ConfigurationError, MailError, PermanentError, TransientError

if TYPE_CHECKING:
    from .messages import Mail

LOOPBACK = ("127.0.0.1", "::1", "localhost")


class FileMailer:
    """Writes each message to ``<folder>/<message id hash>.eml`` (written whole, then renamed).

    The file name comes from the Message-ID, so a message sent again replaces its own file.
    """

    def __init__(self, folder: str | os.PathLike):
        self.folder = Path(folder)

    def send(self, mail: Mail) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        name = hashlib.sha256(mail.message_id.encode()).hexdigest()[:24] + ".eml"
        descriptor, temporary = tempfile.mkstemp(dir=self.folder, prefix=".", suffix=".tmp")
        try:
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(mail.data)
            os.replace(temporary, self.folder / name)
        except BaseException:  # whatever stopped the write (Ctrl-C too): no half file stays, then go on
            Path(temporary).unlink(missing_ok=True)
            raise

    def close(self) -> None:
        pass

    def describe(self) -> str:
        return f"files in {self.folder}"


class SMTPMailer:
    """One connection, opened on the first message and kept for the rest of a dispatch pass.

    ``smtp://user:password@host:587`` uses STARTTLS when the server offers it, and insists on it
    when a password would otherwise cross the network in clear (any host but loopback);
    ``?starttls=require`` always insists, ``?starttls=off`` never tries. ``smtps://`` is TLS from
    the first byte (port 465 by default).
    """

    def __init__(self, url: str, *, timeout: float = 30):
        parts = urlsplit(url)
        if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
            raise ConfigurationError(f"CALENDAR_SMTP_URL must look like smtp://user:password@host:587, got {url!r}")
        self.tls = parts.scheme == "smtps"
        self.host = parts.hostname
        self.port = parts.port or (465 if self.tls else 25)
        self.user = unquote(parts.username) if parts.username else None
        self.password = unquote(parts.password) if parts.password else None
        starttls = parse_qs(parts.query).get("starttls", ["auto"])[0]
        if starttls not in ("auto", "require", "off"):
            raise ConfigurationError(f"starttls must be auto, require or off, got {starttls!r}")
        if starttls == "auto" and self.user and self.host not in LOOPBACK:
            starttls = "require"
        self.starttls = starttls
        self.timeout = timeout
        self._connection: smtplib.SMTP | None = None

    def describe(self) -> str:
        return f"{'smtps' if self.tls else 'smtp'}://{self.host}:{self.port}"

    def send(self, mail: Mail) -> None:
        connection = self._connect()
        try:
            refused = connection.sendmail(mail.sender, [mail.recipient], mail.data)
        except smtplib.SMTPRecipientsRefused as exc:
            code, text = next(iter(exc.recipients.values()))
            raise _classified(code, text) from None
        except (smtplib.SMTPSenderRefused, smtplib.SMTPDataError) as exc:
            raise _classified(exc.smtp_code, exc.smtp_error) from None
        except smtplib.SMTPResponseException as exc:
            self.close()
            raise _classified(exc.smtp_code, exc.smtp_error) from None
        except (smtplib.SMTPException, OSError) as exc:  # disconnected, timed out, reset
            self.close()
            raise TransientError(f"SMTP connection lost: {exc}", connection=True) from None
        if refused:  # only partly accepted: we send to one recipient, so this does not happen
            code, text = next(iter(refused.values()))
            raise _classified(code, text)

    def close(self) -> None:
        connection, self._connection = self._connection, None
        if connection is None:
            return
        try:
            connection.quit()
        except (smtplib.SMTPException, OSError):
            pass
        finally:
            connection.close()

    def _connect(self) -> smtplib.SMTP:
        if self._connection is not None:
            return self._connection
        context = ssl.create_default_context()
        connection = None
        try:
            if self.tls:
                connection = smtplib.SMTP_SSL(self.host, self.port, timeout=self.timeout, context=context)
            else:
                connection = smtplib.SMTP(self.host, self.port, timeout=self.timeout)
            connection.ehlo()
            if self.starttls != "off" and not self.tls:
                if connection.has_extn("starttls"):
                    connection.starttls(context=context)
                    connection.ehlo()
                elif self.starttls == "require":
                    raise TransientError(f"{self.describe()} does not offer STARTTLS; refusing to send "
                                         f"the password in clear (add ?starttls=off to allow)", connection=True)
            if self.user:
                connection.login(self.user, self.password or "")
        except MailError:
            _close_quietly(connection)
            raise
        except (smtplib.SMTPException, OSError, socket.timeout) as exc:
            _close_quietly(connection)
            raise TransientError(f"cannot use {self.describe()}: {exc}", connection=True) from None
        self._connection = connection
        return connection


def make_mailer(config) -> FileMailer | SMTPMailer:
    """SMTP when ``SMTP_URL`` is set, else the file backend in ``MAIL_DIR`` (or <instance>/mail)."""
    if config.get("SMTP_URL"):
        return SMTPMailer(str(config["SMTP_URL"]), timeout=float(config["SMTP_TIMEOUT"]))
    return FileMailer(config.get("MAIL_DIR") or Path(config["INSTANCE_PATH"]) / "mail")


def _classified(code: int, text) -> MailError:
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    message = f"{code} {text}".strip()
    if 400 <= code < 500 or code < 200:  # smtplib uses -1 for "no reply"
        return TransientError(message)
    return PermanentError(message)


def _close_quietly(connection: smtplib.SMTP | None) -> None:
    if connection is not None:
        try:
            connection.close()
        except OSError:
            pass
