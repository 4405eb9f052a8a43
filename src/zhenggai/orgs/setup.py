"""The first run: an empty system gets its first administrator and top organisation, once.

Without the demo, `zhenggai run` finds no one who could log in. The first visitor is led to the
setup page, which asks for the administrator's login, name and password and the name of the top
organisation. The page needs the one-time setup key that `zhenggai run` prints on the server's
console (kept in the data folder), so that whoever first reaches a fresh server over the network
cannot make himself its administrator. `zhenggai setup` does the same on the command line.

Once anyone exists the page answers 404 for good; two setups at the same moment leave one.
"""

from __future__ import annotations

import secrets
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction

from zhenggai.core.errors import Refusal
from zhenggai.orgs.models import Membership, Organisation, Role, User
from zhenggai.orgs.services import check_password_rules

#: PostgreSQL advisory lock key for the setup (SQLite's immediate transactions serialise it anyway).
_LOCK = 0x5A4753  # "ZGS"
_KEY_FILE = "setup-key"


def needed() -> bool:
    """True while nobody exists in the system."""
    return not User.objects.exists()


def key_path() -> Path:
    """Where the setup key is kept: the data folder's setup-key file."""
    return Path(settings.DATA_DIR) / _KEY_FILE


def setup_key() -> str:
    """The one-time setup key, made on first use and kept (owner-readable only) in the data folder."""
    path = key_path()
    if not path.exists():
        path.write_text(secrets.token_urlsafe(16), encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()


def key_is_valid(given: str) -> bool:
    """True when `given` is the setup key still waiting to be used (compared in constant time)."""
    path = key_path()
    return bool(given) and path.exists() and secrets.compare_digest(given.strip(), setup_key())


@transaction.atomic
def set_up(*, username: str, display_name: str, password: str, organisation: str) -> User:
    """Create the first administrator (superuser, 办公室 of the new top organisation) and that organisation.

    Raises Refusal when someone already exists, a field is empty, or the password fails Django's
    password validators; nothing is written then.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_LOCK])
    if User.objects.exists():
        raise Refusal("系统已完成初始设置，请直接登录")
    username, display_name, organisation = username.strip(), display_name.strip(), organisation.strip()
    missing = [
        label
        for label, value in (("登录名", username), ("姓名", display_name), ("组织名称", organisation))
        if not value
    ]
    if missing:
        raise Refusal(f"{'、'.join(missing)}不能为空")
    check_password_rules(password, username=username, display_name=display_name)
    user = User.objects.create_user(
        username=username, password=password, display_name=display_name, is_staff=True, is_superuser=True
    )
    top = Organisation.objects.create(name=organisation)
    Membership.objects.create(user=user, organisation=top, role=Role.OFFICE)
    transaction.on_commit(lambda: key_path().unlink(missing_ok=True))
    return user
