"""No two published cells may be subtracted to describe fewer than the minimum of households:
a filtered cell (an area inside another, one intervention, one domain) is a subset of every
broader cell, so their difference is a group of households of its own."""

from __future__ import annotations

from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st

from maatwerk.monitoring.areas import AreaTree
from maatwerk.monitoring.indicators import Kind
from maatwerk.monitoring.models import AreaScope
from maatwerk.monitoring.reading import figure_of
from maatwerk.monitoring.rollup import Aggregate, broader_cells, publish
from maatwerk.monitoring.suppression import MIN_HOUSEHOLDS

INDICATOR = SimpleNamespace(
    key="referral_days", series=[("", "days")], intervention=object(), domain=object()
)
INTERVENTIONS = [1, 2]
DOMAINS = ["cultural", "economic"]


def _tree(villages: int) -> AreaTree:
    """Two municipalities (10 and 20); the first has villages 11, 12 …"""
    tree = AreaTree(names={10: "Stadskanaal", 20: "Veendam"}, municipalities=[10, 20])
    tree.places = {10: [11 + v for v in range(villages)], 20: []}
    for area in (10, 20):
        tree.municipality_of[area], tree.place_of[area] = area, None
    for place in tree.places[10]:
        tree.names[place] = f"Dorp {place}"
        tree.municipality_of[place], tree.place_of[place] = 10, place
    return tree


def _cube(tree: AreaTree, households: list[tuple[int, frozenset, frozenset, int]]):
    """Cells counted from the households themselves (area, interventions, domains, days)."""
    cube: dict = {}
    for area, interventions, domains, days in households:
        for node in tree.nodes_of(area):
            for i in [0, *sorted(interventions)]:
                for d in ["", *sorted(domains)]:
                    cell = cube.setdefault(("", node, i, d), Aggregate())
                    cell.households += 1
                    cell.num += days
                    cell.den += 1
    return cube


def _published(tree, households):
    rows = publish(INDICATOR, _cube(tree, households), tree, INTERVENTIONS, MIN_HOUSEHOLDS)
    return {
        ((AreaScope(r["area_scope"]), r["area_id"]), r["intervention_id"], r["domain"]): r
        for r in rows
    }


@st.composite
def populations(draw):
    villages = draw(st.integers(0, 3))
    tree = _tree(villages)
    areas = [10, 20, *tree.places[10]]
    household = st.tuples(
        st.sampled_from(areas),
        st.frozensets(st.sampled_from(INTERVENTIONS)),
        st.frozensets(st.sampled_from(DOMAINS)),
        st.integers(0, 60),
    )
    return tree, draw(st.lists(household, min_size=0, max_size=70))


@settings(max_examples=200, deadline=None)
@given(populations())
def test_no_pair_of_published_cells_gives_a_small_group_away(population):
    tree, households = population
    shown = _published(tree, households)
    broader = broader_cells(INDICATOR, tree, INTERVENTIONS)
    for key, row in shown.items():
        assert row["households"] >= MIN_HOUSEHOLDS
        for wider in broader[key]:
            if wider in shown:
                difference = shown[wider]["households"] - row["households"]
                assert difference == 0 or difference >= MIN_HOUSEHOLDS, (wider, key)


def test_the_reported_case_all_domains_minus_cultural():
    """17 households, 13 with a cultural goal: publishing both gave away the other 4's
    average (exactly 16.0 days). The cultural cell is hidden now; the total stays."""
    tree = _tree(0)
    households = [(10, frozenset(), frozenset({"cultural"}), 23) for _ in range(13)]
    households += [(10, frozenset(), frozenset({"economic"}), 16) for _ in range(4)]
    shown = _published(tree, households)
    region = (AreaScope.TOTAL, 0)
    assert shown[(region, 0, "")]["households"] == 17
    assert not [key for key in shown if key[2] == "cultural"]


def test_published_means_and_shares_have_one_decimal():
    mean = SimpleNamespace(kind=Kind.MEAN)
    cell = SimpleNamespace(numerator=365.0, denominator=17.0, households=17)
    assert figure_of(mean, cell).value == 21.5
