"""Generating a case pack from a plan (DESIGN §6): generalised facts and scrubbed texts.

Nothing identifying goes in: composition in bands, the area as municipality or region,
days since the plan started instead of dates, goals by domain in the family's words with
the household's names and every identifier scrubbed, actions by intervention and carrier,
barriers by category and outcome score changes per domain.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from typing import Any
from zoneinfo import ZoneInfo

from flask import current_app, has_app_context
from sqlalchemy import exists, func, select

from maatwerk.anonymisation import scrub
from maatwerk.anonymisation.generalise import composition_of
from maatwerk.catalogue.models import Area
from maatwerk.core.db import db
from maatwerk.core.enums import ConsentPurpose, Moment, ProposedBy, ScoredBy
from maatwerk.households.models import Consent, Household
from maatwerk.plans.models import Plan, TransitionEvent

from .models import CasePackText, PackTextField

LOCAL_TIME = ZoneInfo("Europe/Amsterdam")
# Below this many learning-consent households in its municipality a pack names the region.
DEFAULT_MIN_AREA_CASES = 10
GOAL_FIELDS = (PackTextField.TITLE, PackTextField.WHY_IT_MATTERS, PackTextField.STRENGTHS)


def min_area_cases() -> int:
    """CASE_PACK_MIN_AREA_CASES from the configuration (default 10)."""
    if has_app_context():
        return int(current_app.config.get("CASE_PACK_MIN_AREA_CASES", DEFAULT_MIN_AREA_CASES))
    return DEFAULT_MIN_AREA_CASES


def learning_consent_clause(household_id_column: Any, on: dt.date | None = None) -> Any:
    """EXISTS an active learning consent of the household in `household_id_column`."""
    on = on or dt.date.today()
    return exists().where(
        Consent.household_id == household_id_column,
        Consent.in_force(ConsentPurpose.LEARNING, on),
    )


def has_learning_consent(household: Household, on: dt.date | None = None) -> bool:
    """True while the household has an active learning consent (for any organisation)."""
    on = on or dt.date.today()
    return any(c.purpose is ConsentPurpose.LEARNING and c.is_active(on) for c in household.consents)


def known_names(household: Household) -> list[str]:
    """The members' names as stored: the scrubber's strongest signal."""
    return [m.full_name for m in household.members]


PLACE = "[plaats]"


def _place_names(household: Household) -> list[str]:
    """The household's own village and municipality: finer than a pack may show."""
    names, area = [], household.area
    while area is not None:
        names.append(area.name)
        area = area.parent
    return sorted({n for n in names if n and n.strip()}, key=len, reverse=True)


def catalogue_places() -> list[str]:
    """Every area name of the catalogue, at every depth (one query): the scrubber replaces
    them all, with the region's villages it knows itself."""
    return [name for name in db.session.scalars(select(Area.name)) if name and name.strip()]


def scrub_for(household: Household, text: str, places: list[str] | None = None) -> str:
    """The text with the household's names, every place of the catalogue and the region and
    every other identifier replaced; the household's own village or municipality named no
    finer than the pack's area."""
    places = catalogue_places() if places is None else places
    scrubbed = scrub(text or "", known_names=known_names(household), known_places=places).text
    for name in _place_names(household):
        scrubbed = re.sub(rf"(?<!\w){re.escape(name)}(?!\w)", PLACE, scrubbed, flags=re.IGNORECASE)
    return scrubbed


def _day(plan: Plan, moment: dt.datetime | dt.date) -> int:
    if isinstance(moment, dt.datetime):
        moment = moment.astimezone(LOCAL_TIME).date()
    return max(0, (moment - plan.started_on).days)


def cases_per_municipality() -> dict[int, int]:
    """Households with active learning consent per municipality id."""
    parents = dict(db.session.execute(select(Area.id, Area.parent_id)).tuples().all())

    def top(area_id: int) -> int:
        seen = set()
        while parents.get(area_id) is not None and area_id not in seen:
            seen.add(area_id)
            area_id = parents[area_id]  # type: ignore[assignment]
        return area_id

    counts: Counter[int] = Counter()
    rows = db.session.execute(
        select(Household.area_id, func.count())
        .where(learning_consent_clause(Household.id))
        .group_by(Household.area_id)
    )
    for area_id, count in rows:
        counts[top(area_id)] += count
    return dict(counts)


def area_of(household: Household, counts: dict[int, int], minimum: int) -> dict[str, Any]:
    """The municipality, or its region when it has fewer than `minimum` cases."""
    municipality = household.area.municipality
    if counts.get(municipality.id, 0) >= minimum:
        return {"level": "municipality", "name": municipality.name}
    if municipality.region:
        return {"level": "region", "name": municipality.region}
    return {"level": "all", "name": None}


def _timeline(plan: Plan) -> list[dict[str, Any]]:
    events: list[dict[str, Any]] = [{"day": 0, "event": "plan_started", "value": None}]
    transitions = db.session.scalars(
        select(TransitionEvent)
        .where(TransitionEvent.plan_id == plan.id, TransitionEvent.subject_type == "plan")
        .order_by(TransitionEvent.occurred_at, TransitionEvent.id)
    )
    for t in transitions:
        events.append({"day": _day(plan, t.occurred_at), "event": "status", "value": t.to_state})
    for goal in plan.goals:
        events.append({"day": _day(plan, goal.created_at), "event": "goal", "value": goal.domain})
    for barrier in plan.barriers:
        day = _day(plan, barrier.reported_at)
        events.append({"day": day, "event": "barrier", "value": barrier.category})
        if barrier.resolved_at is not None:
            day = _day(plan, barrier.resolved_at)
            events.append({"day": day, "event": "barrier_resolved", "value": barrier.category})
    for score in plan.scores:
        events.append({"day": _day(plan, score.scored_on), "event": "score", "value": score.moment})
    # Per day: the start, then the steps in the order they happened (as read above), goals,
    # barriers and scores (the intake moment's first); a stable sort keeps the rest in order.
    order = {"plan_started": 0, "status": 1, "goal": 2, "barrier": 3}
    events.sort(
        key=lambda e: (
            e["day"],
            order.get(e["event"], 9),
            0 if e["event"] == "score" and str(e["value"]) == "intake" else 1,
        )
    )
    return [{**e, "value": str(e["value"]) if e.get("value") is not None else None} for e in events]


def _actions(plan: Plan) -> list[dict[str, Any]]:
    groups: Counter[tuple[str | None, str, str]] = Counter()
    for action in plan.actions:
        intervention = action.intervention.name if action.intervention else None
        groups[(intervention, str(action.carrier), action.status)] += 1
    return [
        {"intervention": i, "carrier": c, "status": s, "count": n}
        for (i, c, s), n in sorted(groups.items(), key=lambda kv: (kv[0][0] or "", kv[0][1:]))
    ]


def _barriers(plan: Plan) -> list[dict[str, Any]]:
    groups: dict[str, Counter[str]] = defaultdict(Counter)
    for barrier in plan.barriers:
        groups[str(barrier.category)][barrier.status] += 1
    return [
        {
            "category": category,
            "count": sum(states.values()),
            "states": dict(sorted(states.items())),
        }
        for category, states in sorted(groups.items())
    ]


def outcome_changes(plan: Plan) -> list[dict[str, Any]]:
    """Per domain and scorer: the first intake score, the latest evaluation score, the change."""
    found: dict[tuple[str, str], dict[str, Any]] = {}
    for s in sorted(plan.scores, key=lambda s: (s.cycle, s.scored_on, s.id)):
        entry = found.setdefault(
            (str(s.domain), str(s.scored_by)), {"intake": None, "latest": None}
        )
        if s.moment is Moment.INTAKE and entry["intake"] is None:
            entry["intake"] = s.score
        elif s.moment is Moment.EVALUATION:
            entry["latest"] = s.score
    rows = []
    for (domain, by), e in sorted(found.items()):
        change = e["latest"] - e["intake"] if None not in (e["latest"], e["intake"]) else None
        rows.append({"domain": domain, "scored_by": by, **e, "change": change})
    return rows


def professional_change(plan: Plan, domain: str) -> int | None:
    """The professional's change (latest evaluation minus first intake) in one domain."""
    for row in outcome_changes(plan):
        if row["domain"] == domain and row["scored_by"] == ScoredBy.PROFESSIONAL.value:
            return row["change"]
    return None


def build_content(plan: Plan, counts: dict[int, int], *, on: dt.date) -> dict[str, Any]:
    """The pack's generalised facts (no free text)."""
    household = plan.household
    composition = composition_of(household.members, on)
    return {
        "composition": {
            "household_type": composition.household_type,
            "child_count_band": composition.child_count_band,
            "parent_age_bands": list(composition.parent_age_bands),
            "child_age_bands": list(composition.child_age_bands),
        },
        "area": area_of(household, counts, min_area_cases()),
        "status": plan.status,
        "cycle": plan.cycle,
        "days_since_start": _day(plan, on),
        "timeline": _timeline(plan),
        "actions": _actions(plan),
        "barriers": _barriers(plan),
        "outcomes": outcome_changes(plan),
    }


def _familys_goal(goal: Any) -> bool:
    """A goal the family holds as its own: not rejected, and not a professional's proposal
    the family has not accepted yet (those are the team's words, not the family's)."""
    if goal.status == "rejected":
        return False
    return not (goal.status == "proposed" and goal.proposed_by is ProposedBy.PROFESSIONAL)


def build_texts(plan: Plan) -> list[CasePackText]:
    """The family's goal texts by domain, scrubbed; rejected goals and professionals'
    unanswered proposals stay out."""
    texts = []
    places = catalogue_places()
    goals = sorted(
        (g for g in plan.goals if _familys_goal(g)),
        key=lambda g: (str(g.domain), g.priority_rank or 999, g.id),
    )
    for goal in goals:
        for field in GOAL_FIELDS:
            original = getattr(goal, field.value) or ""
            if not original.strip():
                continue
            texts.append(
                CasePackText(
                    goal_id=goal.id,
                    field=field,
                    domain=goal.domain,
                    goal_status=goal.status,
                    position=len(texts) + 1,
                    text=scrub_for(plan.household, original, places),
                )
            )
    return texts
