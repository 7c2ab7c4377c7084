"""/households with members, consents, access log and AVG export; /consents/{id}."""

from __future__ import annotations

from typing import Any

from flask import g, url_for
from flask.views import MethodView
from flask_smorest import Blueprint

from api.core import commit, created, etag_of, login_required_api, require_if_match, with_etag
from api.household_schemas import (
    AccessLogPageSchema,
    ConsentCreateSchema,
    ConsentSchema,
    HouseholdExportSchema,
    HouseholdPageSchema,
    HouseholdQueryArgsSchema,
    HouseholdSchema,
    IntakeSchema,
    MemberCreateSchema,
    MemberPatchSchema,
    MemberSchema,
    representation_etag,
    with_digest_etag,
)
from api.schemas import PageArgsSchema
from maatwerk.core.enums import Role
from maatwerk.core.errors import ValidationFailed
from maatwerk.households.export import export_household
from maatwerk.households.intake import intake_household
from maatwerk.households.operations import (
    add_member,
    give_consent,
    rectify_member,
    withdraw_consent,
)
from maatwerk.households.reading import (
    consent_references,
    get_consent,
    get_consent_to_withdraw,
    get_household,
    get_household_file,
    get_member_to_rectify,
    household_access_log,
    household_view,
    list_households,
)
from maatwerk.plans.reading import denied

blp = Blueprint(
    "households", __name__, url_prefix="/api/v1", description="Households, members and consents"
)


def household_response(household, status: int = 200):
    """The household as the caller sees it, with a digest ETag (it has no version column)."""
    view = household_view(household, g.actor)
    return with_digest_etag(HouseholdSchema, "household", household.id, view, status)


def consent_response(consent, status: int = 200):
    """The consent with its ETag (and Location when created)."""
    body, code, headers = with_etag(consent, etag_of("consent", consent), status)
    if status == 201:
        headers["Location"] = url_for("households.ConsentById", consent_id=consent.id)
    return body, code, headers


def page(items: Any, total: int, args: dict[str, Any]) -> dict[str, Any]:
    return {
        "items": items,
        "page": args["page"],
        "page_size": args["page_size"],
        "total_count": total,
    }


@blp.route("/households")
class Households(MethodView):
    decorators = [login_required_api]

    @blp.arguments(HouseholdQueryArgsSchema, location="query")
    @blp.response(200, HouseholdPageSchema)
    def get(self, args):
        """Households I may see, newest first; `reference` filters on the reference code."""
        households, total = list_households(
            g.actor,
            reference=args.get("reference"),
            page=args["page"],
            page_size=args["page_size"],
        )
        commit()
        return page(households, total, args)

    @blp.arguments(IntakeSchema)
    @blp.response(201, HouseholdSchema)
    @blp.alt_response(409, description="The reference is in use")
    def post(self, data):
        """Intake (professionals): the household, its members, consents and a first plan
        with me as its coordinator. My organisation needs plan_sharing consent."""
        household, _plan = intake_household(actor=g.actor, **data)
        commit()
        body, status, headers = household_response(household, 201)
        headers["Location"] = url_for("households.HouseholdById", household_id=household.id)
        return body, status, headers


@blp.route("/households/<int(max=2147483647):household_id>")
class HouseholdById(MethodView):
    decorators = [login_required_api]

    @blp.response(200, HouseholdSchema)
    def get(self, household_id: int):
        """One household: members, consents and the plans I may open."""
        household = get_household(household_id, g.actor)
        commit()
        return household_response(household)


@blp.route("/households/<int(max=2147483647):household_id>/members")
class HouseholdMembers(MethodView):
    decorators = [login_required_api]

    @blp.response(200, MemberSchema(many=True))
    def get(self, household_id: int):
        """The members of the household."""
        household = get_household(household_id, g.actor)
        commit()
        return household.members

    @blp.arguments(MemberCreateSchema)
    @blp.response(201, MemberSchema)
    @blp.alt_response(403, description="Not the family or the coordinator")
    def post(self, data, household_id: int):
        """Add a member (the family or the coordinator; the household's family accounts are
        told when someone else does)."""
        household = get_household(household_id, g.actor, action="create")
        member = add_member(household, actor=g.actor, **data)
        commit()
        return created(
            with_digest_etag(MemberSchema, "member", member.id, member, 201),
            "households.HouseholdMember",
            household_id=household.id,
            member_id=member.id,
        )


@blp.route("/households/<int(max=2147483647):household_id>/members/<int(max=2147483647):member_id>")
class HouseholdMember(MethodView):
    decorators = [login_required_api]

    @blp.response(200, MemberSchema)
    def get(self, household_id: int, member_id: int):
        """One member of the household, with its ETag."""
        household = get_household(household_id, g.actor)
        member = next((m for m in household.members if m.id == member_id), None)
        if member is None:
            raise denied(g.actor, "read", "member", member_id, [household.id])
        commit()
        return with_digest_etag(MemberSchema, "member", member.id, member)

    @blp.arguments(MemberPatchSchema)
    @blp.response(200, MemberSchema)
    @blp.alt_response(403, description="Not the family or the coordinator")
    @blp.alt_response(412, description="The member changed since it was read")
    @blp.alt_response(428, description="If-Match missing")
    def patch(self, data, household_id: int, member_id: int):
        """Correct a member's details (AVG rectification; the family or the coordinator).
        If-Match: the member's ETag. The earlier values stay in the household's export."""
        member = get_member_to_rectify(household_id, member_id, g.actor)
        current = MemberSchema().dump(member)
        require_if_match(representation_etag("member", member.id, current), lambda: current)
        rectify_member(member, actor=g.actor, **data)
        commit()
        return with_digest_etag(MemberSchema, "member", member.id, member)


@blp.route("/households/<int(max=2147483647):household_id>/consents")
class HouseholdConsents(MethodView):
    decorators = [login_required_api]

    @blp.response(200, ConsentSchema(many=True))
    def get(self, household_id: int):
        """Every consent of the household, withdrawn ones included."""
        household = get_household(household_id, g.actor)
        commit()
        return household.consents

    @blp.arguments(ConsentCreateSchema)
    @blp.response(201, ConsentSchema)
    @blp.alt_response(403, description="Not the family or the plan's coordinator")
    @blp.alt_response(
        409, description="This organisation already has this consent, or the family withdrew it"
    )
    def post(self, data, household_id: int):
        """Record the family's consent for an organisation and purpose. The family gives its
        own; a professional records, as the plan's coordinator, what a named member
        (givenByMemberId, 16 or older) gave, and never gives again what the family withdrew
        itself (409: the family gives it again in the portal)."""
        household = get_household(household_id, g.actor, action="create")
        organisation, member = consent_references(
            household, data["organisation_id"], data["given_by_member_id"]
        )
        try:
            consent = give_consent(
                household,
                organisation=organisation,
                purpose=data["purpose"],
                given_by=member,
                valid_until=data["valid_until"],
                actor=g.actor,
            )
        except ValidationFailed as error:  # the field as this request names it
            error.fields = {
                "givenByMemberId" if name == "givenBy" else name: messages
                for name, messages in error.fields.items()
            }
            raise
        commit()
        return consent_response(consent, 201)


@blp.route("/consents/<int(max=2147483647):consent_id>")
class ConsentById(MethodView):
    decorators = [login_required_api]

    @blp.response(200, ConsentSchema)
    def get(self, consent_id: int):
        """One consent."""
        consent = get_consent(consent_id, g.actor)
        commit()
        return consent_response(consent)


@blp.route("/consents/<int(max=2147483647):consent_id>/withdrawal")
class ConsentWithdrawal(MethodView):
    decorators = [login_required_api]

    @blp.response(200, ConsentSchema)
    @blp.alt_response(403, description="Only the family or the coordinator withdraws consent")
    @blp.alt_response(409, description="Already withdrawn")
    @blp.alt_response(412, description="The consent changed since it was read")
    @blp.alt_response(428, description="If-Match missing")
    def post(self, consent_id: int):
        """Withdraw a consent (If-Match: the consent's ETag). Without any plan_sharing
        consent left, the household's open plans close; it takes effect at once."""
        consent = get_consent_to_withdraw(consent_id, g.actor)
        require_if_match(etag_of("consent", consent), lambda: ConsentSchema().dump(consent))
        withdraw_consent(consent, actor=g.actor)
        commit()
        return consent_response(consent)


@blp.route("/households/<int(max=2147483647):household_id>/access-log")
class HouseholdAccessLog(MethodView):
    decorators = [login_required_api]

    @blp.arguments(PageArgsSchema, location="query")
    @blp.response(200, AccessLogPageSchema)
    def get(self, args, household_id: int):
        """Who looked at or changed our file, and when, newest first (family, coordinator)."""
        household = get_household_file(
            household_id, g.actor, action="read", object_type="access_log"
        )
        entries, total = household_access_log(
            household, page=args["page"], page_size=args["page_size"]
        )
        commit()
        return page(entries, total, args)


@blp.route("/households/<int(max=2147483647):household_id>/export")
class HouseholdExport(MethodView):
    decorators = [login_required_api]

    @blp.response(200, HouseholdExportSchema)
    def get(self, household_id: int):
        """All data of the household as JSON (AVG), for the family and the coordinator."""
        household = get_household_file(
            household_id, g.actor, action="export", object_type="household"
        )
        document = export_household(household, with_accounts=g.actor.role is Role.FAMILY)
        commit()
        body, status, headers = with_digest_etag(
            HouseholdExportSchema, "export", household_id, document
        )
        headers["Content-Disposition"] = f'attachment; filename="household-{household_id}.json"'
        headers["Cache-Control"] = "no-store"
        return body, status, headers
