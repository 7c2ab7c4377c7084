"""The family portal's routes: 'Ons plan', its file pages and account activation."""

from maatwerk.portal import account_views, file_views, plan_views, score_views  # noqa: F401  (routes)
from maatwerk.portal.blueprint import bp

__all__ = ["bp"]
