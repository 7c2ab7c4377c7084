"""Rollups of the monitoring: published cells and the years they were refreshed for.

The cells are derived data, rebuilt by `maatwerk monitoring refresh`: no foreign keys (a
catalogue change never blocks on them) and only cells that passed small-cell protection
are stored, so a suppressed figure cannot leak from this table.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from sqlalchemy import CheckConstraint, Float, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from maatwerk.core.db import UTCDateTime, db, str_enum, utcnow


class AreaScope(StrEnum):
    """Level of the area dimension of a cell."""

    TOTAL = "total"  # the whole region (area_id 0)
    MUNICIPALITY = "municipality"
    PLACE = "place"  # a village or district within a municipality
    DIRECT = "direct"  # households of a municipality recorded without a village


class MonitoringCell(db.Model):
    """One published figure: an indicator's series for a year, area, intervention, domain."""

    __tablename__ = "monitoring_cells"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    indicator: Mapped[str] = mapped_column(String(60))
    series: Mapped[str] = mapped_column(String(40), default="")
    year: Mapped[int] = mapped_column(Integer)
    area_scope: Mapped[AreaScope] = mapped_column(str_enum(AreaScope, "area_scope"))
    area_id: Mapped[int] = mapped_column(Integer, default=0)  # 0: the whole region
    intervention_id: Mapped[int] = mapped_column(Integer, default=0)  # 0: all interventions
    domain: Mapped[str] = mapped_column(String(20), default="")  # "": all domains
    households: Mapped[int] = mapped_column(Integer)
    numerator: Mapped[float] = mapped_column(Float)
    denominator: Mapped[float] = mapped_column(Float)

    __table_args__ = (
        UniqueConstraint(
            "indicator",
            "series",
            "year",
            "area_scope",
            "area_id",
            "intervention_id",
            "domain",
            name="uq_monitoring_cells_coordinates",
        ),
        Index("ix_monitoring_cells_year_area", "year", "area_scope", "area_id"),
        CheckConstraint("households >= 1", name="households_positive"),
    )


class MonitoringRefresh(db.Model):
    """When the rollups of a year were last rebuilt."""

    __tablename__ = "monitoring_refreshes"

    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    refreshed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    cells: Mapped[int] = mapped_column(Integer, default=0)
    minimum_households: Mapped[int] = mapped_column(Integer)

    __table_args__ = (CheckConstraint("year BETWEEN 2000 AND 2100", name="year_plausible"),)
