"""The outcome export (DESIGN §6): one row per household with learning consent, k-anonymous
and l-diverse (an outcome that is not l-diverse in a group is left out for that group), with
fresh pseudonyms and no free text.

Quasi-identifiers: area (municipality -> region -> all), household type, child-count band
and the age band of the oldest parent. Sensitive attributes: whether the plan is closed and
the professional's outcome score change per domain. The household's latest plan counts;
households without a plan have no outcomes and stay out.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
import secrets
from dataclasses import dataclass
from typing import Any

from flask import current_app, has_app_context
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from maatwerk.anonymisation.generalise import (
    ADULT_AGE_LEVELS,
    AREA_LEVELS,
    CHILD_COUNT_LEVELS,
    HOUSEHOLD_TYPE_LEVELS,
    adult_age_band,
    child_count_band,
    composition_of,
    generalise_area,
    generalise_household_type,
)
from maatwerk.anonymisation.kanonymity import Anonymised, QuasiIdentifier, anonymise
from maatwerk.anonymisation.kanonymity import ThresholdsNotMet as NotMet
from maatwerk.audit.operations import record_audit
from maatwerk.casereview.packs import learning_consent_clause, professional_change
from maatwerk.catalogue.models import Area
from maatwerk.core.db import db
from maatwerk.core.enums import Domain, MemberPosition
from maatwerk.core.errors import DomainError, ValidationFailed
from maatwerk.households.models import Household
from maatwerk.plans.models import Plan

DEFAULT_K = 5
EXTERNAL_K = 10  # anything that leaves the partners
MIN_K = 2
L_DIVERSITY = 2
DEFAULT_MAX_SUPPRESSION = 0.1
PURPOSE = "monitoring"
CHILD = MemberPosition.CHILD

QUASI_IDENTIFIERS = (
    QuasiIdentifier("area", AREA_LEVELS, lambda v, level: generalise_area(v[0], v[1], level)),
    QuasiIdentifier("householdType", HOUSEHOLD_TYPE_LEVELS, generalise_household_type),
    QuasiIdentifier("childCountBand", CHILD_COUNT_LEVELS, child_count_band),
    QuasiIdentifier("oldestParentAgeBand", ADULT_AGE_LEVELS, adult_age_band),
)
CHANGE_COLUMNS = {d: "outcomeChange" + d.value.title() for d in Domain}
SENSITIVE = ("closureStatus", *CHANGE_COLUMNS.values())
COLUMNS = ("pseudonym", *(q.name for q in QUASI_IDENTIFIERS), *SENSITIVE)


class ThresholdsNotMet(DomainError):
    """The data cannot be released at this k and l: nothing is exported."""

    status = 422
    title = "Anonymity thresholds not met"


def _setting(name: str, default: Any) -> Any:
    return current_app.config.get(name, default) if has_app_context() else default


def minimum_k(*, external: bool) -> int:
    """The configured k: EXPORT_K, and at least EXPORT_K_EXTERNAL when the data leave the
    partners (DESIGN §6: a setting, not a choice of the caller)."""
    k = max(int(_setting("EXPORT_K", DEFAULT_K)), MIN_K)
    if external:
        k = max(k, int(_setting("EXPORT_K_EXTERNAL", EXTERNAL_K)))
    return k


def threshold_k(requested: int | None, *, external: bool) -> int:
    """The k to apply: the configured minimum, or a higher k the caller asks for. A request
    below the minimum is refused (never silently raised: the caller would believe the file
    was generalised to the k it asked for)."""
    floor = minimum_k(external=external)
    if requested is None:
        return floor
    if requested < floor:
        raise ValidationFailed(
            f"k is at least {floor} for this export (the configured minimum).",
            fields={"k": [f"At least {floor}."]},
        )
    return requested


@dataclass(frozen=True)
class OutcomeExport:
    """What an export releases: rows with pseudonyms, and how they were generalised."""

    rows: list[dict[str, Any]]
    k: int
    l: int  # noqa: E741
    levels: dict[str, int]
    suppressed: int
    generated_at: dt.datetime
    suppressed_values: int = 0  # outcome values left out (None) for l-diversity


def _records(on: dt.date) -> tuple[list[dict[str, Any]], list[int]]:
    """Raw quasi-identifiers and sensitive values per household, and the household ids."""
    households = db.session.scalars(
        select(Household)
        .where(learning_consent_clause(Household.id, on))
        .options(
            selectinload(Household.members),
            selectinload(Household.area).selectinload(Area.parent),
            selectinload(Household.plans).selectinload(Plan.scores),
        )
        .order_by(Household.id)
    )
    records, ids = [], []
    for household in households:
        if not household.plans:
            continue
        plan = max(household.plans, key=lambda p: (p.started_on, p.id))
        composition = composition_of(household.members, on)
        municipality = household.area.municipality
        record: dict[str, Any] = {
            "area": (municipality.name, municipality.region),
            "householdType": composition.household_type,
            "childCountBand": sum(1 for m in household.members if m.position is CHILD),
            "oldestParentAgeBand": composition.oldest_parent_age,
            "closureStatus": "closed" if plan.closed_at is not None else "open",
        }
        for domain, column in CHANGE_COLUMNS.items():
            record[column] = professional_change(plan, domain.value)
        records.append(record)
        ids.append(household.id)
    return records, ids


def export_case_outcomes(actor: Any, *, k: int) -> OutcomeExport:
    """Generalise and suppress until k and l hold, pseudonymise, audit; or ThresholdsNotMet."""
    now = dt.datetime.now(dt.UTC)
    records, household_ids = _records(now.date())
    max_suppression = float(_setting("EXPORT_MAX_SUPPRESSION", DEFAULT_MAX_SUPPRESSION))
    try:
        result: Anonymised = anonymise(
            records,
            QUASI_IDENTIFIERS,
            SENSITIVE,
            k=k,
            l=L_DIVERSITY,
            max_suppression=max_suppression,
        )
    except NotMet:
        raise ThresholdsNotMet(
            f"The {len(records)} households with learning consent cannot be generalised so that "
            f"every group has at least {k} households (suppressing at most "
            f"{max_suppression:.0%} of them). Nothing was exported.",
            audit={
                "actor": actor,
                "action": "export",
                "object_type": "case_outcomes",
                "object_id": None,
                "household_ids": [],
                "purpose": PURPOSE,
            },
        ) from None
    kept_ids = [household_ids[i] for i in result.indices]
    rows = [{"pseudonym": _pseudonym(), **row} for row in result.rows]
    random.SystemRandom().shuffle(rows)  # no trace of the household order
    record_audit(
        actor=actor,
        action="export",
        object_type="case_outcomes",
        household_ids=kept_ids,
        purpose=PURPOSE,
    )
    return OutcomeExport(
        rows, result.k, result.l, result.levels, result.suppressed, now, result.suppressed_values
    )


def _pseudonym() -> str:
    """A fresh random pseudonym: two exports cannot be joined on it."""
    return "R-" + secrets.token_hex(8)


def as_csv(export: OutcomeExport) -> str:
    """The rows as CSV (header row, empty cell for a missing value)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for row in export.rows:
        writer.writerow({c: "" if row.get(c) is None else row[c] for c in COLUMNS})
    return buffer.getvalue()
