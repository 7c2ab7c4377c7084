"""Words of the family's plan PDF, per language: plain Dutch (B1) and English."""

from __future__ import annotations

import datetime as dt
from typing import Any

from maatwerk.plans.pdf_labels_en import EN

LANGUAGES = ("nl", "en")

MONTHS = {
    "nl": ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
           "september", "oktober", "november", "december"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"],
}  # fmt: skip

LABELS: dict[str, dict[str, Any]] = {
    "nl": {
        "title": "Ons plan",
        "changes_title": "Wat is er veranderd?",
        "changes_since_confirmed": "Sinds jullie het plan bevestigden",
        "changes_since_version": "Sinds versie {version} van het plan",
        "household": "Ons gezin: {reference}",
        "intro": (
            "Dit is het plan van ons gezin. Wij bepalen wat het belangrijkst is. "
            "Het team helpt ons daarbij."
        ),
        "status_question": "Hoe staat ons plan ervoor?",
        "confirmed_on": "Wij hebben dit plan bevestigd op {date}.",
        "changed_after": "Daarna is er iets veranderd. Dat staat op de lijst "
        "'Wat is er veranderd?'.",
        "not_confirmed": "Wij hebben dit plan nog niet bevestigd.",
        "qr_caption": "Scan deze code met je telefoon. Dan zie je ons plan online.",
        "priorities": "Wat wij het belangrijkst vinden",
        "priorities_intro": "Dit zijn onze doelen. Het belangrijkste staat bovenaan.",
        "unranked_intro": "Dit zijn onze doelen. We hebben nog geen volgorde gekozen.",
        "unranked_note": "Een doel zonder nummer heeft nog geen plek in onze volgorde.",
        "no_priorities": "Wij hebben nog geen doelen gekozen.",
        "number": "Nummer {rank}",
        "why": "Waarom is dit belangrijk voor ons?",
        "strengths": "Waar zijn wij goed in?",
        "target": "Wanneer willen we dit bereiken?",
        "who_what_when": "Wie doet wat, wanneer?",
        "no_actions": "Er zijn nog geen afspraken voor dit doel.",
        "what": "Wat",
        "who": "Wie",
        "organisations": "Organisatie",
        "lead": "{name} (regelt het)",
        "with": "samen met {names}",
        "contact": "Contactpersoon",
        "when": "Wanneer",
        "due": "uiterlijk {date}",
        "no_date": "nog geen datum",
        "state": "Hoe staat het?",
        "approach": "Aanpak",
        "other_actions": "Andere afspraken",
        "other_goals": "Andere doelen",
        "team": "Ons team",
        "member_without_sight": "Mag ons plan niet meer zien: deze organisatie heeft geen "
        "toestemming van ons.",
        "step_without_sight": "Deze organisatie mag ons plan niet meer zien.",
        "attention": "Let op",
        "team_intro": "Deze mensen werken samen met ons. Je kunt ze bellen of mailen.",
        "no_team": "Er is nog geen team.",
        "contact_details": "Contact",
        "coordinator": "regisseur",
        "coordinator_note": "De regisseur houdt het overzicht. Bel eerst de regisseur.",
        "email": "e-mail: {value}",
        "phone": "telefoon: {value}",
        "made_on": "Gemaakt op {date}",
        "page": "Pagina {page} van {pages}",
        # The life domains' words are the family portal's (family_domain below).
        "plan_status": {
            "intake": "We maken kennis met elkaar.",
            "exploring": "We kijken samen wat er speelt.",
            "prioritising": "Wij kiezen wat eerst komt.",
            "active": "Het plan loopt. We werken aan onze doelen.",
            "paused": "Het plan staat even stil.",
            "evaluating": "We kijken terug: wat ging goed en wat niet?",
            "closed": "Het plan is klaar.",
        },
        "goal_status": {
            "proposed": "Voorstel van het team. Wij zeggen nog ja of nee.",
            "accepted": "Hier werken we aan.",
            "rejected": "Niet gekozen.",
            "achieved": "Gelukt!",
            "not_achieved": "Niet gelukt.",
            "cancelled": "Gestopt.",
        },
        "action_status": {
            "proposed": "Voorstel. Wij zeggen nog ja of nee.",
            "agreed": "Afgesproken.",
            "in_progress": "Bezig.",
            "blocked": "Loopt vast. Het team zoekt een oplossing.",
            "done": "Klaar.",
            "rejected": "Niet gekozen.",
            "cancelled": "Gestopt.",
        },
        "carrier": {
            "family": "Wij zelf",
            "network": "Ons netwerk",
            "professional": "Een professional",
        },
        "barrier": {
            "rules": "een regel",
            "budget": "geld",
            "waiting_list": "een wachtlijst",
            "collaboration": "de samenwerking",
            "information_sharing": "het delen van informatie",
            "capacity": "te weinig mensen of tijd",
            "other": "iets anders",
        },
        "barrier_status": {
            "reported": "Het team zoekt een oplossing.",
            "escalated": "De managers beslissen erover.",
            "structural": "Het programma pakt het op.",
            "resolved": "Opgelost.",
        },
        # The changes form.
        "never_confirmed": (
            "Jullie hebben het plan nog niet bevestigd. Daarom staat alles hieronder als nieuw."
        ),
        "confirmed_intro": "Jullie hebben het plan bevestigd op {date}. "
        "Hieronder staat wat er daarna is veranderd.",
        "version_intro": "Hieronder staat wat er is veranderd sinds versie {version}.",
        "nothing_changed": "Er is niets veranderd.",
        "plan_heading": "Het hele plan",
        "team_heading": "Ons team",
        "loose_actions": "Afspraken zonder doel",
        "before": "Eerst",
        "now": "Nu",
        "empty": "(leeg)",
        "none": "niemand",
        "no_rank": "geen plek",
        "item": {
            "goal_new": "Nieuw doel",
            "goal_changed": "Dit doel is veranderd",
            "goal_removed": "Dit doel is weggehaald",
            "action_new": "Nieuwe afspraak",
            "action_changed": "Deze afspraak is veranderd",
            "action_removed": "Deze afspraak is weggehaald",
            "plan_changed": "Het plan is veranderd",
            "member_added": "Nieuw in ons team",
            "member_removed": "Niet meer in ons team",
            "role_changed": "Andere taak in ons team",
            "barrier_new": "Het team meldt een probleem dat de hulp tegenhoudt",
            "barrier_changed": "Nieuws over een probleem",
        },
        "field": {
            "title": "Doel",
            "whyItMatters": "Waarom belangrijk",
            "strengths": "Waar wij goed in zijn",
            "priorityRank": "Plek in onze volgorde",
            "status": "Hoe staat het?",
            "targetDate": "Datum",
            "domain": "Onderwerp",
            "description": "Wat",
            "carrier": "Wie",
            "dueDate": "Wanneer",
            "leadOrganisationId": "Organisatie die het regelt",
            "organisationIds": "Doen ook mee",
            "goalIds": "Hoort bij doel",
            "interventionId": "Aanpak",
            "assignedUserId": "Contactpersoon",
            "cycle": "Ronde",
            "name": "Naam",
            "organisation": "Organisatie",
            "role": "Taak",
            "category": "Probleem met",
        },
        "member": "teamlid",
    },
    "en": EN,
}


class Words:
    """The labels of one language, with date formatting."""

    def __init__(self, language: str) -> None:
        if language not in LABELS:
            raise ValueError(f"Unsupported language: {language!r}")
        self.language = language
        self.labels = LABELS[language]

    def __getitem__(self, key: str) -> str:
        return self.labels[key]

    def of(self, group: str, key: str) -> str:
        """A label from a group (domain, goal_status ...); the raw key if unknown."""
        if group == "domain":
            return family_domain(key, self.language)
        return self.labels[group].get(key, key)

    def date(self, value: dt.date) -> str:
        """A date written out: '31 januari 2027' / '31 January 2027'."""
        return f"{value.day} {MONTHS[self.language][value.month - 1]} {value.year}"


def family_domain(key: str, language: str) -> str:
    """A life domain in the family's words, the same as in its portal
    (maatwerk/portal/labels.py DOMAINS), in this language; the raw key if unknown."""
    from flask_babel import force_locale

    from maatwerk.portal.labels import DOMAINS

    found = DOMAINS.get(key)
    if found is None:
        return key
    with force_locale(language):
        return str(found)
