"""Messages of the domain's errors that pages show, as translatable msgids.

The test suite fails when a domain operation raises a message that is not listed here.
"""

from __future__ import annotations

import re

from flask_babel import lazy_gettext as _l

# Messages of the domain's errors that a page may show (DomainError.detail).
DOMAIN_MESSAGES = [
    _l("Not found."),
    _l("A family account is for members aged 16 or older."),
    _l("A finished or cancelled action can no longer be changed."),
    _l("A goal appears twice."),
    _l("A name is required."),
    _l("A reference is required."),
    _l("A reference is a code, never a BSN or a phone number."),
    _l("A score is 1 to 5."),
    _l("Evaluation scores are given while the plan is being evaluated."),
    _l("A score cannot be dated in the future."),
    _l("Only while the plan is being evaluated."),
    _l("An action of another plan."),
    _l("An organisation with this name exists."),
    _l("As coordinator, your organisation needs the family's plan_sharing consent."),
    _l("Consent is given by a member of this household."),
    _l("Consent is given by one of the members."),
    _l("Consent is given by a parent or another adult, or by a member aged 16 or older."),
    _l("A professional records the consent a family member gave: say which member."),
    _l("Only the family or the plan's coordinator records consent."),
    _l("This member has no account yet: make an activation code."),
    _l("This account is switched off."),
    _l("Only the family or the plan's coordinator changes who belongs to the household."),
    _l("The family withdrew this consent itself: only the family gives it again, in the portal."),
    _l("Describe what blocks."),
    _l("Hand over coordination before the coordinator leaves the team."),
    _l("Not a plan workflow."),
    _l("Only a professional registers a household."),
    _l("Only a team member gives the professional score."),
    _l("Only professionals join a team."),
    _l("Only the coordinator can change the team."),
    _l(
        "Only the coordinator hands coordination over, unless the coordinator can no "
        "longer see the plan."
    ),
    _l("Only the family and the team add to this plan."),
    _l("Only the family and the team take part in the conversation."),
    _l("Only the family changes the words of its goals."),
    _l("Only the family gives the family's own score."),
    _l("Only the family or the coordinator can withdraw consent."),
    _l("Only the family or the coordinator corrects a member's details."),
    _l("Only the family sets its priorities."),
    _l("Only the team changes this action."),
    _l("Only the team reports barriers."),
    _l("Rank every open goal of this plan, and only those."),
    _l("Text may not contain the NUL character."),
    _l("Text may not contain an invalid character (a lone surrogate)."),
    _l("The account cannot be created."),
    _l("This member already has an account."),
    _l("This account is closed: it cannot become the coordinator."),
    _l("Closed account."),
    _l("The action cannot be added."),
    _l("The action cannot be changed."),
    _l("The coordinator is a professional."),
    _l("The date of birth lies in the future."),
    _l("The date of birth lies more than 120 years back: check the year."),
    _l("The end date lies in the past."),
    _l(
        "The family has not given this professional's organisation consent to share the "
        "plan, so they cannot become the coordinator."
    ),
    _l(
        "The family has not given this professional's organisation consent to share the "
        "plan, so they cannot join the team."
    ),
    _l(
        "The family agreed to this action: what it is, who carries it, with whom and for "
        "which goals stay as agreed. Propose a new action for the family to agree to, "
        "and cancel this one if it no longer fits."
    ),
    _l("This plan is closed: it can be read, no longer changed."),
    _l("The message is empty."),
    _l("The message is too long."),
    _l("The name is empty."),
    _l("The password is too short."),
    _l("This consent was already withdrawn."),
    _l("This membership has already ended."),
    _l("This household already has an open plan: continue in that plan, or close it first."),
    _l("This plan is paused: the order can change again once the plan continues."),
    _l("This organisation already has this consent."),
    _l("This professional is already on the team."),
    _l("This professional is already the coordinator."),
    _l("This reference is already in use; choose another one."),
    _l("This reference is already in use."),
    _l("This score was already recorded for this moment."),
    _l("Unknown area."),
    _l("Unknown carrier."),
    _l("Unknown category."),
    _l("Unknown domain."),
    _l("Unknown intervention."),
    _l("Unknown organisation."),
    _l("Unknown plan workflow."),
    _l("Unknown professional."),
    _l("Unknown role."),
    _l("Unknown sector."),
    # The administrator's organisations and accounts (maatwerk/admin).
    _l("Only an administrator manages organisations and accounts."),
    _l("The organisation cannot be saved."),
    _l("This organisation has accounts, so it cannot be deleted."),
    _l("This organisation is in use in the app, so it cannot be deleted."),
    _l("Family accounts are made with an activation code."),
    _l("The account cannot be saved."),
    _l("You cannot deactivate your own account."),
    _l("This account is already deactivated."),
    _l("The last active administrator cannot be deactivated."),
    _l("This account is already active."),
    _l("Change your own password on your account page."),
    _l("Reactivate the account first."),
    _l("Another administrator resets your two-step verification."),
    _l(
        "You reset this account's other sign-in step recently: "
        "a second administrator makes this reset."
    ),
    _l("Two-step verification is not set up for this account."),
    _l("This code does not work with this login."),
    _l("Not a staff role."),
    _l("2 to 80 letters, digits, dots, dashes or underscores."),
    _l("Not an e-mail address."),
    _l("Not a phone number."),
    _l("Professionals and managers belong to an organisation."),
    # field messages
    _l("Required."),
    _l("Already used."),
    _l("Unknown."),
    _l("In the future."),
    _l("More than 120 years back."),
    _l("In the past."),
    _l("Between 1 and 5."),
    _l("Not a professional."),
    _l("Not in plan."),
    _l("A goal of another plan."),
    _l("An action carried by a professional needs a lead."),
    _l("Cannot be negative."),
    _l("Not on this plan's team."),
    _l("No such member."),
    _l("Add plan_sharing consent for your own organisation."),
    _l("Unknown area."),
    _l("Not a plan."),
    _l("Unknown workflow."),
    _l("No plan_sharing consent for this professional's organisation."),
    _l("Duplicate goal."),
    _l("Agreed by the family."),
    _l("Must list exactly the plan's open goals."),
    _l("Not a member of this household."),
    _l("Too young to give consent."),
    _l("Looks like a BSN."),
    _l("Looks like a phone number."),
    # Experience surveys and reflections (maatwerk/monitoring/surveys.py, reflection).
    _l("Unknown indicator."),
    _l("Unknown year."),
    _l("A session is recorded once it was held."),
    _l("This day has not come yet."),
    _l("A reflection on a year is held in that year or the next."),
    _l("Not in the year of the reflection or the next."),
    _l("A session's date lies at most a year back and two years ahead."),
    _l("Check the year."),
    _l("Answer at least one statement."),
    _l("The survey cannot be recorded."),
    _l("Only the family answers the family's survey."),
    _l("Only a team member answers the professionals' survey."),
    _l("This survey was already answered for this moment."),
    _l("This group already has a reflection for this year."),
    _l("Name the phase plan."),
    _l("No decision on this operational goal."),
    _l("A phase plan number from 1."),
    _l("Not a valid date."),
    _l("Between 2000 and 2100."),
    _l("Already recorded for this year."),
    _l("Unknown operational goal."),
    # Catalogue maintenance by the programme (maatwerk/catalogue/operations.py).
    _l("Only the programme team changes the catalogues."),
    _l("The name is too long."),
    _l("The text is empty."),
    _l("The text is too long."),
    _l("Unknown kind of area."),
    _l("A village or district lies in a municipality, a neighbourhood in a village or district."),
    _l("An area with this name already lies there."),
    _l("Choose at least one life domain."),
    _l("An intervention with this name exists."),
    _l("A code such as OD-18: capital letters, a dash and a number."),
    _l("An operational goal with this code exists."),
    _l("Unknown programme line."),
    _l("A retired operational goal is not linked anew."),
    _l("Not a place this kind of area lies in."),
    _l("Choose at least one."),
    _l("Not a code such as OD-18."),
    _l("Between 1 and 100."),
    _l("Retired: no longer offered."),
]

# Messages of the domain with a value in them (a limit, a field's name): the English text's
# pattern and the translatable message the page shows instead (labels.translate). The
# field names are the goal and action texts that goals/operations.py checks.
FIELD_NAMES = {
    "title": _l("Goal, in the family's words"),
    "whyItMatters": _l("Why it matters"),
    "strengths": _l("Strengths to use"),
    "description": _l("What will be done"),
}
PARAMETRISED_MESSAGES = [
    (re.compile(r"At most (?P<count>\d+) characters\."), _l("At most %(count)s characters.")),
    (re.compile(r"(?P<field>\w+) is required\."), _l("Fill in “%(field)s”.")),
    (re.compile(r"(?P<field>\w+) is too long\."), _l("“%(field)s” is too long.")),
    # A value outside a list (a tampered form; surveys and reflections check their enums).
    (re.compile(r"Unknown (?P<what>\w+)\."), _l("Unknown value for “%(what)s”.")),
]
