"""The workflow buttons a user sees, with the reason in words when one is refused."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask_babel import gettext as _

from maatwerk.core.enums import ScoredBy
from maatwerk.plans.models import Plan
from maatwerk.web.labels import label, translate, who_may
from maatwerk.workflow import ENGINE, available_triggers, missing_outcome_scores
from workflows import Refusal, TransitionRefused, TriggerOption


@dataclass(frozen=True)
class TriggerButton:
    """One workflow button: what it says, whether it is enabled and why not."""

    trigger: str
    label: str
    allowed: bool
    reason_required: bool
    dest: str
    message: str


def _missing_scores(plan: Any) -> str:
    """Which evaluation scores a plan still needs: "Still missing: Money (family), …"."""
    if not isinstance(plan, Plan):
        return ""
    missing = [
        _("%(domain)s (family)", domain=label("domain", domain))
        if by is ScoredBy.FAMILY
        else _("%(domain)s (professional)", domain=label("domain", domain))
        for domain, by in missing_outcome_scores(plan)
    ]
    return _("Still missing: %(scores)s.", scores=", ".join(missing)) if missing else ""


# A guard's message is the same for every object (workflow data); these add what is
# missing on this one.
GUARD_DETAILS = {"outcome_scores_complete": _missing_scores}


def refusal_text(obj: Any, trigger: str, refusal: Refusal | None) -> str:
    """Why the trigger may not be fired, in the user's language."""
    if refusal is None:
        return ""
    if refusal.kind == "guard":
        detail = GUARD_DETAILS.get(refusal.guard or "", lambda _obj: "")(obj)
        return " ".join(part for part in (translate(refusal.message), detail) if part)
    if refusal.kind == "role":
        definition = ENGINE.definition_for(obj)
        state = getattr(obj, definition.state_attribute)
        for spec in definition.transitions_from(state):
            if spec.trigger == trigger:
                return who_may(spec.roles)
        return _("You cannot do this.")
    if refusal.kind == "reason_required":
        return _("Please give a reason.")
    if refusal.kind == "wrong_state":
        definition = ENGINE.definition_for(obj)
        state = getattr(obj, definition.state_attribute)
        return _(
            "This is not possible now: the status is “%(state)s”.", state=label("state", state)
        )
    return _("This is not possible now.")


def refused_text(obj: Any, error: TransitionRefused) -> str:
    """The message of a refused transition, in the user's language."""
    return refusal_text(obj, error.trigger, error.refusal)


def _button(obj: Any, option: TriggerOption) -> TriggerButton:
    return TriggerButton(
        trigger=option.trigger,
        label=label("trigger", option.trigger),
        allowed=option.allowed,
        reason_required=option.reason_required,
        dest=option.dest,
        message=refusal_text(obj, option.trigger, option.refusal),
    )


def trigger_buttons(
    obj: Any, user: Any, *, hide_role_refusals: bool = False
) -> list[TriggerButton]:
    """The triggers from the object's state for this user (refused ones say why).

    With hide_role_refusals, triggers reserved for others (the family's "accept", say)
    are left out, so item lists show only what this user could do.
    """
    options = available_triggers(obj, user)
    if hide_role_refusals:
        options = [o for o in options if o.refusal is None or o.refusal.kind != "role"]
    return [_button(obj, option) for option in options]
