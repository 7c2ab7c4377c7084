"""Plan integrity on the pages: a stale action edit never undoes someone's new links, an agreed
action keeps what the family agreed to, a closed plan shows and takes no changes, the team
only with consent and on the version the page showed."""

from __future__ import annotations

import datetime as dt
import re

from maatwerk.core.db import db
from maatwerk.core.enums import Domain
from maatwerk.goals.models import Action
from maatwerk.goals.operations import add_action, add_goal
from maatwerk.plans.models import Comment, Plan, TeamMembership
from maatwerk.workflow import fire_transition
from tests.plans.flow import close_open_plans
from tests.web.helpers import hidden, text


def _action(setting, **extra):
    return add_action(
        setting.plan,
        description="Aanvraag bijzondere bijstand",
        carrier="professional",
        lead_organisation=setting.municipality,
        actor=setting.coordinator,
        **extra,
    )


def _checked(page: str, name: str) -> list[str]:
    """The values of the checked boxes of a field."""
    inputs = re.findall(r"<input[^>]*>", page)
    return [
        re.search(r'value="([^"]*)"', tag).group(1)
        for tag in inputs
        if f'name="{name}"' in tag and " checked" in tag
    ]


def _edit_form(page: str, **changes):
    data = {
        "action-plan_version": hidden(page, "action-plan_version"),
        "action-version": hidden(page, "action-version"),
        "action-description": "Aanvraag bijzondere bijstand",
        "action-carrier": "professional",
        "action-lead_organisation_id": hidden(page, "action-lead_organisation_id") or "",
    }
    data.update(changes)
    return data


def test_a_stale_save_does_not_undo_new_organisations_and_goals(setting, login, db_session):
    goal = add_goal(setting.plan, domain=Domain.ECONOMIC, title="Schulden", actor=setting.family)
    action = _action(setting)
    db_session.commit()
    coordinator, member = login(setting.coordinator), login(setting.member)
    url = f"/werk/acties/{action.id}/bewerken"
    theirs = text(coordinator.get(url))
    mine = text(member.get(url))

    saved = coordinator.post(
        url,
        data=_edit_form(
            theirs,
            **{
                "action-lead_organisation_id": setting.municipality.id,
                "action-participating_ids": [setting.ggz.id],
                "action-goal_ids": [goal.id],
            },
        ),
    )
    assert saved.status_code == 302
    # The older form changes only the description: a conflict, nothing saved.
    stale = member.post(
        url,
        data=_edit_form(
            mine,
            **{
                "action-lead_organisation_id": setting.municipality.id,
                "action-description": "Bijstand voor een wasmachine",
            },
        ),
    )
    assert stale.status_code == 409
    page = text(stale)
    assert "Iemand heeft dit intussen veranderd" in page
    stored = db.session.get(Action, action.id)
    assert [o.id for o in stored.participating_organisations] == [setting.ggz.id]
    assert [g.id for g in stored.goals] == [goal.id]
    assert stored.description == "Aanvraag bijzondere bijstand"
    # The form now holds the coordinator's organisation and goal, and my description.
    assert _checked(page, "action-participating_ids") == [str(setting.ggz.id)]
    assert _checked(page, "action-goal_ids") == [str(goal.id)]
    assert "Bijstand voor een wasmachine" in page


def test_a_professional_cannot_rewrite_an_agreed_action_on_the_page(setting, login, db_session):
    action = _action(setting)
    fire_transition(action, "agree", actor=setting.family)
    db_session.commit()
    client = login(setting.coordinator)
    url = f"/werk/acties/{action.id}/bewerken"
    form = text(client.get(url))
    assert "Je kunt veranderen wie het uitvoert" in form  # the page says what stays
    response = client.post(
        url,
        data=_edit_form(
            form,
            **{
                "action-lead_organisation_id": setting.municipality.id,
                "action-description": "Iets heel anders",
            },
        ),
    )
    assert response.status_code == 422
    page = text(response)
    assert "Stel een nieuwe actie voor waar het gezin mee kan instemmen" in page  # the refusal
    assert "Iets heel anders" in page  # the input is kept
    assert db.session.get(Action, action.id).description == "Aanvraag bijzondere bijstand"


def test_a_closed_plan_page_shows_no_forms_and_takes_no_changes(setting, login, db_session):
    goal = add_goal(setting.plan, domain=Domain.ECONOMIC, title="Schulden", actor=setting.family)
    action = _action(setting, due_date=dt.date.today() + dt.timedelta(days=1))
    fire_transition(action, "agree", actor=setting.family)
    db_session.commit()
    client = login(setting.coordinator)
    open_page = text(client.get(f"/werk/plannen/{setting.plan.id}"))
    assert 'name="goal-title"' in open_page
    close_open_plans(setting.household)
    action.due_date = dt.date.today() - dt.timedelta(days=5)  # left open, overdue
    db_session.commit()

    page = text(client.get(f"/werk/plannen/{setting.plan.id}"))
    assert "Dit plan is afgesloten." in page
    for form in (
        'name="goal-title"',
        'name="action-description"',
        'name="score-score"',
        'name="team-user_id"',
        'name="comment-body"',
        "/einde",
        "/regisseur",
        "/bewerken",
        f"/werk/acties/{action.id}/knelpunt",
        "/overgang",
    ):
        assert form not in page, form
    assert "Over de datum" not in page

    version = db.session.get(Plan, setting.plan.id).version
    posted = client.post(
        f"/werk/plannen/{setting.plan.id}/doelen",
        data={
            "goal-domain": "economic",
            "goal-title": "Nog een doel",
            "goal-plan_version": version,
        },
    )
    assert posted.status_code == 409
    assert "Dit plan is afgesloten" in text(posted)
    comment = client.post(
        f"/werk/plannen/{setting.plan.id}/reacties",
        data={"comment-body": "Nog iets", "comment-plan_version": version},
    )
    assert comment.status_code == 409
    assert client.get(f"/werk/acties/{action.id}/bewerken").status_code == 409
    assert client.get(f"/werk/doelen/{goal.id}/bewerken").status_code == 409
    fired = client.post(
        f"/werk/doelen/{goal.id}/overgang",
        data={"trigger": "achieve", "plan_version": version, "version": goal.version},
    )
    assert fired.status_code == 409
    db_session.expire_all()
    plan = db.session.get(Plan, setting.plan.id)
    assert plan.version == version and len(plan.goals) == 1 and not plan.comments
    assert plan.goals[0].status == "accepted"


def test_the_dashboard_leaves_closed_plans_out_of_overdue_actions(setting, login, db_session):
    action = _action(setting, due_date=dt.date.today() + dt.timedelta(days=1))
    fire_transition(action, "agree", actor=setting.family)
    db_session.commit()
    action.due_date = dt.date.today() - dt.timedelta(days=5)
    db_session.commit()
    client = login(setting.coordinator)
    assert "Aanvraag bijzondere bijstand" in text(client.get("/werk"))
    close_open_plans(setting.household)
    db_session.commit()
    assert "Aanvraag bijzondere bijstand" not in text(client.get("/werk"))


def test_the_family_cannot_post_a_message_on_a_closed_plan(setting, login, db_session):
    db_session.commit()
    client = login(setting.family)
    close_open_plans(setting.household)
    db_session.commit()
    for body in ("Nog een vraag", "x" * 5001):
        response = client.post(
            f"/ons-plan/{setting.plan.id}/bericht", data={"body": body}, follow_redirects=True
        )
        page = text(response)
        assert response.status_code == 200
        assert "Het team kan het lezen" not in page
        assert "Dit plan is afgelopen" in page
    assert db.session.query(Comment).filter_by(plan_id=setting.plan.id).count() == 0


def test_the_team_picker_offers_only_professionals_with_consent(setting, login, db_session):
    page = text(login(setting.coordinator).get(f"/werk/plannen/{setting.plan.id}"))
    picker = page.split('name="team-user_id"', 1)[1].split("</select>", 1)[0]
    assert f'value="{setting.outsider.id}"' not in picker
    refused = login(setting.coordinator).post(
        f"/werk/plannen/{setting.plan.id}/team",
        data={"team-user_id": setting.outsider.id, "team-plan_version": setting.plan.version},
    )
    assert refused.status_code == 422  # not a choice the form offers
    assert setting.outsider.id not in [m.user_id for m in setting.plan.active_team]


def test_team_forms_carry_the_plan_version_and_a_stale_one_is_a_conflict(
    setting, login, db_session
):
    client = login(setting.coordinator)
    page = text(client.get(f"/werk/plannen/{setting.plan.id}"))
    membership = next(m for m in setting.plan.active_team if m.user_id == setting.member.id)
    base = f"/werk/plannen/{setting.plan.id}/team/{membership.id}"
    for end in ("einde", "regisseur"):
        form = page.split(f'action="{base}/{end}"', 1)[1].split("</form>", 1)[0]
        assert f'name="plan_version" value="{setting.plan.version}"' in form
    shown = setting.plan.version

    # Without the version: nothing happens.
    missing = client.post(f"{base}/einde", follow_redirects=True)
    assert "Het formulier was niet compleet" in text(missing)
    assert db.session.get(TeamMembership, membership.id).ended_at is None

    # The plan moved on since the page: the conflict page, nothing changed, then redo.
    add_goal(setting.plan, domain=Domain.SOCIAL, title="Sporten", actor=setting.family)
    db_session.commit()
    for end in ("einde", "regisseur"):
        stale = client.post(f"{base}/{end}", data={"plan_version": shown})
        assert stale.status_code == 409
        assert "Iemand heeft dit intussen veranderd" in text(stale)
    db_session.expire_all()
    assert db.session.get(TeamMembership, membership.id).ended_at is None
    assert db.session.get(Plan, setting.plan.id).coordinator.id == setting.coordinator.id
    conflict = text(stale)
    redo = client.post(
        f"{base}/regisseur",
        data={"plan_version": hidden(conflict, "plan_version")},
        follow_redirects=True,
    )
    assert "is nu de regisseur" in text(redo)
    db_session.expire_all()
    assert db.session.get(Plan, setting.plan.id).coordinator.id == setting.member.id


def test_an_agreed_action_keeps_its_words_when_the_browser_sends_crlf(setting, login, db_session):
    """A browser sends a textarea's line breaks as CRLF: the same words, so changing only the
    due date of an agreed action with line breaks in its description is not refused."""
    action = add_action(
        setting.plan,
        description="Bellen met de schuldhulp.\nDaarna samen de brief lezen.",
        carrier="professional",
        lead_organisation=setting.municipality,
        actor=setting.coordinator,
    )
    fire_transition(action, "agree", actor=setting.family)
    db_session.commit()
    client = login(setting.coordinator)
    url = f"/werk/acties/{action.id}/bewerken"
    due = dt.date.today() + dt.timedelta(days=20)
    response = client.post(
        url,
        data=_edit_form(
            text(client.get(url)),
            **{
                "action-lead_organisation_id": setting.municipality.id,
                "action-description": "Bellen met de schuldhulp.\r\nDaarna samen de brief lezen.",
                "action-due_date": due.isoformat(),
            },
        ),
    )
    assert response.status_code == 302, text(response)
    stored = db.session.get(Action, action.id)
    assert stored.due_date == due
    assert stored.description == "Bellen met de schuldhulp.\nDaarna samen de brief lezen."
