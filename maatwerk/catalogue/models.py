"""Areas, interventions and operational goals."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, Column, ForeignKey, Integer, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from maatwerk.accounts.models import Organisation
from maatwerk.core.db import UTCDateTime, db, str_enum
from maatwerk.core.enums import AreaKind, Domain, ProgrammeLine


class Area(db.Model):
    """A municipality, or a village, district or neighbourhood within one."""

    __tablename__ = "areas"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    kind: Mapped[AreaKind] = mapped_column(str_enum(AreaKind, "area_kind"))
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("areas.id", ondelete="RESTRICT"), index=True
    )
    # Wider region used to generalise small municipalities in anonymised outputs.
    region: Mapped[str | None] = mapped_column(String(120))
    # Bumped once per change by the catalogue operations (also when a place within it is
    # added or renamed: its representation lists them); UPDATEs carry "WHERE version = n".
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    parent: Mapped[Area | None] = relationship(remote_side=[id], back_populates="children")
    children: Mapped[list[Area]] = relationship(back_populates="parent")

    __table_args__ = (
        CheckConstraint(
            "(kind = 'municipality' AND parent_id IS NULL)"
            " OR (kind <> 'municipality' AND parent_id IS NOT NULL)",
            name="municipality_is_top_level",
        ),
        db.UniqueConstraint("parent_id", "name", name="uq_areas_parent_id_name"),
        db.Index(
            "uq_areas_municipality_name",
            "name",
            unique=True,
            sqlite_where=db.text("parent_id IS NULL"),
            postgresql_where=db.text("parent_id IS NULL"),
        ),
    )
    __mapper_args__ = {"version_id_col": version, "version_id_generator": False}

    @property
    def municipality(self) -> Area:
        """The municipality this area lies in (itself for a municipality)."""
        return self if self.parent is None else self.parent.municipality


intervention_organisations = Table(
    "intervention_organisations",
    db.metadata,
    Column(
        "intervention_id",
        ForeignKey("interventions.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column(
        "organisation_id",
        ForeignKey("organisations.id", ondelete="CASCADE"),
        primary_key=True,
        index=True,
    ),
)

intervention_areas = Table(
    "intervention_areas",
    db.metadata,
    Column(
        "intervention_id",
        ForeignKey("interventions.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("area_id", ForeignKey("areas.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class InterventionDomain(db.Model):
    """A life domain an intervention works on."""

    __tablename__ = "intervention_domains"

    intervention_id: Mapped[int] = mapped_column(
        ForeignKey("interventions.id", ondelete="CASCADE"), primary_key=True
    )
    domain: Mapped[Domain] = mapped_column(str_enum(Domain, "domain"), primary_key=True)


class Intervention(db.Model):
    """A named approach or service in the service directory (sociale kaart)."""

    __tablename__ = "interventions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    description: Mapped[str] = mapped_column(Text, default="")
    # Retired: gone from the directory and the pickers; actions and monitoring keep it.
    retired_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    organisations: Mapped[list[Organisation]] = relationship(secondary=intervention_organisations)
    areas: Mapped[list[Area]] = relationship(secondary=intervention_areas)
    domain_links: Mapped[list[InterventionDomain]] = relationship(cascade="all, delete-orphan")

    __mapper_args__ = {"version_id_col": version, "version_id_generator": False}

    @property
    def domains(self) -> list[Domain]:
        """The life domains this intervention works on."""
        return sorted(link.domain for link in self.domain_links)

    @property
    def retired(self) -> bool:
        """True when no longer offered for new use."""
        return self.retired_at is not None


class OperationalGoal(db.Model):
    """An operational goal of the programme, measured by monitoring."""

    __tablename__ = "operational_goals"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    text: Mapped[str] = mapped_column(Text)
    programme_line: Mapped[ProgrammeLine] = mapped_column(
        str_enum(ProgrammeLine, "programme_line"), index=True
    )
    phase_plan: Mapped[int] = mapped_column(Integer, index=True)
    measurement: Mapped[str] = mapped_column(Text, default="")
    # Retired: gone from the pickers; barriers, lessons, surveys and monitoring keep it.
    retired_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    __table_args__ = (CheckConstraint("phase_plan >= 1", name="phase_plan_positive"),)
    __mapper_args__ = {"version_id_col": version, "version_id_generator": False}

    @property
    def retired(self) -> bool:
        """True when no longer offered for new links."""
        return self.retired_at is not None
