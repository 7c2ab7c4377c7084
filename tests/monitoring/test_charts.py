"""Charts are valid SVG, carry every number as text and tell series apart without colour."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from maatwerk.monitoring.charts import Point, bar_chart, line_chart

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314  (our own chart, not untrusted input)


def texts(svg: str) -> list[str]:
    root = parse(svg)
    return ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]


def test_bar_chart():
    svg = str(
        bar_chart(
            "Plannen <per> gemeente",
            ["Stadskanaal", "Veendam & co", "Pekela"],
            ["Gezin", "Professional"],
            [
                [Point(12.5, "12,5"), Point(3, "3")],
                [Point(None, "< 10"), Point(None, "< 10")],
                [Point(-1.5, "-1,5"), Point(40, "40")],
            ],
        )
    )
    root = parse(svg)  # well-formed, escaped
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    assert root.find(f"{SVG}title").text == "Plannen <per> gemeente"
    words = texts(svg)
    for expected in ("12,5", "3", "< 10", "-1,5", "40", "Veendam & co", "Gezin", "Professional"):
        assert expected in words
    assert "style=" not in svg  # presentation attributes only (CSP)
    assert f"{SVG}pattern" in {e.tag for e in root.iter()}  # the second series is hatched
    bars = [r for r in root.iter(f"{SVG}rect") if r.get("height") == "13.0"]
    assert len(bars) == 4  # suppressed figures draw no bar


def test_line_chart():
    svg = str(
        line_chart(
            "Per jaar",
            [2022, 2023, 2024],
            ["Bij intake", "Bij evaluatie"],
            [
                [Point(3.1, "3,1"), Point(None, "< 10")],
                [Point(3.4, "3,4"), Point(3.9, "3,9")],
                [Point(None, "< 10"), Point(4.2, "4,2")],
            ],
        )
    )
    root = parse(svg)
    words = texts(svg)
    for expected in ("2022", "2024", "3,1", "3,4", "3,9", "4,2", "< 10", "Bij evaluatie"):
        assert expected in words
    dashed = [p for p in root.iter(f"{SVG}polyline") if p.get("stroke-dasharray")]
    assert dashed  # the second series is dashed, with square markers
    assert any(r.get("width") == "8" for r in root.iter(f"{SVG}rect"))
