"""Setting up organisations, people and roles — only within what the person asking manages."""

from __future__ import annotations

from collections.abc import Sequence

from django.contrib.auth.hashers import make_password
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from zhenggai.core.bulk import copy_create
from zhenggai.core.errors import Forbidden, Refusal
from zhenggai.orgs.access import forget_roles, require_manager
from zhenggai.orgs.models import Membership, Organisation, Role, User


@transaction.atomic
def create_organisation(actor: User, *, name: str, parent: Organisation | None) -> Organisation:
    """A new organisation below one the actor manages (a new root only for the operator).

    The parent's row is locked, so two organisations of the same name cannot be created under it at once.
    """
    if parent is None:
        if not actor.is_superuser:
            raise Forbidden("只有系统管理员可以创建顶级组织")
    else:
        require_manager(actor, parent, f"您没有管理“{parent}”的权限")
        parent = Organisation.objects.select_for_update().get(pk=parent.pk)
    name = name.strip()
    if not name:
        raise Refusal("组织名称不能为空")
    if Organisation.objects.filter(parent=parent, name=name).exists():
        raise Refusal(f"“{parent or '顶级'}”下已有名为“{name}”的组织")
    return Organisation.objects.create(name=name, parent=parent)


@transaction.atomic
def create_person(
    actor: User, *, username: str, display_name: str, password: str, organisation: Organisation, role: str
) -> User:
    """A new active person with a login, a name and a first role in `organisation`, in one transaction.

    Raises Forbidden unless the actor manages `organisation`; Refusal when the login is empty or taken,
    or when the password fails Django's password validators (their messages joined). Nothing is written
    on refusal.
    """
    require_manager(actor, organisation, f"您没有管理“{organisation}”的权限")
    username = username.strip()
    if not username:
        raise Refusal("登录名不能为空")
    if User.objects.filter(username=username).exists():
        raise Refusal(f"登录名“{username}”已被使用")
    check_password_rules(password, username=username, display_name=display_name.strip())
    user = User.objects.create_user(username=username, password=password, display_name=display_name.strip())
    set_role(actor, user, organisation, role)
    return user


@transaction.atomic
def create_members(actor: User, organisation: Organisation, names: Sequence[str]) -> list[User]:
    """New active people at once (an import's new owners), each a member of `organisation` without a
    password (an administrator sets it), in the order of `names`.

    Each login is the name (its first 140 characters), else the name followed by 2, 3 … — the first
    not taken by anyone, those made here included. Raises Forbidden unless the actor manages
    `organisation`. One query finds the taken logins; a taken name costs one more query a try.
    """
    require_manager(actor, organisation, f"您没有管理“{organisation}”的权限")
    asked = {name[:140] for name in names}
    taken = set(User.objects.filter(username__in=asked).values_list("username", flat=True))
    people = []
    for name in names:
        username, n = name[:140], 1
        while username in taken or (
            username not in asked and User.objects.filter(username=username).exists()
        ):
            n += 1
            username = f"{name[:140]}{n}"
        taken.add(username)
        people.append(User(username=username, display_name=name, password=make_password(None)))
    copy_create(people)
    copy_create([Membership(user=person, organisation=organisation, role=Role.MEMBER) for person in people])
    return people


def check_password_rules(password: str, *, username: str, display_name: str) -> None:
    """Raise Refusal with Django's password validators' messages (joined) when `password` fails them."""
    try:
        # An unsaved person, so the similarity rule can compare the password with his names.
        validate_password(password, User(username=username, display_name=display_name))
    except ValidationError as exc:
        raise Refusal("；".join(exc.messages)) from None


@transaction.atomic
def set_role(actor: User, user: User, organisation: Organisation, role: str) -> Membership:
    """Give `user` this role in `organisation` (replacing his role there, if any)."""
    require_manager(actor, organisation, f"您没有管理“{organisation}”的权限")
    if role not in Role.values:
        raise Refusal("角色无效，应为书记、办公室、班子成员或审核人")
    membership, _ = Membership.objects.update_or_create(
        user=user, organisation=organisation, defaults={"role": role}
    )
    forget_roles(user)
    return membership


@transaction.atomic
def remove_role(actor: User, membership: Membership) -> None:
    """Take a role away from its holder.

    Raises Forbidden unless the actor manages the role's organisation, and Refusal when the actor would
    remove his own secretary or office role there (another manager must do it). One transaction on the
    locked row: a role changed meanwhile is judged as it is now.
    """
    membership = (
        Membership.objects.select_for_update(of=("self",))
        .select_related("organisation", "user")
        .get(pk=membership.pk)
    )
    require_manager(actor, membership.organisation, f"您没有管理“{membership.organisation}”的权限")
    if membership.user_id == actor.pk and membership.role in (Role.SECRETARY, Role.OFFICE):
        raise Refusal("不能撤销自己的管理角色，请由其他书记或办公室人员办理")
    membership.delete()
    forget_roles(membership.user)
