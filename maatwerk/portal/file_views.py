"""The family's file: consent per organisation, who looked at it, and downloads."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from flask import Response, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import get_locale, to_user_timezone
from flask_babel import gettext as _

from maatwerk.audit.queries import UNKNOWN_LABEL, AccessLogEntry, access_log
from maatwerk.core import inputs
from maatwerk.core.db import db
from maatwerk.core.enums import ConsentPurpose
from maatwerk.core.errors import Conflict
from maatwerk.households.export import export_household
from maatwerk.households.models import Consent, Household
from maatwerk.households.operations import give_consent, withdraw_consent
from maatwerk.households.reading import (
    consent_references,
    get_consent_to_withdraw,
    get_household,
    get_household_file,
)
from maatwerk.notifications.family import mark_family_notices_seen, recent_family_notices
from maatwerk.plans.pdf import build_changes_pdf, build_plan_pdf
from maatwerk.plans.reading import get_plan
from maatwerk.portal.blueprint import bp
from maatwerk.portal.reading import family_plans, is_open
from maatwerk.portal.web import family_required, form_int, not_done, only_looked

LOG_PAGE_SIZE = 30
LOG_BATCH = 200
LOG_SCAN = 1000  # entries read for one page at most


def _offers(household: Household) -> list[tuple[int, str, ConsentPurpose]]:
    """(organisation id, name, purpose) the family may give consent to again or anew:
    the organisations on its team and those it gave consent to before."""
    active = {(c.organisation_id, c.purpose) for c in household.consents if c.is_active()}
    names: dict[int, str] = {c.organisation_id: c.organisation.name for c in household.consents}
    for plan in household.plans:
        for membership in plan.team:
            organisation = membership.user.organisation
            if membership.ended_at is None and organisation is not None and is_open(plan):
                names.setdefault(organisation.id, organisation.name)
    had = {(c.organisation_id, c.purpose) for c in household.consents}
    offers = []
    for organisation_id, name in sorted(names.items(), key=lambda item: item[1]):
        for purpose in ConsentPurpose:
            key = (organisation_id, purpose)
            wanted = purpose is ConsentPurpose.PLAN_SHARING or key in had
            if wanted and key not in active:
                offers.append((organisation_id, name, purpose))
    return offers


@bp.get("/ons-plan/toestemming")
@family_required
def consents():
    """Which organisations may see the plan or learn from it; give and withdraw."""
    household = get_household(g.actor.household_id, g.actor)
    today = dt.date.today()
    given = sorted(
        (c for c in household.consents if c.is_active(today)),
        key=lambda c: (c.organisation.name, c.purpose.value),
    )
    ended = [c for c in household.consents if not c.is_active(today)]
    offers = _offers(household)
    db.session.commit()
    return render_template("portal/consents.html", given=given, ended=ended, offers=offers)


@bp.post("/ons-plan/toestemming/intrekken")
@family_required
def withdraw():
    """Withdraw a consent, after one 'are you sure' with what it means."""
    consent = get_consent_to_withdraw(form_int("consent_id") or 0, g.actor)
    if form_int("consent_version") != consent.version or not consent.is_active():
        not_done()
        db.session.commit()
        flash(_("This permission changed in the meantime. Please look again."), "error")
        return redirect(url_for("portal.consents"))
    if request.form.get("confirm") != "yes":
        last = consent.purpose is ConsentPurpose.PLAN_SHARING and not any(
            c.id != consent.id and c.purpose is ConsentPurpose.PLAN_SHARING and c.is_active()
            for c in consent.household.consents
        )
        # The family's coordinator works for this organisation: say the plan needs another.
        coordinators = sorted(
            {
                plan.coordinator.display_name
                for plan in consent.household.plans
                if consent.purpose is ConsentPurpose.PLAN_SHARING
                and plan.status != "closed"
                and plan.coordinator is not None
                and plan.coordinator.organisation_id == consent.organisation_id
            }
        )
        # Nothing changes yet: the consent was looked at (with what withdrawing means).
        consent_id = consent.id
        only_looked()
        db.session.commit()
        consent = db.session.get(Consent, consent_id)
        return render_template(
            "portal/withdraw.html", consent=consent, last=last, coordinators=coordinators
        )
    withdraw_consent(consent, actor=g.actor)
    db.session.commit()
    flash(
        _(
            "Done. %(organisation)s no longer has this permission.",
            organisation=consent.organisation.name,
        )
    )
    return redirect(url_for("portal.consents"))


@bp.post("/ons-plan/toestemming/geven")
@family_required
def give():
    """Give (again) consent to an organisation for one purpose."""
    household = get_household(g.actor.household_id, g.actor, action="create")
    try:
        purpose = ConsentPurpose(request.form.get("purpose", ""))
    except ValueError:
        abort(400)
    organisation, _member = consent_references(household, form_int("organisation_id") or 0, None)
    try:
        give_consent(
            household,
            organisation=organisation,
            purpose=purpose,
            given_by=g.actor.member,
            actor=g.actor,
        )
    except Conflict:
        not_done()
        db.session.commit()
        flash(_("This organisation already has this permission."))
        return redirect(url_for("portal.consents"))
    db.session.commit()
    flash(_("Done. %(organisation)s now has your permission.", organisation=organisation.name))
    return redirect(url_for("portal.consents"))


@dataclass
class LogGroup:
    """Entries of 'Who looked' that say the same (organisation, role, what, outcome) on
    one day, one after another: shown once, with how many times and from when to when."""

    first: AccessLogEntry  # the newest
    last: AccessLogEntry  # the oldest
    day: dt.date
    count: int = 1

    @property
    def entry(self) -> AccessLogEntry:
        return self.first


def _same(entry: AccessLogEntry) -> tuple:
    return (entry.organisation, entry.role, entry.action, entry.object_type, entry.outcome)


def _log_page(household_id: int, before: int | None, everyone: bool):
    """One page of the access log, grouped (LogGroup), and where the next starts (None: no
    more); the family's own visits only when asked for. A page ends at LOG_PAGE_SIZE
    groups, or after LOG_SCAN entries (a longer run continues on the next page)."""
    groups: list[LogGroup] = []
    cursor, scanned = before, 0
    while True:
        batch = access_log(db.session, household_id, limit=LOG_BATCH, before_id=cursor)
        for entry in batch:
            if everyone or entry.role != "family":
                day = to_user_timezone(entry.occurred_at).date()
                last = groups[-1] if groups else None
                if last is not None and last.day == day and _same(last.last) == _same(entry):
                    last.last, last.count = entry, last.count + 1
                elif len(groups) == LOG_PAGE_SIZE:
                    return groups, entry.id + 1  # the next page starts with this one
                else:
                    groups.append(LogGroup(first=entry, last=entry, day=day))
            scanned += 1
            if scanned >= LOG_SCAN:
                return groups, entry.id
        if len(batch) < LOG_BATCH:
            return groups, None
        cursor = batch[-1].id


@bp.get("/ons-plan/wie-keek-er")
@family_required
def access():
    """'Wie heeft ons dossier bekeken': organisation, role, what and when."""
    household = get_household_file(
        g.actor.household_id, g.actor, action="read", object_type="access_log"
    )
    everyone = request.args.get("alles") == "1"
    before = inputs.query_int("voor", maximum=2**63 - 1)
    groups, next_before = _log_page(household.id, before, everyone)
    notices = recent_family_notices(g.actor)
    mark_family_notices_seen(g.actor)
    db.session.commit()
    return render_template(
        "portal/access_log.html",
        notices=notices,
        groups=groups,
        next_before=next_before,
        everyone=everyone,
        # The audit trail's name for an account without an organisation (a word of the
        # trail, not of the page): the page says it in the family's language.
        unknown_organisation=UNKNOWN_LABEL,
    )


@bp.get("/ons-plan/downloaden")
@family_required
def downloads():
    """The plan as PDF, and all the family's data."""
    plans = family_plans(g.actor)
    db.session.commit()
    return render_template("portal/downloads.html", plans=plans)


@bp.get("/ons-plan/<int:plan_id>/pdf")
@family_required
def plan_pdf(plan_id: int):
    """The plan as a PDF to print or keep; ?vorm=wijzigingen: what changed since the family
    confirmed it (the second form of the plan PDF)."""
    changes = request.args.get("vorm") == "wijzigingen"
    build = build_changes_pdf if changes else build_plan_pdf
    plan = get_plan(plan_id, g.actor, action="print")
    content = build(
        plan,
        portal_url=url_for("portal.plan", plan_id=plan.id, _external=True),
        generated_on=dt.date.today(),
        language=str(get_locale() or "nl"),
    )
    db.session.commit()
    name = "ons-plan-wijzigingen.pdf" if changes else "ons-plan.pdf"
    return Response(
        content,
        mimetype="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@bp.get("/ons-plan/onze-gegevens.json")
@family_required
def export():
    """All our data (AVG), as one JSON file."""
    household = get_household_file(
        g.actor.household_id, g.actor, action="export", object_type="household"
    )
    document = export_household(household, with_accounts=True)
    db.session.commit()
    return Response(
        json.dumps(document, ensure_ascii=False, indent=2),
        mimetype="application/json",
        headers={"Content-Disposition": 'attachment; filename="onze-gegevens.json"'},
    )
