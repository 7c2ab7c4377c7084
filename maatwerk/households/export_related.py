"""Sections of the household export (export.py) kept by other features: the household's case
in case reviews, its activation codes and the budget granted for its barriers.

No secrets: an activation code is exported by its state, never its hash.
"""

from __future__ import annotations

import decimal
from collections.abc import Callable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import aliased, joinedload, selectinload

from maatwerk.accounts.models import User
from maatwerk.barriers.models import BudgetGrant, FlexibleBudget
from maatwerk.casereview.models import CasePack
from maatwerk.core.db import db
from maatwerk.portal.models import ActivationCode

Person = Callable[[User | None], dict[str, Any] | None]
Value = Callable[[Any], Any]


def case_packs(plan_ids: list[int], person: Person, value: Value) -> list[dict[str, Any]]:
    """The household's case in every case review session: the anonymised facts and texts
    as the session sees them (one case pack per session and plan)."""
    approver = aliased(User)
    rows = db.session.execute(
        select(CasePack, approver)
        .outerjoin(approver, approver.id == CasePack.approved_by_user_id)
        .where(CasePack.plan_id.in_(plan_ids))
        .options(
            joinedload(CasePack.session),
            selectinload(CasePack.texts),
            joinedload(approver.organisation),
        )
        .order_by(CasePack.id)
    ).all()
    return [
        {
            "id": p.id,
            "planId": p.plan_id,
            "session": {
                "id": p.session.id,
                "title": p.session.title,
                "status": p.session.status,
                "plannedOn": value(p.session.planned_on),
            },
            "label": p.label,
            "generatedAt": value(p.generated_at),
            "approvedAt": value(p.approved_at),
            "approvedBy": person(approved_by),
            "content": p.content,
            "texts": [
                {
                    "id": t.id,
                    "goalId": t.goal_id,
                    "field": value(t.field),
                    "domain": value(t.domain),
                    "goalStatus": t.goal_status,
                    "text": t.text,
                    "edited": t.edited,
                }
                for t in p.texts
            ],
        }
        for p, approved_by in rows
    ]


def activation_codes(
    member_ids: list[int], person: Person, value: Value, *, with_accounts: bool
) -> list[dict[str, Any]]:
    """The portal activation codes made for the household's members: when, by whom and what
    became of them (the code itself is never stored, its hash is not exported). The account
    a code created (accountId) is account data: like the accounts section, it is in the
    family's own download only (with_accounts)."""
    codes = db.session.scalars(
        select(ActivationCode)
        .where(ActivationCode.member_id.in_(member_ids))
        .options(joinedload(ActivationCode.created_by).joinedload(User.organisation))
        .order_by(ActivationCode.id)
    ).all()
    exported = []
    for c in codes:
        code = {
            "id": c.id,
            "memberId": c.member_id,
            "createdBy": person(c.created_by),
            "createdAt": value(c.created_at),
            "expiresAt": value(c.expires_at),
            "usedAt": value(c.used_at),
            "revokedAt": value(c.revoked_at),
        }
        if with_accounts:
            code["accountId"] = c.account_user_id
        exported.append(code)
    return exported


def family_notices(
    member_ids: list[int], value: Value, *, with_accounts: bool
) -> list[dict[str, Any]]:
    """The notices the family accounts got about the household's members (a member added,
    an account made or reset by someone else); which account got one is account data, in
    the family's own download only."""
    from maatwerk.notifications.models import FamilyNotice

    notices = db.session.scalars(
        select(FamilyNotice).where(FamilyNotice.member_id.in_(member_ids)).order_by(FamilyNotice.id)
    ).all()
    exported = []
    for n in notices:
        notice = {
            "id": n.id,
            "memberId": n.member_id,
            "kind": value(n.kind),
            "createdAt": value(n.created_at),
            "readAt": value(n.read_at),
        }
        if with_accounts:
            notice["accountId"] = n.recipient_user_id
        exported.append(notice)
    return exported


def budget_grants(plan_ids: list[int], person: Person, value: Value) -> list[dict[str, Any]]:
    """Money granted from a flexible budget to break through the household's barriers."""
    grants = db.session.scalars(
        select(BudgetGrant)
        .where(BudgetGrant.plan_id.in_(plan_ids))
        .options(
            joinedload(BudgetGrant.budget).joinedload(FlexibleBudget.organisation),
            joinedload(BudgetGrant.granted_by).joinedload(User.organisation),
        )
        .order_by(BudgetGrant.id)
    ).all()
    return [
        {
            "id": g.id,
            "planId": g.plan_id,
            "barrierId": g.barrier_id,
            "amount": value(decimal.Decimal(g.amount_cents) / 100),
            "budget": {"organisation": g.budget.organisation.name, "year": g.budget.year},
            "grantedBy": person(g.granted_by),
            "grantedAt": value(g.granted_at),
        }
        for g in grants
    ]
