"""Secret tokens (API keys, invitation and delivery links) are stored only as a hash."""

from __future__ import annotations

import hashlib


def hash_token(token: str) -> str:
    """The stored form of a token: its SHA-256, in hex (looked up by equality)."""
    return hashlib.sha256(token.encode()).hexdigest()
