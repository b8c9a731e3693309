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
