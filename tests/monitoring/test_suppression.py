"""Small-cell protection: primary and complementary suppression, on tables and cubes."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from maatwerk.monitoring.suppression import (
    MIN_HOUSEHOLDS,
    Equation,
    leaks,
    small_cell_text,
    suppress,
)


def row(counts: list[int]) -> tuple[dict, list[Equation]]:
    """One row of cells with its total (the total is the sum)."""
    cells = {f"c{i}": n for i, n in enumerate(counts)}
    cells["total"] = sum(counts)
    return cells, [Equation("total", tuple(f"c{i}" for i in range(len(counts))))]


def test_primary_suppression_hides_cells_under_ten():
    cells, equations = row([12, 30, 15])
    assert suppress(cells, equations) == set()
    cells, equations = row([9, 30, 15, 22])
    hidden = suppress(cells, equations)
    assert "c0" in hidden


def test_a_single_hidden_cell_takes_the_smallest_other_cell_with_it():
    cells, equations = row([4, 30, 15, 22])
    assert suppress(cells, equations) == {"c0", "c2"}


def test_hidden_cells_together_must_not_be_small_when_the_total_shows():
    # 3 + 0 are hidden (two cells), but 3 could still be read off the total: hide 12 too.
    cells, equations = row([3, 0, 12, 40])
    hidden = suppress(cells, equations)
    assert {"c0", "c1", "c2"} <= hidden
    assert "c3" not in hidden


def test_a_hidden_total_needs_a_second_hidden_entry():
    # The total is hidden elsewhere (forced by a second equation); its parts must not give
    # it away: one of the parts goes too.
    cells = {"a": 12, "b": 15, "total": 27, "x": 3, "grand": 30}
    equations = [Equation("total", ("a", "b")), Equation("grand", ("total", "x"))]
    hidden = suppress(cells, equations)
    assert {"x", "total", "a"} <= hidden
    assert not leaks(hidden, equations)


def test_small_totals_hide_everything():
    cells, equations = row([2, 3])
    assert suppress(cells, equations) == {"c0", "c1", "total"}


def test_shown_text():
    assert small_cell_text() == "< 10"
    assert MIN_HOUSEHOLDS == 10


@st.composite
def grids(draw):
    """A table with row and column totals (and a grand total)."""
    rows = draw(st.integers(1, 5))
    cols = draw(st.integers(1, 5))
    values = draw(
        st.lists(
            st.lists(
                st.one_of(st.integers(0, 12), st.integers(10, 80)), min_size=cols, max_size=cols
            ),
            min_size=rows,
            max_size=rows,
        )
    )
    cells = {(r, c): values[r][c] for r in range(rows) for c in range(cols)}
    for r in range(rows):
        cells[(r, "T")] = sum(values[r])
    for c in range(cols):
        cells[("T", c)] = sum(values[r][c] for r in range(rows))
    cells[("T", "T")] = sum(sum(v) for v in values)
    equations = [Equation((r, "T"), tuple((r, c) for c in range(cols))) for r in range(rows)]
    equations += [Equation(("T", c), tuple((r, c) for r in range(rows))) for c in range(cols)]
    equations.append(Equation(("T", "T"), tuple((r, "T") for r in range(rows))))
    equations.append(Equation(("T", "T"), tuple(("T", c) for c in range(cols))))
    return cells, equations


@settings(max_examples=300, deadline=None)
@given(grids())
def test_no_row_or_column_with_a_total_ever_hides_exactly_one_cell(grid):
    cells, equations = grid
    hidden = suppress(cells, equations)
    # Every small cell is hidden ...
    assert all(key in hidden for key, count in cells.items() if count < MIN_HOUSEHOLDS)
    # ... and no total gives one away: an independent count per row and column.
    for equation in equations:
        entries = [equation.total, *equation.parts]
        assert sum(1 for e in entries if e in hidden) != 1
        if equation.total not in hidden:
            hidden_sum = sum(cells[p] for p in equation.parts if p in hidden)
            assert hidden_sum == 0 or hidden_sum >= MIN_HOUSEHOLDS
