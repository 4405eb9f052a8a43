"""The stored files a backup carries, read and written only through Django's storage API."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from typing import IO

from django.conf import settings
from django.core.files import File
from django.core.files.storage import FileSystemStorage, Storage

CHUNK = 1024 * 1024
#: A stored name as the archive may carry it: relative, "/"-separated, no "." or ".." segment.
_SAFE_NAME = re.compile(r"(?!.*(?:^|/)\.{1,2}(?:/|$))[A-Za-z0-9._-]+(?:/[A-Za-z0-9._-]+)*")


def stores() -> dict[str, Storage]:
    """Every place the system keeps files, by the name the archive files them under.

    Evidence (佐证材料) is the only one today. When evidence moves to a `STORAGES` entry, return
    `django.core.files.storage.storages["evidence"]` here: nothing else in the backup changes.
    """
    return {"evidence": FileSystemStorage(location=settings.EVIDENCE_DIR)}


def stored_names(storage: Storage, folder: str = "") -> Iterator[str]:
    """Every file's name in `storage`, folders walked depth first; nothing when the root is absent."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    prefix = f"{folder}/" if folder else ""
    for name in sorted(files):
        yield prefix + name
    for sub in sorted(folders):
        yield from stored_names(storage, prefix + sub)


def is_safe_name(name: str) -> bool:
    """True for a relative, '/'-separated name that cannot climb out of its folder."""
    return bool(_SAFE_NAME.fullmatch(name))


def copy_hashed(source: IO[bytes], target: IO[bytes]) -> tuple[str, int]:
    """Copy `source` into `target`; return the sha256 and the size of what went through."""
    digest = hashlib.sha256()
    size = 0
    while chunk := source.read(CHUNK):
        digest.update(chunk)
        size += len(chunk)
        target.write(chunk)
    return digest.hexdigest(), size


def sha256_of(storage: Storage, name: str) -> str:
    """The sha256 of a stored file, read in chunks."""
    digest = hashlib.sha256()
    with storage.open(name, "rb") as stored:
        while chunk := stored.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def save_exactly(storage: Storage, name: str, content: IO[bytes]) -> None:
    """Store `content` under exactly `name` (a storage that would rename it is an error)."""
    saved = storage.save(name, File(content, name=name))
    if saved != name:
        storage.delete(saved)
        raise OSError(f"存储拒绝了文件名 {name}")
