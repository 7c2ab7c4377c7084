"""SVG diagrams and the markdown page generated from definitions."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

from workflows.diagram import render_svg
from workflows.docs import render_markdown, write_all

SVG = "{http://www.w3.org/2000/svg}"


def _parse(svg: str) -> ET.Element:
    """Parse an SVG this package generated (trusted input, so the stdlib parser is fine)."""
    return ET.fromstring(svg)  # noqa: S314


def test_svg_is_deterministic_and_well_formed(definitions) -> None:
    """Same input, byte-identical output; every SVG parses and has a title and description."""
    for definition in definitions:
        svg = render_svg(definition)
        assert svg == render_svg(definition)
        root = _parse(svg)
        assert root.get("role") == "img"
        assert definition.title in root.find(f"{SVG}title").text
        desc = root.find(f"{SVG}desc").text
        assert all(spec.trigger in desc for spec in definition.transitions)


def test_svg_shows_every_state_and_trigger(definitions) -> None:
    """Every state and every trigger appears as text; final states are double-bordered."""
    for definition in definitions:
        root = _parse(render_svg(definition))
        texts = [t.text for t in root.iter(f"{SVG}text")]
        for state in definition.states:
            assert state.replace("_", " ") in texts
        labels = " / ".join(texts)
        assert all(spec.trigger in labels for spec in definition.transitions)
        inner = [r for r in root.iter(f"{SVG}rect") if r.get("rx") == "9"]
        assert len(inner) == len(definition.final)


def test_text_is_escaped(definitions) -> None:
    """Titles with markup characters still give valid XML."""
    goal = next(d for d in definitions if d.name == "goal")
    svg = render_svg(replace(goal, title='Goals & <"wishes">'))
    assert "Goals &amp; &lt;" in svg
    _parse(svg)


def test_markdown_lists_every_trigger_with_guard_messages(definitions) -> None:
    """The page has a section, image link and table row per definition and trigger."""
    page = render_markdown(definitions)
    for definition in definitions:
        assert f"(workflows/{definition.name}-v{definition.version}.svg)" in page
        assert f"## {definition.title}" in page
        for spec in definition.transitions:
            assert f"| `{spec.trigger}` |" in page
        for message in definition.guard_messages.values():
            assert message in page


def test_write_all_writes_and_prunes(tmp_path: Path, definitions) -> None:
    """write_all writes the page and one SVG per definition, removing stale SVGs."""
    (tmp_path / "workflows").mkdir()
    (tmp_path / "workflows" / "old-v9.svg").write_text("<svg/>")
    write_all(tmp_path, definitions)
    names = sorted(p.name for p in (tmp_path / "workflows").iterdir())
    assert names == sorted(f"{d.name}-v{d.version}.svg" for d in definitions)
    assert (tmp_path / "workflows.md").read_text().startswith("# Workflows")
