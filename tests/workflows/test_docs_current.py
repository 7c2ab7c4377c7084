"""The committed workflow diagrams and docs/workflows.md match the definitions."""

from __future__ import annotations

from pathlib import Path

from workflows import load_definitions
from workflows.docs import render_all

DOCS = Path(__file__).resolve().parents[2] / "docs"
HINT = "run `maatwerk workflows draw` and commit the result"


def test_generated_docs_are_current() -> None:
    """Every generated file exists with the current content, and no stale SVG remains."""
    expected = render_all(load_definitions())
    for relative, content in expected.items():
        path = DOCS / relative
        assert path.is_file(), f"{relative} is missing: {HINT}"
        assert path.read_text(encoding="utf-8") == content, f"{relative} is out of date: {HINT}"
    committed = {f"workflows/{p.name}" for p in (DOCS / "workflows").glob("*.svg")}
    stale = committed - set(expected)
    assert not stale, f"stale diagrams {sorted(stale)}: {HINT}"
