"""The plan's history in words: a new item reads "added", a first priority or a status change
of an existing item reads as that change, and an action is named by its words, not its id."""

from __future__ import annotations

import re

from maatwerk.goals.operations import add_action, add_goal
from maatwerk.plans.operations import set_priorities
from maatwerk.workflow import fire_transition
from tests.web.helpers import text


def _history(page: str) -> str:
    """The history section's text, tags removed, one space between words."""
    section = page.split('id="history"', 1)[1]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", section))


def test_priorities_read_as_a_priority_change_and_actions_by_their_words(
    setting, login, db_session
):
    fire_transition(setting.plan, "start_exploration", actor=setting.coordinator)
    family = setting.family
    debts = add_goal(setting.plan, domain="economic", title="Schuldenvrij leven", actor=family)
    calm = add_goal(setting.plan, domain="mental", title="Rust in mijn hoofd", actor=family)
    action = add_action(
        setting.plan,
        description="Schulden op een rij zetten",
        carrier="professional",
        lead_organisation=setting.municipality,
        participating=[],
        goals=[debts],
        actor=setting.coordinator,
    )
    db_session.commit()
    fire_transition(action, "agree", actor=setting.family)
    set_priorities(setting.plan, [calm, debts], actor=setting.family)
    db_session.commit()

    history = _history(text(login(setting.coordinator).get(f"/werk/plannen/{setting.plan.id}")))
    # The family's order: a priority from nothing to a number, not a goal "added" again.
    assert "Doel “Rust in mijn hoofd”: Prioriteit: (leeg) → 1" in history
    assert "Doel “Schuldenvrij leven”: Prioriteit: (leeg) → 2" in history
    assert history.count("Doel “Schuldenvrij leven”: Toegevoegd.") == 1  # only when proposed
    # The action's status change names the action by its words.
    assert "Actie “Schulden op een rij zetten”: Status: Voorgesteld → Afgesproken" in history
    assert not re.search(r"Actie \d+:", history)
