"""Anonymisation for lerend evalueren (DESIGN §6): the free-text scrubber."""

from maatwerk.anonymisation.model import KINDS, Replacement, ScrubResult, placeholder
from maatwerk.anonymisation.scrubber import scrub

__all__ = ["KINDS", "Replacement", "ScrubResult", "placeholder", "scrub"]
