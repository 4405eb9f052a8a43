"""Evidence files: size and type limits, names we choose, never the name we were sent.

They go through Django's storage API (the `evidence` entry of STORAGES): a local folder by default,
S3-compatible storage when the environment names a bucket (settings.py), so that any number of
app servers share them.
"""

from __future__ import annotations

import hashlib
import mimetypes
import re
import uuid
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.files import File
from django.core.files.storage import FileSystemStorage, Storage, storages
from django.core.signals import setting_changed
from django.utils.functional import cached_property

from zhenggai.core.errors import Refusal

#: An uploaded file as Django hands it over: read once for its size and digest, then again to keep it.
Upload = File[bytes]


class EvidenceFolder(FileSystemStorage):
    """The local evidence folder, settings.EVIDENCE_DIR; follows that setting when it changes."""

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        setting_changed.connect(self._follow_evidence_dir)

    @cached_property
    def base_location(self) -> str:
        """settings.EVIDENCE_DIR, read when first needed and again after the setting changes."""
        return str(settings.EVIDENCE_DIR)

    def _follow_evidence_dir(self, setting: str, **kwargs: Any) -> None:
        if setting == "EVIDENCE_DIR":
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)


def storage() -> Storage:
    """Where evidence files are kept (settings.STORAGES["evidence"])."""
    return storages["evidence"]


def _extension(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def clean_name(name: str) -> str:
    """The name to show: the last path segment, no control characters, at most 200 characters."""
    base = re.split(r"[\\/]", name or "")[-1]
    base = re.sub(r"[\x00-\x1f\x7f]", "", base).strip() or "file"
    return base[-200:]


def accept() -> str:
    """The `accept` attribute of an evidence file input: photos (a phone offers its camera) and the
    kinds we keep (settings.EVIDENCE_EXTENSIONS)."""
    return ",".join(["image/*", *(f".{e.lower()}" for e in settings.EVIDENCE_EXTENSIONS)])


def check(upload: Upload) -> None:
    """Refuse a file that is too big or of a kind we don't keep, with a message saying which."""
    name = clean_name(upload.name or "")
    allowed = [e.lower() for e in settings.EVIDENCE_EXTENSIONS]
    if _extension(name) not in allowed:
        raise Refusal(f"文件“{name}”的类型不允许上传，允许的类型：{'、'.join(allowed)}")
    limit = settings.EVIDENCE_MAX_BYTES
    if upload.size > limit:
        raise Refusal(f"文件“{name}”超过大小上限 {limit // (1024 * 1024)} MB")
    if upload.size == 0:
        raise Refusal(f"文件“{name}”是空文件")


def key_of(stored_name: str) -> str:
    """The file's name in the storage; stored names are ours (uuid + known extension), never the user's."""
    if not re.fullmatch(r"[0-9a-f]{32}\.[a-z0-9]{1,8}", stored_name):
        raise Refusal("佐证材料的存储名无效")
    return f"{stored_name[:2]}/{stored_name}"


def store(upload: Upload) -> tuple[str, str, int, str]:
    """Keep the upload; return (shown name, stored name, size, sha256)."""
    check(upload)
    name = clean_name(upload.name or "")
    stored_name = f"{uuid.uuid4().hex}.{_extension(name)}"
    digest = hashlib.sha256()
    size = 0
    # Measured as read, not as declared: nothing over the limit reaches the storage.
    for chunk in upload.chunks():
        size += len(chunk)
        if size > settings.EVIDENCE_MAX_BYTES:
            raise Refusal(f"文件“{name}”超过大小上限")
        digest.update(chunk)
    upload.seek(0)
    key = key_of(stored_name)
    saved = storage().save(key, upload)
    if saved != key:  # a storage that renamed our file would lose it: undo and say so
        storage().delete(saved)
        raise RuntimeError(f"evidence storage renamed {key} to {saved}")
    return name, stored_name, size, digest.hexdigest()


def open_stored(stored_name: str) -> File[bytes] | None:
    """The stored file opened for reading, or None when it is missing from the storage."""
    try:
        return storage().open(key_of(stored_name), "rb")
    except FileNotFoundError:
        return None


def remove(stored_name: str) -> None:
    """Delete a stored file; a file already gone is no error. Raises Refusal for a name that is not ours."""
    storage().delete(key_of(stored_name))


def remove_all(stored_names: Iterable[str]) -> None:
    """Delete several stored files (after the rows that named them are gone)."""
    for stored_name in stored_names:
        remove(stored_name)


def content_type(name: str) -> str:
    """The MIME type a file is sent with, guessed from its name; application/octet-stream when unknown."""
    return mimetypes.guess_type(name)[0] or "application/octet-stream"
