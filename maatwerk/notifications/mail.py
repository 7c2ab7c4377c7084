"""E-mail that says "there is something for you in Maatwerk": a link, no personal data.

Mails are queued on the database session and sent only after its transaction commits,
so a refused or rolled-back change never sends one. Without MAIL_SMTP_HOST nothing is sent.
"""

from __future__ import annotations

import logging
import smtplib
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Any

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

from maatwerk.notifications.models import NotificationKind

log = logging.getLogger("maatwerk.notifications")
OUTBOX = "maatwerk_mail_outbox"

SUBJECTS = {
    NotificationKind.BARRIER_ESCALATED: _l("Maatwerk: a barrier is waiting for a decision"),
    NotificationKind.BARRIER_DECIDED: _l("Maatwerk: a decision was made on a barrier"),
    NotificationKind.BARRIER_STRUCTURAL: _l(
        "Maatwerk: a barrier was put on the programme's agenda"
    ),
    NotificationKind.BARRIER_RESOLVED: _l("Maatwerk: a structural barrier was resolved"),
}


@dataclass(frozen=True)
class Mail:
    """One message and the server to send it through."""

    host: str
    port: int
    starttls: bool
    username: str
    password: str
    sender: str
    to: str
    subject: str
    body: str


def compose(kind: NotificationKind, address: str) -> Mail | None:
    """The mail for a notification in the default language, or None when mail is off."""
    config = current_app.config
    host = config.get("MAIL_SMTP_HOST") or ""
    if not host or not address:
        return None
    link = (config.get("APP_BASE_URL") or "").rstrip("/") + "/meldingen"
    with force_locale(config.get("BABEL_DEFAULT_LOCALE", "nl")):
        subject = str(SUBJECTS[kind])
        body = "\n\n".join(
            [
                _("Hello,"),
                _("There is a new notification for you in Maatwerk. Log in to read it:"),
                link,
                _("For privacy reasons this e-mail contains no details about families."),
            ]
        )
    return Mail(
        host=host,
        port=int(config.get("MAIL_SMTP_PORT") or 25),
        starttls=bool(config.get("MAIL_SMTP_STARTTLS")),
        username=config.get("MAIL_SMTP_USERNAME") or "",
        password=config.get("MAIL_SMTP_PASSWORD") or "",
        sender=config.get("MAIL_SENDER") or "maatwerk@localhost",
        to=address,
        subject=subject,
        body=body + "\n",
    )


def queue_mail(session: Any, notification: Any, mail: Mail) -> None:
    """Send the mail once the session's transaction commits with this notification."""
    session.info.setdefault(OUTBOX, []).append((notification, mail))


def send(mail: Mail) -> None:
    """Deliver one message through the configured SMTP server."""
    message = EmailMessage()
    message["From"] = mail.sender
    message["To"] = mail.to
    message["Subject"] = mail.subject
    message.set_content(mail.body)
    with smtplib.SMTP(mail.host, mail.port, timeout=10) as smtp:
        if mail.starttls:
            smtp.starttls()
        if mail.username:
            smtp.login(mail.username, mail.password)
        smtp.send_message(message)


@event.listens_for(Session, "after_commit")
def _send_outbox(session: Session) -> None:
    outbox = session.info.pop(OUTBOX, None)
    for notification, mail in outbox or ():
        # Notifications made inside a rolled-back savepoint are no longer persistent.
        if not inspect(notification).persistent:
            continue
        try:
            send(mail)
        except (OSError, smtplib.SMTPException) as error:
            # The in-app notification stands; a mail server problem never fails the change.
            log.warning("notification mail not sent: %s", type(error).__name__)


@event.listens_for(Session, "after_soft_rollback")
def _drop_outbox(session: Session, previous_transaction: Any) -> None:
    if previous_transaction.parent is None:
        session.info.pop(OUTBOX, None)
