"""Settings from the environment through tiny typed helpers that fail loudly on bad values."""

from __future__ import annotations

import os
import secrets
from pathlib import Path


class SettingError(RuntimeError):
    """An environment variable holds a value the app cannot use."""


def envstr(name: str, default: str) -> str:
    """The variable's value, or `default` when it is unset (a value set to empty stays empty)."""
    return os.environ.get(name, default)


def envint(name: str, default: int) -> int:
    """The variable as an integer, or `default` when unset or empty; raises SettingError for anything else."""
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise SettingError(f"环境变量 {name} 必须是整数，当前为 {raw!r}") from None


def envbool(name: str, default: bool) -> bool:
    """1/true/yes/on or 0/false/no/off in any case; `default` when unset or empty; else SettingError."""
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise SettingError(f"环境变量 {name} 必须是 true 或 false，当前为 {raw!r}")


def envlist(name: str, default: list[str]) -> list[str]:
    """The variable as a comma-separated list, items stripped, empty ones dropped; `default` when blank."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def secret_key(data_dir: Path) -> str:
    """SECRET_KEY from the environment, else a key generated once and kept in the data folder."""
    from_env = os.environ.get("SECRET_KEY")
    if from_env:
        return from_env
    path = data_dir / "secret_key"
    if not path.exists():
        # Write aside, then link: two processes starting at once end up with the same whole key.
        tmp = data_dir / f".secret_key.{os.getpid()}.{secrets.token_hex(4)}"
        tmp.write_text(secrets.token_urlsafe(50))
        tmp.chmod(0o600)
        try:
            os.link(tmp, path)
        except FileExistsError:
            pass
        finally:
            tmp.unlink()
    key = path.read_text().strip()
    if not key:
        raise SettingError(f"{path} 为空：删除该文件后重新启动即可生成新的密钥")
    return key
