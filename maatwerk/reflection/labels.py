"""Words of the reflection pages and report."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from maatwerk.reflection.models import GoalDecision, LemniscateSide, ReflectionGroup

GROUPS = {
    ReflectionGroup.STEERING_GROUP: _l("Steering group"),
    ReflectionGroup.PROGRAMME_TEAM: _l("Programme team"),
    ReflectionGroup.MANAGERS: _l("Managers"),
}
SIDES = {
    LemniscateSide.ZIJ: (
        _l("ZIJ"),
        _l("Them: are we stimulating the movement and telling our story well?"),
    ),
    LemniscateSide.HET: (
        _l("HET"),
        _l("It: are we doing the right things, do they bring us to our goals?"),
    ),
    LemniscateSide.IK: (_l("IK"), _l("Me: do I believe in this, do I feel shared ownership?")),
    LemniscateSide.WIJ: (
        _l("WIJ"),
        _l("Us: how do we work together in the network, each and all together?"),
    ),
}
DECISIONS = {
    GoalDecision.KEEP: _l("Keep"),
    GoalDecision.ADD_TO_PHASE_PLAN: _l("Add to phase plan"),
    GoalDecision.DROP: _l("Drop"),
}
