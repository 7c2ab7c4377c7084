"""Plain words (B1) for the family: domains, states, carriers, guards and the access log."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l

DOMAINS = {
    "economic": _l("Money and work"),
    "social": _l("People around us"),
    "cultural": _l("Learning and taking part"),
    "pedagogical": _l("Children and raising them"),
    "mental": _l("Health and peace of mind"),
}

DOMAIN_HINTS = {
    "economic": _l("Income, debts, bills, a job"),
    "social": _l("Family, friends, neighbours, not feeling alone"),
    "cultural": _l("School, courses, sports, clubs, language"),
    "pedagogical": _l("Rest at home, school, bedtimes, fun together"),
    "mental": _l("Sleep, worries, stress, feeling well"),
}

PLAN_STATES = {
    "intake": _l("We have just started."),
    "exploring": _l("We are looking together at what you want to achieve."),
    "prioritising": _l("You choose what comes first."),
    "active": _l("Your plan is running. The team is working on it."),
    "paused": _l("Your plan is on hold for a while."),
    "evaluating": _l("We are looking back: what went well?"),
    "closed": _l("This plan has ended."),
}

GOAL_STATES = {
    "proposed": _l("Proposal"),
    "accepted": _l("In our plan"),
    "rejected": _l("Not chosen"),
    "achieved": _l("Achieved"),
    "not_achieved": _l("Not achieved"),
    "cancelled": _l("Stopped"),
}

ACTION_STATES = {
    "proposed": _l("Proposal"),
    "agreed": _l("Agreed"),
    "in_progress": _l("Busy with it"),
    "blocked": _l("Stuck: the team is looking for a solution"),
    "done": _l("Done"),
    "rejected": _l("Not chosen"),
    "cancelled": _l("Stopped"),
}

CARRIERS = {
    "family": _l("You yourselves"),
    "network": _l("Family, friends or neighbours"),
    "professional": _l("A professional"),
}

# Why "Dit is ons plan" is refused, per workflow guard.
GUARDS = {
    "all_open_goals_ranked": _l("First put all your goals in order."),
    "top_goal_has_agreed_action": _l(
        "Your most important goal has no step you agreed to yet. "
        "Say yes to a step for it first, or ask your coordinator."
    ),
}
GUARD_FALLBACK = _l("This is not possible right now. Ask your coordinator.")
NO_GOALS = _l("First add a goal, or say yes to a goal from the team.")

# "How are things going" (the family's own outcome score, 1-5), in plain words.
SCORES = {
    1: _l("Very bad: there are big problems"),
    2: _l("Bad: it often goes wrong"),
    3: _l("So-so: sometimes it goes well, sometimes not"),
    4: _l("Good: we mostly manage on our own"),
    5: _l("Very good: we manage completely on our own"),
}

# The same, for a permission not given yet: what giving it would allow.
OFFERED_PURPOSES = {
    "plan_sharing": _l(
        "With your permission, this organisation may see your plan and work on it with you."
    ),
    "learning": _l(
        "With your permission, this organisation may use your story without your names, so that "
        "others can learn from it."
    ),
}

PURPOSES = {
    "plan_sharing": _l("This organisation may see your plan and work on it with you."),
    "learning": _l(
        "This organisation may use your story without your names, so that others can learn from it."
    ),
}

ROLES = {
    "family": _l("You (the family)"),
    "professional": _l("Care professional"),
    "manager": _l("Manager of an organisation"),
    "programme": _l("Programme team"),
    "experience_expert": _l("Experience expert"),
    "admin": _l("Administrator"),
    "system": _l("The system (automatic)"),
    "anonymous": _l("Someone who was not logged in"),
}

ACCESS_ACTIONS = {
    "read": _l("Looked at"),
    "search": _l("Saw in a list"),
    "create": _l("Added"),
    "update": _l("Changed"),
    "delete": _l("Removed"),
    "execute": _l("Moved a step forward"),
    "export": _l("Downloaded"),
    "print": _l("Printed"),
}

# A refused attempt: what the person tried to do (nothing happened).
ATTEMPTED_ACTIONS = {
    "read": _l("Tried to look at"),
    "search": _l("Tried to see in a list"),
    "create": _l("Tried to add"),
    "update": _l("Tried to change"),
    "delete": _l("Tried to remove"),
    "execute": _l("Tried to move a step forward"),
    "export": _l("Tried to download"),
    "print": _l("Tried to print"),
}

OBJECTS = {
    "plan": _l("your plan"),
    "goal": _l("a goal"),
    "action": _l("a step"),
    "barrier": _l("a problem the team is solving"),
    "household": _l("your family details"),
    "member": _l("a family member"),
    "consent": _l("a permission"),
    "access_log": _l("this list"),
    "comment": _l("a message"),
    "activation_code": _l("an activation code"),
    "account": _l("an account"),
    "family_account": _l("a family account, made with an activation code"),
    "password_reset_code": _l("a code to choose a new password"),
    "account_password": _l("the password of a family account"),
}

# The family's notices (maatwerk.notifications.family): what someone else changed.
NOTICES = {
    "member_added": _l("%(name)s was added to your family."),
    "account_activated": _l("%(name)s made a family account with a code from your coordinator."),
    "account_reset": _l("%(name)s chose a new password with a code from your coordinator."),
}
SOMETHING = _l("something in your file")


def label(table: dict[str, Any], key: Any, default: Any = None) -> Any:
    """The plain word for an enum member or string key."""
    key = getattr(key, "value", key)
    return table.get(key, default if default is not None else key)
