"""The only module that reads the process environment.

Settings import from here; nothing else in Putright touches ``os.environ``.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("PUTRIGHT_VAR_DIR", BASE_DIR / "var"))


class ImproperlyConfiguredError(RuntimeError):
    """Raised when a required setting is missing or malformed."""


def env_str(name: str, default: str | None = None) -> str | None:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfiguredError(f"{name} must be true or false, not {raw!r}")


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if not raw:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def database_config(default_sqlite: Path) -> dict[str, Any]:
    url = os.environ.get("DATABASE_URL") or f"sqlite:///{default_sqlite}"
    config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # Several processes (server, outbox worker, CLI) share the embedded
        # database: WAL and a busy timeout stop them failing on each other's locks.
        config["OPTIONS"] = {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
        config["CONN_MAX_AGE"] = 0
    elif config["ENGINE"] == "django.db.backends.postgresql":
        # Visibility checks make the planner overestimate some searches and JIT-compile
        # them for a second or two, to run a query that takes a tenth of that.
        config.setdefault("OPTIONS", {})["options"] = "-c jit=off"
    return dict(config)


def local_secret_key() -> str:
    """A secret key generated once per checkout and kept in the git-ignored var/ folder."""
    configured = os.environ.get("SECRET_KEY")
    if configured:
        return configured
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


def required_str(name: str) -> str:
    value = os.environ.get(name)
    if not value:
        raise ImproperlyConfiguredError(f"{name} must be set in production")
    return value


def email_config(*, production: bool = False) -> dict[str, Any]:
    """Where email goes: an SMTP server when EMAIL_HOST is set, else the console (local only).

    Production must name a server: staff reset their passwords by email.
    """
    host = os.environ.get("EMAIL_HOST")
    from_address = os.environ.get("DEFAULT_FROM_EMAIL", "complaints@localhost")
    if not host:
        if production:
            raise ImproperlyConfiguredError("EMAIL_HOST must be set in production")
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
            "DEFAULT_FROM_EMAIL": from_address,
        }
    use_ssl = env_bool("EMAIL_USE_SSL", default=False)
    port = os.environ.get("EMAIL_PORT") or ("465" if use_ssl else "587")
    if not port.isdigit():
        raise ImproperlyConfiguredError(f"EMAIL_PORT must be a number, not {port!r}")
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": host,
        "EMAIL_PORT": int(port),
        "EMAIL_HOST_USER": os.environ.get("EMAIL_HOST_USER", ""),
        "EMAIL_HOST_PASSWORD": os.environ.get("EMAIL_HOST_PASSWORD", ""),
        # STARTTLS unless the server speaks TLS from the start (port 465) or says otherwise.
        "EMAIL_USE_TLS": env_bool("EMAIL_USE_TLS", default=not use_ssl),
        "EMAIL_USE_SSL": use_ssl,
        "EMAIL_TIMEOUT": 20,
        "DEFAULT_FROM_EMAIL": from_address,
    }


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfiguredError(f"{name} must be a whole number, not {raw!r}") from None


def inbound_imap_config() -> dict[str, Any]:
    """The mailbox `putright mail ingest --imap` reads; HOST is blank when none is set up.

    TLS from the start (IMAPS, port 993) unless INBOUND_IMAP_SSL is false: plain IMAP only
    for a server on the same machine or a trusted network.
    """
    use_ssl = env_bool("INBOUND_IMAP_SSL", default=True)
    return {
        "HOST": os.environ.get("INBOUND_IMAP_HOST", ""),
        "PORT": env_int("INBOUND_IMAP_PORT", 993 if use_ssl else 143),
        "USER": os.environ.get("INBOUND_IMAP_USER", ""),
        "PASSWORD": os.environ.get("INBOUND_IMAP_PASSWORD", ""),
        "FOLDER": os.environ.get("INBOUND_IMAP_FOLDER") or "INBOX",
        "SSL": use_ssl,
    }
