"""Sealed secrets: what goes in comes out, only with our keys; a new key seals while the old still opens."""

import pytest
from cryptography.fernet import Fernet

from tradewind.core.sealed import SealBroken, seal, unseal


def test_a_sealed_secret_opens_and_hides_its_text():
    token = seal("授权码-abc123")
    assert "abc123" not in token and unseal(token) == "授权码-abc123"
    assert seal("same") != seal("same")  # a fresh IV each time


def test_keys_rotate_and_a_foreign_token_is_refused(settings):
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.SEALING_KEYS = [old]
    sealed_before = seal("app-password")
    settings.SEALING_KEYS = [new, old]  # the new key seals, the old still opens
    assert unseal(sealed_before) == "app-password"
    settings.SEALING_KEYS = [new]
    with pytest.raises(SealBroken):
        unseal(sealed_before)
    with pytest.raises(SealBroken):
        unseal("not a token")
