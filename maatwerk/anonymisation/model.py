"""Result types of the scrubber."""

from __future__ import annotations

from dataclasses import dataclass, field

# Kinds of replaced text, in order of precedence when two detections of equal length overlap.
KINDS = (
    "e-mail",
    "iban",
    "bsn",
    "telefoon",
    "postcode",
    "kenteken",
    "geboortedatum",
    "adres",
    "school",
    "plaats",
    "naam",
    "bedrag",
    "nummer",
)


def placeholder(kind: str) -> str:
    """The text that replaces an identifier of this kind: "naam" -> "[naam]"."""
    return f"[{kind}]"


@dataclass(frozen=True, slots=True)
class Replacement:
    """One replaced stretch of the ORIGINAL text: ``original[start:end]`` became ``[kind]``."""

    kind: str
    start: int
    end: int

    @property
    def placeholder(self) -> str:
        return placeholder(self.kind)


@dataclass(frozen=True, slots=True)
class ScrubResult:
    """The scrubbed text and what was replaced (offsets into the original, in text order)."""

    text: str
    replacements: list[Replacement] = field(default_factory=list)

    def count(self, kind: str) -> int:
        return sum(1 for r in self.replacements if r.kind == kind)


@dataclass(frozen=True, slots=True)
class Detection:
    """A candidate span found by one detector, before overlapping spans are merged."""

    kind: str
    start: int
    end: int

    @property
    def length(self) -> int:
        return self.end - self.start
