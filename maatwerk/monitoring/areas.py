"""The area dimension: the region, its municipalities, and their villages and districts."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select

from maatwerk.catalogue.models import Area
from maatwerk.core.db import db
from maatwerk.monitoring.models import AreaScope

Node = tuple[AreaScope, int]
TOTAL: Node = (AreaScope.TOTAL, 0)


@dataclass
class AreaTree:
    """The area catalogue as monitoring sees it (a catalogue: small, never households)."""

    names: dict[int, str] = field(default_factory=dict)
    municipalities: list[int] = field(default_factory=list)
    places: dict[int, list[int]] = field(default_factory=dict)
    municipality_of: dict[int, int] = field(default_factory=dict)
    place_of: dict[int, int | None] = field(default_factory=dict)

    @classmethod
    def load(cls) -> AreaTree:
        rows = db.session.execute(select(Area.id, Area.parent_id, Area.name)).all()
        parent = {row.id: row.parent_id for row in rows}
        tree = cls(names={row.id: row.name for row in rows})
        for area_id in parent:
            chain = [area_id]
            while parent[chain[-1]] is not None and len(chain) < 10:
                chain.append(parent[chain[-1]])
            tree.municipality_of[area_id] = chain[-1]
            tree.place_of[area_id] = chain[-2] if len(chain) > 1 else None
        by_name = sorted(parent, key=lambda a: (tree.names[a].lower(), a))
        tree.municipalities = [a for a in by_name if parent[a] is None]
        for municipality in tree.municipalities:
            tree.places[municipality] = [a for a in by_name if parent[a] == municipality]
        return tree

    def nodes(self) -> list[Node]:
        """Every node: the region, each municipality, its places and its direct remainder."""
        result: list[Node] = [TOTAL]
        for municipality in self.municipalities:
            result.append((AreaScope.MUNICIPALITY, municipality))
            if self.places[municipality]:
                result += [(AreaScope.PLACE, p) for p in self.places[municipality]]
                result.append((AreaScope.DIRECT, municipality))
        return result

    def nodes_of(self, area_id: int) -> list[Node]:
        """The nodes a household in this area counts in."""
        municipality = self.municipality_of[area_id]
        nodes: list[Node] = [TOTAL, (AreaScope.MUNICIPALITY, municipality)]
        place = self.place_of[area_id]
        if place is not None:
            nodes.append((AreaScope.PLACE, place))
        elif self.places.get(municipality):
            nodes.append((AreaScope.DIRECT, municipality))
        return nodes

    def node_for(self, area_id: int | None) -> Node | None:
        """The node a filter on this area reads (a neighbourhood reads its village)."""
        if area_id is None:
            return TOTAL
        if area_id not in self.municipality_of:
            return None
        place = self.place_of[area_id]
        if place is None:
            return (AreaScope.MUNICIPALITY, area_id)
        return (AreaScope.PLACE, place)

    def label(self, node: Node) -> str:
        """The name of a node (the direct remainder is labelled by the pages)."""
        scope, area_id = node
        return self.names.get(area_id, "") if scope is not AreaScope.TOTAL else ""

    def equations(self) -> list[tuple[Node, list[Node]]]:
        """The region adds up its municipalities; a municipality its places and remainder."""
        result = [(TOTAL, [(AreaScope.MUNICIPALITY, m) for m in self.municipalities])]
        for municipality in self.municipalities:
            if self.places[municipality]:
                parts: list[Node] = [(AreaScope.PLACE, p) for p in self.places[municipality]]
                parts.append((AreaScope.DIRECT, municipality))
                result.append(((AreaScope.MUNICIPALITY, municipality), parts))
        return result
