"""Operations on organisations and accounts; they flush, never commit."""

from __future__ import annotations

from sqlalchemy import select

from maatwerk.accounts.models import Organisation, User
from maatwerk.accounts.passwords import MIN_PASSWORD_LENGTH, check_password_policy, hash_password
from maatwerk.accounts.sessions import end_all_sessions
from maatwerk.accounts.tokens import revoke_all_tokens
from maatwerk.accounts.versions import bump_account_version
from maatwerk.core.db import db, utcnow
from maatwerk.core.enums import Role, Sector
from maatwerk.core.errors import ValidationFailed
from maatwerk.core.names import clean_name, name_in
from maatwerk.households.models import Member

__all__ = ["MIN_PASSWORD_LENGTH", "check_password", "create_organisation", "create_user"]


def check_organisation_name_free(name: str, *, other_than: int | None = None) -> None:
    """Refuse a name another organisation has, or a look-alike of it (capitals, spaces,
    invisible characters: maatwerk.core.names); the database's unique key catches the
    exact same name at the same moment."""
    query = select(Organisation.name)
    if other_than is not None:
        query = query.where(Organisation.id != other_than)
    if name_in(name, db.session.scalars(query)):
        raise ValidationFailed(
            "An organisation with this name exists.", fields={"name": ["Already used."]}
        )


def create_organisation(name: str, sector: Sector | str) -> Organisation:
    """Create a partner organisation with a unique name (cleaned: maatwerk.core.names)."""
    name = clean_name(name)
    if not name:
        raise ValidationFailed("The name is empty.", fields={"name": ["Required."]})
    try:
        sector = Sector(sector)
    except ValueError:
        raise ValidationFailed(
            "Unknown sector.", fields={"sector": [f"One of: {', '.join(Sector)}."]}
        ) from None
    check_organisation_name_free(name)
    organisation = Organisation(name=name, sector=sector)
    db.session.add(organisation)
    db.session.flush()
    return organisation


def check_password(password: str, *, login: str | None = None) -> None:
    """Refuse passwords that are too short, too long or common; no composition rules
    (ASVS 2.1; the policy is in maatwerk.accounts.passwords)."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValidationFailed(
            "The password is too short.",
            fields={"password": [f"Use at least {MIN_PASSWORD_LENGTH} characters."]},
        )
    check_password_policy(password, login=login)


def create_user(
    *,
    login: str,
    display_name: str,
    role: Role | str,
    password: str | None,
    organisation: Organisation | None = None,
    member: Member | None = None,
    email: str | None = None,
    phone: str | None = None,
) -> User:
    """Create an account; family accounts belong to a member, staff to an organisation.

    Without a password nobody can log in to it until its user sets one (a setup code from
    the administrator, maatwerk.admin.setup)."""
    login = login.strip().lower()
    try:
        role = Role(role)
    except ValueError:
        raise ValidationFailed(
            "Unknown role.", fields={"role": [f"One of: {', '.join(Role)}."]}
        ) from None
    errors: dict[str, list[str]] = {}
    if not login:
        errors["login"] = ["Required."]
    elif db.session.scalar(select(User.id).where(User.login == login)):
        errors["login"] = ["Already used."]
    if role is Role.FAMILY:
        if member is None:
            errors["member"] = ["A family account belongs to a household member."]
        if organisation is not None:
            errors["organisation"] = ["A family account has no organisation."]
    else:
        if member is not None:
            errors["member"] = ["Only family accounts link to a household member."]
        if role in (Role.PROFESSIONAL, Role.MANAGER) and organisation is None:
            errors["organisation"] = ["Professionals and managers belong to an organisation."]
    if errors:
        raise ValidationFailed("The account cannot be created.", fields=errors)
    if password is not None:
        check_password(password, login=login)
    user = User(
        login=login,
        display_name=display_name.strip() or login,
        role=role,
        organisation=organisation,
        member=member,
        email=email,
        phone=phone,
        password_hash=hash_password(password) if password is not None else None,
        active=True,
    )
    db.session.add(user)
    db.session.flush()
    return user


def change_password(user: User, new_password: str) -> None:
    """Set a new password: every session and every API token of the account ends."""
    check_password(new_password, login=user.login)
    user.password_hash = hash_password(new_password)
    user.password_changed_at = utcnow()
    end_all_sessions(user.id, "password changed")
    revoke_all_tokens(user.id)
    bump_account_version(user)  # the administrator sees whether a password is set
    db.session.flush()
