"""Sealing a short secret (an IMAP password) for the time a background import runs.

Stdlib only: a keystream from HMAC-SHA256 in counter mode under a key derived from the
instance's SECRET_KEY, a random nonce per secret, and an HMAC tag over nonce and cipher
text. The clear password is never stored; the sealed value is wiped when the run ends.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

from django.conf import settings


def _key(purpose: bytes) -> bytes:
    return hashlib.sha256(b"handover.imap." + purpose + settings.SECRET_KEY.encode()).digest()


def _stream(nonce: bytes, length: int) -> bytes:
    key = _key(b"stream")
    out = b""
    counter = 0
    while len(out) < length:
        out += hmac.new(key, nonce + counter.to_bytes(8, "big"), hashlib.sha256).digest()
        counter += 1
    return out[:length]


def seal(secret: str) -> str:
    data = secret.encode()
    nonce = secrets.token_bytes(16)
    cipher = bytes(a ^ b for a, b in zip(data, _stream(nonce, len(data)), strict=True))
    tag = hmac.new(_key(b"tag"), nonce + cipher, hashlib.sha256).digest()
    return base64.urlsafe_b64encode(nonce + tag + cipher).decode()


def unseal(sealed: str) -> str:
    blob = base64.urlsafe_b64decode(sealed.encode())
    nonce, tag, cipher = blob[:16], blob[16:48], blob[48:]
    expected = hmac.new(_key(b"tag"), nonce + cipher, hashlib.sha256).digest()
    if not hmac.compare_digest(tag, expected):
        raise ValueError("sealed secret was altered")
    return bytes(a ^ b for a, b in zip(cipher, _stream(nonce, len(cipher)), strict=True)).decode()
