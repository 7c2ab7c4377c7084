"""The experience survey's statements (1-5) for families (taalniveau B1) and professionals,
each mapped to an operational goal. The family keys are those the demo data uses."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from maatwerk.core.enums import ScoredBy


@dataclass(frozen=True)
class Statement:
    """One statement of the survey."""

    key: str
    respondent: ScoredBy
    goal_code: str
    text: object  # a lazy string: translated when shown


FAMILY, PROFESSIONAL = ScoredBy.FAMILY, ScoredBy.PROFESSIONAL

STATEMENTS: tuple[Statement, ...] = (
    Statement(
        "own_priorities", FAMILY, "OD-10", _l("We decide ourselves which problems come first.")
    ),
    Statement("coherence", FAMILY, "OD-09", _l("Someone looked at all our worries together.")),
    Statement("informal_help", FAMILY, "OD-04", _l("I can fall back on people around me.")),
    Statement("self_confidence", FAMILY, "OD-06", _l("I believe in myself.")),
    Statement(
        "neighbourhood", FAMILY, "OD-02", _l("I like living in my village or neighbourhood.")
    ),
    Statement(
        "education",
        FAMILY,
        "OD-01",
        _l("Our children can go to a school or training that suits them."),
    ),
    Statement("work", FAMILY, "OD-03", _l("I am happy with my work or my chances of work.")),
    Statement(
        "safe_home",
        FAMILY,
        "OD-05",
        _l("I can give my children a safe home where they can learn and grow."),
    ),
    Statement("right_time", FAMILY, "OD-07", _l("We got help at the moment we needed it.")),
    Statement(
        "same_coordinator", FAMILY, "OD-13", _l("We have one steady person who stays with us.")
    ),
    Statement(
        "pro_family_decides",
        PROFESSIONAL,
        "OD-10",
        _l("The family decides which problems come first."),
    ),
    Statement(
        "pro_collaboration",
        PROFESSIONAL,
        "OD-11",
        _l("The organisations on this plan work together as one team."),
    ),
    Statement(
        "pro_time_for_maatwerk",
        PROFESSIONAL,
        "OD-12",
        _l("I have enough time and room to deliver maatwerk for this family."),
    ),
    Statement(
        "pro_room_to_deviate",
        PROFESSIONAL,
        "OD-12",
        _l("When a rule blocks maatwerk, I can get it resolved."),
    ),
    Statement(
        "pro_long_term",
        PROFESSIONAL,
        "OD-14",
        _l("I can stay involved with this family for as long as it needs."),
    ),
    Statement(
        "pro_learning",
        PROFESSIONAL,
        "OD-17",
        _l("I learn from colleagues of other organisations what works."),
    ),
)

BY_KEY = {s.key: s for s in STATEMENTS}

# The answer scale, from 1 to 5, in plain words (each shown with a face).
SCALE = (
    (1, _l("Not true at all")),
    (2, _l("Not true")),
    (3, _l("Sometimes true")),
    (4, _l("True")),
    (5, _l("Completely true")),
)


def statements_for(respondent: ScoredBy | str) -> list[Statement]:
    """The statements one kind of respondent answers, in order."""
    respondent = ScoredBy(respondent)
    return [s for s in STATEMENTS if s.respondent is respondent]
