"""Ages that matter for what a member may do: hold a family account, give consent."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from maatwerk.core.enums import MemberPosition
from maatwerk.households.models import Member

# A family account acts for the household (priorities, confirming the plan, consent); the
# Dutch implementation of the AVG (UAVG art. 5) sets 16 as the age from which a child gives
# such consent without a parent.
ACCOUNT_MIN_AGE = 16
# Nobody alive was born longer ago than this: an older date of birth is a typing error
# (1800 for 1980), and a wrong age would decide who may hold an account or give consent.
OLDEST_AGE = 120


def age_on(born: dt.date, today: dt.date) -> int:
    """Age in whole years on a day."""
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def birth_date_problem(
    born: dt.date | None, today: dt.date | None = None
) -> Literal["future", "too_long_ago"] | None:
    """Why a date of birth cannot be right, or None when it can."""
    if born is None:
        return None
    today = today or dt.date.today()
    if born > today:
        return "future"
    if age_on(born, today) > OLDEST_AGE:
        return "too_long_ago"
    return None


def old_enough_for_account(member: Member, today: dt.date | None = None) -> bool:
    """True when the member may hold a family account: 16 or older by date of birth; a
    child without a known date of birth is not."""
    if member.date_of_birth is None:
        return member.position is not MemberPosition.CHILD
    return age_on(member.date_of_birth, today or dt.date.today()) >= ACCOUNT_MIN_AGE


def may_give_consent(member: Member, today: dt.date | None = None) -> bool:
    """True when the member may give the household's consent: a parent or another adult,
    or a child aged 16 or older (the age from which a family account is possible)."""
    if member.position is not MemberPosition.CHILD:
        return True
    return old_enough_for_account(member, today)
