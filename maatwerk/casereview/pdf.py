"""The session handout (PDF): the approved, anonymised cases and the lessons; no personal data.

Built from the same stored pack content the pages show (generalised facts, scrubbed texts),
in the layout of the family's PDFs (maatwerk.plans.pdf_layout).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from flask_babel import get_locale
from flask_babel import gettext as _
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer

from maatwerk.plans.pdf_labels import LANGUAGES, Words
from maatwerk.plans.pdf_layout import CONTENT_WIDTH, LOCAL_TIME, box, grid, para, render, text

from .labels import cr_label, event_value
from .models import CasePack, CaseReviewSession
from .presenting import lesson_view, pack_view


def _language() -> str:
    try:
        language = str(get_locale() or "nl")
    except RuntimeError:  # outside a request
        language = "nl"
    return language if language in LANGUAGES else "nl"


def _bands(values: Sequence[str]) -> str:
    return ", ".join(cr_label("band", v) if v in ("unknown", "all") else v for v in values) or "-"


def _facts(view: dict) -> Flowable:
    composition, area = view["composition"], view["area"]
    area_text = area["name"] or cr_label("area_level", "all")
    return box(
        [
            (_("Household"), text(cr_label("household_type", composition["household_type"]))),
            (_("Children"), text(composition["child_count_band"])),
            (_("Age of the parents"), text(_bands(composition["parent_age_bands"]))),
            (_("Age of the children"), text(_bands(composition["child_age_bands"]))),
            (cr_label("area_level", area["level"]), text(area_text)),
            (_("Days since the plan started"), text(str(view["days_since_start"]))),
            (_("Plan status"), text(cr_label("state", view["status"]))),
        ]
    )


def _goals(view: dict) -> list[Flowable]:
    story: list[Flowable] = []
    for group in view["goals"]:
        story.append(para(text(cr_label("domain", group["domain"])), "label"))
        for entry in group["texts"]:
            label = cr_label("text_field", entry["field"])
            story.append(para(f"<b>{text(label)}:</b> {text(entry['text'])}"))
    return story or [para(text(_("No goals.")))]


def _tables(view: dict) -> list[Flowable]:
    story: list[Flowable] = []
    width = CONTENT_WIDTH
    if view["actions"]:
        rows = [[para(_("Intervention"), "bold"), para(_("Carried by"), "bold")]]
        rows[0] += [para(_("Status"), "bold"), para(_("Number"), "bold")]
        for a in view["actions"]:
            rows.append(
                [
                    para(text(a["intervention"] or _("No intervention"))),
                    para(text(cr_label("carrier", a["carrier"]))),
                    para(text(cr_label("state", a["status"]))),
                    para(str(a["count"])),
                ]
            )
        story += [
            para(text(_("Actions")), "label"),
            grid(rows, [width * 0.45, width * 0.2, width * 0.2, width * 0.15]),
        ]
    if view["barriers"]:
        rows = [[para(_("Barrier"), "bold"), para(_("Number"), "bold")]]
        for b in view["barriers"]:
            rows.append(
                [para(text(cr_label("barrier_category", b["category"]))), para(str(b["count"]))]
            )
        story += [para(text(_("Barriers")), "label"), grid(rows, [width * 0.7, width * 0.3])]
    changes = [o for o in view["outcomes"] if o["change"] is not None]
    if changes:
        rows = [
            [para(_("Domain"), "bold"), para(_("Scored by"), "bold"), para(_("Change"), "bold")]
        ]
        for o in changes:
            rows.append(
                [
                    para(text(cr_label("domain", o["domain"]))),
                    para(text(cr_label("scored_by", o["scored_by"]))),
                    para(f"{o['change']:+d}"),
                ]
            )
        story += [
            para(text(_("Outcome score changes")), "label"),
            grid(rows, [width * 0.4, width * 0.3, width * 0.3]),
        ]
    return story


def _timeline(view: dict) -> list[Flowable]:
    lines = [
        f"{_('Day %(day)s', day=e['day'])}: {text(cr_label('event', e['event']))}"
        + (f" ({text(event_value(e))})" if event_value(e) else "")
        for e in view["timeline"]
    ]
    return [para(text(_("Timeline")), "label"), para("<br/>".join(lines))]


def _case(pack: CasePack) -> list[Flowable]:
    view = pack_view(pack)
    title = _("Case %(label)s", label=view["label"])
    return [
        KeepTogether([para(text(title), "h2"), _facts(view)]),
        *_goals(view),
        *_tables(view),
        *_timeline(view),
        Spacer(1, 4 * mm),
    ]


def _lessons(session: CaseReviewSession) -> list[Flowable]:
    story: list[Flowable] = [para(text(_("Lessons")), "h2")]
    if not session.lessons:
        return [*story, para(text(_("No lessons recorded yet.")))]
    for lesson in session.lessons:
        view = lesson_view(lesson)
        rows = [(_("What we learned"), text(view["description"]))]
        rows.append((_("Effect"), text(cr_label("effect", view["effect"]))))
        if view["domains"]:
            rows.append(
                (_("Domains"), text(", ".join(cr_label("domain", d) for d in view["domains"])))
            )
        if view["interventions"]:
            rows.append(
                (_("Interventions"), text(", ".join(i["name"] for i in view["interventions"])))
            )
        if view["operational_goals"]:
            goals = ", ".join(f"{g['code']} {g['text']}" for g in view["operational_goals"])
            rows.append((_("Operational goals"), text(goals)))
        if view["organisations"]:
            rows.append(
                (_("Matters to"), text(", ".join(o["name"] for o in view["organisations"])))
            )
        story += [para(text(view["title"]), "goal"), box(rows), Spacer(1, 3 * mm)]
    return story


def build_handout(
    session: CaseReviewSession, packs: Sequence[CasePack], *, generated_on: dt.date | None = None
) -> bytes:
    """The handout of a session: its approved cases (given) and its lessons."""
    words = Words(_language())
    generated_on = generated_on or dt.datetime.now(LOCAL_TIME).date()
    facts = [para(text(_("Case review")), "subtitle")]
    if session.planned_on:
        facts.append(para(text(words.date(session.planned_on))))
    if session.description:
        facts.append(para(text(session.description)))
    facts.append(para(text(_("Anonymised: no names, no dates, no addresses."))))
    story: list[Flowable] = [para(text(session.title), "h1"), *facts, Spacer(1, 4 * mm)]
    for pack in packs:
        story += _case(pack)
    if packs:
        story.append(PageBreak())
    story += _lessons(session)
    return render(
        story,
        words,
        title=_("Case review"),
        reference=f"CR-{session.id}",
        generated_on=generated_on,
    )
