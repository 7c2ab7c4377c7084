"""API test helpers: bearer tokens for the people of a plan setting."""

from __future__ import annotations

import pytest

from tests.plans.flow import make_setting

PASSWORD = "correct horse battery"


class ApiClient:
    """A test client that sends JSON with one user's bearer token."""

    def __init__(self, client, login: str) -> None:
        self.client = client
        response = client.post("/api/v1/auth/tokens", json={"login": login, "password": PASSWORD})
        assert response.status_code == 201, response.get_json()
        self.headers = {"Authorization": f"Bearer {response.get_json()['token']}"}

    def _call(self, method: str, url: str, *, etag: str | None = None, **kwargs):
        headers = dict(self.headers)
        if etag is not None:
            headers["If-Match"] = etag
        return getattr(self.client, method)(url, headers=headers, **kwargs)

    def get(self, url: str, **kwargs):
        return self._call("get", url, **kwargs)

    def post(self, url: str, **kwargs):
        return self._call("post", url, **kwargs)

    def put(self, url: str, **kwargs):
        return self._call("put", url, **kwargs)

    def patch(self, url: str, **kwargs):
        return self._call("patch", url, **kwargs)

    def delete(self, url: str, **kwargs):
        return self._call("delete", url, **kwargs)


@pytest.fixture
def setting(db_session):
    """A plan in intake with its coordinator, team member, family and an outsider."""
    s = make_setting()
    db_session.commit()
    return s


@pytest.fixture
def as_user(client):
    """as_user(user) -> ApiClient authenticated as that user."""
    return lambda user: ApiClient(client, user.login)
