"""The family's plan as PDF ("Ons plan"), in plain language (B1), and what changed since
the family confirmed it. Pure functions of the plan and their arguments: no request."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from maatwerk.core.enums import PlanRole
from maatwerk.goals.models import Action, Goal
from maatwerk.plans.access import action_without_sight, organisations_without_consent
from maatwerk.plans.models import Plan
from maatwerk.plans.pdf_changes import build_changes_pdf
from maatwerk.plans.pdf_graphics import domain_icon, rank_badge
from maatwerk.plans.pdf_labels import Words
from maatwerk.plans.pdf_layout import (
    CONTENT_WIDTH,
    box,
    domain_heading,
    grid,
    header,
    local_date,
    para,
    render,
    text,
)

__all__ = ["build_changes_pdf", "build_plan_pdf"]

OPEN_ACTIONS = ("proposed", "agreed", "in_progress", "blocked")
HIDDEN_ACTIONS = ("rejected", "cancelled")
OTHER_GOAL_ORDER = ("proposed", "accepted", "achieved", "not_achieved", "cancelled", "rejected")


def build_plan_pdf(
    plan: Plan, *, portal_url: str, generated_on: dt.date, language: str = "nl"
) -> bytes:
    """The family's plan: its priorities first, who does what by when, the team, a QR code."""
    words = Words(language)
    reference = plan.household.reference
    # Organisations on the team without the family's consent: marked, never left out
    # silently (the same marks as the portal's plan page).
    blind = organisations_without_consent(plan)
    open_goals = sorted(
        (g for g in plan.goals if g.status == "accepted"),
        key=lambda g: (g.priority_rank is None, g.priority_rank or 0, g.id),
    )
    by_goal: dict[int, list[Action]] = defaultdict(list)
    for action in sorted(plan.actions, key=_action_order):
        for goal in action.goals:
            by_goal[goal.id].append(action)
    story: list[Flowable] = header(
        words, title=words["title"], lines=_facts(plan, words), portal_url=portal_url
    )
    story += _priorities(open_goals, by_goal, words, blind)
    shown = {a.id for g in open_goals for a in by_goal[g.id]}
    loose = [
        a
        for a in sorted(plan.actions, key=_action_order)
        if a.id not in shown and a.status in OPEN_ACTIONS
    ]
    if loose:
        story.append(para(text(words["other_actions"]), "h2"))
        story += [
            f for a in loose for f in (KeepTogether([_action_box(a, words, blind)]), Spacer(1, 6))
        ]
    others = [g for g in plan.goals if g not in open_goals]
    if others:
        story += _other_goals(others, words)
    story += _team(plan, words, blind)
    return render(
        story, words, title=words["title"], reference=reference, generated_on=generated_on
    )


def _action_order(action: Action) -> tuple:
    return (action.due_date is None, action.due_date or dt.date.min, action.id)


def _facts(plan: Plan, words: Words) -> list[Flowable]:
    lines: list[Flowable] = [
        para(text(words["household"].format(reference=plan.household.reference)), "subtitle"),
        para(text(words["status_question"]), "label"),
        para(text(words.of("plan_status", plan.status))),
    ]
    if plan.confirmed_at is not None:
        confirmed = local_date(plan.confirmed_at)
        sentence = words["confirmed_on"].format(date=words.date(confirmed))
        if plan.confirmed_version is not None and plan.version > plan.confirmed_version:
            sentence += " " + words["changed_after"]
        lines.append(para(text(sentence)))
    else:
        lines.append(para(text(words["not_confirmed"])))
    lines += [Spacer(1, 6), para(text(words["intro"]))]
    return lines


def _priorities(
    goals: list[Goal], by_goal: dict[int, list[Action]], words: Words, blind: set[int]
) -> list[Flowable]:
    story: list[Flowable] = [para(text(words["priorities"]), "h2")]
    if not goals:
        return [*story, para(text(words["no_priorities"]))]
    # Only the family's own order is numbered: a goal it has not placed yet has no number
    # (the goals come ranked first, then the unranked ones).
    ranked = sum(g.priority_rank is not None for g in goals)
    story.append(para(text(words["priorities_intro" if ranked else "unranked_intro"])))
    if 0 < ranked < len(goals):
        story.append(para(text(words["unranked_note"])))
    for position, goal in enumerate(goals, start=1):
        badge = rank_badge(position) if goal.priority_rank is not None else None
        top: list[Flowable] = [
            Spacer(1, 12),
            domain_heading(goal.domain.value, words, lead=badge),
            Spacer(1, 4),
            para(text(goal.title), "goal"),
        ]
        for key, value in (("why", goal.why_it_matters), ("strengths", goal.strengths)):
            if value:
                top += [para(text(words[key]), "label"), para(text(value))]
        if goal.target_date is not None:
            top += [para(text(words["target"]), "label"), para(words.date(goal.target_date))]
        actions = [a for a in by_goal[goal.id] if a.status not in HIDDEN_ACTIONS]
        who = para(text(words["who_what_when"]), "label")
        if not actions:
            story.append(KeepTogether([*top, who, para(text(words["no_actions"]))]))
            continue
        # The goal's words stay on the page of its first action: never an action box
        # without the goal it belongs to above it.
        story.append(KeepTogether([*top, who, Spacer(1, 3), _action_box(actions[0], words, blind)]))
        for action in actions[1:]:
            story += [Spacer(1, 6), KeepTogether([_action_box(action, words, blind)])]
    return story


def _action_box(action: Action, words: Words, blind: set[int]) -> Flowable:
    rows = [
        (words["what"], text(action.description)),
        (words["who"], text(words.of("carrier", action.carrier.value))),
    ]
    if action.organisations:
        lead, others = action.lead_organisation, action.participating_organisations
        parts = [words["lead"].format(name=lead.name)] if lead else []
        if others:
            parts.append(words["with"].format(names=", ".join(o.name for o in others)))
        rows.append((words["organisations"], text(", ".join(parts))))
    if action.assigned_user is not None:
        person = action.assigned_user
        organisation = f" ({person.organisation.name})" if person.organisation else ""
        rows.append((words["contact"], text(person.display_name + organisation)))
    when = (
        words["due"].format(date=words.date(action.due_date))
        if action.due_date
        else words["no_date"]
    )
    rows += [
        (words["when"], text(when)),
        (words["state"], text(words.of("action_status", action.status))),
    ]
    if action.intervention is not None:
        rows.append((words["approach"], text(action.intervention.name)))
    if action.status in OPEN_ACTIONS and action_without_sight(action, blind):
        rows.append((words["attention"], text(words["step_without_sight"])))
    return box(rows)


def _other_goals(goals: list[Goal], words: Words) -> list[Flowable]:
    def order(goal: Goal) -> tuple[int, int]:
        rank = OTHER_GOAL_ORDER.index(goal.status) if goal.status in OTHER_GOAL_ORDER else 99
        return rank, goal.id

    rows = [
        [
            domain_icon(g.domain.value, 24),
            [para(text(words.of("domain", g.domain.value)), "bold"), para(text(g.title))],
            para(text(words.of("goal_status", g.status))),
        ]
        for g in sorted(goals, key=order)
    ]
    status_width = 62 * mm
    return [
        para(text(words["other_goals"]), "h2"),
        grid(rows, [34, CONTENT_WIDTH - 34 - status_width, status_width], head=False),
    ]


def _team(plan: Plan, words: Words, blind: set[int]) -> list[Flowable]:
    story: list[Flowable] = [para(text(words["team"]), "h2")]
    members = sorted(
        plan.active_team, key=lambda m: (m.plan_role is not PlanRole.COORDINATOR, m.id)
    )
    if not members:
        return [*story, para(text(words["no_team"]))]
    rows: list[list[Flowable | list[Flowable]]] = [
        [para(text(words[key]), "bold") for key in ("who", "contact_details")]
    ]
    for membership in members:
        # One paragraph per line: the same lines as one paragraph with line breaks.
        user = membership.user
        who = [para(text(user.display_name), "bold")]
        if membership.plan_role is PlanRole.COORDINATOR:
            who.append(para(text(words["coordinator"]), "role"))
        if user.organisation is not None:
            who.append(para(text(user.organisation.name)))
        if user.organisation_id in blind:
            who.append(para(text(words["member_without_sight"]), "bold"))
        contact = [
            para(text(words[kind].format(value=value)))
            for kind, value in (("email", user.email), ("phone", user.phone))
            if value
        ]
        rows.append([who, contact])
    widths = [0.42 * CONTENT_WIDTH, 0.58 * CONTENT_WIDTH]
    return [
        KeepTogether([*story, para(text(words["team_intro"])), Spacer(1, 6), grid(rows, widths)]),
        Spacer(1, 6),
        para(text(words["coordinator_note"])),
    ]
