from __future__ import annotations

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
