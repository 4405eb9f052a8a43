"""Settings from the environment through tiny typed helpers that fail loudly on bad values."""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any


class SettingError(RuntimeError):
    """An environment variable holds a value the app cannot use."""


def envstr(name: str, default: str) -> str:
    """The variable's value, or `default` when it is unset (a value set to empty stays empty)."""
    return os.environ.get(name, default)


def envint(name: str, default: int, *, minimum: int | None = None) -> int:
    """The variable as an integer, or `default` when unset or empty; SettingError for anything else or below `minimum`."""
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise SettingError(f"环境变量 {name} 必须是整数，当前为 {raw!r}") from None
    if minimum is not None and value < minimum:
        raise SettingError(f"环境变量 {name} 不能小于 {minimum}，当前为 {value}")
    return value


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


def s3_storage(default_prefix: str) -> dict[str, Any] | None:
    """A STORAGES entry for the S3-compatible bucket ZHENGGAI_S3_BUCKET names; None when it names none.

    Keys left unset come from boto3's usual places (AWS_ACCESS_KEY_ID…, ~/.aws, an instance role).
    """
    bucket = envstr("ZHENGGAI_S3_BUCKET", "")
    if not bucket:
        return None
    options: dict[str, Any] = {
        "bucket_name": bucket,
        "location": envstr("ZHENGGAI_S3_PREFIX", default_prefix),
        # Our names are random (uuid): no need to ask the server first whether one is taken.
        "file_overwrite": True,
        "default_acl": None,
    }
    for option, name in (
        ("endpoint_url", "ZHENGGAI_S3_ENDPOINT_URL"),
        ("region_name", "ZHENGGAI_S3_REGION"),
        ("access_key", "ZHENGGAI_S3_ACCESS_KEY"),
        ("secret_key", "ZHENGGAI_S3_SECRET_KEY"),
        ("addressing_style", "ZHENGGAI_S3_ADDRESSING_STYLE"),
    ):
        if value := envstr(name, ""):
            options[option] = value
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}
