"""The service directory (sociale kaart): interventions and organisations, searchable."""

from __future__ import annotations

from flask import request
from flask_login import login_required

from maatwerk.core.enums import Domain
from maatwerk.web.common import bp, page
from maatwerk.web.queries import area_groups, search_directory


@bp.get("/sociale-kaart")
@login_required
def directory():
    """Search interventions and organisations by text, life domain and area (GET form)."""
    text = request.args.get("q", "")[:200]
    domain_code = request.args.get("domain", "")
    domain = Domain(domain_code) if domain_code in {d.value for d in Domain} else None
    area_code = request.args.get("area", "")
    area_id = int(area_code) if area_code.isdigit() else None
    areas = area_groups()
    known = {a.id for g in areas for a in (g.municipality, *(place for place, _ in g.places))}
    if area_id not in known:
        area_id = None
    result = search_directory(text, domain, area_id)
    return page(
        "pro/directory.html",
        result=result,
        areas=areas,
        domains=list(Domain),
        query={"q": text, "domain": domain.value if domain else "", "area": area_id},
        searched=bool(text or domain or area_id),
    )
