"""Set up a demo household: members, family account, goals chosen, team and consents."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from maatwerk.accounts.models import Organisation, User
from maatwerk.core.enums import ConsentPurpose, Domain, Role
from maatwerk.demo.catalogue import Catalogue, new_user
from maatwerk.demo.content import COORDINATORS, professional_for
from maatwerk.demo.families import HouseholdSpec
from maatwerk.demo.texts import GOALS, GoalText
from maatwerk.demo.work import ACTIONS, ActionTemplate
from maatwerk.households.models import Household, Member
from maatwerk.households.operations import add_member, create_household, give_consent

LIGHT_STORIES = frozenset({"light_active", "light_closed"})


@dataclass(frozen=True)
class Pick:
    """One goal of the family, with the action the team will propose for it."""

    domain: Domain
    goal: GoalText
    action: ActionTemplate
    by_family: bool  # the family writes this goal itself (it starts accepted)


@dataclass
class Cast:
    """Who takes part in a household's story."""

    household: Household
    parent: Member
    family: User
    coordinator: User
    team: list[User]
    picks: list[Pick]
    organisations: list[Organisation] = field(default_factory=list)

    def professional_of(self, organisation: Organisation | None) -> User | None:
        """The team's professional of that organisation, if any."""
        if organisation is None:
            return None
        for user in [self.coordinator, *self.team]:
            if user.organisation_id == organisation.id:
                return user
        return None


def jansen_picks() -> list[Pick]:
    """The documented household: debts, peace of mind and calm at home; no housing partner."""
    e, m, p = Domain.ECONOMIC, Domain.MENTAL, Domain.PEDAGOGICAL
    return [
        Pick(e, GOALS[e][0], ACTIONS[e][0], True),
        Pick(m, GOALS[m][0], ACTIONS[m][0], True),
        Pick(p, GOALS[p][0], ACTIONS[p][0], False),
    ]


def choose_picks(spec: HouseholdSpec, rng: random.Random) -> list[Pick]:
    """Two to four goals in different life domains that fit the household."""
    if spec.family_name == "Jansen":
        return jansen_picks()
    count = 1 if spec.story in LIGHT_STORIES else rng.choice([2, 3, 3, 4])
    domains = [d for d in Domain if any(spec.fits(g.needs) for g in GOALS[d])]
    picks = []
    for i, domain in enumerate(rng.sample(domains, count)):
        goal = rng.choice([g for g in GOALS[domain] if spec.fits(g.needs)])
        actions = [ACTIONS[domain][n] for n in goal.actions]
        actions = [a for a in actions if not a.only_in or spec.municipality in a.only_in]
        by_family = i == 0 or rng.random() < 0.3
        picks.append(Pick(domain, goal, rng.choice(actions), by_family))
    return picks


def resolve(catalogue: Catalogue, key: str | None, coordinator: User) -> Organisation | None:
    """An organisation key of the texts; "regie" is the coordinator's organisation."""
    if key is None:
        return None
    if key == "regie":
        return coordinator.organisation
    return catalogue.organisations[key]


def cast_household(
    catalogue: Catalogue, spec: HouseholdSpec, rng: random.Random, today: dt.date
) -> Cast:
    """Create the household, its members and family account, and choose goals and team."""
    coordinator = catalogue.users[COORDINATORS[spec.municipality]]
    household = create_household(
        area=rng.choice(catalogue.places[spec.municipality]),
        reference=spec.reference,
        referral_source=spec.referral_source,
        referred_on=spec.referred_on,
        actor=coordinator,
    )
    members = [
        add_member(
            household,
            given_name=m.given_name,
            family_name=m.family_name,
            date_of_birth=min(m.date_of_birth, today),
            position=m.position,
            actor=coordinator,
        )
        for m in spec.members
    ]
    parent = members[0]
    family = new_user(
        catalogue,
        login=spec.login,
        display_name=parent.full_name,
        role=Role.FAMILY,
        member=parent,
    )
    picks = [] if spec.story == "intake" else choose_picks(spec, rng)
    keys: list[str] = []
    for pick in picks:
        keys += [k for k in (pick.action.lead, *pick.action.participating) if k]
    if spec.municipality == "Stadskanaal" and picks:
        keys.append("ggz")  # the GGZ professional is on the team of these plans
    organisations = [coordinator.organisation]
    team: list[User] = []
    for key in dict.fromkeys(keys):
        organisation = resolve(catalogue, key, coordinator)
        if organisation not in organisations:
            organisations.append(organisation)
        login = professional_for(key, spec.municipality) if key != "regie" else None
        user = catalogue.users.get(login) if login else None
        if user is not None and user is not coordinator and user not in team:
            team.append(user)
    for user in team:
        if user.organisation not in organisations:
            organisations.append(user.organisation)
    return Cast(household, parent, family, coordinator, team, picks, organisations)


def give_consents(cast: Cast, rng: random.Random, *, sharing: bool = True) -> None:
    """Plan-sharing consent for every organisation involved; learning consent for most."""
    if sharing:
        for organisation in cast.organisations:
            give_consent(
                cast.household,
                organisation=organisation,
                purpose=ConsentPurpose.PLAN_SHARING,
                given_by=cast.parent,
                actor=cast.coordinator,
            )
    if rng.random() < 0.8:
        give_consent(
            cast.household,
            organisation=cast.coordinator.organisation,
            purpose=ConsentPurpose.LEARNING,
            given_by=cast.parent,
            actor=cast.coordinator,
        )
