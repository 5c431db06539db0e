"""What this instance runs with: its cookie-signing key and the mode said at start-up.

No key is public: a configured WEIQUAN_SECRET_KEY wins; without one, the first start generates
a random key into the data directory (mode 0600) and later starts, and the other server
processes, read it. Made with a hard link from a finished temporary file, the key file appears
whole or not at all, and only once: processes starting together all end up with the first one.
A generated key serves one machine; servers on several machines must share a configured key,
or each would refuse the others' cookies (people signed out at random).
"""

from __future__ import annotations

import os
import secrets
import stat
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from sqlalchemy.engine import make_url

from weiquan.common.i18n import N_, gettext
from weiquan.config import Settings

KEY_FILE = "secret-key"
KEY_BYTES = 32  # 256 bits


class KeySource(StrEnum):
    configured = "configured"
    generated = "generated"  # made by this start
    stored = "stored"  # made by an earlier start (or another process)


@dataclass(frozen=True)
class SecretKey:
    value: str
    source: KeySource
    path: Path | None = None


class KeyFileError(Exception):
    """The key file cannot be used as it is; the message says what to do."""


UNSAFE_MODE = N_(
    "The secret key file {path} can be read by other users of this machine: "
    "run `chmod 600 {path}` or set WEIQUAN_SECRET_KEY."
)
UNUSABLE = N_(
    "The secret key file {path} cannot be made or read ({reason}): "
    "make the data directory writable or set WEIQUAN_SECRET_KEY."
)
BAD_FILE = N_(
    "The secret key file {path} is empty or damaged: remove it (a new key is then made) "
    "or set WEIQUAN_SECRET_KEY."
)


def secret_key(settings: Settings) -> SecretKey:
    """The key that signs cookies: configured, or this instance's own in the data directory."""
    if settings.secret_key is not None:
        return SecretKey(settings.secret_key.get_secret_value(), KeySource.configured)
    path = settings.data_dir / KEY_FILE
    try:
        if not path.exists():
            made = _create(path)
            if made is not None:
                return SecretKey(made, KeySource.generated, path)
        return SecretKey(_read(path), KeySource.stored, path)
    except OSError as error:  # a read-only or missing data directory, say
        reason = error.strerror or str(error)
        raise KeyFileError(gettext(UNUSABLE).format(path=path, reason=reason)) from None


def _create(path: Path) -> str | None:
    """A new key written to path, or None when another process made the file first."""
    if not path.parent.exists():
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    value = secrets.token_urlsafe(KEY_BYTES)
    temporary = path.with_name(f".{KEY_FILE}.{os.getpid()}.{secrets.token_hex(4)}")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="ascii") as f:
            f.write(value + "\n")
            f.flush()
            os.fsync(f.fileno())
        try:
            os.link(temporary, path)  # fails if the file exists: the first key made wins
        except FileExistsError:
            return None
    finally:
        temporary.unlink(missing_ok=True)
    return value


def _read(path: Path) -> str:
    mode = path.stat().st_mode
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise KeyFileError(gettext(UNSAFE_MODE).format(path=path))
    value = path.read_text(encoding="ascii", errors="replace").strip()
    if len(value) < KEY_BYTES:
        raise KeyFileError(gettext(BAD_FILE).format(path=path))
    return value


ENVIRONMENT = N_("Environment: {environment}")
SQLITE = N_("Database: SQLite file {path}")
SERVER = N_("Database: {kind} {where}")
KEY_CONFIGURED = N_("Secret key: set by WEIQUAN_SECRET_KEY")
KEY_GENERATED = N_("Secret key: generated now in {path}")
KEY_STORED = N_("Secret key: read from {path}")
ONE_MACHINE = N_(
    "A generated key serves one machine only: servers on several machines must share one "
    "WEIQUAN_SECRET_KEY, or people are signed out at random."
)


def mode_lines(settings: Settings, key: SecretKey) -> list[str]:
    """The start-up report: environment, database (never its password), where the key is from."""
    lines = [gettext(ENVIRONMENT).format(environment=settings.environment)]
    url = make_url(settings.sqlalchemy_url)
    if url.get_backend_name() == "sqlite":
        lines.append(gettext(SQLITE).format(path=url.database))
    else:
        kind = "PostgreSQL" if url.get_backend_name() == "postgresql" else url.get_backend_name()
        where = url.set(drivername=url.get_backend_name()).render_as_string(hide_password=True)
        lines.append(gettext(SERVER).format(kind=kind, where=where))
    if key.source is KeySource.configured:
        lines.append(gettext(KEY_CONFIGURED))
    else:
        template = KEY_GENERATED if key.source is KeySource.generated else KEY_STORED
        lines.append(gettext(template).format(path=key.path))
        lines.append(gettext(ONE_MACHINE))
    return lines
