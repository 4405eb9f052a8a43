"""The two ways a backup or a restore stops: the archive cannot be trusted, or the system says no."""

from __future__ import annotations

from zhenggai.core.errors import Refusal


class BackupError(Refusal):
    """A backup or restore that stopped with a Chinese message; `exit_status` is the command's."""

    exit_status = 1


class ArchiveError(BackupError):
    """The archive is missing, corrupt, truncated, tampered with, or not ours."""

    exit_status = 2


class RestoreRefused(BackupError):
    """The archive is sound but this system will not take it: data present, other engine, newer app."""
