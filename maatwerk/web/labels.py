"""Words the pages show for codes of the domain and the workflows, translatable.

Every label is a lazy_gettext msgid in English so that `pybabel extract` finds it; the
Dutch catalogue translates it. Guard messages are copied verbatim from the [guards]
tables in workflows/definitions/*.toml: the test suite fails when one is missing here or
untranslated.
"""

from __future__ import annotations

from typing import Any

from flask_babel import gettext
from flask_babel import lazy_gettext as _l

from maatwerk.core.enums import (
    BarrierCategory,
    Carrier,
    ConsentPurpose,
    Domain,
    MemberPosition,
    Moment,
    PlanRole,
    ReferralSource,
    Role,
    ScoredBy,
    Sector,
)
from maatwerk.portal.labels import DOMAINS as FAMILY_DOMAINS
from maatwerk.web.domain_messages import DOMAIN_MESSAGES, FIELD_NAMES, PARAMETRISED_MESSAGES

# The life domains in the professionals' words: the family's own words (its portal and
# PDF: maatwerk/portal/labels.py), so that the team and the family name a domain alike;
# only the people around the family are named from the professional's side.
DOMAINS = {domain: FAMILY_DOMAINS[domain.value] for domain in Domain} | {
    Domain.SOCIAL: _l("People around you"),
}
DOMAIN_TERMS = {
    Domain.ECONOMIC: _l("economic capital"),
    Domain.SOCIAL: _l("social capital"),
    Domain.CULTURAL: _l("cultural capital"),
    Domain.PEDAGOGICAL: _l("pedagogical capital"),
    Domain.MENTAL: _l("mental capital"),
}

STATES = {
    # plans
    "intake": _l("Intake"),
    "exploring": _l("Exploring"),
    "prioritising": _l("Setting priorities"),
    "active": _l("Active"),
    "paused": _l("Paused"),
    "evaluating": _l("Evaluating"),
    "closed": _l("Closed"),
    # goals and actions
    "proposed": _l("Proposed"),
    "accepted": _l("Accepted"),
    "rejected": _l("Rejected"),
    "achieved": _l("Achieved"),
    "not_achieved": _l("Not achieved"),
    "cancelled": _l("Cancelled"),
    "agreed": _l("Agreed"),
    "in_progress": _l("In progress"),
    "blocked": _l("Blocked"),
    "done": _l("Done"),
    # barriers
    "reported": _l("Reported"),
    "escalated": _l("Escalated"),
    "structural": _l("Structural"),
    "resolved": _l("Resolved"),
    # case reviews
    "planned": _l("Planned"),
    "prepared": _l("Prepared"),
    "held": _l("Held"),
    "published": _l("Published"),
}

TRIGGERS = {
    # plans
    "start_exploration": _l("Start exploring"),
    "start_prioritising": _l("Start setting priorities"),
    "confirm_plan": _l("Confirm the plan"),
    "reprioritise": _l("Set priorities again"),
    "pause": _l("Pause"),
    "resume": _l("Resume"),
    "start_evaluation": _l("Start the evaluation"),
    "new_cycle": _l("Start a new cycle"),
    "close": _l("Close"),
    "withdraw": _l("Withdraw"),
    "activate": _l("Activate"),
    # goals and actions
    "accept": _l("Accept"),
    "reject": _l("Reject"),
    "achieve": _l("Mark as achieved"),
    "mark_not_achieved": _l("Mark as not achieved"),
    "cancel": _l("Stop"),
    "agree": _l("Agree"),
    "start": _l("Start"),
    "complete": _l("Mark as done"),
    "block": _l("Mark as blocked"),
    # barriers
    "escalate": _l("Escalate"),
    "decide": _l("Decide"),
    "make_structural": _l("Make structural"),
    "resolve": _l("Mark as resolved"),
    "resolve_structural": _l("Resolve the structural barrier"),
    # case reviews
    "prepare": _l("Prepare"),
    "hold": _l("Mark as held"),
    "publish": _l("Publish"),
}

# Verbatim copies of the [guards] messages of workflows/definitions/*.toml.
GUARD_MESSAGES = [
    _l("The coordinator's organisation has no plan-sharing consent from the household."),
    _l("The family has not accepted a goal yet."),
    _l("The family has not given every open goal a priority yet."),
    _l("The family's most important goal has no agreed action yet."),
    _l("A domain with goals is missing an outcome score from the family or from a professional."),
    _l("Register a barrier for this action first."),
    _l("This action still has an open barrier."),
    _l("Choose at least one organisation to escalate this barrier to."),
    _l("No case pack of this session has been approved yet."),
    _l("No lessons have been recorded for this session yet."),
]

WORKFLOWS = {
    "plan_standard": _l("Standard plan"),
    "plan_light": _l("Light plan (when one thing needs sorting)"),
}

WORKFLOW_ROLES = {
    "family": _l("the family"),
    "coordinator": _l("the coordinator"),
    "team": _l("a team member"),
    "manager": _l("a manager"),
    "programme": _l("the programme team"),
    "system": _l("the system"),
}

CARRIERS = {
    Carrier.FAMILY: _l("The family"),
    Carrier.NETWORK: _l("The network"),
    Carrier.PROFESSIONAL: _l("A professional"),
}

BARRIER_CATEGORIES = {
    BarrierCategory.RULES: _l("Rules or law"),
    BarrierCategory.BUDGET: _l("Budget"),
    BarrierCategory.WAITING_LIST: _l("Waiting list"),
    BarrierCategory.COLLABORATION: _l("Collaboration"),
    BarrierCategory.INFORMATION_SHARING: _l("Sharing information"),
    BarrierCategory.CAPACITY: _l("Capacity"),
    BarrierCategory.OTHER: _l("Other"),
}

POSITIONS = {
    MemberPosition.PARENT: _l("Parent or carer"),
    MemberPosition.CHILD: _l("Child"),
    MemberPosition.OTHER_ADULT: _l("Other adult"),
}

REFERRAL_SOURCES = {
    ReferralSource.EARLY_SIGNALLING: _l("Early signalling"),
    ReferralSource.SELF: _l("The family itself"),
    ReferralSource.PARTNER: _l("A partner organisation"),
    ReferralSource.OTHER: _l("Other"),
}

CONSENT_PURPOSES = {
    ConsentPurpose.PLAN_SHARING: _l("Share the plan"),
    ConsentPurpose.LEARNING: _l("Anonymous learning"),
}

ROLES = {
    Role.FAMILY: _l("Family"),
    Role.PROFESSIONAL: _l("Professional"),
    Role.MANAGER: _l("Manager"),
    Role.PROGRAMME: _l("Programme team"),
    Role.EXPERIENCE_EXPERT: _l("Experience expert"),
    Role.ADMIN: _l("Administrator"),
}

PLAN_ROLES = {PlanRole.COORDINATOR: _l("Coordinator"), PlanRole.MEMBER: _l("Team member")}

SCORED_BY = {ScoredBy.FAMILY: _l("Family"), ScoredBy.PROFESSIONAL: _l("Professional")}

MOMENTS = {Moment.INTAKE: _l("Intake"), Moment.EVALUATION: _l("Evaluation")}

SCORES = {
    1: _l("1 – acute problems"),  # noqa: RUF001
    2: _l("2 – not self-reliant"),  # noqa: RUF001
    3: _l("3 – barely self-reliant"),  # noqa: RUF001
    4: _l("4 – adequately self-reliant"),  # noqa: RUF001
    5: _l("5 – fully self-reliant"),  # noqa: RUF001
}

SECTORS = {
    Sector.MUNICIPALITY: _l("Municipality"),
    Sector.HOUSING: _l("Housing"),
    Sector.WELFARE: _l("Welfare"),
    Sector.CARE: _l("Care"),
    Sector.MENTAL_HEALTH: _l("Mental health"),
    Sector.EDUCATION: _l("Education"),
    Sector.KNOWLEDGE: _l("Knowledge institute"),
    Sector.EXPERIENCE_EXPERTS: _l("Experience experts"),
    Sector.OTHER: _l("Other"),
}

# What a plan revision's summary says, in words (history and "what changed").
CHANGE_SUMMARIES = {
    "goal:add": _l("A goal was added"),
    "goal:update": _l("A goal was changed"),
    "action:add": _l("An action was added"),
    "action:update": _l("An action was changed"),
    "team:add": _l("A team member joined"),
    "team:remove": _l("A team member left"),
    "team:coordinator": _l("Another coordinator took over"),
    "priorities": _l("The family set its priorities"),
    "barrier:report": _l("A barrier was reported"),
    "barrier:update": _l("A barrier was changed"),
    "barrier:grant": _l("Money was granted from the flexible budget for a barrier"),
    "score:correct": _l("A score was corrected"),
}
SUBJECTS = {
    "plan": _l("Plan"),
    "plan_standard": _l("Plan"),
    "plan_light": _l("Plan"),
    "goal": _l("Goal"),
    "action": _l("Action"),
    "barrier": _l("Barrier"),
    "team": _l("Team"),
    "case_review": _l("Case review"),
}

__all__ = ["DOMAIN_MESSAGES", "label", "translate"]

TABLES: dict[str, dict[Any, Any]] = {
    "domain": DOMAINS,
    "domain_term": DOMAIN_TERMS,
    "state": STATES,
    "trigger": TRIGGERS,
    "workflow": WORKFLOWS,
    "carrier": CARRIERS,
    "barrier_category": BARRIER_CATEGORIES,
    "position": POSITIONS,
    "referral_source": REFERRAL_SOURCES,
    "purpose": CONSENT_PURPOSES,
    "role": ROLES,
    "plan_role": PLAN_ROLES,
    "scored_by": SCORED_BY,
    "moment": MOMENTS,
    "score": SCORES,
    "sector": SECTORS,
    "subject": SUBJECTS,
}


def label(kind: str, code: Any) -> str:
    """The translated word for a code (the code itself when there is none)."""
    if code is None:
        return ""
    table = TABLES[kind]
    key = code if kind == "score" else getattr(code, "value", code)
    found = table.get(key)
    if found is None and not isinstance(key, int):
        found = table.get(str(key))
    return str(found) if found is not None else str(key).replace("_", " ")


def translate(message: str) -> str:
    """A message of the domain (an English msgid) in the user's language; a message with a
    value in it (PARAMETRISED_MESSAGES) with that value."""
    if not message:
        return ""
    for pattern, template in PARAMETRISED_MESSAGES:
        found = pattern.fullmatch(message)
        if found is not None:
            values = dict(found.groupdict())
            if "field" in values:
                if values["field"] not in FIELD_NAMES:
                    continue
                values["field"] = str(FIELD_NAMES[values["field"]])
            return str(template) % values
    return gettext(message)


def who_may(roles: tuple[str, ...] | list[str]) -> str:
    """'Only the family or the coordinator can do this.' in the user's language."""
    names = [label_role(role) for role in roles]
    if not names:
        return gettext("You cannot do this.")
    who = names[0] if len(names) == 1 else ", ".join(names[:-1]) + gettext(" or ") + names[-1]
    return gettext("Only %(who)s can do this.", who=who)


def label_role(role: str) -> str:
    """A workflow role (family, coordinator, team ...) in words."""
    found = WORKFLOW_ROLES.get(role)
    return str(found) if found is not None else role


def change_summary(summary: str) -> str:
    """A plan revision's summary ('goal:add', 'plan_standard:pause') in words."""
    found = CHANGE_SUMMARIES.get(summary)
    if found is not None:
        return str(found)
    subject, _, trigger = summary.partition(":")
    if trigger:
        return f"{label('subject', subject)}: {label('trigger', trigger)}"
    return summary
