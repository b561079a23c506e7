"""Encryption at rest and keyed hashes for personal data.

Reporters' contact details, raw LINE webhook bodies and evidence files are encrypted with Fernet
(AES-128-CBC + HMAC-SHA256, from `cryptography`). The key is `SODSONG_ENCRYPTION_KEY` or one
generated once and kept in the data directory, apart from the database: a stolen database dump
alone reveals nothing. Identifiers that must be matched but never read back (LINE user ids) are
stored as keyed hashes instead, so the raw id is never in case data.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from functools import lru_cache
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.db import models

from sodsong.config import data_dir, load_environment

__all__ = [
    "DecryptionError",
    "EncryptedTextField",
    "decrypt",
    "decrypt_text",
    "encrypt",
    "encrypt_text",
    "keyed_hash",
]


class DecryptionError(ValueError):
    """Data that does not decrypt with any configured key (tampered, or the key was lost)."""


def _key_file_key() -> bytes:
    path = data_dir() / "encryption_key"
    if not path.exists():
        # A temporary name of its own for every caller (threads of one process included): a
        # shared one let a second writer rewrite the linked file after the first had read it.
        temporary = path.with_name(f".encryption_key.{os.getpid()}.{os.urandom(8).hex()}")
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(Fernet.generate_key())
        try:
            os.link(temporary, path)  # concurrent first starts agree on one key
        except FileExistsError:
            pass
        finally:
            temporary.unlink()
    return path.read_bytes().strip()


@lru_cache(maxsize=1)
def _keys() -> tuple[bytes, ...]:
    """`SODSONG_ENCRYPTION_KEY` may list several keys (comma-separated): the first encrypts,
    all decrypt, so keys can be rotated without re-encrypting everything at once."""
    load_environment()
    configured = os.environ.get("SODSONG_ENCRYPTION_KEY", "").strip()
    return tuple(k.strip().encode() for k in configured.split(",") if k.strip()) or (_key_file_key(),)


@lru_cache(maxsize=1)
def _fernet() -> MultiFernet:
    keys = _keys()
    try:
        return MultiFernet([Fernet(key) for key in keys])
    except ValueError as exc:
        raise ValueError(
            "SODSONG_ENCRYPTION_KEY: expected url-safe base64 Fernet keys (32 bytes each), comma-separated"
        ) from exc


def encrypt(data: bytes) -> bytes:
    """Encrypt bytes for storage."""
    return _fernet().encrypt(data)


def decrypt(token: bytes) -> bytes:
    """Decrypt what `encrypt` produced; `DecryptionError` when it cannot."""
    try:
        return _fernet().decrypt(token)
    except InvalidToken as exc:
        raise DecryptionError("encrypted data does not decrypt with the configured key") from exc


def encrypt_text(text: str) -> str:
    return encrypt(text.encode("utf-8")).decode("ascii")


def decrypt_text(token: str) -> str:
    return decrypt(token.encode("ascii")).decode("utf-8")


@lru_cache(maxsize=1)
def _hash_key() -> bytes:
    # Derived from the encryption key so both stay together, and distinct from it.
    return hashlib.sha256(b"sodsong-keyed-hash:" + _keys()[0]).digest()


def keyed_hash(value: str, purpose: str) -> str:
    """HMAC-SHA256 of `value` for `purpose` (e.g. "line-user"), url-safe base64 without padding.

    The same value always gives the same hash (so a returning LINE user finds their cases), but
    the raw value cannot be recovered from the database, nor guessed without the key.
    """
    digest = hmac.new(_hash_key(), f"{purpose}\x00{value}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


class EncryptedTextField(models.TextField):
    """A text column stored encrypted; reads give the plain text back. Not searchable by design."""

    description = "Text encrypted at rest"

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return encrypt_text(str(value))

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        if value is None or value == "":
            return value
        return decrypt_text(value)
