"""Notifications: made when a barrier is escalated or decided (whatever fired it), counted
while unread, marked read; their e-mail reaches a real (local) SMTP server after the
commit and carries a link only, no personal data."""

from __future__ import annotations

import socket
from email import message_from_bytes

import pytest
from aiosmtpd.controller import Controller

from maatwerk.notifications.models import Notification
from maatwerk.notifications.operations import mark_all_read, mark_read
from maatwerk.notifications.reading import list_notifications, unread_count
from maatwerk.workflow import fire_transition
from tests.barriers.conftest import escalated, fire, give_budget, report


class Sink:
    """An SMTP handler that keeps every message it receives."""

    def __init__(self) -> None:
        self.messages: list = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        self.messages.append((envelope.rcpt_tos, message_from_bytes(envelope.content)))
        return "250 Message accepted"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp(app, monkeypatch):
    """A local SMTP server, and the app configured to send through it."""
    sink = Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=free_port())
    controller.start()
    monkeypatch.setitem(app.config, "MAIL_SMTP_HOST", "127.0.0.1")
    monkeypatch.setitem(app.config, "MAIL_SMTP_PORT", controller.port)
    monkeypatch.setitem(app.config, "MAIL_SENDER", "maatwerk@example.org")
    monkeypatch.setitem(app.config, "APP_BASE_URL", "https://maatwerk.example.org/")
    yield sink
    controller.stop()


def kinds(db_session, user):
    return sorted(
        n.kind.value for n in db_session.query(Notification).filter_by(recipient_user_id=user.id)
    )


def test_escalation_notifies_the_managers_and_the_coordinator_not_the_actor(d, as_user, db_session):
    barrier_id = escalated(as_user(d.s.member), d)  # a team member escalates
    assert kinds(db_session, d.manager) == ["barrier_escalated"]
    assert kinds(db_session, d.colleague) == ["barrier_escalated"]
    assert kinds(db_session, d.colleague) == ["barrier_escalated"]  # no "decided"
    assert kinds(db_session, d.s.member) == []  # the actor
    assert kinds(db_session, d.other_manager) == [] and kinds(db_session, d.programme) == []
    assert {n.barrier_id for n in db_session.query(Notification)} == {barrier_id}


def test_a_decision_notifies_the_coordinator_and_the_other_managers(d, as_user, db_session):
    barrier_id = escalated(as_user(d.s.coordinator), d)
    fire(as_user(d.manager), barrier_id, "decide", "Akkoord")
    assert kinds(db_session, d.s.coordinator) == ["barrier_decided"]
    assert kinds(db_session, d.colleague) == ["barrier_decided", "barrier_escalated"]
    assert kinds(db_session, d.manager) == ["barrier_escalated"]


def test_structural_reaches_the_programme(d, as_user, db_session):
    barrier_id = escalated(as_user(d.s.coordinator), d)
    fire(as_user(d.manager), barrier_id, "make_structural", "Overal hetzelfde")
    assert kinds(db_session, d.programme) == ["barrier_structural"]
    fire(as_user(d.programme), barrier_id, "resolve_structural", "Regeling aangepast")
    assert "barrier_resolved" in kinds(db_session, d.s.coordinator)


def test_every_path_notifies_also_the_plain_workflow(d, db_session):
    """A page or script that fires the workflow directly notifies too (no duplicates)."""
    from maatwerk.barriers.operations import report_barrier

    barrier = report_barrier(
        d.s.plan,
        category="rules",
        description="Regel",
        actor=d.s.coordinator,
        escalate_to=[d.s.ggz],
    )
    fire_transition(barrier, "escalate", actor=d.s.coordinator)
    db_session.flush()
    assert kinds(db_session, d.manager) == ["barrier_escalated"]


def test_unread_count_list_and_marking_read(d, as_user, db_session):
    coordinator = as_user(d.s.coordinator)
    first, second = escalated(coordinator, d), escalated(coordinator, d)
    assert unread_count(d.manager) == 2
    items, total = list_notifications(d.manager)
    assert total == 2 and [n.barrier_id for n in items] == [second, first]
    api = as_user(d.manager).get("/api/v1/notifications").get_json()
    assert api["unreadCount"] == 2 and api["totalCount"] == 2
    assert api["items"][0]["kind"] == "barrier_escalated"
    assert api["items"][0]["barrierReference"] == f"K-{second:04d}"
    mark_read(items[0], actor=d.manager)
    assert unread_count(d.manager) == 1
    unread = as_user(d.manager).get("/api/v1/notifications?unread=true").get_json()
    assert [n["barrierId"] for n in unread["items"]] == [first]
    assert mark_all_read(actor=d.manager) == 1
    assert unread_count(d.manager) == 0
    assert unread_count(d.colleague) == 2  # one's reading is not another's


def test_the_email_reaches_the_smtp_server_with_a_link_and_no_personal_data(
    d, as_user, db_session, smtp
):
    give_budget(d.s.ggz, "500.00", d.manager)
    db_session.commit()
    barrier_id = escalated(as_user(d.s.coordinator), d)
    received = {tuple(to): message for to, message in smtp.messages}
    assert set(received) == {(d.manager.email,), (d.colleague.email,)}  # not the actor
    message = received[(d.manager.email,)]
    assert message["From"] == "maatwerk@example.org"
    body = message.get_payload(decode=True).decode()
    assert "https://maatwerk.example.org/meldingen" in body
    fire(as_user(d.manager), barrier_id, "decide", "Akkoord voor Anna", amountGranted="120.00")
    assert len(smtp.messages) == 4  # the coordinator and the other manager
    forbidden = [
        "Anna",
        "Test",
        d.s.household.reference,
        d.action.description,
        "Wachtlijst",
        "120",
        d.s.household.area.name,
        f"K-{barrier_id:04d}",
    ]
    for _, message in smtp.messages:
        text = message.as_string()
        for word in forbidden:
            assert word not in text, word


def test_no_email_for_a_refused_change_and_none_without_a_server(d, as_user, db_session, smtp, app):
    coordinator = as_user(d.s.coordinator)
    barrier_id = escalated(coordinator, d)
    before = len(smtp.messages)
    refused = fire(as_user(d.manager), barrier_id, "decide", "Ja", amountGranted="10.00")
    assert refused.status_code == 409  # no budget: rolled back, no notification, no mail
    assert len(smtp.messages) == before
    assert kinds(db_session, d.colleague) == ["barrier_escalated"]  # no "decided"
    app.config["MAIL_SMTP_HOST"] = ""
    report_id = report(coordinator, d).get_json()["id"]
    fire(coordinator, report_id, "escalate")
    assert len(smtp.messages) == before
    assert unread_count(d.manager) == 2


def test_an_escalation_notice_is_done_once_the_barrier_was_decided(d, as_user, login, db_session):
    """After the decision the managers' 'waits for a decision' notices are no longer new,
    and the list says where the barrier stands now."""
    barrier_id = escalated(as_user(d.s.coordinator), d)
    assert unread_count(d.colleague) == 1
    assert fire(as_user(d.manager), barrier_id, "decide", "Akkoord").status_code == 200
    db_session.expire_all()
    notices = db_session.query(Notification).filter_by(recipient_user_id=d.colleague.id).all()
    (waiting,) = [n for n in notices if n.kind.value == "barrier_escalated"]
    assert waiting.read_at is not None
    assert unread_count(d.colleague) == 1  # the decision itself is news
    page = login(d.colleague).get("/meldingen").get_data(as_text=True)
    assert "Wacht niet meer op een besluit" in page and "Opgelost" in page


def test_a_decided_barrier_no_longer_says_whose_decision_is_needed(d, as_user, login):
    barrier_id = escalated(as_user(d.s.coordinator), d)
    browser = login(d.s.coordinator)
    assert "Besluit nodig van" in browser.get(f"/knelpunten/{barrier_id}").get_data(as_text=True)
    assert fire(as_user(d.manager), barrier_id, "decide", "Akkoord").status_code == 200
    page = browser.get(f"/knelpunten/{barrier_id}").get_data(as_text=True)
    assert "Besluit nodig van" not in page and "Opgeschaald naar" in page
    queue = browser.get("/knelpunten?status=resolved").get_data(as_text=True)
    assert "Besluit nodig van" not in queue


def test_the_professional_who_reported_hears_of_the_decision(d, as_user, db_session):
    barrier_id = escalated(as_user(d.s.member), d)  # reported by a team member
    assert kinds(db_session, d.s.member) == []  # their own escalation
    assert fire(as_user(d.manager), barrier_id, "decide", "Toegekend").status_code == 200
    assert kinds(db_session, d.s.member) == ["barrier_decided"]


def test_a_reporter_who_left_the_team_is_not_told(d, as_user, db_session):
    from maatwerk.plans.access import active_membership
    from maatwerk.plans.operations import end_team_membership

    barrier_id = escalated(as_user(d.s.member), d)
    end_team_membership(active_membership(d.s.plan, d.s.member), actor=d.s.coordinator)
    db_session.commit()
    assert fire(as_user(d.manager), barrier_id, "decide", "Toegekend").status_code == 200
    assert kinds(db_session, d.s.member) == []
