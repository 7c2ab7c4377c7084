"""Recall per identifier kind and innocent-text removal, computed from recorded spans."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from maatwerk.anonymisation import ScrubResult, scrub
from tests.anonymisation.corpus import REFERENCE_DATE, Doc


@dataclass
class Report:
    found: Counter = field(default_factory=Counter)
    total: Counter = field(default_factory=Counter)
    typed: Counter = field(default_factory=Counter)  # found with the matching placeholder
    innocent_chars: int = 0
    innocent_removed: int = 0
    false_positives: Counter = field(default_factory=Counter)
    misses: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    digit_leaks: list[str] = field(default_factory=list)
    keep_lost: list[str] = field(default_factory=list)

    def recall(self, kind: str) -> float:
        return self.found[kind] / self.total[kind] if self.total[kind] else 1.0

    @property
    def innocent_ratio(self) -> float:
        return self.innocent_removed / self.innocent_chars if self.innocent_chars else 0.0

    def table(self) -> str:
        lines = [f"{'kind':<15}{'found':>7}{'total':>7}{'recall':>9}{'typed':>8}"]
        for kind in sorted(self.total):
            lines.append(
                f"{kind:<15}{self.found[kind]:>7}{self.total[kind]:>7}"
                f"{self.recall(kind):>9.4f}{self.typed[kind] / self.total[kind]:>8.2f}"
            )
        found, total = sum(self.found.values()), sum(self.total.values())
        lines.append(f"{'all':<15}{found:>7}{total:>7}{found / total:>9.4f}")
        lines.append(
            f"innocent text removed: {self.innocent_removed}/{self.innocent_chars} characters"
            f" = {self.innocent_ratio:.2%}"
        )
        common = ", ".join(f"{t!r} x{n}" for t, n in self.false_positives.most_common(15))
        lines.append(f"most common false positives: {common or '-'}")
        return "\n".join(lines)


def evaluate(docs: list[Doc]) -> Report:
    report = Report()
    for doc in docs:
        result = scrub(doc.text, known_names=doc.known_names, reference_date=REFERENCE_DATE)
        _score(doc, result, report)
    return report


def _score(doc: Doc, result: ScrubResult, report: Report) -> None:
    covered = [None] * len(doc.text)
    for r in result.replacements:
        for i in range(r.start, r.end):
            covered[i] = r.kind
    identifier = [False] * len(doc.text)
    for span in doc.spans:
        report.total[span.kind] += 1
        chars = [i for i in range(span.start, span.end) if doc.text[i].isalnum()]
        value = doc.text[span.start : span.end]
        for i in range(span.start, span.end):
            identifier[i] = True
        if all(covered[i] for i in chars):
            report.found[span.kind] += 1
            kinds = {covered[i] for i in chars}
            if span.kind in kinds:
                report.typed[span.kind] += 1
        else:
            report.misses[span.kind].append(value)
        # No stretch of an identifier left uncovered may hold four or more digits.
        stretch = ""
        for i in range(span.start, span.end):
            if covered[i]:
                stretch = ""
                continue
            stretch += doc.text[i]
            if sum(c.isdigit() for c in stretch) >= 4:
                report.digit_leaks.append(value)
                break
    for r in result.replacements:
        removed = [i for i in range(r.start, r.end) if not identifier[i]]
        innocent_text = "".join(doc.text[i] for i in removed).strip(" ,.;:()'\u2019-\n")
        if innocent_text:
            report.false_positives[innocent_text] += 1
    for i, ch in enumerate(doc.text):
        if not identifier[i] and not ch.isspace():
            report.innocent_chars += 1
            if covered[i]:
                report.innocent_removed += 1
    for phrase in doc.keep:
        if not re.search(re.escape(phrase), result.text):
            report.keep_lost.append(phrase)
