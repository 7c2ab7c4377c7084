"""Words of the family's plan PDF, per language: plain Dutch (B1) and English."""

from __future__ import annotations

import datetime as dt
from typing import Any

LANGUAGES = ("nl", "en")

MONTHS = {
    "nl": (
        "januari februari maart april mei juni juli augustus september oktober november december"
    ).split(),
    "en": (
        "January February March April May June July August September October November December"
    ).split(),
}

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
        "team_intro": "Deze mensen werken samen met ons. Je kunt ze bellen of mailen.",
        "no_team": "Er is nog geen team.",
        "name": "Naam",
        "organisation": "Organisatie",
        "contact_details": "Contact",
        "coordinator": "regisseur",
        "coordinator_note": "De regisseur houdt het overzicht. Bel eerst de regisseur.",
        "email": "e-mail: {value}",
        "phone": "telefoon: {value}",
        "made_on": "Gemaakt op {date}",
        "page": "Pagina {page} van {pages}",
        "domain": {
            "economic": "Geld en werk",
            "social": "Mensen om ons heen",
            "cultural": "Meedoen en leren",
            "pedagogical": "Opvoeden",
            "mental": "Rust in je hoofd",
        },
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
        "change": {
            "goal_new": "Nieuw doel",
            "goal_removed": "Dit doel is weggehaald",
            "title": "Andere woorden voor het doel",
            "whyItMatters": "Andere woorden bij: waarom is dit belangrijk?",
            "strengths": "Andere woorden bij: waar zijn wij goed in?",
            "priorityRank": "Andere plek in onze volgorde",
            "goal_status": "Het doel staat anders",
            "targetDate": "Andere datum voor het doel",
            "domain": "Ander onderwerp",
            "action_new": "Nieuwe afspraak",
            "action_removed": "Afspraak weggehaald",
            "description": "Andere woorden voor de afspraak",
            "carrier": "Iemand anders doet het",
            "action_status": "De afspraak staat anders",
            "dueDate": "Andere datum",
            "leadOrganisationId": "Andere organisatie regelt het",
            "organisationIds": "Andere organisaties doen mee",
            "goalIds": "Hoort nu bij een ander doel",
            "interventionId": "Andere aanpak",
            "assignedUserId": "Andere contactpersoon",
            "plan_status": "Hoe het plan ervoor staat",
            "cycle": "Er is een nieuwe ronde van het plan begonnen",
            "member_added": "Nieuw in ons team",
            "member_removed": "Niet meer in ons team",
            "coordinator_now": "Nu regisseur",
            "coordinator_no_longer": "Niet meer regisseur",
            "barrier_new": "Het team meldt een probleem dat de hulp tegenhoudt",
            "barrier_status": "Een probleem is verder",
        },
    },
    "en": {
        "title": "Our plan",
        "changes_title": "What has changed?",
        "changes_since_confirmed": "Since you confirmed the plan",
        "changes_since_version": "Since version {version} of the plan",
        "household": "Our family: {reference}",
        "intro": (
            "This is our family's plan. We decide what matters most. The team helps us with it."
        ),
        "status_question": "How is our plan doing?",
        "confirmed_on": "We confirmed this plan on {date}.",
        "changed_after": "Something changed after that. See the list 'What has changed?'.",
        "not_confirmed": "We have not confirmed this plan yet.",
        "qr_caption": "Scan this code with your phone to see our plan online.",
        "priorities": "What matters most to us",
        "priorities_intro": "These are our goals. The most important one is at the top.",
        "no_priorities": "We have not chosen any goals yet.",
        "number": "Number {rank}",
        "why": "Why does this matter to us?",
        "strengths": "What are we good at?",
        "target": "When do we want to reach it?",
        "who_what_when": "Who does what, and when?",
        "no_actions": "There are no agreements for this goal yet.",
        "what": "What",
        "who": "Who",
        "organisations": "Organisation",
        "lead": "{name} (arranges it)",
        "with": "together with {names}",
        "contact": "Contact person",
        "when": "When",
        "due": "by {date}",
        "no_date": "no date yet",
        "state": "How is it going?",
        "approach": "Approach",
        "other_actions": "Other agreements",
        "other_goals": "Other goals",
        "team": "Our team",
        "team_intro": "These people work together with us. You can call or e-mail them.",
        "no_team": "There is no team yet.",
        "name": "Name",
        "organisation": "Organisation",
        "contact_details": "Contact",
        "coordinator": "coordinator",
        "coordinator_note": "The coordinator keeps the overview. Call the coordinator first.",
        "email": "e-mail: {value}",
        "phone": "phone: {value}",
        "made_on": "Made on {date}",
        "page": "Page {page} of {pages}",
        "domain": {
            "economic": "Money and work",
            "social": "People around us",
            "cultural": "Taking part and learning",
            "pedagogical": "Raising children",
            "mental": "Peace of mind",
        },
        "plan_status": {
            "intake": "We are getting to know each other.",
            "exploring": "We are looking together at what is going on.",
            "prioritising": "We are choosing what comes first.",
            "active": "The plan is running. We are working on our goals.",
            "paused": "The plan is on hold for a while.",
            "evaluating": "We are looking back: what went well and what did not?",
            "closed": "The plan is finished.",
        },
        "goal_status": {
            "proposed": "Suggested by the team. We still say yes or no.",
            "accepted": "We are working on this.",
            "rejected": "Not chosen.",
            "achieved": "Done!",
            "not_achieved": "Not reached.",
            "cancelled": "Stopped.",
        },
        "action_status": {
            "proposed": "Suggestion. We still say yes or no.",
            "agreed": "Agreed.",
            "in_progress": "Under way.",
            "blocked": "Stuck. The team is looking for a solution.",
            "done": "Done.",
            "rejected": "Not chosen.",
            "cancelled": "Stopped.",
        },
        "carrier": {
            "family": "We ourselves",
            "network": "Our network",
            "professional": "A professional",
        },
        "barrier": {
            "rules": "a rule",
            "budget": "money",
            "waiting_list": "a waiting list",
            "collaboration": "working together",
            "information_sharing": "sharing information",
            "capacity": "too few people or too little time",
            "other": "something else",
        },
        "barrier_status": {
            "reported": "The team is looking for a solution.",
            "escalated": "The managers decide on it.",
            "structural": "The programme takes it up.",
            "resolved": "Solved.",
        },
        "never_confirmed": (
            "You have not confirmed the plan yet. That is why everything below is new."
        ),
        "confirmed_intro": "You confirmed the plan on {date}. Below is what changed after that.",
        "version_intro": "Below is what changed since version {version}.",
        "nothing_changed": "Nothing has changed.",
        "plan_heading": "The whole plan",
        "team_heading": "Our team",
        "loose_actions": "Agreements without a goal",
        "before": "Before",
        "now": "Now",
        "empty": "(empty)",
        "none": "nobody",
        "no_rank": "no place",
        "change": {
            "goal_new": "New goal",
            "goal_removed": "This goal was removed",
            "title": "New words for the goal",
            "whyItMatters": "New words for: why does this matter?",
            "strengths": "New words for: what are we good at?",
            "priorityRank": "Another place in our order",
            "goal_status": "The goal has a new status",
            "targetDate": "Another date for the goal",
            "domain": "Another subject",
            "action_new": "New agreement",
            "action_removed": "Agreement removed",
            "description": "New words for the agreement",
            "carrier": "Someone else does it",
            "action_status": "The agreement has a new status",
            "dueDate": "Another date",
            "leadOrganisationId": "Another organisation arranges it",
            "organisationIds": "Other organisations take part",
            "goalIds": "Now belongs to another goal",
            "interventionId": "Another approach",
            "assignedUserId": "Another contact person",
            "plan_status": "How the plan is doing",
            "cycle": "A new round of the plan has started",
            "member_added": "New in our team",
            "member_removed": "No longer in our team",
            "coordinator_now": "Now coordinator",
            "coordinator_no_longer": "No longer coordinator",
            "barrier_new": "The team reports a problem that holds up the help",
            "barrier_status": "A problem has moved on",
        },
    },
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
        return self.labels[group].get(key, key)

    def date(self, value: dt.date) -> str:
        """A date written out: '31 januari 2027' / '31 January 2027'."""
        return f"{value.day} {MONTHS[self.language][value.month - 1]} {value.year}"
