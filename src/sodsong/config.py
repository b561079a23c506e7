"""Where Sodsong keeps its files and how it reads its settings from the environment.

Everything lives under one data directory (`SODSONG_DATA_DIR`, default `./var`): the SQLite app
database, the DuckDB warehouse, uploaded evidence and the generated secret key. A `.env` file in
the working directory is read first; real environment variables win over it.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from dotenv import load_dotenv

__all__ = ["data_dir", "env_bool", "env_int", "env_list", "env_str", "load_environment", "secret_key"]

_loaded = False


def load_environment() -> None:
    """Read `.env` from the working directory once (existing variables are not overridden)."""
    global _loaded
    if not _loaded:
        load_dotenv(Path.cwd() / ".env", override=False)
        _loaded = True


def env_str(name: str, default: str) -> str:
    """The variable's value, or `default` when it is unset or blank (as `NAME=` in `.env`)."""
    value = os.environ.get(name, "").strip()
    return value or default


def env_int(name: str, default: int) -> int:
    """A whole number; blank means the default, anything else not a number is an error naming it."""
    value = env_str(name, str(default))
    try:
        return int(value)
    except ValueError:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(f"setting {name}={value!r}: expected a whole number") from None


def data_dir() -> Path:
    """The data directory, created on first use."""
    load_environment()
    path = Path(env_str("SODSONG_DATA_DIR", "var")).expanduser().resolve()
    path.mkdir(parents=True, exist_ok=True)
    return path


def env_bool(name: str, default: bool = False) -> bool:
    """`1`, `true`, `yes`, `on` (any case) are true; anything else is false."""
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    return value.lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: list[str]) -> list[str]:
    """A comma-separated list; blank items are dropped."""
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def secret_key() -> str:
    """`SODSONG_SECRET_KEY`, or a key generated once and kept in the data directory (mode 0600)."""
    load_environment()
    configured = os.environ.get("SODSONG_SECRET_KEY", "").strip()
    if configured:
        return configured
    path = data_dir() / "secret_key"
    if not path.exists():
        # Write aside, then link into place: concurrent first starts agree on one key.
        temporary = path.with_name(f".secret_key.{os.getpid()}")
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_urlsafe(50))
        try:
            os.link(temporary, path)
        except FileExistsError:
            pass
        finally:
            temporary.unlink()
    return path.read_text().strip()
