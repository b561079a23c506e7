from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from sodsong.privacy.crypto import DecryptionError, decrypt, decrypt_text, encrypt, encrypt_text, keyed_hash


def test_encryption_round_trips_and_detects_tampering() -> None:
    token = encrypt(b"secret evidence")
    assert b"secret" not in token
    assert decrypt(token) == b"secret evidence"
    assert decrypt_text(encrypt_text("ผู้แจ้ง 081")) == "ผู้แจ้ง 081"
    tampered = token[:-5] + (b"A" if token[-5:-4] != b"A" else b"B") + token[-4:]
    with pytest.raises(DecryptionError):
        decrypt(tampered)


def test_keyed_hashes_are_stable_per_purpose_and_do_not_contain_the_value() -> None:
    user = "U4af4980629a1b2c3d4e5f6a7b8c9d0e1"
    assert keyed_hash(user, "line-user") == keyed_hash(user, "line-user")
    assert keyed_hash(user, "line-user") != keyed_hash(user, "other")
    assert keyed_hash(user, "line-user") != keyed_hash(user + "x", "line-user")
    assert user not in keyed_hash(user, "line-user")
    assert len(keyed_hash(user, "line-user")) == 43


def test_threads_creating_the_key_file_at_once_all_get_the_key_that_stays(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first encryptions of a fresh server come from several request threads at once: each
    must get the key that ends up in the file (a shared temporary file once let a later thread
    rewrite it, so the first events were encrypted with a key that was then lost)."""
    from sodsong.privacy import crypto

    monkeypatch.setattr(crypto, "data_dir", lambda: tmp_path)
    start = threading.Barrier(16)

    def first_use() -> bytes:
        start.wait()
        return crypto._key_file_key()

    for _attempt in range(5):
        (tmp_path / "encryption_key").unlink(missing_ok=True)
        with ThreadPoolExecutor(max_workers=16) as pool:
            keys = set(pool.map(lambda _: first_use(), range(16)))
        assert keys == {(tmp_path / "encryption_key").read_bytes().strip()}
    assert [p.name for p in tmp_path.iterdir()] == ["encryption_key"]
