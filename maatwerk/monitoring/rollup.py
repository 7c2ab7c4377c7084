"""Rebuilding the rollups: every indicator grouped in the database per grain, assembled
into one cube per indicator and year, protected, and stored as published cells.

A year is rebuilt as a whole (delete, then insert) inside the caller's transaction, so
readers see either the old or the new figures. Its cost grows with that year's facts;
page views read only the stored cells.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    Column,
    FromClause,
    Integer,
    MetaData,
    Select,
    String,
    Table,
    delete,
    distinct,
    func,
    insert,
    select,
    text,
)

from maatwerk.catalogue.models import Intervention
from maatwerk.core.db import db, utcnow
from maatwerk.core.enums import Domain
from maatwerk.monitoring.areas import TOTAL, AreaTree, Node
from maatwerk.monitoring.indicators import INDICATORS, Indicator, Link
from maatwerk.monitoring.models import AreaScope, MonitoringCell, MonitoringRefresh
from maatwerk.monitoring.periods import Period
from maatwerk.monitoring.suppression import Equation, minimum_households, protect

ALL_INTERVENTIONS, ALL_DOMAINS = 0, ""
DOMAINS = [d.value for d in Domain]
Key = tuple[str, Node, int, str]  # series, area node, intervention (0: all), domain ("": all)


@dataclass
class Aggregate:
    """Households, numerator and denominator of one cell before protection."""

    households: int = 0
    num: float = 0.0
    den: float = 0.0


def _plain(value: Any) -> Any:
    return getattr(value, "value", value)


class Links:
    """The (key, value) link queries of the dimensions, each run once per refresh.

    On PostgreSQL every link becomes a temporary table with an index on its key, made on
    first use and dropped at the end of the refresh: the links cover every plan and
    action in the database, and joined as subqueries they were recomputed by each GROUP BY
    that needed them (most of a refresh at 500,000 households). SQLite joins the queries.
    """

    def __init__(self) -> None:
        self.temporary = db.session.get_bind().dialect.name == "postgresql"
        self.tables: dict[Callable[[], Select], Table] = {}

    def of(self, link: Link, name: str) -> FromClause:
        assert link.source is not None
        if not self.temporary:
            return link.source().subquery(f"link_{name}")
        table = self.tables.get(link.source)
        if table is None:
            source = link.source()
            value = source.selected_columns.value.type
            table = Table(
                f"monitoring_link_{len(self.tables)}",
                MetaData(),
                Column("key", Integer),
                Column("value", Integer if isinstance(value, Integer) else String(40)),
                prefixes=["TEMPORARY"],
                postgresql_on_commit="DROP",
            )
            connection = db.session.connection()
            table.create(connection)
            connection.execute(insert(table).from_select(["key", "value"], source))
            connection.execute(text(f"CREATE INDEX ON {table.name} (key)"))
            connection.execute(text(f"ANALYZE {table.name}"))
            self.tables[link.source] = table
        return table.alias(f"link_{name}")

    def drop(self) -> None:
        for table in self.tables.values():
            table.drop(db.session.connection())
        self.tables.clear()


def _grouped(
    indicator: Indicator,
    period: Period,
    by_intervention: bool,
    by_domain: bool,
    links: Links,
):
    """One GROUP BY over the indicator's facts at area level (plus the chosen dimensions)."""
    query = indicator.facts(period)
    if query is None:
        return []
    f = query.subquery("f")
    keys: list[Any] = [f.c.area_id, f.c.series]
    statement = select().select_from(f)
    for wanted, link, name in (
        (by_intervention, indicator.intervention, "intervention_id"),
        (by_domain, indicator.domain, "domain"),
    ):
        if not wanted:
            continue
        assert link is not None
        if link.source is None:
            column = f.c[name]
        else:
            linked = links.of(link, name)
            statement = statement.join(linked, linked.c.key == f.c[link.on])
            column = linked.c.value
        statement = statement.where(column.is_not(None))
        keys.append(column.label(name))
    statement = statement.add_columns(
        *keys,
        func.count(distinct(f.c.household_id)).label("households"),
        func.coalesce(func.sum(f.c.num), 0.0).label("num"),
        func.coalesce(func.sum(f.c.den), 0.0).label("den"),
    ).group_by(*keys)
    return db.session.execute(statement).all()


def compute_cube(
    indicator: Indicator, period: Period, tree: AreaTree, links: Links | None = None
) -> dict[Key, Aggregate]:
    """The indicator's raw cells for a year, before protection (GROUP BY in the database;
    only the area levels above the household's own area are added up here)."""
    own_links = links is None
    links = links or Links()
    cube: dict[Key, Aggregate] = defaultdict(Aggregate)
    grains = [(False, False)]
    if indicator.intervention is not None:
        grains.append((True, False))
    if indicator.domain is not None:
        grains.append((False, True))
    if indicator.intervention is not None and indicator.domain is not None:
        grains.append((True, True))
    for by_intervention, by_domain in grains:
        for row in _grouped(indicator, period, by_intervention, by_domain, links):
            intervention = row.intervention_id if by_intervention else ALL_INTERVENTIONS
            domain = _plain(row.domain) if by_domain else ALL_DOMAINS
            if row.area_id not in tree.municipality_of:
                continue
            for node in tree.nodes_of(row.area_id):
                cell = cube[(_plain(row.series) or "", node, intervention, domain)]
                cell.households += int(row.households)
                cell.num += float(row.num)
                cell.den += float(row.den)
    if own_links:
        links.drop()
    return dict(cube)


def _dimensions(indicator: Indicator, interventions: list[int]) -> tuple[list[int], list[str]]:
    ids = [ALL_INTERVENTIONS] + (interventions if indicator.intervention is not None else [])
    domains = [ALL_DOMAINS] + (DOMAINS if indicator.domain is not None else [])
    return ids, domains


def equations(indicator: Indicator, tree: AreaTree, interventions: list[int]) -> list[Equation]:
    """Every total of the indicator's cube and the cells that make it up."""
    ids, domains = _dimensions(indicator, interventions)
    result: list[Equation] = []
    for i in ids:
        for d in domains:
            for total, parts in tree.equations():
                result.append(Equation((total, i, d), tuple((p, i, d) for p in parts)))
    for node in tree.nodes():
        if len(ids) > 1:
            for d in domains:
                result.append(Equation((node, 0, d), tuple((node, i, d) for i in ids[1:])))
        if len(domains) > 1:
            for i in ids:
                result.append(Equation((node, i, ""), tuple((node, i, d) for d in domains[1:])))
    return result


def _wider_nodes(tree: AreaTree, node: Node) -> list[Node]:
    """The areas that contain this one: its municipality (for a village or the remainder)
    and the region."""
    scope, area_id = node
    if scope is AreaScope.TOTAL:
        return []
    if scope is AreaScope.MUNICIPALITY:
        return [TOTAL]
    return [(AreaScope.MUNICIPALITY, tree.municipality_of[area_id]), TOTAL]


def broader_cells(
    indicator: Indicator, tree: AreaTree, interventions: list[int]
) -> dict[tuple[Node, int, str], list[tuple[Node, int, str]]]:
    """For each cell of the cube, every cell that holds all its households: any mix of a
    containing area, all interventions and all domains (a filtered cell is a subset of
    each). Published side by side, such a pair gives the difference: suppression.protect
    keeps it at 0 or at least the minimum."""
    ids, domains = _dimensions(indicator, interventions)
    result: dict[tuple[Node, int, str], list[tuple[Node, int, str]]] = {}
    for node in tree.nodes():
        wider_nodes = [node, *_wider_nodes(tree, node)]
        for i in ids:
            for d in domains:
                result[(node, i, d)] = [
                    (n, wi, wd)
                    for n in wider_nodes
                    for wi in dict.fromkeys((i, ALL_INTERVENTIONS))
                    for wd in dict.fromkeys((d, ALL_DOMAINS))
                    if (n, wi, wd) != (node, i, d)
                ]
    return result


def publish(
    indicator: Indicator,
    cube: dict[Key, Aggregate],
    tree: AreaTree,
    interventions: list[int],
    minimum: int,
    system: list[Equation] | None = None,
    broader: dict[tuple[Node, int, str], list[tuple[Node, int, str]]] | None = None,
) -> list[dict[str, Any]]:
    """The cells that survive small-cell protection, per series, as rows to store."""
    ids, domains = _dimensions(indicator, interventions)
    rows: list[dict[str, Any]] = []
    for series, _label in indicator.series:
        if all(c.households < minimum for k, c in cube.items() if k[0] == series):
            continue  # nothing to publish: every cell is small
        if system is None:
            system = equations(indicator, tree, interventions)
        if broader is None:
            broader = broader_cells(indicator, tree, interventions)
        counts = {
            (node, i, d): cube[(series, node, i, d)].households
            if (series, node, i, d) in cube
            else 0
            for node in tree.nodes()
            for i in ids
            for d in domains
        }
        hidden = protect(counts, system, broader, minimum=minimum)
        for (node, i, d), households in counts.items():
            if (node, i, d) in hidden:
                continue
            cell = cube[(series, node, i, d)]
            rows.append(
                {
                    "indicator": indicator.key,
                    "series": series,
                    "area_scope": node[0],
                    "area_id": node[1],
                    "intervention_id": i,
                    "domain": d,
                    "households": households,
                    "numerator": cell.num,
                    "denominator": cell.den,
                }
            )
    return rows


# Key of the advisory lock that serialises refreshes ("MAATMON1" in ASCII).
REFRESH_LOCK_KEY = 0x4D4141544D4F4E31


def refresh(years: Iterable[int], *, today: dt.date | None = None) -> dict[int, int]:
    """Rebuild the rollups of these years (flushes, never commits): year -> cells stored.

    One refresh at a time across every app process and host: the nightly command and the
    programme's button may overlap, and two rebuilds of one year would both insert its
    cells. On PostgreSQL a transaction-scoped advisory lock, taken before anything is read,
    makes the second wait for the first to commit; it then deletes the first one's cells and
    rebuilds from data at least as new. (SQLite has a single writer anyway.)
    """
    if db.session.get_bind().dialect.name == "postgresql":
        db.session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": REFRESH_LOCK_KEY})
        # Large one-off aggregations: no JIT compilation (seconds per statement, more than
        # it saves here) and room to hash without spilling to disk.
        db.session.execute(text("SET LOCAL jit = off"))
        db.session.execute(text("SET LOCAL work_mem = '64MB'"))
    tree = AreaTree.load()
    interventions = list(db.session.scalars(select(Intervention.id).order_by(Intervention.id)))
    minimum = minimum_households()
    stored: dict[int, int] = {}
    links = Links()
    for year in sorted(set(years)):
        period = Period.of(year, today)
        db.session.execute(delete(MonitoringCell).where(MonitoringCell.year == year))
        rows: list[dict[str, Any]] = []
        systems: dict[tuple[bool, bool], list[Equation]] = {}
        wider: dict[tuple[bool, bool], dict] = {}
        for indicator in INDICATORS.values():
            cube = compute_cube(indicator, period, tree, links)
            shape = (indicator.intervention is not None, indicator.domain is not None)
            if shape not in systems:
                systems[shape] = equations(indicator, tree, interventions)
                wider[shape] = broader_cells(indicator, tree, interventions)
            rows += publish(
                indicator, cube, tree, interventions, minimum, systems[shape], wider[shape]
            )
        for row in rows:
            row["year"] = year
        if rows:
            db.session.execute(insert(MonitoringCell), rows)
        db.session.merge(
            MonitoringRefresh(
                year=year, refreshed_at=utcnow(), cells=len(rows), minimum_households=minimum
            )
        )
        stored[year] = len(rows)
    links.drop()
    db.session.flush()
    return stored


def default_years(today: dt.date | None = None) -> list[int]:
    """The years a routine refresh rebuilds: this year and the previous one."""
    year = (today or dt.date.today()).year
    return [year - 1, year]


def years_with_data() -> list[int]:
    """Every year any fact falls in (for a full rebuild): from the first plan or household."""
    from maatwerk.households.models import Household
    from maatwerk.plans.models import Plan

    first = db.session.scalar(select(func.min(Plan.started_on)))
    first_household = db.session.scalar(select(func.min(Household.referred_on)))
    starts = [d for d in (first, first_household) if d is not None]
    this_year = dt.date.today().year
    start = min(starts).year if starts else this_year
    return list(range(max(start, 2000), this_year + 1))
