"""Secrets kept in the database but never readable there: a mailbox's password, a webhook's token.

Sealed with Fernet (the `cryptography` package: AES-128-CBC and HMAC-SHA256, with the time it was made).
The keys come from TRADEWIND_SEALING_KEYS (Fernet keys, comma-separated: the first seals, every one opens,
so a key is rotated by putting a new one first and re-sealing). Without it, one key is derived from the
SECRET_KEY — enough for the demo; in production set your own, so that rotating the SECRET_KEY after a leak
of sessions does not make every stored password unreadable.
"""

from __future__ import annotations

import base64
from functools import cache

from django.conf import settings


class SealBroken(Exception):
    """The text was not sealed by any of our keys (or was changed)."""


@cache
def _box(keys: tuple[str, ...], secret_key: str):
    from cryptography.fernet import Fernet, MultiFernet
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    if not keys:
        derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"tradewind sealed v1").derive(
            secret_key.encode()
        )
        keys = (base64.urlsafe_b64encode(derived).decode(),)
    return MultiFernet([Fernet(key) for key in keys])


def _current():
    return _box(tuple(settings.SEALING_KEYS), settings.SECRET_KEY)


def seal(text: str) -> str:
    return _current().encrypt(text.encode()).decode()


def unseal(token: str) -> str:
    from cryptography.fernet import InvalidToken

    try:
        return _current().decrypt(token.encode()).decode()
    except InvalidToken:
        raise SealBroken from None
