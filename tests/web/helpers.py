"""Helpers of the web tests: reading pages and the forms they contain."""

from __future__ import annotations

import html
import re

LINK = re.compile(r'\b(?:href|action|src|formaction)="([^"]*)"', re.IGNORECASE)


def text(response) -> str:
    """The response body as text, HTML entities decoded."""
    return html.unescape(response.get_data(as_text=True))


def urls(page: str) -> list[str]:
    """Every URL a page links to, posts to or loads."""
    return [html.unescape(u) for u in LINK.findall(page)]


def hidden(page: str, name: str) -> str | None:
    """The value of the first hidden input with that name."""
    match = re.search(rf'name="{re.escape(name)}"[^>]*value="([^"]*)"', page)
    if match is None:
        match = re.search(rf'value="([^"]*)"[^>]*name="{re.escape(name)}"', page)
    return match.group(1) if match else None


def served(response) -> str:
    """The response body as served (attribute values still escaped, as a browser reads them:
    a JSON value in a hidden field stays one value)."""
    return response.get_data(as_text=True)


def hidden_value(page: str, name: str) -> str:
    """The decoded value of a hidden input of a page as served ("" when there is none)."""
    return html.unescape(hidden(page, name) or "")


def assert_no_names_in_urls(page: str, names: list[str]) -> None:
    """No URL of the page contains a person's name."""
    for url in urls(page):
        for name in names:
            assert name.lower() not in url.lower(), f"{name!r} in URL {url!r}"
