"""Catalogues: areas, the service directory (interventions) and operational goals."""
