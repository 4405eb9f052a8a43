"""Backup and restore of the whole system: the database and every stored file, in one verified archive."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from django.core.files.storage import Storage

from zhenggai.web.backup import database, files
from zhenggai.web.backup.archive import DATABASE_MEMBERS, Archive, manifest, opened, writing
from zhenggai.web.backup.errors import ArchiveError, BackupError, RestoreRefused
from zhenggai.web.backup.progress import Progress, human_size

__all__ = ["ArchiveError", "BackupError", "Progress", "RestoreRefused", "backup", "restore"]


def backup(path: Path, progress: Progress) -> dict[str, Any]:
    """Write the archive of the running system to `path`; return its manifest."""
    kind = database.engine()
    with tempfile.TemporaryDirectory(prefix="zhenggai-backup-") as folder, writing(path) as archive:
        progress.say(f"正在生成数据库快照（{database.ENGINE_NAMES[kind]}）……")
        snap = database.snapshot(Path(folder))
        with open(snap.path, "rb") as dump:
            size = archive.add(DATABASE_MEMBERS[kind], dump, compress=True)
        rows = sum(snap.tables.values())
        progress.say(f"数据库：{len(snap.tables)} 张表，{rows} 行，{human_size(size)}")
        vanished = 0
        for store, storage in files.stores().items():
            names = list(files.stored_names(storage))
            total = 0
            for done, name in enumerate(names, 1):
                try:
                    with storage.open(name, "rb") as stored:
                        total += archive.add(f"files/{store}/{name}", stored, compress=False)
                except FileNotFoundError:
                    vanished += 1  # deleted after it was listed (its rows went with it)
                progress.count("佐证材料文件", done, len(names), total)
            if not names:
                progress.say("佐证材料文件：无")
        body = manifest(kind, snap.tables, snap.migrations)
        archive.close(body)
    if vanished:
        progress.say(f"注意：有 {vanished} 个文件在备份过程中被删除，未写入备份。")
    return {**body, "members": archive.members}


def restore(path: Path, progress: Progress, *, force: bool = False) -> Archive:
    """Restore the archive at `path` into this (empty) system; nothing changes unless all of it goes in."""
    progress.say(f"正在校验备份文件“{path}”……")
    with opened(path, lambda done, total, size: progress.count("校验", done, total, size)) as archive:
        database.refuse_other_engine(archive.engine)
        newer = database.unknown_migrations(archive.migrations)
        if newer:
            raise RestoreRefused(
                f"该备份来自较新版本的整改系统（{archive.manifest.get('app_version')}），含有本系统不认识的数据库结构"
                f"（{'、'.join(newer[:3])}）。请先把整改系统升级到该版本或更新版本再恢复。"
            )
        stores = files.stores()
        present = _present_files(stores)
        _refuse_unless_empty(present, force)
        wanted = archive.files()
        _refuse_conflicts(stores, present, wanted)
        with tempfile.TemporaryDirectory(prefix="zhenggai-restore-") as folder:
            dump = Path(folder) / "database"
            with archive.open(archive.database_member) as member, open(dump, "wb") as out:
                digest, _ = files.copy_hashed(member, out)
            if digest != archive.sha256(archive.database_member):
                raise ArchiveError(f"“{path}”在恢复过程中发生变化，已停止恢复，未做任何改动。")
            added = _add_files(archive, stores, present, wanted, progress)
            try:
                progress.say("正在恢复数据库……")
                database.restore(dump)
            except BaseException:
                _remove(stores, added)
                raise
        _remove_unlisted(stores, present, wanted)
        _check_counts(archive)
        progress.say(f"数据库已恢复：{len(archive.tables)} 张表，{sum(archive.tables.values())} 行。")
        return archive


def _present_files(stores: dict[str, Storage]) -> dict[str, set[str]]:
    return {store: set(files.stored_names(storage)) for store, storage in stores.items()}


def _refuse_unless_empty(present: dict[str, set[str]], force: bool) -> None:
    tables = database.tables_in_use()
    count = sum(len(names) for names in present.values())
    if force or (not tables and not count):
        return
    held = []
    if tables:
        held.append(f"数据库中已有数据（{'、'.join(tables[:3])}{'等' if len(tables) > 3 else ''}）")
    if count:
        held.append(f"已存有 {count} 个佐证材料文件")
    raise RestoreRefused(
        f"当前系统不是空的：{'，'.join(held)}。恢复只能在空系统中进行：请使用新的数据目录（ZHENGGAI_DATA_DIR）"
        "和新建的空数据库后再恢复；如确需用备份覆盖现有的全部数据，请加 --force。"
    )


def _refuse_conflicts(
    stores: dict[str, Storage], present: dict[str, set[str]], wanted: dict[str, dict[str, str]]
) -> None:
    """With --force, a stored file that the archive holds under the same name must be the same file."""
    for store, names in wanted.items():
        if store not in stores:
            raise ArchiveError(f"备份中的文件存放位置“{store}”本系统不认识，无法恢复。")
        for name in sorted(names.keys() & present.get(store, set())):
            if files.sha256_of(stores[store], name) != names[name]:
                raise RestoreRefused(
                    f"现有文件 {store}/{name} 与备份中的同名文件内容不同，未做任何改动。请在空系统中恢复。"
                )


def _add_files(
    archive: Archive,
    stores: dict[str, Storage],
    present: dict[str, set[str]],
    wanted: dict[str, dict[str, str]],
    progress: Progress,
) -> list[tuple[str, str]]:
    """Store every archived file the system lacks; on any failure remove what was added and stop."""
    todo = [
        (store, name)
        for store, names in wanted.items()
        for name in sorted(names)
        if name not in present[store]
    ]
    added: list[tuple[str, str]] = []
    try:
        for done, (store, name) in enumerate(todo, 1):
            with archive.open(f"files/{store}/{name}") as member:
                files.save_exactly(stores[store], name, member)
            added.append((store, name))
            if files.sha256_of(stores[store], name) != wanted[store][name]:
                raise BackupError(f"写入文件 {store}/{name} 后校验不一致，已撤销恢复，未做任何改动。")
            progress.count("恢复佐证材料文件", done, len(todo))
    except OSError as exc:
        _remove(stores, added)
        raise BackupError(f"写入佐证材料文件失败，已撤销恢复，未做任何改动：{exc}") from None
    except BaseException:
        _remove(stores, added)
        raise
    return added


def _remove(stores: dict[str, Storage], names: list[tuple[str, str]]) -> None:
    for store, name in names:
        stores[store].delete(name)


def _remove_unlisted(
    stores: dict[str, Storage], present: dict[str, set[str]], wanted: dict[str, dict[str, str]]
) -> None:
    """After a forced restore, files the restored database does not know of go (an exact copy)."""
    for store, names in present.items():
        for name in sorted(names - wanted.get(store, {}).keys()):
            stores[store].delete(name)


def _check_counts(archive: Archive) -> None:
    found = database.row_counts()
    differ = sorted(t for t, rows in archive.tables.items() if found.get(t) != rows)
    if differ:
        raise BackupError(
            f"恢复后以下表的行数与备份清单不一致：{'、'.join(differ[:5])}。请检查数据库后重试。"
        )
