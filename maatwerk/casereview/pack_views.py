"""The case pages: one case (built for a phone), all cases on a projector, and the
programme's review of the scrubbed texts (never the family's original words)."""

from __future__ import annotations

from flask import flash, g, redirect, request, url_for
from flask_babel import gettext as _

from maatwerk.casereview import operations as ops
from maatwerk.casereview.presenting import pack_view, review_view
from maatwerk.casereview.reading import (
    audit_pack_views,
    get_pack,
    get_review_pack,
    get_session,
    presented_packs,
    shown_packs,
)
from maatwerk.casereview.web import (
    back_to_session,
    bp,
    form_int,
    refused,
    require_version,
    signed_in,
)
from maatwerk.core.db import db
from maatwerk.core.errors import DomainError, ValidationFailed
from maatwerk.web.common import page

ID = "int(max=2147483647)"
CASE = f"/casusbesprekingen/<{ID}:session_id>/casussen/<{ID}:case_id>"


@bp.get(CASE)
@signed_in
def case(session_id: int, case_id: int):
    """One anonymised case, readable on a phone (audited)."""
    found = get_session(session_id, g.actor)
    pack = get_pack(found, case_id, g.actor)
    audit_pack_views(g.actor, [pack])
    packs = shown_packs(found, g.actor)
    return page("casereview/case.html", session=found, pack=pack, view=pack_view(pack), packs=packs)


@bp.get(f"/casusbesprekingen/<{ID}:session_id>/projectie")
@signed_in
def projector(session_id: int):
    """Every case this user may see, in large type for a projector (each view audited)."""
    found = get_session(session_id, g.actor)
    packs = presented_packs(found, g.actor)
    views = [pack_view(p) for p in packs]
    return page("casereview/projector.html", session=found, views=views)


@bp.get(f"{CASE}/beoordelen")
@signed_in
def review(session_id: int, case_id: int):
    """The scrubbed texts with their placeholders marked, to edit and approve (programme;
    audited). The family's original words are not shown."""
    found = get_session(session_id, g.actor)
    pack = get_review_pack(found, case_id, g.actor)
    audit_pack_views(g.actor, [pack])
    return page("casereview/review.html", session=found, pack=pack, view=review_view(pack))


def _review_url(session_id: int, case_id: int) -> str:
    return url_for("casereview.review", session_id=session_id, case_id=case_id)


def _review_again(found, case_id: int, text_id: int, typed: str, *, stale: bool):
    """The review page with the edit as typed: an empty or too long text is marked next to
    its field (422); after a newer version the current text stands above the edit, to merge
    (409)."""
    db.session.rollback()
    found = get_session(found.id, g.actor)
    pack = get_review_pack(found, case_id, g.actor)
    return page(
        "casereview/review.html",
        409 if stale else 422,
        session=found,
        pack=pack,
        view=review_view(pack),
        edited={"id": text_id, "text": typed, "stale": stale},
    )


@bp.post(f"{CASE}/teksten/<{ID}:text_id>")
@signed_in
def edit_text(session_id: int, case_id: int, text_id: int):
    """Save the reviewer's version of a text: it is scrubbed again, approval lapses."""
    found = get_session(session_id, g.actor)
    pack = get_pack(found, case_id, g.actor)
    typed = request.form.get("text", "")
    try:
        ops.require_programme(g.actor)
        if form_int("version") != pack.version:
            return _review_again(found, case_id, text_id, typed, stale=True)
        ops.edit_pack_text(pack, text_id, typed, actor=g.actor)
    except ValidationFailed as error:
        if "text" in error.fields:
            return _review_again(found, case_id, text_id, typed, stale=False)
        return refused(error, session_id)
    except DomainError as error:
        return refused(error, session_id)
    db.session.commit()
    flash(_("Saved and scrubbed again. Approve the case once more."), "success")
    return redirect(_review_url(session_id, case_id))


@bp.post(f"{CASE}/goedkeuren")
@signed_in
def approve(session_id: int, case_id: int):
    """Approve the reviewed case for the session (programme)."""
    found = get_session(session_id, g.actor)
    pack = get_pack(found, case_id, g.actor)
    try:
        ops.require_programme(g.actor)
        require_version(pack)
        ops.approve_pack(pack, actor=g.actor)
    except DomainError as error:
        return refused(error, session_id)
    return back_to_session(session_id, _("Case %(label)s is approved.", label=pack.label))


@bp.post(f"{CASE}/verwijderen")
@signed_in
def remove(session_id: int, case_id: int):
    """Take the case out of the session (programme)."""
    found = get_session(session_id, g.actor)
    pack = get_pack(found, case_id, g.actor)
    try:
        ops.require_programme(g.actor)
        require_version(found)
        ops.remove_case(pack, actor=g.actor)
    except DomainError as error:
        return refused(error, session_id)
    return back_to_session(session_id, _("The case was taken out of the session."))
