"""Reading households: authorised here and audited (DESIGN §3, §8)."""

from __future__ import annotations

from maatwerk.accounts.models import User
from maatwerk.audit.operations import record_audit
from maatwerk.core.enums import Role
from maatwerk.households.models import Household
from maatwerk.plans.access import active_membership, organisation_has_consent
from maatwerk.plans.reading import denied, purpose_of


def can_view_household(user: User, household: Household) -> bool:
    """The family itself, or a professional on the team of one of its plans whose
    organisation holds active plan_sharing consent."""
    if user.role is Role.FAMILY:
        return user.household_id == household.id
    if user.role not in (Role.PROFESSIONAL, Role.MANAGER):
        return False
    return organisation_has_consent(household, user.organisation_id) and any(
        active_membership(plan, user) is not None for plan in household.plans
    )


def get_household(household_id: int, user: User, *, action: str = "read") -> Household:
    """Load a household the user may see; audit the access (404 otherwise)."""
    household = _load_household(household_id)
    if household is None or not can_view_household(user, household):
        raise denied(user, action, "household", household_id, [household_id] if household else [])
    record_audit(
        actor=user,
        action=action,
        object_type="household",
        object_id=str(household.id),
        household_ids=[household.id],
        purpose=purpose_of(user),
    )
    return household
