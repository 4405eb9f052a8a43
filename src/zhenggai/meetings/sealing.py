"""Sealing a held opinion: AES-GCM under a key derived from SECRET_KEY, every one padded to one size.

Why seal at all, when held rows are deleted once published (holding.py)? Deleting a row does
not erase it everywhere the database keeps it: PostgreSQL leaves the dead row in the table file
until VACUUM (on a small table autovacuum may not come for weeks) and writes every insert, with its
transaction id, to the write-ahead log and its archives; SQLite leaves it in the journal or WAL
file. Each of those copies says "this text arrived in transaction X". Sealed, it says only "an
opinion for meeting M arrived in transaction X": without the application's SECRET_KEY the database
administrator cannot read who wrote what, nor match it to a published opinion, which has a new key.
Padding makes every sealed opinion the same length, so its size does not give it away either.

The meeting is bound into the seal (associated data), so a row moved to another meeting no longer
opens. SECRET_KEY_FALLBACKS are tried too, so a rotated key does not lose opinions still waiting.
"""

from __future__ import annotations

import os
import struct
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.utils.crypto import salted_hmac

_SALT = "zhenggai.meetings.held-opinion"
#: About (a user id), aspect (an aspect id), 0 for none; then the text's length in bytes.
_HEADER = struct.Struct(">QQI")
_NONCE_BYTES = 12
#: The size of every opinion before it is sealed: the header and the longest text the form takes
#: (2000 characters, up to 4 bytes each in UTF-8) fit, with room to spare.
PADDED_BYTES = 8192


@dataclass(frozen=True)
class Content:
    """What a sender wrote: the text, whom it is about (a user id, None for the team) and the aspect."""

    text: str
    about_id: int | None = None
    aspect_id: int | None = None


def _keys() -> list[bytes]:
    secrets = [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]
    return [salted_hmac(_SALT, "key", secret=s, algorithm="sha256").digest() for s in secrets]


def _associated(meeting_id: int) -> bytes:
    return f"meeting:{meeting_id}".encode()


def seal(meeting_id: int, content: Content) -> bytes:
    """The content sealed for `meeting_id`: a random nonce and the AES-GCM ciphertext, always the same length.

    Raises ValueError for a text too long to pad (the form never sends one).
    """
    data = content.text.encode("utf-8", "replace")
    header = _HEADER.pack(content.about_id or 0, content.aspect_id or 0, len(data))
    if len(header) + len(data) > PADDED_BYTES:
        raise ValueError("opinion too long to seal")
    plain = (header + data).ljust(PADDED_BYTES, b"\0")
    nonce = os.urandom(_NONCE_BYTES)
    return nonce + AESGCM(_keys()[0]).encrypt(nonce, plain, _associated(meeting_id))


def unseal(meeting_id: int, sealed: bytes) -> Content | None:
    """The content sealed by seal() for this meeting; None when no key of this system opens it."""
    nonce, body = sealed[:_NONCE_BYTES], sealed[_NONCE_BYTES:]
    for key in _keys():
        try:
            plain = AESGCM(key).decrypt(nonce, body, _associated(meeting_id))
        except InvalidTag:
            continue
        about, aspect, length = _HEADER.unpack_from(plain)
        text = plain[_HEADER.size : _HEADER.size + length].decode("utf-8")
        return Content(text, about or None, aspect or None)
    return None
