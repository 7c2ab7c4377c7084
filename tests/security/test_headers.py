"""Security headers on every response (pages, API, errors), no-store on everything but static
files, HSTS in production only, and templates without inline script or style."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.security.conftest import ROOT, logged_in_client

ALWAYS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


def check_headers(response, *, static: bool = False) -> None:
    """The headers every response carries (also used by the authorisation matrix)."""
    for name, value in ALWAYS.items():
        assert response.headers.get(name) == value, (name, response.request.path)
    policy = response.headers["Content-Security-Policy"]
    directives = dict(
        [*part.strip().split(" ", 1), ""][:2] for part in policy.split(";") if part.strip()
    )
    assert directives["frame-ancestors"] == "'none'"
    assert directives["script-src"] == "'self'"
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert directives["object-src"] == "'none'"
    if not static:
        assert response.headers["Cache-Control"] == "no-store", response.request.path


@pytest.mark.parametrize(
    "url",
    ["/", "/login", "/healthz", "/api/v1/openapi.json", "/api/v1/me", "/bestaat-niet", "/logout"],
)
def test_headers_on_anonymous_answers_and_errors(client, url):
    response = client.get(url)
    check_headers(response)


def test_headers_on_household_pages_and_api(app, setting):
    client = logged_in_client(app, setting.coordinator)
    for url, status in (
        (f"/werk/plannen/{setting.plan.id}", 200),
        (f"/api/v1/plans/{setting.plan.id}", 200),
        (f"/api/v1/households/{setting.household.id}/export", 200),
        (f"/api/v1/plans/{setting.plan.id}/pdf", 200),
        ("/api/v1/plans/999999", 404),
    ):
        response = client.get(url)
        assert response.status_code == status, url  # the household data itself, not a refusal
        check_headers(response)
    family = logged_in_client(app, setting.family)
    for url in ("/ons-plan", "/ons-plan/onze-gegevens.json", f"/ons-plan/{setting.plan.id}/pdf"):
        response = family.get(url)
        assert response.status_code == 200, url
        check_headers(response)


def test_static_files_may_be_cached_but_keep_the_other_headers(client):
    response = client.get("/static/maatwerk.css")
    assert response.status_code == 200
    check_headers(response, static=True)
    assert response.headers.get("Cache-Control") != "no-store"


def test_no_hsts_without_tls_configuration(client):
    assert "Strict-Transport-Security" not in client.get("/login").headers


# HSTS in production: tests/security/test_sessions.py::test_production_cookies_are_secure


INLINE = [
    (re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I), "inline <script>"),
    (re.compile(r"<style\b", re.I), "<style> element"),
    (re.compile(r"\sstyle=", re.I), "style attribute"),
    (re.compile(r"\son[a-z]+\s*=", re.I), "event handler attribute"),
    (re.compile(r"javascript:", re.I), "javascript: URL"),
]


@pytest.mark.parametrize(
    "template",
    sorted((ROOT / "templates").rglob("*.html")),
    ids=lambda path: str(path.relative_to(ROOT)),
)
def test_templates_have_no_inline_script_or_style(template: Path):
    source = template.read_text(encoding="utf-8")
    for pattern, what in INLINE:
        assert not pattern.search(source), f"{what} in {template.relative_to(ROOT)}"
