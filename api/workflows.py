"""Placeholder blueprint, filled in by the workflows API work."""

from flask_smorest import Blueprint

blp = Blueprint("workflows", __name__, url_prefix="/api/v1", description="workflows")
