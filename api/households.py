"""Placeholder blueprint, filled in by the households API work."""

from flask_smorest import Blueprint

blp = Blueprint("households", __name__, url_prefix="/api/v1", description="households")
