"""Placeholder blueprint, filled in by the catalogue API work."""

from flask_smorest import Blueprint

blp = Blueprint("catalogue", __name__, url_prefix="/api/v1", description="catalogue")
