"""The rest of a synthetic plan: its own transitions and row, outcome scores, experience
surveys, comments, the revisions history reads, and the household's audit events."""

from __future__ import annotations

from bisect import bisect_right
from typing import TYPE_CHECKING, Any

from maatwerk.core.enums import Moment, ScoredBy
from maatwerk.synth import snapshot
from maatwerk.synth.story import LIGHT, to_date, to_datetime
from maatwerk.synth.vocab import FAMILY_COMMENTS, TEAM_COMMENTS, WITHDRAW_REASON

if TYPE_CHECKING:
    from maatwerk.synth.generate import Case, Generator

SCORED = ("accepted", "achieved", "not_achieved")
GAPS = (0, 0, 1, -1)  # professional score minus the family's, at intake
GROWTH = (-1, 0, 1, 1, 2)  # evaluation minus intake
ANSWERS = ((1, 5), (2, 10), (3, 25), (4, 35), (5, 25))
READ_COUNTS = (1, 1, 2, 2, 3, 4, 6)


def plan_results(g: Generator, case: Case) -> None:
    """Everything after the work: plan transitions, scores, surveys, comments, plan row,
    revisions and audit events."""
    reasons = _plan_transitions(g, case)
    _scores(g, case)
    _surveys(g, case)
    _comments(g, case)
    _plan_row(g, case, reasons)
    _audit(g, case)


def _plan_transitions(g: Generator, case: Case) -> str | None:
    story = case.story
    closure = None
    for trigger, source, dest, t, actor in story.events:
        reason = None
        if trigger in ("pause", "resume", "close"):
            reason = g.reason(trigger)
        elif trigger == "withdraw":
            reason = WITHDRAW_REASON
        if dest == "closed":
            closure = reason
        g.transition(case, "plan", case.plan_id, source, dest, trigger, t, actor, reason)
    return closure


def _domains(case: Case, cycle: int) -> list:
    return sorted({x.domain for x in case.goals if x.status in SCORED and x.cycle <= cycle})


def _scores(g: Generator, case: Case) -> None:
    """Family and professional scores per domain with goals: at intake before the family
    confirms a cycle, at evaluation when the cycle is evaluated."""
    rng, story = g.rng, case.story
    if story.workflow == LIGHT and rng.random() < 0.6:
        return
    add = g.rows["outcome_scores"].append
    divergent = rng.random() < 0.15
    for cycle in story.cycles:
        if cycle.confirmed is None:
            continue
        domains = _domains(case, cycle.number)
        low = cycle.prioritised or cycle.opened
        intake_t = rng.uniform(max(low, cycle.confirmed - 5), cycle.confirmed)
        evaluation_t = None
        if cycle.evaluated is not None:
            evaluation_t = rng.uniform(cycle.evaluated, min(cycle.ended, cycle.evaluated + 14))
        for domain in domains:
            family = g.randint(1, 3)
            gap = 2 if divergent else g.choice(GAPS)
            professional = family + gap if family + gap <= 5 else family - gap
            for by, score in ((ScoredBy.FAMILY, family), (ScoredBy.PROFESSIONAL, professional)):
                user = case.family_id if by is ScoredBy.FAMILY else case.coordinator_at(intake_t)[0]
                score = max(1, min(5, score))
                add(
                    (
                        g.next_id("outcome_scores"),
                        case.plan_id,
                        cycle.number,
                        domain,
                        score,
                        by,
                        user,
                        Moment.INTAKE,
                        to_date(intake_t),
                    )
                )
                if evaluation_t is None:
                    continue
                later = max(1, min(5, score + g.choice(GROWTH)))
                add(
                    (
                        g.next_id("outcome_scores"),
                        case.plan_id,
                        cycle.number,
                        domain,
                        later,
                        by,
                        user,
                        Moment.EVALUATION,
                        to_date(evaluation_t),
                    )
                )


def _surveys(g: Generator, case: Case) -> None:
    """The family's experience survey at intake and at evaluation; sometimes a professional's."""
    rng, ctx = g.rng, g.ctx
    moments = []
    for cycle in case.story.cycles:
        number = cycle.number
        if cycle.confirmed is not None and case.family_id is not None and rng.random() < 0.5:
            moments.append(
                (number, ScoredBy.FAMILY, Moment.INTAKE, cycle.confirmed, case.family_id)
            )
        if cycle.evaluated is not None:
            if case.family_id is not None and rng.random() < 0.5:
                moments.append(
                    (number, ScoredBy.FAMILY, Moment.EVALUATION, cycle.evaluated, case.family_id)
                )
            if rng.random() < 0.25:
                coordinator = case.coordinator_at(cycle.evaluated)[0]
                moments.append(
                    (number, ScoredBy.PROFESSIONAL, Moment.EVALUATION, cycle.evaluated, coordinator)
                )
    add_survey = g.rows["experience_surveys"].append
    add_answer = g.rows["survey_answers"].append
    for number, respondent, moment, t, user in moments:
        survey_id = g.next_id("experience_surveys")
        answered_on = to_date(t + rng.uniform(0, 3))
        add_survey((survey_id, case.plan_id, number, respondent, user, moment, answered_on))
        statements = (
            ctx.family_statements if respondent is ScoredBy.FAMILY else ctx.professional_statements
        )
        lift = 1 if moment is Moment.EVALUATION and rng.random() < 0.3 else 0
        for key, goal_id in statements:
            if rng.random() < 0.85:
                score = min(5, g.weighted(ANSWERS) + lift)
                add_answer((g.next_id("survey_answers"), survey_id, key, goal_id, score))


def _comments(g: Generator, case: Case) -> None:
    rng, story = g.rng, case.story
    count = g.choice((0, 0, 1, 1, 2, 3)) if story.events else g.choice((0, 0, 1))
    add = g.rows["comments"].append
    for _ in range(count):
        t = rng.uniform(story.created, story.end)
        draw = rng.random()
        if case.family_id is not None and draw < 0.4:
            author, body = case.family_id, g.choice(FAMILY_COMMENTS)
        elif case.team and draw < 0.6:
            author, body = g.choice(list(case.team.values())), g.choice(TEAM_COMMENTS)
        else:
            author, body = case.coordinator_at(t)[0], g.choice(TEAM_COMMENTS)
        add((g.next_id("comments"), case.plan_id, author, body, to_datetime(t)))


def _plan_row(g: Generator, case: Case, closure_reason: str | None) -> None:
    """The plan with its version counter, and the snapshots of its confirmed and current
    versions (what history and the 'what changed' PDF read)."""
    story = case.story
    bumps = sorted(case.bumps, key=lambda b: b[0])
    version = 1 + len(bumps)
    confirmed_t = story.family_confirmed
    confirmed_version = None
    if confirmed_t is not None:
        confirmed_version = 1 + bisect_right([b[0] for b in bumps], confirmed_t)
    closed_at = to_datetime(story.events[-1][3]) if story.closed else None
    updated = bumps[-1][0] if bumps else story.created
    g.rows["plans"].append(
        (
            case.plan_id,
            case.household_id,
            story.workflow,
            story.workflow_version,
            story.status,
            len(story.cycles),
            version,
            confirmed_version,
            _at(confirmed_t),
            to_date(story.created),
            closed_at,
            closure_reason,
            to_datetime(story.created),
            to_datetime(updated),
        )
    )
    add = g.rows["plan_revisions"].append
    if confirmed_version is not None and confirmed_t is not None:
        at_confirmation = (
            snapshot.current(case)
            if confirmed_version == version
            else snapshot.at_confirmation(case, confirmed_t)
        )
        add(
            (
                g.next_id("plan_revisions"),
                case.plan_id,
                confirmed_version,
                at_confirmation,
                f"{story.workflow}:confirm_plan",
                case.family_id,
                to_datetime(confirmed_t),
            )
        )
    if bumps and version != confirmed_version:
        t, summary, actor = bumps[-1]
        add(
            (
                g.next_id("plan_revisions"),
                case.plan_id,
                version,
                snapshot.current(case),
                summary,
                actor,
                to_datetime(t),
            )
        )


def _at(t: float | None) -> Any:
    return None if t is None else to_datetime(t)


def _audit(g: Generator, case: Case) -> None:
    """Who created and who read the household's file (what the family's access log shows)."""
    rng, ctx, story = g.rng, g.ctx, case.story
    household = [case.household_id]
    add = g.audit.append
    coordinator, organisation = case.coordinator_at(story.created)
    add(
        (
            to_datetime(story.created + 0.002),
            coordinator,
            "professional",
            organisation,
            "create",
            "household",
            str(case.household_id),
            household,
            "care",
            "success",
        )
    )
    plan = str(case.plan_id)
    reads = g.choice(READ_COUNTS) if story.events else 1
    for _ in range(reads):
        t = rng.uniform(story.created, story.end)
        draw = rng.random()
        action = "print" if draw < 0.1 else "read"
        if case.family_id is not None and draw > 0.7:
            add(
                (
                    to_datetime(t),
                    case.family_id,
                    "family",
                    None,
                    action,
                    "plan",
                    plan,
                    household,
                    "family_access",
                    "success",
                )
            )
            continue
        if case.team and draw > 0.5:
            user = g.choice(list(case.team.values()))
            org = ctx.user_organisation[user]
        else:
            user, org = case.coordinator_at(t)
        add(
            (
                to_datetime(t),
                user,
                "professional",
                org,
                action,
                "plan",
                plan,
                household,
                "care",
                "success",
            )
        )
    if case.family_id is not None and rng.random() < 0.04:
        t = rng.uniform(story.created, story.end)
        add(
            (
                to_datetime(t),
                case.family_id,
                "family",
                None,
                "export",
                "household",
                str(case.household_id),
                household,
                "family_access",
                "success",
            )
        )
    if rng.random() < 0.01:  # someone off the team tried: 404, audited as denied
        pool = ctx.professionals["wonen"]
        user = g.choice(pool)
        t = rng.uniform(story.created, story.end)
        add(
            (
                to_datetime(t),
                user,
                "professional",
                ctx.user_organisation[user],
                "read",
                "plan",
                plan,
                household,
                "care",
                "denied",
            )
        )
