"""Reference texts (参考范文) for 查重: the templates the office uploads in bulk, a .zip or several files.

The upload is checked as every upload is: at most MAX_UPLOAD_BYTES in all and MAX_FILES texts, each
file read by the engine under its own limits; a .zip is opened by `documents.safety.open_zip` (too
many members, too large, a zip bomb, encrypted or damaged: refused) and its members read in memory
— nothing is ever extracted to disk, so no member name can point outside a folder. Members that are
folders, hidden or of another kind are skipped and named; a file that cannot be read is skipped with
the engine's message. Zip member names written by Chinese Windows (GBK, without the UTF-8 flag) are
read as GBK. The same text twice (by its sha256) is stored once per organisation.

`delete` removes a reference text with its 查重 index entry and keys, in one transaction, for
whoever may upload to its organisation (its secretary or office, or theirs above it).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from django.db import transaction

from zhenggai.core.errors import Refusal
from zhenggai.documents import DocumentError, SourceDocument, read_bytes
from zhenggai.documents.safety import open_zip
from zhenggai.orgs.access import require_manager
from zhenggai.orgs.models import Organisation, User
from zhenggai.reviews.models import IndexedText, IndexKey, ReferenceText
from zhenggai.reviews.similar_index import index_reference

#: The whole upload, all files together.
MAX_UPLOAD_BYTES = 50 * 1024 * 1024
#: Texts in one upload (a .zip's members count one by one).
MAX_FILES = 500
#: What a reference may be (inside a .zip too).
TEXT_SUFFIXES = (".txt", ".docx")
UPLOAD_SUFFIXES = (*TEXT_SUFFIXES, ".zip")


@dataclass
class Unpacked:
    """The texts read from an upload, and a line for each file skipped."""

    texts: list[tuple[str, SourceDocument]] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def check_upload(files: list[tuple[str, int]]) -> None:
    """Refuse an upload (name, size of each file) before anything is read: none, too many, too large,
    or a file that is neither a text nor a .zip."""
    if not files:
        raise Refusal("请选择要上传的参考范文（.zip，或若干 .txt、.docx 文件）")
    if len(files) > MAX_FILES:
        raise Refusal(f"一次最多上传 {MAX_FILES} 个文件")
    if sum(size for _, size in files) > MAX_UPLOAD_BYTES:
        raise Refusal(f"上传的文件合计过大，上限为 {MAX_UPLOAD_BYTES // 1048576} MB")
    for name, _ in files:
        if not name.lower().endswith(UPLOAD_SUFFIXES):
            raise Refusal(f"“{name}”不是 .zip、.txt 或 .docx 文件")


def _member_name(raw: str, utf8: bool) -> str:
    """A zip member's name as its writer meant it: GBK when the UTF-8 flag is not set and it reads so."""
    if utf8:
        return raw
    try:
        return raw.encode("cp437").decode("gbk")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return raw


def _members(name: str, data: bytes) -> Iterator[tuple[str, bytes | None, str]]:
    """(member name, its bytes or None, why skipped) for each member of the .zip `name`."""
    package = open_zip(data, name)
    for info in package.infos():
        shown = _member_name(info.filename, bool(info.flag_bits & 0x800))
        path = PurePosixPath(shown.replace("\\", "/"))
        if info.is_dir():
            continue
        if any(part.startswith((".", "__MACOSX")) for part in path.parts):
            yield shown, None, "隐藏文件或系统文件"
        elif not path.name.lower().endswith(TEXT_SUFFIXES):
            yield shown, None, "不是 .txt 或 .docx 文件"
        else:
            yield shown, package.read(info.filename), ""


def unpack(files: list[tuple[str, bytes]], progress: Callable[[int, int], None] | None = None) -> Unpacked:
    """Read every text of the upload (a .zip's members one by one); `progress(done, total)` per file."""
    found = Unpacked()
    for number, (name, data) in enumerate(files, 1):
        try:
            if name.lower().endswith(".zip"):
                for member, content, why in _members(name, data):
                    if content is None:
                        found.skipped.append(f"{name}/{member}：{why}，已跳过")
                    else:
                        _read(found, f"{name}/{member}", PurePosixPath(member).name, content)
            else:
                _read(found, name, name, data)
        except DocumentError as exc:
            found.skipped.append(f"{name}：{exc.message}")
        if len(found.texts) > MAX_FILES:
            raise Refusal(f"一次最多上传 {MAX_FILES} 份参考范文")
        if progress is not None:
            progress(number, len(files))
    return found


def _read(found: Unpacked, shown: str, name: str, data: bytes) -> None:
    try:
        document = read_bytes(name, data)
    except DocumentError as exc:
        found.skipped.append(f"{shown}：{exc.message}")
        return
    if not document.paragraphs:
        found.skipped.append(f"{shown}：没有读到文字，已跳过")
        return
    found.texts.append((shown, document))


def store(
    user: User,
    organisation: Organisation,
    texts: list[tuple[str, SourceDocument]],
    progress: Callable[[int, int], None] | None = None,
) -> tuple[int, int]:
    """Store and index the texts for the organisation, all or nothing; (stored, already there).

    `progress(done, total)` after each text.
    """
    stored = duplicates = 0
    with transaction.atomic():
        seen = set(ReferenceText.objects.filter(organisation=organisation).values_list("sha256", flat=True))
        for number, (name, document) in enumerate(texts, 1):
            text = "\n".join(p.text for p in document.paragraphs)
            digest = hashlib.sha256(text.encode()).hexdigest()
            if digest in seen:
                duplicates += 1
            else:
                seen.add(digest)
                reference = ReferenceText.objects.create(
                    organisation=organisation, name=name[:200], text=text, sha256=digest, created_by=user
                )
                index_reference(reference)
                stored += 1
            if progress is not None:
                progress(number, len(texts))
    return stored, duplicates


#: What `delete` tells anyone who may not manage the reference's organisation.
NOT_YOURS = "只有本组织或上级组织的书记、办公室人员可以删除参考范文"


def delete(user: User, reference: ReferenceText) -> None:
    """Delete the reference text and its 查重 index entry and keys, all or nothing.

    Forbidden unless the user may manage its organisation (the upload's rule). Reports compared with
    it before keep nothing of it: the 查重 page and the checks read the index afresh.
    """
    require_manager(user, reference.organisation, NOT_YOURS)
    with transaction.atomic():
        entries = IndexedText.objects.filter(reference=reference)
        IndexKey.objects.filter(text__in=entries).delete()
        entries.delete()
        reference.delete()
