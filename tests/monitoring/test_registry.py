"""Every operational goal has indicators and every indicator is written down."""

from __future__ import annotations

from pathlib import Path

from maatwerk.demo.programme import OPERATIONAL_GOALS
from maatwerk.monitoring.indicators import INDICATORS
from maatwerk.monitoring.registry import GOAL_INDICATORS, goals_of
from maatwerk.monitoring.statements import STATEMENTS

DOCS = Path(__file__).resolve().parents[2] / "docs" / "indicators.md"


def test_every_goal_of_the_catalogue_has_an_indicator():
    for goal in OPERATIONAL_GOALS:
        assert GOAL_INDICATORS.get(goal.code), goal.code
    for refs in GOAL_INDICATORS.values():
        for ref in refs:
            assert ref.key in INDICATORS
            if ref.domain is not None:
                assert INDICATORS[ref.key].domain is not None


def test_every_indicator_measures_a_goal_and_is_defined_in_the_docs():
    text = DOCS.read_text(encoding="utf-8")
    for key, indicator in INDICATORS.items():
        assert goals_of(key), key
        if indicator.statement:
            assert f"| {indicator.statement} |" in text, key
        else:
            assert f"### {key}" in text or f", {key}" in text, key


def test_statement_keys_of_the_demo_are_kept():
    from maatwerk.demo.programme import SURVEY_STATEMENTS

    mine = {s.key: s.goal_code for s in STATEMENTS}
    for key, (code, _text) in SURVEY_STATEMENTS.items():
        assert mine[key] == code


def test_every_indicator_has_a_query():
    from sqlalchemy import Select

    from maatwerk.monitoring.periods import Period

    for key, indicator in INDICATORS.items():
        assert isinstance(indicator.facts(Period.of(2024, None)), Select), key
