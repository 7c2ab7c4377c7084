"""The second PDF form: what changed since the family confirmed its plan, in plain words."""

from __future__ import annotations

import datetime as dt
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer
from sqlalchemy import select
from sqlalchemy.orm import object_session

from maatwerk.plans.models import Plan, PlanRevision
from maatwerk.plans.pdf_diff import ChangeDescriber, Group
from maatwerk.plans.pdf_labels import Words
from maatwerk.plans.pdf_layout import (
    box,
    domain_heading,
    header,
    local_date,
    para,
    render,
    text,
)
from maatwerk.plans.revisions import snapshot_plan


def build_changes_pdf(
    plan: Plan,
    *,
    since_version: int | None = None,
    portal_url: str,
    generated_on: dt.date,
    language: str = "nl",
) -> bytes:
    """What changed since the confirmed version (or since_version), per goal and action."""
    words = Words(language)
    baseline = since_version if since_version is not None else plan.confirmed_version
    before = _snapshot_at(plan, baseline) if baseline is not None else None
    groups = ChangeDescriber(plan, words, before, snapshot_plan(plan)).groups()
    if since_version is not None:
        subtitle = words["changes_since_version"].format(version=since_version)
        intro = words["version_intro"].format(version=since_version)
    else:
        subtitle = words["changes_since_confirmed"]
        if plan.confirmed_at is None:
            intro = words["never_confirmed"]
        else:
            confirmed = words.date(local_date(plan.confirmed_at))
            intro = words["confirmed_intro"].format(date=confirmed)
    lines = [
        para(text(subtitle), "subtitle"),
        para(text(words["household"].format(reference=plan.household.reference))),
        Spacer(1, 6),
        para(text(intro)),
    ]
    story: list[Flowable] = header(
        words, title=words["changes_title"], lines=lines, portal_url=portal_url
    )
    if not groups:
        story.append(para(text(words["nothing_changed"]), "h2"))
    for group in groups:
        story += _render_group(group, words)
    return render(
        story,
        words,
        title=words["changes_title"],
        reference=plan.household.reference,
        generated_on=generated_on,
    )


def _snapshot_at(plan: Plan, version: int) -> dict[str, Any]:
    session = object_session(plan)
    assert session is not None, "the plan must be attached to a session"
    revision = session.scalar(
        select(PlanRevision).where(PlanRevision.plan_id == plan.id, PlanRevision.version == version)
    )
    if revision is None:
        raise ValueError(f"Plan {plan.id} has no version {version}.")
    return revision.snapshot


def _render_group(group: Group, words: Words) -> list[Flowable]:
    if group.domain is not None:
        top: list[Flowable] = [
            Spacer(1, 14),
            domain_heading(group.domain, words),
            Spacer(1, 4),
            para(text(group.heading), "goal"),
        ]
    else:
        top = [para(text(group.heading), "h2")]
    story: list[Flowable] = []
    for index, item in enumerate(group.items):
        block: list[Flowable] = [para(text(item.label), "label")]
        if item.rows:
            block += [Spacer(1, 2), box(item.rows, label_width=48 * mm)]
        story.append(KeepTogether([*top, *block] if index == 0 else block))
    return story
