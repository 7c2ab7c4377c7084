"""The generated workflow documentation: a markdown page and one SVG per definition."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from workflows.definition import SUBJECTS, Definition, TransitionSpec, load_definitions
from workflows.diagram import ANY, render_svg

HEADER = """\
# Workflows

<!-- Generated from workflows/definitions/*.toml by `maatwerk workflows draw`. Do not edit. -->

Every workflow is data: a TOML file in `workflows/definitions/` with its states, its
transition table, the roles that may fire each trigger and the guards that must hold.
A plan records which definition and version it follows. Roles: `family` (a member of the
household), `coordinator` (the plan's coordinator), `team` (any team member), `manager`
(a manager of an organisation the barrier is escalated to), `programme` (the programme
team) and `system` (the application itself, e.g. when consent is withdrawn).
"""


def _ordered(definitions: Iterable[Definition]) -> list[Definition]:
    """Sort definitions by subject (in design order), then name and version."""
    return sorted(definitions, key=lambda d: (SUBJECTS.index(d.subject), d.name, d.version))


def _cell(text: str) -> str:
    """Escape text for a markdown table cell."""
    return text.replace("|", "\\|").replace("\n", " ")


def _row(definition: Definition, spec: TransitionSpec) -> str:
    """Return one table row describing a transition."""
    source = ANY if spec.any_source else ", ".join(f"`{s}`" for s in spec.sources)
    guards = "<br>".join(
        f"`{g}`: {_cell(definition.guard_messages.get(g, ''))}" for g in spec.guards
    )
    cells = [
        f"`{spec.trigger}`",
        f"{source} → `{spec.dest}`",
        ", ".join(spec.roles),
        guards or "—",
        "yes" if spec.reason_required else "no",
        ", ".join(f"`{e}`" for e in spec.effects) or "—",
    ]
    return "| " + " | ".join(cells) + " |"


def render_definition(definition: Definition) -> str:
    """Return the markdown section of one definition."""
    d = definition
    lines = [
        f"## {_cell(d.title)}",
        "",
        d.description.strip(),
        "",
        f"Definition `{d.name}` version {d.version} (file `{d.source}`), subject `{d.subject}`. "
        f"Initial state `{d.initial}`; final states {', '.join(f'`{s}`' for s in d.final)}.",
        "",
        f"![State diagram of {_cell(d.title)}](workflows/{d.slug}.svg)",
        "",
        "| Trigger | From → to | Who | Guards | Reason required | Effects |",
        "|---|---|---|---|---|---|",
        *(_row(d, spec) for spec in d.transitions),
    ]
    return "\n".join(lines) + "\n"


def render_markdown(definitions: Iterable[Definition]) -> str:
    """Return the whole workflows page for the given definitions."""
    sections = [render_definition(d) for d in _ordered(definitions)]
    return "\n".join([HEADER, *sections])


def render_all(definitions: Iterable[Definition]) -> dict[str, str]:
    """Return every generated file as {path relative to the docs dir: content}."""
    definitions = _ordered(definitions)
    files = {f"workflows/{d.slug}.svg": render_svg(d) for d in definitions}
    files["workflows.md"] = render_markdown(definitions)
    return files


def write_all(out_dir: Path, definitions: Iterable[Definition] | None = None) -> list[Path]:
    """Write out_dir/workflows/*.svg and out_dir/workflows.md; remove stale SVGs."""
    files = render_all(load_definitions() if definitions is None else definitions)
    (out_dir / "workflows").mkdir(parents=True, exist_ok=True)
    for stale in sorted((out_dir / "workflows").glob("*.svg")):
        if f"workflows/{stale.name}" not in files:
            stale.unlink()
    written = []
    for relative, content in files.items():
        path = out_dir / relative
        path.write_text(content, encoding="utf-8", newline="\n")
        written.append(path)
    return written
