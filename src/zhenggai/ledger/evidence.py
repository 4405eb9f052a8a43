"""Evidence files on disk: size and type limits, names we choose, never the name we were sent."""

from __future__ import annotations

import hashlib
import mimetypes
import re
import uuid
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Protocol

from django.conf import settings

from zhenggai.core.errors import Refusal


class Upload(Protocol):
    """What `store()` needs of an uploaded file (Django's UploadedFile has it): name, size, chunks."""

    name: str
    size: int

    def chunks(self, chunk_size: int | None = ...) -> Iterator[bytes]:
        """The content, in pieces of at most `chunk_size` bytes."""
        ...


def _extension(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def clean_name(name: str) -> str:
    """The name to show: the last path segment, no control characters, at most 200 characters."""
    base = re.split(r"[\\/]", name or "")[-1]
    base = re.sub(r"[\x00-\x1f\x7f]", "", base).strip() or "file"
    return base[-200:]


def check(upload: Upload) -> None:
    """Refuse a file that is too big or of a kind we don't keep, with a message saying which."""
    name = clean_name(upload.name)
    allowed = [e.lower() for e in settings.EVIDENCE_EXTENSIONS]
    if _extension(name) not in allowed:
        raise Refusal(f"文件“{name}”的类型不允许上传，允许的类型：{'、'.join(allowed)}")
    limit = settings.EVIDENCE_MAX_BYTES
    if upload.size > limit:
        raise Refusal(f"文件“{name}”超过大小上限 {limit // (1024 * 1024)} MB")
    if upload.size == 0:
        raise Refusal(f"文件“{name}”是空文件")


def path_of(stored_name: str) -> Path:
    """Where a stored file lives; stored names are ours (uuid + known extension), never the user's."""
    if not re.fullmatch(r"[0-9a-f]{32}\.[a-z0-9]{1,8}", stored_name):
        raise Refusal("佐证材料的存储名无效")
    return Path(settings.EVIDENCE_DIR) / stored_name[:2] / stored_name


def store(upload: Upload) -> tuple[str, str, int, str]:
    """Write the upload to disk; return (shown name, stored name, size, sha256)."""
    check(upload)
    name = clean_name(upload.name)
    stored_name = f"{uuid.uuid4().hex}.{_extension(name)}"
    path = path_of(stored_name)
    path.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    size = 0
    with open(path, "xb") as out:
        for chunk in upload.chunks():
            size += len(chunk)
            if size > settings.EVIDENCE_MAX_BYTES:
                out.close()
                path.unlink(missing_ok=True)
                raise Refusal(f"文件“{name}”超过大小上限")
            digest.update(chunk)
            out.write(chunk)
    return name, stored_name, size, digest.hexdigest()


def remove(stored_name: str) -> None:
    """Delete a stored file; a file already gone is no error. Raises Refusal for a name that is not ours."""
    path_of(stored_name).unlink(missing_ok=True)


def remove_all(stored_names: Iterable[str]) -> None:
    """Delete several stored files (after the rows that named them are gone)."""
    for stored_name in stored_names:
        remove(stored_name)


def content_type(name: str) -> str:
    """The MIME type a file is sent with, guessed from its name; application/octet-stream when unknown."""
    return mimetypes.guess_type(name)[0] or "application/octet-stream"
