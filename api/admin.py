"""/admin/organisations and /admin/accounts: the functional administrator's API. Staff
accounts only; family accounts are family data and answer 404."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import g, url_for
from flask.views import MethodView
from flask_smorest import Blueprint

from api.admin_schemas import (
    AdminAccountCreatedSchema,
    AdminAccountCreateSchema,
    AdminAccountPageSchema,
    AdminAccountPatchSchema,
    AdminAccountQueryArgsSchema,
    AdminAccountSchema,
    AdminOrganisationCreateSchema,
    AdminOrganisationPageSchema,
    AdminOrganisationPatchSchema,
    AdminOrganisationQueryArgsSchema,
    AdminOrganisationSchema,
    SetupCodeSchema,
)
from api.core import commit, etag_of, login_required_api, require_if_match, with_etag
from maatwerk.accounts.reading import get_organisations
from maatwerk.admin import accounts as ops
from maatwerk.admin import organisations as orgs
from maatwerk.admin.access import require_admin
from maatwerk.core.enums import Role

blp = Blueprint(
    "admin_api", __name__, url_prefix="/api/v1/admin", description="Organisations and accounts"
)
ORGANISATION = "/organisations/<int(max=2147483647):organisation_id>"
ACCOUNT = "/accounts/<int(max=2147483647):account_id>"


def admin_only(view: Callable) -> Callable:
    """403 for everyone but an administrator, before any input is read."""

    @wraps(view)
    def wrapper(*args: Any, **kwargs: Any):
        require_admin(g.actor)
        return view(*args, **kwargs)

    return wrapper


DECORATORS = [admin_only, login_required_api]  # the last runs first


def _organisation(organisation, status: int = 200):
    body, code, headers = with_etag(organisation, etag_of("organisation", organisation), status)
    if status == 201:
        headers["Location"] = url_for("admin_api.OrganisationById", organisation_id=organisation.id)
    return body, code, headers


class Extended:
    """An object with a few more attributes for a schema (a count, a setup code)."""

    def __init__(self, obj: Any, **extra: Any) -> None:
        self._obj = obj
        self.__dict__.update(extra)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._obj, name)


def _account(user, status: int = 200):
    return with_etag(user, etag_of("account", user), status)


def _if_match_organisation(organisation) -> None:
    require_if_match(
        etag_of("organisation", organisation),
        lambda: AdminOrganisationSchema().dump(organisation),
    )


def _if_match_account(user) -> None:
    require_if_match(etag_of("account", user), lambda: AdminAccountSchema().dump(user))


@blp.route("/organisations")
class Organisations(MethodView):
    decorators = DECORATORS

    @blp.arguments(AdminOrganisationQueryArgsSchema, location="query")
    @blp.response(200, AdminOrganisationPageSchema)
    @blp.alt_response(403, description="Administrators only")
    def get(self, args):
        """The organisations by name, each with its number of staff accounts."""
        filters = orgs.OrganisationFilters(query=args.get("q", ""), sector=args.get("sector"))
        rows, total = orgs.list_organisations(
            g.actor, filters, page=args["page"], page_size=args["page_size"]
        )
        items = [Extended(organisation, account_count=n) for organisation, n in rows]
        commit()
        return {
            "items": items,
            "page": args["page"],
            "page_size": args["page_size"],
            "total_count": total,
        }

    @blp.arguments(AdminOrganisationCreateSchema)
    @blp.response(201, AdminOrganisationSchema)
    def post(self, data):
        """Create an organisation (the name unique, whatever its capitals)."""
        organisation = orgs.add_organisation(actor=g.actor, **data)
        commit()
        return _organisation(organisation, 201)


@blp.route(ORGANISATION)
class OrganisationById(MethodView):
    decorators = DECORATORS

    @blp.response(200, AdminOrganisationSchema)
    @blp.alt_response(403, description="Administrators only")
    def get(self, organisation_id: int):
        """One organisation."""
        organisation = orgs.get_organisation(organisation_id, g.actor)
        commit()
        return _organisation(organisation)

    @blp.arguments(AdminOrganisationPatchSchema)
    @blp.response(200, AdminOrganisationSchema)
    @blp.alt_response(412, description="Changed since it was read")
    @blp.alt_response(428, description="If-Match missing")
    def patch(self, data, organisation_id: int):
        """Change the name or sector (If-Match: the organisation's ETag)."""
        organisation = orgs.get_organisation(organisation_id, g.actor)
        _if_match_organisation(organisation)
        orgs.update_organisation(
            organisation,
            name=data.get("name", organisation.name),
            sector=data.get("sector", organisation.sector),
            actor=g.actor,
            version=organisation.version,
        )
        commit()
        return _organisation(organisation)

    @blp.response(204)
    @blp.alt_response(409, description="The organisation has accounts or is in use")
    @blp.alt_response(412, description="Changed since it was read")
    @blp.alt_response(428, description="If-Match missing")
    def delete(self, organisation_id: int):
        """Delete an organisation that has no accounts and that nothing refers to."""
        organisation = orgs.get_organisation(organisation_id, g.actor)
        _if_match_organisation(organisation)
        orgs.delete_organisation(organisation, actor=g.actor, version=organisation.version)
        commit()


@blp.route("/accounts")
class Accounts(MethodView):
    decorators = DECORATORS

    @blp.arguments(AdminAccountQueryArgsSchema, location="query")
    @blp.response(200, AdminAccountPageSchema)
    @blp.alt_response(403, description="Administrators only")
    def get(self, args):
        """Staff accounts by login; `q` searches login and name."""
        role = args.get("role")
        filters = ops.AccountFilters(
            query=args.get("q", ""),
            role=Role(role) if role else None,
            organisation_id=args.get("organisation_id"),
            active=args.get("active"),
        )
        users, total = ops.list_accounts(
            g.actor, filters, page=args["page"], page_size=args["page_size"]
        )
        commit()
        return {
            "items": users,
            "page": args["page"],
            "page_size": args["page_size"],
            "total_count": total,
        }

    @blp.arguments(AdminAccountCreateSchema)
    @blp.response(201, AdminAccountCreatedSchema)
    def post(self, data):
        """Create a staff account without a password; the answer holds its setup code (the
        only time it is shown), which the user needs to choose a password."""
        organisation_id = data.pop("organisation_id")
        organisation = (
            get_organisations([organisation_id], "organisationId")[0] if organisation_id else None
        )
        user, code, expires_at = ops.add_account(organisation=organisation, actor=g.actor, **data)
        commit()
        body, status, headers = _account(
            Extended(user, setup_code={"code": code, "expires_at": expires_at}), 201
        )
        headers["Location"] = url_for("admin_api.AccountById", account_id=user.id)
        return body, status, headers


@blp.route(ACCOUNT)
class AccountById(MethodView):
    decorators = DECORATORS

    @blp.response(200, AdminAccountSchema)
    @blp.alt_response(403, description="Administrators only")
    def get(self, account_id: int):
        """One staff account."""
        user = ops.get_account(account_id, g.actor)
        commit()
        return _account(user)

    @blp.arguments(AdminAccountPatchSchema)
    @blp.response(200, AdminAccountSchema)
    @blp.alt_response(412, description="Changed since it was read")
    @blp.alt_response(428, description="If-Match missing")
    def patch(self, data, account_id: int):
        """Change the display name, e-mail address or phone number (If-Match)."""
        user = ops.get_account(account_id, g.actor)
        _if_match_account(user)
        ops.update_account(
            user,
            display_name=data.get("display_name", user.display_name),
            email=data.get("email", user.email),
            phone=data.get("phone", user.phone),
            actor=g.actor,
            version=user.version,
        )
        commit()
        return _account(user)


def _account_step(operation: Callable, doc: str) -> type[MethodView]:
    class Step(MethodView):
        decorators = DECORATORS

        @blp.response(200, AdminAccountSchema)
        @blp.alt_response(409, description="Not possible in the account's state")
        @blp.alt_response(412, description="Changed since it was read")
        @blp.alt_response(428, description="If-Match missing")
        def post(self, account_id: int):
            user = ops.get_account(account_id, g.actor)
            _if_match_account(user)
            operation(user, actor=g.actor, version=user.version)
            commit()
            return _account(user)

    Step.post.__doc__ = doc
    Step.__name__ = operation.__name__.title().replace("_", "")
    return Step


blp.route(f"{ACCOUNT}/deactivation")(
    _account_step(
        ops.deactivate_account,
        "Deactivate the account: its sessions, API tokens and setup codes end at once. Not "
        "your own account, not the last active administrator (If-Match).",
    )
)
blp.route(f"{ACCOUNT}/reactivation")(
    _account_step(ops.reactivate_account, "Open a deactivated account again (If-Match).")
)
blp.route(f"{ACCOUNT}/mfa-reset")(
    _account_step(
        ops.reset_two_step,
        "Switch two-step verification off so that the user sets it up again; the account's "
        "sessions and API tokens end (If-Match).",
    )
)


@blp.route(f"{ACCOUNT}/setup-codes")
class SetupCodes(MethodView):
    decorators = DECORATORS

    @blp.response(201, SetupCodeSchema)
    @blp.alt_response(409, description="Not possible in the account's state")
    @blp.alt_response(412, description="Changed since it was read")
    @blp.alt_response(428, description="If-Match missing")
    def post(self, account_id: int):
        """Reset the password: it is cleared, the account's sessions and API tokens end, and
        the answer holds a new setup code (shown only now) to choose a new one (If-Match)."""
        user = ops.get_account(account_id, g.actor)
        _if_match_account(user)
        code, expires_at = ops.reset_password(user, actor=g.actor, version=user.version)
        commit()
        return {"code": code, "expires_at": expires_at}
